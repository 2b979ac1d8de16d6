import { spawnSync } from 'child_process'
import { mkdtempSync, readFileSync, rmSync } from 'fs'
import os from 'os'
import path from 'path'

import { publishIssue } from '../../cloudfunctions/lib/publishing/publish-issue'
import { EmbeddedDatabase } from '../../server/store/embedded-database'
import { sampleParsed } from '../fixtures/published-store'
import { decodeQr, landingOf } from '../fixtures/qr'

const ROOT = path.resolve(__dirname, '../..')

const qrcode = (dataDir: string, ...args: string[]) =>
  spawnSync('npm', ['run', '--silent', 'qrcode', '--', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: dataDir },
  })

describe('npm run qrcode -- --issue N --out FILE.png', () => {
  let dataDir = ''

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'qrcode-cli-'))
    const db = new EmbeddedDatabase(dataDir)
    await publishIssue(db, sampleParsed(), new Date())
    await db.close()
  })

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('writes a PNG whose code opens the issue', () => {
    const out = path.join(dataDir, 'issue-280.png')
    const first = qrcode(dataDir, '--issue', '280', '--out', out)
    expect(first.status).toBe(0)
    expect(first.stdout).toContain('opens packages/reader/issue/index (scene 1i7s)')
    const payload = decodeQr(readFileSync(out))
    expect(payload).toBe('packages/reader/issue/index?scene=1i7s')
    expect(landingOf(payload!)).toEqual({
      kind: 'issue',
      issueId: 'i280',
    })
  }, 60_000)

  it('makes an article’s code with --article', () => {
    const out = path.join(dataDir, 'article.png')
    expect(qrcode(dataDir, '--article', 'i280-03', '--out', out).status).toBe(0)
    expect(decodeQr(readFileSync(out))).toBe('packages/reader/article/index?scene=1a7s.3')
  }, 60_000)

  it('refuses an issue that is not published, or no --out, in one line', () => {
    for (const args of [
      ['--issue', '281', '--out', path.join(dataDir, 'x.png')],
      ['--issue', '280'],
    ]) {
      const r = qrcode(dataDir, ...args)
      expect(r.status).toBe(2)
      expect(r.stderr.replace(/^npm warn .*\n/gm, '').trim()).toMatch(/^error: [^\n]+$/)
    }
  }, 60_000)
})
