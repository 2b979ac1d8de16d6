/**
 * The `content` function's search over the demo issues and the search fixture issue: the judged
 * query set, what the answer says about the query, highlights, paging, and an index that stays
 * exact through publishing, replacing and unpublishing.
 */
import fc from 'fast-check'
import type { ContentResults, SearchHit } from '@core/api/content'
import { articleFields, matchesAll, normalize, parseQuery } from '../../core/search'
import type { ParsedIssue } from '../../core/types'
import { contentFunction } from '../../cloudfunctions/lib/content/handlers'
import { publishIssue, unpublishIssue } from '../../cloudfunctions/lib/publishing/publish-issue'
import { LOCAL_INDEXES } from '../../server/local-cloud'
import { EmbeddedDatabase } from '../../server/store/embedded-database'
import { JUDGED, judgedIssues } from '../../scripts/bench/search-judged'
import { anonymous } from '../fixtures/published-store'

async function storeWith(issues: ParsedIssue[], indexed = true): Promise<EmbeddedDatabase> {
  const db = new EmbeddedDatabase(null, indexed ? LOCAL_INDEXES : {})
  for (const issue of issues) await publishIssue(db, issue, new Date('2024-09-01T00:00:00Z'))
  return db
}

async function search(
  db: EmbeddedDatabase,
  event: Record<string, unknown>,
): Promise<ContentResults['search']> {
  const r = await contentFunction({ action: 'search', ...event }, anonymous, { db })
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
  return r.data as ContentResults['search']
}

/** Every hit, following nextCursor. */
async function allHits(db: EmbeddedDatabase, q: string, region?: string): Promise<SearchHit[]> {
  const out: SearchHit[] = []
  let cursor: string | undefined
  for (let guard = 0; guard < 50; guard++) {
    const page = await search(db, { q, region, cursor, limit: 20 })
    out.push(...page.items)
    if (!page.nextCursor) return out
    cursor = page.nextCursor
  }
  throw new Error('paging does not end')
}

describe('search over the demo issues and the search fixture', () => {
  let db: EmbeddedDatabase
  beforeAll(async () => {
    db = await storeWith(judgedIssues())
  })
  afterAll(() => db.close())

  it('has a judged set of at least 40 queries of every kind', () => {
    expect(JUDGED.length).toBeGreaterThanOrEqual(40)
    const kinds = new Set(JUDGED.map((j) => j.kind.split(' ')[0]))
    for (const kind of ['multi-word', 'punctuation', 'spacing', 'case', 'full-width'])
      expect(kinds).toContain(kind)
    for (const kind of ['traditional', 'synonym', 'source', 'region', 'one', 'no'])
      expect(kinds).toContain(kind)
  })

  it.each(JUDGED.map((j) => [j.q, j.kind, j] as const))(
    '%s (%s): the judged article first, the judged ones in the first five',
    async (_q, _kind, j) => {
      const { items, total } = await search(db, { q: j.q, limit: 5 })
      const ids = items.map((h) => h.id)
      if (j.first === null) {
        expect(ids).toEqual([])
        expect(total).toBe(0)
        return
      }
      expect(ids[0]).toBe(j.first)
      for (const id of j.top5) expect(ids).toContain(id)
    },
  )

  it('says how it read the query and which synonyms it searched as well', async () => {
    expect(await search(db, { q: '專精特新' })).toMatchObject({
      understood: '专精特新',
      synonyms: [],
    })
    expect(await search(db, { q: '发改委' })).toMatchObject({
      understood: null,
      synonyms: ['发展改革委', '发展和改革委员会'],
    })
  })

  it('highlights every query word in the title and the snippet', async () => {
    const { items } = await search(db, { q: '上海 碳足迹' })
    const [hit] = items
    expect(hit.id).toBe('i290-03')
    const marked = hit.snippetHits.map(([s, e]) => normalize(hit.snippet.slice(s, e)))
    expect(marked).toContain('碳足迹')
    expect(marked).toContain('上海')
    expect(hit.snippet.length).toBeLessThanOrEqual(120)
    const shanghai = items.find((h) => h.id === 'i290-02')!
    expect(shanghai.titleHits.map(([s, e]) => shanghai.title.slice(s, e))).toEqual(['上海'])
  })

  it('shows the excerpt for a match in the sources alone, and marks the title across spacing', async () => {
    const [source] = (await search(db, { q: '上海证券报' })).items
    expect(source.snippet).toBe(source.excerpt)
    expect(source.snippetHits).toEqual([])
    const [esg] = (await search(db, { q: 'ＥＳＧ能力' })).items
    expect(esg.titleHits.map(([s, e]) => esg.title.slice(s, e))).toEqual(['ESG 能力'])
  })

  it('filters by region and pages through the ranked list exactly once', async () => {
    const all = (await search(db, { q: '发展', limit: 20 })).items
    const paged = await allHits(db, '发展')
    expect(paged.map((h) => h.id)).toEqual(all.map((h) => h.id))
    expect((await search(db, { q: '发展' })).total).toBe(all.length)
    const sichuan = await allHits(db, '发展', '四川')
    expect(sichuan.length).toBeGreaterThan(0)
    expect(sichuan.every((h) => h.region === '四川')).toBe(true)
    expect(sichuan.map((h) => h.id)).toEqual(
      all.filter((h) => h.region === '四川').map((h) => h.id),
    )
  })

  it('treats regular-expression characters as text and punctuation alone as no query', async () => {
    expect((await search(db, { q: '.*' })).items).toEqual([])
    expect((await search(db, { q: '（）' })).total).toBe(0)
  })

  it('answers the same without the index (the store then scans)', async () => {
    const plain = await storeWith(judgedIssues(), false)
    for (const j of JUDGED) {
      const a = await search(db, { q: j.q, limit: 20 })
      const b = await search(plain, { q: j.q, limit: 20 })
      expect(b.items.map((h) => h.id)).toEqual(a.items.map((h) => h.id))
    }
    await plain.close()
  })
})

/** Issue `i` in version `v`: 1 renames the first article and rewrites its text, 2 drops the last. */
function version(base: ParsedIssue, v: number): ParsedIssue {
  const copy = structuredClone(base)
  if (v === 1) {
    copy.articles[0].title = `${copy.articles[0].title}（量子更新）`
    for (const b of copy.articles[0].blocks) b.text = b.text.replace(/发展/g, '转型')
  }
  if (v === 2) copy.articles.pop()
  return copy
}

describe('the search index', () => {
  const bases = judgedIssues()
  const queries = ['量子', '转型', '发展', '上海 碳足迹', '发改委', '沪', '港', '專精特新', '日报']

  it('stays exact through publish, replace and unpublish: hits equal a scan of what is published', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.record({
              op: fc.constant('publish' as const),
              issue: fc.nat(bases.length - 1),
              v: fc.nat(2),
            }),
            fc.record({ op: fc.constant('unpublish' as const), issue: fc.nat(bases.length - 1) }),
          ),
          { minLength: 1, maxLength: 8 },
        ),
        async (ops) => {
          const db = new EmbeddedDatabase(null, LOCAL_INDEXES)
          const published = new Map<string, ParsedIssue>()
          let t = Date.parse('2024-09-01T00:00:00Z')
          for (const step of ops) {
            const id = bases[step.issue].issue.id
            if (step.op === 'publish') {
              const parsed = version(bases[step.issue], step.v)
              await publishIssue(db, parsed, new Date((t += 1000)))
              published.set(id, parsed)
            } else {
              await unpublishIssue(db, id, new Date((t += 1000)))
              published.delete(id)
            }
          }
          for (const q of queries) {
            const { terms } = parseQuery(q)
            const expected = [...published.values()]
              .flatMap((p) => p.articles)
              .filter((a) => matchesAll(articleFields(a), terms))
              .map((a) => a.id)
              .sort()
            const hits = await allHits(db, q)
            expect(hits.map((h) => h.id).sort()).toEqual(expected)
            expect((await search(db, { q })).total).toBe(expected.length)
          }
          await db.close()
        },
      ),
      { numRuns: 25 },
    )
  })
})
