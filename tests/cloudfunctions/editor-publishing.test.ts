import { publishFunction } from '../../cloudfunctions/lib/publishing/handlers'
import { contentFunction } from '../../cloudfunctions/lib/content/handlers'
import { allowlist } from '../../cloudfunctions/lib/ports/admins'
import { EmbeddedDatabase } from '../../server/store/embedded-database'
import { renderIssueText } from '@core/issue-text/render'
import { parseIssueText, type ParsedIssue } from '@core/index'
import type { PreviewResult } from '@core/api/publish'
import { anonymous, sampleParsed } from '../fixtures/published-store'
import { readSampleIssue } from '../fixtures/sample-issue'
import { mkdtempSync, readFileSync } from 'fs'
import os from 'os'
import path from 'path'
import { LocalFileStorage } from '../../server/stand-ins/wxacode-api'

const admins = allowlist(['editor-1'])
let t = Date.parse('2024-03-28T08:00:00Z')
const as = (openid: string | null) => ({ openid, now: () => new Date((t += 1000)) })
let db: EmbeddedDatabase
beforeEach(() => {
  db = new EmbeddedDatabase(null)
})

async function call<T>(event: object, openid: string | null = 'editor-1'): Promise<T> {
  const r = await publishFunction(event, as(openid), { db, admins })
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
  return r.data as T
}
const publish = (p: ParsedIssue) =>
  call<{ jobCreated: boolean; replaced: boolean }>({
    action: 'issues.publish',
    parsed: { issue: p.issue, articles: p.articles },
  })

/** A correction: one title fixed, one article inserted second, the rest unchanged. */
function corrected(): ParsedIssue {
  const p = sampleParsed()
  const inserted = {
    ...p.articles[1],
    title: '上海发布数据要素市场建设三年行动',
    tocTitle: undefined,
  }
  const articles = [p.articles[0], inserted, ...p.articles.slice(1)]
  articles[5] = { ...articles[5], title: '以场景开放打造人工智能的“试验田”' }
  return {
    ...p,
    articles: articles.map((a, i) => ({
      ...a,
      position: i + 1,
      id: `i280-${String(i + 1).padStart(2, '0')}`,
    })),
  }
}

describe('editor publishing', () => {
  it('previews a pasted issue: masthead, contents, warnings, and what a replacement keeps', async () => {
    const fresh = await call<{ parsed: ParsedIssue; existing: unknown; added: number }>({
      action: 'issues.preview',
      text: readSampleIssue(),
    })
    expect(fresh.parsed.articles).toHaveLength(10)
    expect(fresh.parsed.issue.totalNumber).toBe(280)
    expect(fresh).toMatchObject({ existing: null, added: 10 })
    await publish(sampleParsed())
    const c = corrected()
    const again = await call<{ existing: unknown; kept: number; added: number }>({
      action: 'issues.preview',
      text: renderIssueText(c.issue, c.articles),
    })
    expect(again).toMatchObject({
      existing: { published: true, articleCount: 10 },
      kept: 10,
      added: 1,
    })
  })

  it('previews an uploaded file by its file id, and refuses one that is not an issue file', async () => {
    const storage = new LocalFileStorage(mkdtempSync(path.join(os.tmpdir(), 'uploads-')))
    const deps = { db, admins, storage }
    const { fileID } = await storage.upload('uploads/issue.txt', Buffer.from(readSampleIssue()))
    const r = await publishFunction(
      { action: 'issues.preview', fileID, fileName: 'issue.txt' },
      as('editor-1'),
      deps,
    )
    expect(r.ok && r.data).toMatchObject({ format: 'text', added: 10 })
    const png = await storage.upload(
      'uploads/photo.png',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    )
    const bad = await publishFunction(
      { action: 'issues.preview', fileID: png.fileID, fileName: 'photo.png' },
      as('editor-1'),
      deps,
    )
    expect(!bad.ok && bad.error).toEqual({
      code: 'invalid_argument',
      message: expect.stringMatching(/^不是可识别的期刊文件：/),
    })
    const missing = await publishFunction(
      { action: 'issues.preview', fileID: 'cloud://local/uploads/none.txt' },
      as('editor-1'),
      deps,
    )
    expect(!missing.ok && missing.error.code).toBe('not_found')
    const both = await publishFunction(
      { action: 'issues.preview', fileID, text: 'x' },
      as('editor-1'),
      deps,
    )
    expect(!both.ok && both.error.code).toBe('invalid_argument')
  })

  it('publishes what was previewed, pasted text or an uploaded file, parsing it again on the server', async () => {
    const storage = new LocalFileStorage(mkdtempSync(path.join(os.tmpdir(), 'uploads-')))
    const deps = { db, admins, storage }
    const byText = await publishFunction(
      { action: 'issues.publish', text: readSampleIssue() },
      as('editor-1'),
      deps,
    )
    expect(byText.ok && byText.data).toMatchObject({
      issueId: 'i280',
      articleCount: 10,
      jobCreated: true,
    })
    const c = corrected()
    const { fileID } = await storage.upload(
      'uploads/corrected.txt',
      Buffer.from(renderIssueText(c.issue, c.articles)),
    )
    const byFile = await publishFunction(
      { action: 'issues.publish', fileID, fileName: 'corrected.txt' },
      as('editor-1'),
      deps,
    )
    expect(byFile.ok && byFile.data).toMatchObject({
      articleCount: 11,
      replaced: true,
      jobCreated: false,
    })
    const notIssue = await publishFunction(
      { action: 'issues.publish', text: '会议纪要：今天讨论了预算。' },
      as('editor-1'),
      deps,
    )
    expect(!notIssue.ok && notIssue.error.message).toMatch(/^不是可识别的期刊文件：/)
    for (const event of [
      { action: 'issues.publish' },
      { action: 'issues.publish', fileID, text: readSampleIssue() },
    ]) {
      const r = await publishFunction(event, as('editor-1'), deps)
      expect(!r.ok && r.error).toEqual({
        code: 'invalid_argument',
        message: 'give exactly one of parsed, text, fileID',
      })
    }
    const reader = await publishFunction(
      { action: 'issues.publish', text: readSampleIssue() },
      as('reader-a'),
      deps,
    )
    expect(!reader.ok && reader.error.code).toBe('permission_denied')
  })

  it('refuses, at preview already, an issue that reads but breaks the publishing limits', async () => {
    const p = sampleParsed()
    const long = p.articles[0].blocks.find((b) => b.type === 'paragraph')!
    long.text = '长'.repeat(24_000)
    long.bold = []
    const text = renderIssueText(p.issue, p.articles)
    for (const action of ['issues.preview', 'issues.publish']) {
      const r = await publishFunction({ action, text }, as('editor-1'), { db, admins })
      expect(!r.ok && r.error).toEqual({
        code: 'invalid_argument',
        message: expect.stringMatching(/^这一期超出了发布的限制：articles\.0\.blocks\.\d+\.text: /),
      })
    }
    expect((await db.collection('issues').count()).total).toBe(0)
  })

  it('says clearly when the text is not an issue', async () => {
    const r = await publishFunction(
      { action: 'issues.preview', text: '会议纪要：今天讨论了预算。' },
      as('editor-1'),
      { db, admins },
    )
    expect(!r.ok && r.error).toEqual({
      code: 'invalid_argument',
      message: expect.stringMatching(/^不是可识别的期刊文件：/),
    })
  })

  it('replaces with a corrected file: same ids for the same articles, no new notification job', async () => {
    expect((await publish(sampleParsed())).jobCreated).toBe(true)
    const second = await publish(corrected())
    expect(second).toMatchObject({ jobCreated: false, replaced: true })
    const issue = await contentFunction({ action: 'issues.get', id: 'i280' }, anonymous, { db })
    if (!issue.ok) throw new Error(issue.error.message)
    const ids = (
      issue.data as { sections: { articles: { id: string; title: string }[] }[] }
    ).sections.flatMap((s) => s.articles)
    expect(ids.map((a) => a.id)).toEqual([
      'i280-01',
      'i280-11',
      'i280-02',
      'i280-03',
      'i280-04',
      'i280-05',
      'i280-06',
      'i280-07',
      'i280-08',
      'i280-09',
      'i280-10',
    ])
    // A reader's favourite (i280-05) still opens the same, corrected article.
    const fav = await contentFunction({ action: 'articles.get', id: 'i280-05' }, anonymous, { db })
    expect(fav.ok && (fav.data as { article: { title: string } }).article.title).toBe(
      '以场景开放打造人工智能的“试验田”',
    )
    expect((await db.collection('jobs').count()).total).toBe(1)
  })

  it('keeps an audit log of who did what to which issue and when', async () => {
    await publish(sampleParsed())
    await publish(corrected())
    await call({ action: 'issues.unpublish', id: 'i280' })
    const { items } = await call<{
      items: { action: string; openid: string; issueId: string; at: string; detail: string }[]
    }>({ action: 'audit.list' })
    expect(items.map((e) => [e.action, e.openid, e.issueId])).toEqual([
      ['issues.unpublish', 'editor-1', 'i280'],
      ['issues.replace', 'editor-1', 'i280'],
      ['issues.publish', 'editor-1', 'i280'],
    ])
    expect(items[1].detail).toBe('11 articles (10 kept their ids, 1 new)')
    expect(items[0].at > items[1].at).toBe(true)
  })

  it('checks the editor on every action', async () => {
    const p = sampleParsed()
    const storage = { upload: jest.fn(), download: jest.fn() }
    for (const event of [
      { action: 'issues.preview', text: readSampleIssue() },
      {
        action: 'issues.preview',
        fileID: 'cloud://local/uploads/issue.docx',
        fileName: 'issue.docx',
      },
      { action: 'issues.publish', parsed: { issue: p.issue, articles: p.articles } },
      { action: 'issues.publish', text: readSampleIssue() },
      { action: 'issues.publish', fileID: 'cloud://local/uploads/issue.docx' },
      { action: 'issues.unpublish', id: 'i280' },
      { action: 'audit.list' },
    ]) {
      for (const who of [null, 'reader-1']) {
        const r = await publishFunction(event, as(who), { db, admins, storage })
        expect(!r.ok && r.error.code).toBe('permission_denied')
      }
    }
    expect(storage.download).not.toHaveBeenCalled()
    expect((await db.collection('audit').count()).total).toBe(0)
  })
})

describe('replacing a published issue', () => {
  /** A demo issue as the server parses it. */
  const demo = (): ParsedIssue => {
    const r = parseIssueText(
      readFileSync(path.join(__dirname, '../../demo/issues/279.txt'), 'utf8'),
    )
    if (!r.ok) throw new Error(r.error.message)
    return r.data
  }

  it('previews the difference by title: kept, retitled, added and every article the file drops', async () => {
    const p = demo()
    await publish(p)
    const [first, second, ...rest] = p.articles
    const shorter = [
      first,
      { ...second, title: `${second.title}（修订）` },
      { ...second, title: '一篇新加入本期的文章标题', position: 3 },
    ]
    const r = await call<PreviewResult>({
      action: 'issues.preview',
      text: renderIssueText(p.issue, shorter),
    })
    expect(r.diff).not.toBeNull()
    const diff = r.diff!
    expect(diff.kept.map((a) => a.title)).toEqual([first.title])
    expect(diff.changed).toEqual([
      expect.objectContaining({ title: `${second.title}（修订）`, before: second.title }),
    ])
    expect(diff.added.map((a) => a.title)).toEqual(['一篇新加入本期的文章标题'])
    expect(diff.removed.map((a) => a.title)).toEqual(rest.map((a) => a.title))
    expect(diff.removed.map((a) => a.id)).toEqual(rest.map((a) => a.id))
  })

  it('has no difference for a first publish', async () => {
    const r = await call<PreviewResult>({
      action: 'issues.preview',
      text: renderIssueText(demo().issue, demo().articles),
    })
    expect(r.diff).toBeNull()
  })

  it('replaces only when the confirmed removal count is still what the replacement removes', async () => {
    const p = demo()
    await publish(p)
    const shorter = renderIssueText(p.issue, p.articles.slice(0, 2))
    const removing = p.articles.length - 2
    const count = async () => {
      const r = await contentFunction({ action: 'issues.get', id: p.issue.id }, anonymous, { db })
      return r.ok ? (r.data as { articleCount: number }).articleCount : -1
    }
    // A preview made before the issue changed, or a wrong count: refused, nothing changes.
    const stale = await publishFunction(
      { action: 'issues.publish', text: shorter, confirmRemoved: removing - 1 },
      as('editor-1'),
      { db, admins },
    )
    expect(stale).toMatchObject({ ok: false, error: { code: 'invalid_argument' } })
    expect(!stale.ok && stale.error.message).toContain(`会删除 ${removing} 篇`)
    expect(await count()).toBe(p.articles.length)
    await call({ action: 'issues.publish', text: shorter, confirmRemoved: removing })
    expect(await count()).toBe(2)
  })
})
