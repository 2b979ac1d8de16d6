import { ContentApi } from '@/services/content-api'
import { createMemoryStorage } from '@/services/storage'
import { ARTICLE_CACHE_SIZE, ArticlesStore } from '@/stores/articles-store'

import { archive, contentService } from '../../fixtures/content'
import { FakeTransport } from '../support/fake-transport'

const setup = (storage = createMemoryStorage()) => {
  const transport = new FakeTransport(contentService(archive(4)))
  return { transport, storage, store: new ArticlesStore(new ContentApi(transport), storage) }
}

describe('ArticlesStore', () => {
  it('loads an article with its place in the issue', async () => {
    const { store } = setup()
    await store.loadArticle('i280-02')
    const d = store.articles.get('i280-02')
    expect(d?.article.region).toBe('上海')
    expect(d?.article.sources).toEqual(['上海证券报'])
    expect([d?.prevId, d?.nextId]).toEqual(['i280-01', 'i280-03'])
    expect(store.state('i280-02')).toEqual({ status: 'ready', error: null, offline: false })
  })

  it('reuses a request in flight', async () => {
    const { store, transport } = setup()
    transport.hold()
    const both = Promise.all([store.loadArticle('i280-01'), store.loadArticle('i280-01')])
    expect(store.state('i280-01').status).toBe('loading')
    transport.resume()
    await both
    expect(transport.countOf('articles.get')).toBe(1)
  })

  it('falls back to the cached copy with an offline notice when the network is unavailable', async () => {
    const first = setup()
    await first.store.loadArticle('i280-05')
    const second = setup(first.storage)
    second.transport.offline()
    await second.store.loadArticle('i280-05')
    expect(second.store.state('i280-05')).toEqual({ status: 'ready', error: null, offline: true })
    expect(second.store.articles.get('i280-05')?.article.title).toBe(
      '以场景开放打造人工智能“试验田”',
    )
    await second.store.loadArticle('i280-06')
    expect(second.store.state('i280-06')).toMatchObject({
      status: 'error',
      error: { code: 'unavailable' },
    })
  })

  it('does not hide a real error (not found) behind the cache', async () => {
    const { store } = setup()
    await store.loadArticle('i999-01')
    expect(store.state('i999-01')).toMatchObject({ status: 'error', error: { code: 'not_found' } })
  })

  it(`caches at most ${ARTICLE_CACHE_SIZE} articles, least recently used out first`, async () => {
    const { store, storage } = setup()
    const ids = archive(4).flatMap((x) => x.articles.map((a) => a.id))
    await store.loadArticle(ids[0])
    for (const id of ids.slice(1, ARTICLE_CACHE_SIZE + 2)) {
      await store.loadArticle(id)
      // Reading the first article again keeps it recent.
      await store.loadArticle(ids[0])
    }
    const cached = (storage.get<[string, unknown][]>('cache.articles') ?? []).map(([id]) => id)
    expect(cached).toHaveLength(ARTICLE_CACHE_SIZE)
    expect(cached).toContain(ids[0])
    expect(cached).not.toContain(ids[1])
    expect(cached).not.toContain(ids[2])
  })

  it('remembers reading positions across launches', async () => {
    const first = setup()
    first.store.savePosition('i280-01', 1234.6)
    first.store.savePosition('i280-02', 0)
    const second = setup(first.storage)
    expect(second.store.positionOf('i280-01')).toBe(1235)
    expect(second.store.positionOf('i280-02')).toBe(0)
    first.store.dispose()
    second.store.dispose()
  })
})
