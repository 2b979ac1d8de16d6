/**
 * The production rules in the repository: every collection the functions use has database rules
 * (clients read only published issues and write nothing), and storage keeps uploaded drafts
 * unreadable by clients. The collections are found by reading the functions' source, so a new
 * collection without a rule fails here.
 */
import { readdirSync, readFileSync, statSync } from 'fs'
import path from 'path'

const ROOT = path.resolve(__dirname, '../..')
const LIB = path.join(ROOT, 'cloudfunctions/lib')

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name)
    if (statSync(file).isDirectory()) return sources(file)
    return name.endsWith('.ts') ? [file] : []
  })

/** Every collection name the functions' code opens, literal or through a string constant. */
function collectionsInCode(): { names: Set<string>; unresolved: string[] } {
  const texts = sources(LIB).map((f) => readFileSync(f, 'utf8'))
  const constants = new Map<string, string>()
  for (const text of texts)
    for (const m of text.matchAll(/\bconst\s+([A-Z][A-Z0-9_]*)\s*=\s*'([^']+)'/g))
      constants.set(m[1], m[2])
  const names = new Set<string>()
  const unresolved: string[] = []
  for (const text of texts)
    for (const m of text.matchAll(
      /\.collection(?:<[^>]*>)?\(\s*('([^']+)'|[A-Za-z_][\w.]*)\s*\)/g,
    )) {
      if (m[2]) names.add(m[2])
      else if (constants.has(m[1])) names.add(constants.get(m[1])!)
      else if (m[1] !== 'name') unresolved.push(m[1])
    }
  return { names, unresolved }
}

const rules = JSON.parse(
  readFileSync(path.join(ROOT, 'cloudfunctions/database-rules.json'), 'utf8'),
) as Record<string, { read: unknown; write: unknown }>

describe('database rules', () => {
  const { names, unresolved } = collectionsInCode()

  it('are found for the collections the functions use (the scan sees them all)', () => {
    expect(unresolved).toEqual([])
    for (const known of ['issues', 'articles', 'admins', 'grants', 'jobs', 'audit', 'qrcodes'])
      expect(names).toContain(known)
  })

  it('cover every collection the functions use', () => {
    const missing = [...names].filter((name) => !(name in rules))
    expect(missing).toEqual([])
  })

  it('let clients read only published issues and write nothing', () => {
    for (const [name, rule] of Object.entries(rules)) {
      expect(rule.write).toBe(false)
      if (name === 'issues') expect(rule.read).toBe('doc.published == true')
      else expect(rule.read).toBe(false)
    }
  })
})

describe('storage rules', () => {
  const storage = JSON.parse(
    readFileSync(path.join(ROOT, 'cloudfunctions/storage-rules.json'), 'utf8'),
  ) as { read: unknown; write: unknown }

  /** A rule evaluated as its JavaScript-like expression over `auth` and `resource`. */
  const allows = (rule: unknown, filePath: string, openid: string | null): boolean =>
    typeof rule === 'boolean'
      ? rule
      : (new Function('auth', 'resource', `return (${String(rule)})`)(
          openid === null ? null : { openid },
          { path: filePath, openid: 'editor' },
        ) as boolean)

  it('keep uploaded drafts unreadable by clients, their uploader included', () => {
    for (const who of ['editor', 'reader', null])
      expect(allows(storage.read, 'uploads/0123456789abcdef0123456789abcdef-issue.docx', who)).toBe(
        false,
      )
  })

  it('let clients read the QR codes the posters show', () => {
    expect(allows(storage.read, 'qrcodes/1a7s.3.png', 'reader')).toBe(true)
  })

  it('let signed-in clients write only under uploads/', () => {
    expect(allows(storage.write, 'uploads/x-issue.txt', 'editor')).toBe(true)
    expect(allows(storage.write, 'uploads/x-issue.txt', null)).toBe(false)
    expect(allows(storage.write, 'qrcodes/1a7s.3.png', 'editor')).toBe(false)
    expect(allows(storage.write, 'x/uploads/issue.txt', 'editor')).toBe(false)
  })

  it('are written only with what CloudBase documents for storage rules', () => {
    // docs.cloudbase.net/storage/security-rules: `auth`, `resource.openid`/`resource.path`,
    // comparisons, && / ||, and a regex literal's `test` compared explicitly with true or false.
    for (const rule of [storage.read, storage.write]) {
      if (typeof rule === 'boolean') continue
      const rest = String(rule)
        .replace(/\/(?:\\.|[^/\\])+\/\.test\(resource\.path\) == (?:true|false)/g, 'R')
        .replace(/\b(?:auth(?:\.openid|\.uid|\.loginType)?|resource\.(?:openid|path)|null)\b/g, 'V')
      expect(rest).toMatch(/^(?:[VR]|\s|==|!=|&&|\|\|)+$/)
    }
  })
})
