/**
 * Content the editors take back (an issue unpublished, articles dropped by a replacement): the
 * server then answers `not_found`, and no cached copy may stay readable or listed.
 */
import type { ContentInput } from '@core/api/content'
import { createMemoryStorage } from '@/services/storage'
import { RootStore } from '@/stores/root-store'

import { archive, contentService } from '../../fixtures/content'
import { FakeTransport } from '../support/fake-transport'

/** A content service whose published archive can change while the reader runs. */
function changingServer() {
  const issues = archive(3)
  let published = issues
  const transport = new FakeTransport((input: ContentInput) => contentService(published)(input))
  return {
    transport,
    issues,
    /** The editor unpublishes an issue. */
    unpublish: (id: string) => (published = published.filter((x) => x.issue.id !== id)),
    /** The editor replaces an issue by one holding only its first `keep` articles. */
    shorten: (id: string, keep: number) =>
      (published = published.map((x) =>
        x.issue.id === id ? { ...x, articles: x.articles.slice(0, keep) } : x,
      )),
  }
}

const launch = (transport: FakeTransport, storage = createMemoryStorage()) =>
  new RootStore({ transport, storage, now: () => 1_700_000_000_000 })

describe('withdrawn content', () => {
  it('an unpublished issue’s article is not shown from the cache after a restart, and its favourite and history entries turn 已下线', async () => {
    const server = changingServer()
    const storage = createMemoryStorage()
    const [newest] = server.issues
    const article = newest.articles[2].id
    const first = launch(server.transport, storage)
    await first.issues.loadLatest()
    await first.issues.loadIssue(newest.issue.id)
    await first.readArticle(article)
    first.library.toggleFavourite(first.articles.articles.get(article)!)
    first.dispose()

    server.unpublish(newest.issue.id)
    const again = launch(server.transport, storage)
    // Before the answer, the cached copy shows (offline reading); after `not_found`, nothing does.
    await again.readArticle(article)
    expect(again.articles.articles.has(article)).toBe(false)
    expect(again.articles.isCached(article)).toBe(false)
    expect(again.articles.state(article)).toMatchObject({
      status: 'error',
      error: { code: 'not_found' },
    })
    expect(again.library.favourites.get(article)).toMatchObject({ withdrawn: true })
    expect(again.library.history.get(article)).toMatchObject({ withdrawn: true })
    again.dispose()

    // Even offline on the next launch, the withdrawn article is no longer in the offline cache.
    const offline = launch(server.transport, storage)
    server.transport.offline()
    await offline.articles.loadArticle(article)
    expect(offline.articles.articles.has(article)).toBe(false)
    expect(offline.library.favourites.get(article)?.withdrawn).toBe(true)
    offline.dispose()
  })

  it('an open session stops listing an unpublished issue when the list is refreshed, and drops every cached copy of it', async () => {
    const server = changingServer()
    const storage = createMemoryStorage()
    const [newest, second] = server.issues
    const stores = launch(server.transport, storage)
    await stores.issues.loadLatest()
    await stores.issues.loadIssue(newest.issue.id)
    await stores.readArticle(newest.articles[0].id)
    await stores.regions.loadRegion(newest.articles[0].region)
    expect(stores.issues.latest?.id).toBe(newest.issue.id)

    server.unpublish(newest.issue.id)
    await stores.issues.refresh()
    expect(stores.issues.latest?.id).toBe(second.issue.id)
    expect(stores.issues.details.has(newest.issue.id)).toBe(false)
    expect(stores.articles.isCached(newest.articles[0].id)).toBe(false)
    expect(stores.library.history.get(newest.articles[0].id)?.withdrawn).toBe(true)
    expect(
      stores.regions.articlesOf(newest.articles[0].region).map((a) => a.issueId),
    ).not.toContain(newest.issue.id)
    stores.dispose()

    // Offline next time: the cached archive page and issue no longer hold it.
    const offline = launch(server.transport, storage)
    server.transport.offline()
    await offline.issues.loadLatest()
    expect(offline.issues.archive.ids).not.toContain(newest.issue.id)
    await offline.issues.loadIssue(newest.issue.id)
    expect(offline.issues.details.has(newest.issue.id)).toBe(false)
    offline.dispose()
  })

  it('opening an unpublished issue removes it from the list and caches', async () => {
    const server = changingServer()
    const [newest] = server.issues
    const stores = launch(server.transport)
    await stores.issues.loadLatest()
    await stores.issues.loadIssue(newest.issue.id)
    server.unpublish(newest.issue.id)
    await stores.issues.loadIssue(newest.issue.id)
    expect(stores.issues.details.has(newest.issue.id)).toBe(false)
    expect(stores.issues.archive.ids).not.toContain(newest.issue.id)
    expect(stores.issues.detailState(newest.issue.id).error?.code).toBe('not_found')
    stores.dispose()
  })

  it('a replacement that drops articles removes them from the issue, the caches and the library', async () => {
    const server = changingServer()
    const [newest] = server.issues
    const dropped = newest.articles[5].id
    const stores = launch(server.transport)
    await stores.issues.loadIssue(newest.issue.id)
    await stores.readArticle(dropped)
    stores.library.toggleFavourite(stores.articles.articles.get(dropped)!)

    server.shorten(newest.issue.id, 2)
    await stores.issues.loadIssue(newest.issue.id)
    expect(stores.issues.details.get(newest.issue.id)?.articleCount).toBe(2)
    expect(stores.articles.isCached(dropped)).toBe(false)
    expect(stores.library.favourites.get(dropped)?.withdrawn).toBe(true)
    // Kept articles stay as they were.
    expect(stores.library.favourites.get(newest.articles[0].id)).toBeUndefined()
    stores.dispose()
  })

  it('an article that answers `not_found` leaves its issue’s contents', async () => {
    const server = changingServer()
    const [newest] = server.issues
    const dropped = newest.articles[4].id
    const stores = launch(server.transport)
    await stores.issues.loadIssue(newest.issue.id)
    await stores.readArticle(dropped)
    server.shorten(newest.issue.id, 3)
    await stores.readArticle(dropped)
    const toc = stores.issues.details
      .get(newest.issue.id)!
      .sections.flatMap((s) => s.articles.map((a) => a.id))
    expect(toc).not.toContain(dropped)
    expect(stores.library.history.get(dropped)?.withdrawn).toBe(true)
    stores.dispose()
  })

  it('a result list open since before drops what was withdrawn: an article that answers `not_found`, then a whole issue', async () => {
    const server = changingServer()
    const [newest, second] = server.issues
    const stores = launch(server.transport)
    // The title of an article every issue holds: one hit per issue.
    await stores.search.search(newest.articles[3].title)
    const before = stores.search.items.map((h) => h.id)
    expect(before).toEqual(expect.arrayContaining([newest.articles[3].id, second.articles[3].id]))
    const total = stores.search.total

    server.shorten(newest.issue.id, 3)
    await stores.readArticle(newest.articles[3].id)
    expect(stores.search.items.map((h) => h.id)).toEqual(
      before.filter((id) => id !== newest.articles[3].id),
    )
    expect(stores.search.total).toBe(total - 1)

    server.unpublish(second.issue.id)
    await stores.issues.loadIssue(second.issue.id)
    expect(stores.search.items.map((h) => h.issueId)).not.toContain(second.issue.id)
    expect(stores.search.items.length).toBeGreaterThan(0)
    stores.dispose()
  })

  it('an article published again is openable from favourites again', async () => {
    const server = changingServer()
    const storage = createMemoryStorage()
    const [newest] = server.issues
    const id = newest.articles[1].id
    const stores = launch(server.transport, storage)
    await stores.readArticle(id)
    stores.library.toggleFavourite(stores.articles.articles.get(id)!)
    server.unpublish(newest.issue.id)
    await stores.readArticle(id)
    expect(stores.library.favourites.get(id)?.withdrawn).toBe(true)
    stores.dispose()
    const back = launch(changingServer().transport, storage)
    await back.readArticle(id)
    expect(back.library.favourites.get(id)?.withdrawn).toBeFalsy()
    back.dispose()
  })
})
