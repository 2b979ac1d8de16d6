import { contentFunction } from '../../cloudfunctions/lib/content/handlers'
import { loadDemoIssues } from '../../server/demo'
import { EmbeddedDatabase } from '../../server/store/embedded-database'
import { publishIssue } from '../../cloudfunctions/lib/publishing/publish-issue'
import { anonymous, demoParsed, sampleParsed } from '../fixtures/published-store'

describe('demo issues', () => {
  it('parse without warnings and cover at least five regions and every format feature', () => {
    const demos = demoParsed()
    expect(demos.length).toBeGreaterThanOrEqual(3)
    for (const d of demos) expect(d.warnings).toEqual([])
    const articles = demos.flatMap((d) => d.articles)
    expect(new Set(articles.map((a) => a.region)).size).toBeGreaterThanOrEqual(5)
    expect(articles.some((a) => a.tocTitle)).toBe(true)
    expect(articles.some((a) => a.sources.length > 1)).toBe(true)
    expect(articles.some((a) => a.blocks.some((b) => b.type === 'heading'))).toBe(true)
    expect(articles.some((a) => a.blocks.some((b) => b.bold.length > 0))).toBe(true)
    expect(articles.some((a) => a.blocks.some((b) => /^【.+?】/.test(b.text)))).toBe(true)
  })

  it('are loaded into an empty store', async () => {
    const db = new EmbeddedDatabase(null)
    expect(await loadDemoIssues(db, new Date())).toBe(3)
    const list = await contentFunction({ action: 'issues.list' }, anonymous, { db })
    expect(list.ok && (list.data as { items: unknown[] }).items).toHaveLength(3)
  })

  it('leave a store that already has issues as it is', async () => {
    const db = new EmbeddedDatabase(null)
    await publishIssue(db, sampleParsed(), new Date())
    expect(await loadDemoIssues(db, new Date())).toBe(0)
    expect((await db.collection('issues').count()).total).toBe(1)
  })
})
