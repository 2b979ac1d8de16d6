import { ContentApi } from '@/services/content-api'
import { createMemoryStorage } from '@/services/storage'
import { RegionsStore } from '@/stores/regions-store'
import { MAX_QUERY_LENGTH, RECENT_QUERY_LIMIT, SearchStore } from '@/stores/search-store'

import { archive, contentService } from '../../fixtures/content'
import { FakeTransport } from '../support/fake-transport'

const setup = (storage = createMemoryStorage()) => {
  const transport = new FakeTransport(contentService(archive(3)))
  const api = new ContentApi(transport)
  return {
    transport,
    storage,
    search: new SearchStore(api, storage),
    regions: new RegionsStore(api, storage),
  }
}

describe('SearchStore', () => {
  it('finds articles with hit ranges and remembers the query', async () => {
    const { search, storage } = setup()
    await search.search('  大零号湾 ')
    expect(search.query).toBe('大零号湾')
    expect(search.items.length).toBeGreaterThan(0)
    const hit = search.items[0]
    const [s, e] = hit.snippetHits[0]
    expect(hit.snippet.slice(s, e)).toBe('大零号湾')
    expect(
      new SearchStore(new ContentApi(new FakeTransport(contentService())), storage).recent,
    ).toEqual(['大零号湾'])
  })

  it('filters by region and pages without duplicates', async () => {
    const { search } = setup()
    await search.search('上海')
    const total = search.total
    while (search.results.nextCursor) await search.loadMore()
    expect(search.items).toHaveLength(total)
    expect(new Set(search.items.map((h) => h.id)).size).toBe(total)
    await search.setRegion('广东')
    expect(search.items.every((h) => h.region === '广东')).toBe(true)
    expect(search.total).toBeLessThan(total)
  })

  it('keeps recent queries unique, newest first and bounded', async () => {
    const { search } = setup()
    for (let i = 0; i < RECENT_QUERY_LIMIT + 3; i++) await search.search(`词${i}`)
    await search.search('词5')
    expect(search.recent[0]).toBe('词5')
    expect(search.recent).toHaveLength(RECENT_QUERY_LIMIT)
    expect(new Set(search.recent).size).toBe(RECENT_QUERY_LIMIT)
    search.clearRecent()
    expect(search.recent).toEqual([])
  })

  it('drops the answer to an older query that arrives after a newer one', async () => {
    const { search, transport } = setup()
    transport.hold()
    const older = search.search('上海')
    const newer = search.search('深圳')
    transport.resume()
    await Promise.all([older, newer])
    expect(search.query).toBe('深圳')
    expect(search.items.every((h) => h.title.includes('深圳') || h.snippet.includes('深圳'))).toBe(
      true,
    )
  })

  it('reuses an identical search in flight and reports a failure to retry', async () => {
    const { search, transport } = setup()
    transport.hold()
    const a = search.search('北京')
    const b = search.retry()
    transport.resume()
    await Promise.all([a, b])
    expect(transport.countOf('search')).toBe(1)
    transport.offline()
    await search.retry()
    expect(search.results).toMatchObject({ status: 'error', offline: true })
  })

  it('tells how the query was read: converted characters and synonyms searched as well', async () => {
    const { search } = setup()
    await search.search('專精特新')
    expect(search.understood).toBe('专精特新')
    expect(search.queryNote).toBe('已按“专精特新”搜索')
    await search.search('发改委')
    expect(search.queryNote).toBe('同时搜索“发展改革委”“发展和改革委员会”')
    await search.search('上海')
    expect(search.queryNote).toBeNull()
    await search.search('  ')
    expect(search.understood).toBeNull()
  })

  it('searches the first 40 characters of a longer input and says it was cut', async () => {
    const { search, transport } = setup()
    const long = `上海${'字'.repeat(MAX_QUERY_LENGTH)}`
    search.setDraft(long)
    expect(search.draft).toBe(long)
    await search.search()
    expect(search.query).toBe(long.slice(0, MAX_QUERY_LENGTH))
    expect(search.draft).toBe(search.query)
    expect(transport.countOf('search')).toBe(1)
    expect(search.results.status).toBe('ready')
    expect(search.queryNote).toBe('搜索词超过 40 字，只用了前 40 字')
    await search.search('上海')
    expect(search.cut).toBe(false)
    expect(search.queryNote).toBeNull()
  })
})

describe('RegionsStore', () => {
  it('lists regions with counts and pages a region newest first without duplicates', async () => {
    const { regions, transport } = setup()
    await Promise.all([regions.loadRegions(), regions.loadRegions()])
    expect(transport.countOf('regions.list')).toBe(1)
    expect(regions.regions.find((r) => r.region === '广东')?.articleCount).toBe(9)
    await regions.loadRegion('上海')
    expect(regions.articlesOf('上海')).toHaveLength(10)
    await regions.loadMoreOf('上海')
    expect(regions.articlesOf('上海').map((a) => a.id)).toHaveLength(12)
    expect(regions.list('上海').nextCursor).toBeNull()
    expect(regions.articlesOf('上海')[0].issueId).toBe('i280')
  })

  it('keeps the regions for offline use', async () => {
    const first = setup()
    await first.regions.loadRegions()
    const second = setup(first.storage)
    second.transport.offline()
    await second.regions.loadRegions()
    expect(second.regions.regionsState).toMatchObject({ status: 'ready', offline: true })
    expect(second.regions.regionNames).toContain('北京')
  })
})
