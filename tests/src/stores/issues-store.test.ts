import type { ContentInput, IssueSummary } from '@core/api/content'
import { ContentApi } from '@/services/content-api'
import { createMemoryStorage } from '@/services/storage'
import { ISSUE_CACHE_SIZE, IssuesStore } from '@/stores/issues-store'

import { archive, contentService, summaryOf } from '../../fixtures/content'
import { FakeTransport } from '../support/fake-transport'

const setup = (handler = contentService(archive(25)), storage = createMemoryStorage()) => {
  const transport = new FakeTransport(handler)
  return { transport, storage, store: new IssuesStore(new ContentApi(transport), storage) }
}

describe('IssuesStore', () => {
  it('lists the newest issue as latest and pages through the archive to its end', async () => {
    const { store, transport } = setup()
    await store.loadLatest()
    expect(store.latest?.id).toBe('i280')
    expect(store.earlier).toHaveLength(9)
    await store.loadMore()
    await store.loadMore()
    expect(store.hasMore).toBe(false)
    expect(store.archive.ids).toHaveLength(25)
    expect(new Set(store.archive.ids).size).toBe(25)
    await store.loadMore()
    expect(transport.countOf('issues.list')).toBe(3)
  })

  it('adds no duplicates when a page overlaps the previous one', async () => {
    const issues = archive(6).map((x) => summaryOf(x.issue, x.articles))
    // Page 2 repeats the last item of page 1, as happens when an issue is published between calls.
    const pages: Record<string, { items: IssueSummary[]; nextCursor: string | null }> = {
      first: { items: issues.slice(0, 3), nextCursor: 'a' },
      a: { items: issues.slice(2, 6), nextCursor: null },
    }
    const { store } = setup((input: ContentInput) =>
      input.action === 'issues.list'
        ? { ok: true, data: pages[input.cursor ?? 'first'] }
        : { ok: false, error: { code: 'not_found', message: '' } },
    )
    await store.loadLatest()
    await store.loadMore()
    expect(store.archive.ids).toEqual(issues.map((i) => i.id))
  })

  it('reuses a request in flight instead of sending it twice', async () => {
    const { store, transport } = setup()
    transport.hold()
    const a = store.loadLatest()
    const b = store.loadLatest()
    const c = store.loadIssue('i280')
    const d = store.loadIssue('i280')
    transport.resume()
    await Promise.all([a, b, c, d])
    expect(transport.countOf('issues.list')).toBe(1)
    expect(transport.countOf('issues.get')).toBe(1)
    expect(store.details.get('i280')?.sections.map((s) => s.region)).toEqual([
      '区域',
      '上海',
      '广东',
      '北京',
      '江苏',
    ])
  })

  it('shows read issues from the offline cache, marked offline, when the network is unavailable', async () => {
    const first = setup()
    await first.store.loadLatest()
    await first.store.loadIssue('i280')

    // A later launch without network: same device storage, a new store tree.
    const second = setup(contentService(archive(25)), first.storage)
    second.transport.offline()
    await second.store.loadLatest()
    expect(second.store.latest?.id).toBe('i280')
    expect(second.store.archive.offline).toBe(true)
    await second.store.loadIssue('i280')
    expect(second.store.detailState('i280')).toMatchObject({ status: 'ready', offline: true })
    expect(second.store.details.get('i280')?.articleCount).toBe(10)

    // An issue never opened has nothing to fall back on: an error the page can retry.
    await second.store.loadIssue('i279')
    expect(second.store.detailState('i279')).toMatchObject({
      status: 'error',
      error: { code: 'unavailable' },
    })
    second.transport.online()
    await second.store.loadIssue('i279')
    expect(second.store.detailState('i279').status).toBe('ready')
    await second.store.refresh()
    expect(second.store.archive.offline).toBe(false)
  })

  it('keeps at most ten issues in the offline cache, dropping the least recently used', async () => {
    const { store, storage } = setup()
    for (let n = 280; n > 280 - ISSUE_CACHE_SIZE - 2; n--) await store.loadIssue(`i${n}`)
    const cached = (storage.get<[string, unknown][]>('cache.issues') ?? []).map(([id]) => id)
    expect(cached).toHaveLength(ISSUE_CACHE_SIZE)
    expect(cached).not.toContain('i280')
    expect(cached).not.toContain('i279')
    expect(cached[cached.length - 1]).toBe('i269')
  })

  it('reports a failed first page as an error to retry', async () => {
    const { store, transport } = setup()
    transport.offline()
    await store.loadLatest()
    expect(store.archive.status).toBe('error')
    transport.online()
    await store.refresh()
    expect(store.archive.status).toBe('ready')
  })
})
