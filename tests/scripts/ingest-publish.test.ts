import { spawn, spawnSync } from 'child_process'
import { mkdtempSync, writeFileSync } from 'fs'
import os from 'os'
import path from 'path'
import { MAX_BODY_BYTES } from '@core/api/response'
import { renderIssueText } from '@core/issue-text/render'
import { contentFunction } from '../../cloudfunctions/lib/content/handlers'
import { EmbeddedDatabase } from '../../server/store/embedded-database'
import { anonymous, sampleParsed } from '../fixtures/published-store'
import { SAMPLE_ISSUE_PATH } from '../fixtures/sample-issue'
import { LARGE_ISSUE_ROUNDS, largeIssueText } from '../fixtures/content'

const ROOT = path.resolve(__dirname, '../..')
// node itself with the tsx loader (not the tsx wrapper), so a kill reaches the process that writes.
const NODE_TSX = ['--import', 'tsx']

/** What a reader sees of issue 280 in the store under `dir`, read by a fresh process's view. */
async function readerView(dir: string) {
  const db = new EmbeddedDatabase(dir)
  try {
    return await titlesOf(db)
  } finally {
    await db.close()
  }
}

async function titlesOf(db: EmbeddedDatabase) {
  const issue = await contentFunction({ action: 'issues.get', id: 'i280' }, anonymous, { db })
  if (!issue.ok) return null
  const titles: string[] = []
  for (const section of (issue.data as { sections: { articles: { id: string }[] }[] }).sections) {
    for (const { id } of section.articles) {
      const a = await contentFunction({ action: 'articles.get', id }, anonymous, { db })
      titles.push(a.ok ? (a.data as { article: { title: string } }).article.title : `MISSING ${id}`)
    }
  }
  return titles
}

describe('npm run ingest -- FILE --publish', () => {
  it('publishes into DATA_DIR and replaces an issue with the same number', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'publish-'))
    const run = (file: string) =>
      spawnSync('npm', ['run', '--silent', 'ingest', '--', file, '--publish'], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, DATA_DIR: dir },
      })
    const first = run(SAMPLE_ISSUE_PATH)
    expect(first.status).toBe(0)
    expect(first.stderr).toContain('published i280: 10 articles')
    const corrected = sampleParsed()
    corrected.articles[0].title = '更正：多地布局低空经济先行区'
    const file = path.join(dir, 'corrected.txt')
    writeFileSync(file, renderIssueText(corrected.issue, corrected.articles))
    const second = run(file)
    expect(second.stderr).toContain('replacing the earlier version')
    expect((await readerView(dir))?.[0]).toBe('更正：多地布局低空经济先行区')
  })

  it('publishes an issue whose parse is far over the 100 KB request limit', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'publish-large-'))
    const file = path.join(dir, 'large.txt')
    writeFileSync(file, largeIssueText())
    const dry = spawnSync('npm', ['run', '--silent', 'ingest', '--', '--dry-run', '--json', file], {
      cwd: ROOT,
      encoding: 'utf8',
    })
    expect(Buffer.byteLength(dry.stdout)).toBeGreaterThan(MAX_BODY_BYTES)
    const run = spawnSync('npm', ['run', '--silent', 'ingest', '--', file, '--publish'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, DATA_DIR: dir },
    })
    expect(run.stderr).toContain(`published i280: ${10 * LARGE_ISSUE_ROUNDS} articles`)
    expect(run.status).toBe(0)
    const db = new EmbeddedDatabase(dir)
    const last = await contentFunction(
      { action: 'articles.get', id: `i280-${10 * LARGE_ISSUE_ROUNDS}` },
      anonymous,
      { db },
    )
    await db.close()
    expect(last.ok && (last.data as { article: { title: string } }).article.title).toMatch(
      new RegExp(`（${LARGE_ISSUE_ROUNDS}）$`),
    )
  })

  it('is atomic for readers when killed midway: the old issue or the whole new one', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'publish-kill-'))
    spawnSync(
      process.execPath,
      [...NODE_TSX, 'scripts/ingest.ts', SAMPLE_ISSUE_PATH, '--publish'],
      { cwd: ROOT, env: { ...process.env, DATA_DIR: dir } },
    )
    const before = await readerView(dir)
    expect(before).toHaveLength(10)

    const corrected = sampleParsed()
    corrected.articles = corrected.articles.map((a) => ({ ...a, title: `${a.title}（修订）` }))
    const file = path.join(dir, 'revised.txt')
    writeFileSync(file, renderIssueText(corrected.issue, corrected.articles))
    const after = corrected.articles.map((a) => a.title)

    const seen = new Set<string>()
    // 12 writes of 40 ms each (each also flushed to disk): kills land before, between and after
    // the switch, the last ones late enough for a busy machine.
    for (const killAfterMs of [20, 150, 300, 430, 470, 520, 700, 1000, 1500]) {
      const child = spawn(process.execPath, [...NODE_TSX, 'scripts/ingest.ts', file, '--publish'], {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: dir, LOCAL_STORE_WRITE_DELAY_MS: '40' },
        stdio: ['ignore', 'ignore', 'pipe'],
      })
      await new Promise<void>((resolve) => {
        child.stderr.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('publishing i280'))
            setTimeout(() => child.kill('SIGKILL'), killAfterMs)
        })
        child.on('exit', () => resolve())
      })
      const view = await readerView(dir)
      expect([JSON.stringify(before), JSON.stringify(after)]).toContain(JSON.stringify(view))
      seen.add(JSON.stringify(view) === JSON.stringify(after) ? 'new' : 'old')
      // Back to the old state so the next kill starts from it.
      spawnSync(
        process.execPath,
        [...NODE_TSX, 'scripts/ingest.ts', SAMPLE_ISSUE_PATH, '--publish'],
        { cwd: ROOT, env: { ...process.env, DATA_DIR: dir } },
      )
    }
    // The kills really did land on both sides of the switch.
    expect([...seen].sort()).toEqual(['new', 'old'])
  }, 120000)
})
