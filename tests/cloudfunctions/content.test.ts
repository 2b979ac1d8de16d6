import { readFileSync } from 'fs'
import path from 'path'
import fc from 'fast-check'
import { contentFunction } from '../../cloudfunctions/lib/content/handlers'
import { publishFunction } from '../../cloudfunctions/lib/publishing/handlers'
import { allowlist } from '../../cloudfunctions/lib/ports/admins'
import { EmbeddedDatabase as Store } from '../../server/store/embedded-database'
import { publishIssue, unpublishIssue } from '../../cloudfunctions/lib/publishing/publish-issue'
import type { EmbeddedDatabase } from '../../server/store/embedded-database'
import type { ContentResults, IssueSummary } from '@core/api/content'
import { DEMO_DIR } from '../fixtures/demo-issues'
import { anonymous, demoParsed, publishedStore, sampleParsed } from '../fixtures/published-store'

let db: EmbeddedDatabase
const call = (event: unknown) => contentFunction(event, anonymous, { db })

async function data<A extends keyof ContentResults>(
  event: { action: A } & Record<string, unknown>,
): Promise<ContentResults[A]> {
  const r = await call(event)
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
  return r.data as ContentResults[A]
}

async function errorOf(event: unknown) {
  const r = await call(event)
  if (r.ok) throw new Error('expected an error')
  return r.error
}

/** Follows nextCursor to the end. */
async function allPages<T>(
  first: (cursor?: string) => Promise<{ items: T[]; nextCursor: string | null }>,
) {
  const items: T[] = []
  let cursor: string | undefined
  for (let guard = 0; guard < 100; guard++) {
    const page = await first(cursor)
    items.push(...page.items)
    if (!page.nextCursor) return items
    cursor = page.nextCursor
  }
  throw new Error('paging does not end')
}

beforeEach(async () => {
  db = await publishedStore([...demoParsed(), sampleParsed()])
})

describe('issues.list', () => {
  it('lists newest first with summaries', async () => {
    const { items, nextCursor } = await data({ action: 'issues.list' })
    expect(items.map((i) => i.totalNumber)).toEqual([280, 279, 278, 277])
    expect(nextCursor).toBeNull()
    expect(items[0]).toEqual<IssueSummary>({
      id: 'i280',
      year: 2024,
      number: 6,
      totalNumber: 280,
      publishedOn: '2024-03-28',
      title: '双周决策观察',
      subtitle: '地方工作亮点追踪',
      articleCount: 10,
      regions: ['区域', '上海', '广东', '北京', '江苏'],
      firstTitles: [
        '多地布局低空经济先行区',
        '上海科创企业挂牌服务专区启动 首批118家企业入驻',
        '上海推行建筑领域碳排放核算 打造绿色建造产业链',
      ],
    })
  })

  it('pages without repeating or skipping an issue', async () => {
    const items = await allPages((cursor) => data({ action: 'issues.list', limit: 1, cursor }))
    expect(items.map((i) => i.totalNumber)).toEqual([280, 279, 278, 277])
    const pairs = await allPages((cursor) => data({ action: 'issues.list', limit: 3, cursor }))
    expect(pairs.map((i) => i.id)).toEqual(items.map((i) => i.id))
  })

  it('keeps paging stable when a newer issue is published between pages', async () => {
    const first = await data({ action: 'issues.list', limit: 2 })
    const newer = sampleParsed()
    newer.issue = { ...newer.issue, id: 'i281', totalNumber: 281 }
    newer.articles = newer.articles.map((a, i) => ({ ...a, id: `i281-0${i}`, issueId: 'i281' }))
    await publishIssue(db, newer, new Date())
    const rest = await allPages((cursor) =>
      data({ action: 'issues.list', limit: 2, cursor: cursor ?? first.nextCursor! }),
    )
    expect([...first.items, ...rest].map((i) => i.totalNumber)).toEqual([280, 279, 278, 277])
  })
})

describe('issues.get', () => {
  it('returns the masthead and the contents grouped by region, without bodies', async () => {
    const issue = await data({ action: 'issues.get', id: 'latest' })
    expect(issue.id).toBe('i280')
    expect(issue.editors).toEqual(['沈知远', '白若宁', '葛一帆'])
    expect(issue.phone).toBe('022-66229301')
    expect(issue.sections.map((s) => [s.region, s.articles.length])).toEqual([
      ['区域', 1],
      ['上海', 4],
      ['广东', 3],
      ['北京', 1],
      ['江苏', 1],
    ])
    expect(issue.sections[2].articles[0]).toEqual({
      chars: expect.any(Number),
      id: 'i280-06',
      title: '深圳推动智能网联汽车产业集群发展',
      region: '广东',
    })
    expect(JSON.stringify(issue)).not.toContain('blocks')
    expect((await data({ action: 'issues.get', id: 'i278' })).totalNumber).toBe(278)
  })

  it('answers not_found for an unknown issue', async () => {
    expect((await errorOf({ action: 'issues.get', id: 'i999' })).code).toBe('not_found')
  })
})

describe('articles.get', () => {
  it('returns the whole article, its issue and its neighbours', async () => {
    const { article, issue, prevId, nextId } = await data({ action: 'articles.get', id: 'i280-05' })
    expect(article.title).toBe('以场景开放打造人工智能“试验田”')
    expect(article.sources).toEqual(['文汇报', '证券时报'])
    expect(article.blocks.filter((b) => b.type === 'heading')).toHaveLength(3)
    expect(issue.id).toBe('i280')
    expect([prevId, nextId]).toEqual(['i280-04', 'i280-06'])
    expect(Object.keys(article)).not.toEqual(expect.arrayContaining(['rev', 'text', '_id']))
  })

  it('names its neighbours, so a cold-opened article shows where previous and next go', async () => {
    const toc = (await data({ action: 'issues.get', id: 'i280' })).sections.flatMap(
      (s) => s.articles,
    )
    const d = await data({ action: 'articles.get', id: toc[4].id })
    expect([d.prevTitle, d.nextTitle]).toEqual([toc[3].title, toc[5].title])
    expect((await data({ action: 'articles.get', id: toc[0].id })).prevTitle).toBeNull()
    // Each contents entry carries the article's length, for reading time.
    const text = d.article.blocks.map((b) => b.text).join('')
    expect(toc[4].chars).toBe(text.replace(/\s+/g, '').length)
  })

  it('has no previous for the first article and no next for the last', async () => {
    expect((await data({ action: 'articles.get', id: 'i280-01' })).prevId).toBeNull()
    expect((await data({ action: 'articles.get', id: 'i280-10' })).nextId).toBeNull()
  })

  it('answers not_found for unknown or malformed ids', async () => {
    for (const id of ['i280-11', 'i999-01', 'nonsense', 'i280'])
      expect((await errorOf({ action: 'articles.get', id })).code).toBe('not_found')
  })
})

describe('regions', () => {
  it('lists every region with its article count and latest date', async () => {
    const { items } = await data({ action: 'regions.list' })
    const byName = Object.fromEntries(items.map((r) => [r.region, r]))
    const total = items.reduce((n, r) => n + r.articleCount, 0)
    expect(total).toBe(10 + 7 + 7 + 7)
    expect(byName['广东']).toEqual({ region: '广东', articleCount: 5, latestDate: '2024-03-28' })
  })

  it('lists a region newest first and pages through it exactly once', async () => {
    const one = await allPages((cursor) =>
      data({ action: 'articles.byRegion', region: '广东', limit: 1, cursor }),
    )
    const all = (await data({ action: 'articles.byRegion', region: '广东', limit: 20 })).items
    expect(one.map((a) => a.id)).toEqual(all.map((a) => a.id))
    expect(all.map((a) => a.id)).toEqual(['i280-06', 'i280-07', 'i280-08', 'i278-02', 'i278-03'])
    expect(all[0]).toMatchObject({
      issueId: 'i280',
      issueYear: 2024,
      issueNumber: 6,
      sources: ['深圳特区报'],
    })
  })
})

describe('a region whose name the store cannot take as a field name', () => {
  it.each(['a.b', '$x', '__proto__', 'constructor'])(
    '【%s】 is published, listed with its count and paged',
    async (name) => {
      db = new Store(null)
      const text = readFileSync(path.join(DEMO_DIR, '277.txt'), 'utf8').replaceAll(
        '【山东】',
        `【${name}】`,
      )
      // Counts were stored keyed by region name: `a.b` and `$x` made publishing fail as
      // `internal`, and `__proto__` was dropped from the list.
      const published = await publishFunction(
        { action: 'issues.publish', text },
        { openid: 'editor-1', now: () => new Date('2024-04-01T00:00:00Z') },
        { db, admins: allowlist(['editor-1']) },
      )
      expect(published).toMatchObject({ ok: true })
      const { items } = await data({ action: 'regions.list' })
      expect(items).toContainEqual({ region: name, articleCount: 1, latestDate: '2024-02-22' })
      expect(items.reduce((n, r) => n + r.articleCount, 0)).toBe(7)
      const page = await data({ action: 'articles.byRegion', region: name })
      expect(page.items.map((a) => a.title)).toEqual(['青岛港出台通关便利化十二条措施'])
    },
  )
})

describe('unpublished content', () => {
  it('is invisible to every action', async () => {
    await unpublishIssue(db, 'i280', new Date())
    expect((await data({ action: 'issues.list' })).items.map((i) => i.id)).not.toContain('i280')
    expect((await data({ action: 'issues.get', id: 'latest' })).id).toBe('i279')
    expect((await errorOf({ action: 'issues.get', id: 'i280' })).code).toBe('not_found')
    expect((await errorOf({ action: 'articles.get', id: 'i280-01' })).code).toBe('not_found')
    expect(
      (await data({ action: 'articles.byRegion', region: '北京', limit: 20 })).items.map(
        (a) => a.issueId,
      ),
    ).not.toContain('i280')
    expect((await data({ action: 'search', q: '大零号湾' })).items).toEqual([])
    const regions = (await data({ action: 'regions.list' })).items
    expect(regions.reduce((n, r) => n + r.articleCount, 0)).toBe(21)
  })

  it('republishing replaces the articles and removes the superseded records', async () => {
    const corrected = sampleParsed()
    corrected.articles[0].title = '更正后的标题'
    const outcome = await publishIssue(db, corrected, new Date())
    expect(outcome).toMatchObject({ firstPublish: false, replaced: true })
    expect((await data({ action: 'articles.get', id: 'i280-01' })).article.title).toBe(
      '更正后的标题',
    )
    expect((await db.collection('articles').where({ issueId: 'i280' }).count()).total).toBe(10)
  })
})

describe('bad input', () => {
  it('answers not_found for an unknown action', async () => {
    expect(await errorOf({ action: 'issues.delete' })).toEqual({
      code: 'not_found',
      message: 'unknown action issues.delete',
    })
    expect((await errorOf({})).code).toBe('not_found')
  })

  it.each([
    [{ action: 'issues.list', limit: 0 }, 'limit'],
    [{ action: 'issues.list', limit: 21 }, 'limit'],
    [{ action: 'issues.list', limit: '5' }, 'limit'],
    [{ action: 'issues.list', cursor: 'abc' }, 'cursor'],
    [{ action: 'issues.list', extra: 1 }, 'extra'],
    [{ action: 'issues.get' }, 'id'],
    [{ action: 'articles.get', id: 'x'.repeat(33) }, 'id'],
    [{ action: 'search', q: '   ' }, 'q'],
    [{ action: 'search', q: '字'.repeat(41) }, 'q'],
    [{ action: 'search', q: 42 }, 'q'],
    [{ action: 'articles.byRegion', region: '广东', cursor: '@3' }, 'cursor'],
    [{ action: 'articles.byRegion' }, 'region'],
    [{ action: 'articles.byRegion', region: '广'.repeat(13) }, 'region'],
    [{ action: 'articles.byRegion', region: '广东', limit: 21 }, 'limit'],
    [{ action: 'issues.get', id: 280 }, 'id'],
    [{ action: 'regions.list', region: '广东' }, 'region'],
    [{ action: 'search', q: '发展', region: '广'.repeat(13) }, 'region'],
    [{ action: 'search', q: '发展', limit: 0 }, 'limit'],
  ])('rejects %j naming the field', async (event, field) => {
    const error = await errorOf(event)
    expect(error.code).toBe('invalid_argument')
    expect(error.message).toContain(field)
  })

  it('takes limits 1 to 20, 10 by default, and queries of 40 characters after trimming', async () => {
    expect((await data({ action: 'search', q: '的' })).items).toHaveLength(10)
    expect((await data({ action: 'search', q: '的', limit: 1 })).items).toHaveLength(1)
    expect((await data({ action: 'search', q: '的', limit: 20 })).items).toHaveLength(20)
    expect(
      (await data({ action: 'articles.byRegion', region: '上海', limit: 1 })).items,
    ).toHaveLength(1)
    expect((await data({ action: 'issues.list', limit: 20 })).items).toHaveLength(4)
    expect((await data({ action: 'search', q: ` ${'字'.repeat(40)} ` })).items).toEqual([])
  })

  it('rejects bodies over 100 KB', async () => {
    expect((await errorOf({ action: 'search', q: 'a', pad: 'x'.repeat(101 * 1024) })).code).toBe(
      'payload_too_large',
    )
  })

  it('answers any JSON with ok or a well-formed error', async () => {
    const actions = fc.constantFrom(
      'issues.list',
      'issues.get',
      'articles.get',
      'regions.list',
      'articles.byRegion',
      'search',
      'nope',
    )
    const event = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          action: actions,
          id: fc.jsonValue(),
          q: fc.jsonValue(),
          limit: fc.jsonValue(),
          cursor: fc.jsonValue(),
          region: fc.jsonValue(),
        },
        { requiredKeys: ['action'] },
      ),
      fc.record(
        {
          action: actions,
          id: fc.string(),
          q: fc.string(),
          limit: fc.integer(),
          cursor: fc.string(),
          region: fc.string(),
        },
        { requiredKeys: ['action'] },
      ),
    )
    await fc.assert(
      fc.asyncProperty(event, async (e) => {
        const r = await call(e)
        if (r.ok) return
        expect(['invalid_argument', 'not_found', 'payload_too_large']).toContain(r.error.code)
        expect(typeof r.error.message).toBe('string')
      }),
      { numRuns: 300 },
    )
  })
})
