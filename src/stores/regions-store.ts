import { makeAutoObservable, runInAction } from 'mobx'

import type { ArticleSummary, RegionSummary } from '@core/api/content'
import type { ApiError } from '@core/api/response'
import type { ContentApi } from '@/services/content-api'
import type { KeyValueStorage } from '@/services/storage'

import { appendUnique, emptyList, idleState, type LoadState, type PagedList } from './load-state'
import { LruCache } from './lru-cache'

/** Regions with their article counts, and each region's articles across issues (newest first). */
export class RegionsStore {
  regions: RegionSummary[] = []
  regionsState: LoadState = idleState()
  /** Article summaries by id, shared by every region list. */
  summaries = new Map<string, ArticleSummary>()
  lists = new Map<string, PagedList>()

  private readonly inFlight = new Map<string, Promise<void>>()
  private readonly cache: LruCache<RegionSummary[]>

  constructor(
    private readonly api: ContentApi,
    storage: KeyValueStorage,
  ) {
    this.cache = new LruCache<RegionSummary[]>(storage, 'cache.regions', 1)
    makeAutoObservable<this, 'inFlight' | 'cache' | 'api'>(this, {
      inFlight: false,
      cache: false,
      api: false,
    })
  }

  /** Region names, most articles first (as the server orders them). */
  get regionNames(): string[] {
    return this.regions.map((r) => r.region)
  }

  list(region: string): PagedList {
    return this.lists.get(region) ?? emptyList()
  }

  articlesOf(region: string): ArticleSummary[] {
    return this.list(region).ids.flatMap((id) => this.summaries.get(id) ?? [])
  }

  /** Loads the region list (kept for offline use). */
  loadRegions(force = false): Promise<void> {
    if (!force && this.regionsState.status === 'ready' && !this.regionsState.offline)
      return Promise.resolve()
    return this.reuse('regions', async () => {
      if (this.regions.length === 0)
        this.regionsState = { status: 'loading', error: null, offline: false }
      const res = await this.api.listRegions()
      runInAction(() => {
        if (res.ok) {
          this.regions = res.data.items
          this.cache.put('all', res.data.items)
          this.regionsState = { status: 'ready', error: null, offline: false }
          return
        }
        const cached =
          res.error.code === 'unavailable'
            ? this.regions.length
              ? this.regions
              : this.cache.get('all')
            : undefined
        if (cached) {
          this.regions = cached
          this.regionsState = { status: 'ready', error: null, offline: true }
        } else {
          this.regionsState = { status: 'error', error: res.error, offline: false }
        }
      })
    })
  }

  /** Loads the first page of a region's articles (again, when `force`). */
  loadRegion(region: string, force = false): Promise<void> {
    const current = this.list(region)
    if (!force && current.status === 'ready') return Promise.resolve()
    return this.reuse(`region:${region}:first`, async () => {
      this.patch(region, { status: current.ids.length ? 'ready' : 'loading', error: null })
      const res = await this.api.listArticlesByRegion(region)
      runInAction(() => {
        if (!res.ok) return this.fail(region, res.error, false)
        for (const a of res.data.items) this.summaries.set(a.id, a)
        this.patch(region, {
          ids: appendUnique(
            [],
            res.data.items.map((a) => a.id),
          ),
          nextCursor: res.data.nextCursor,
          status: 'ready',
          error: null,
          moreError: null,
          offline: false,
        })
      })
    })
  }

  /** Appends the next page of a region's articles, skipping any already listed. */
  loadMoreOf(region: string): Promise<void> {
    const current = this.list(region)
    const cursor = current.nextCursor
    if (cursor === null || current.status !== 'ready') return Promise.resolve()
    return this.reuse(`region:${region}:${cursor}`, async () => {
      this.patch(region, { loadingMore: true, moreError: null })
      const res = await this.api.listArticlesByRegion(region, cursor)
      runInAction(() => {
        if (!res.ok) return this.fail(region, res.error, true)
        for (const a of res.data.items) this.summaries.set(a.id, a)
        this.patch(region, {
          ids: appendUnique(
            this.list(region).ids,
            res.data.items.map((a) => a.id),
          ),
          nextCursor: res.data.nextCursor,
          loadingMore: false,
        })
      })
    })
  }

  /** Drops articles the server no longer has (withdrawn, or gone from a replaced issue). */
  forgetArticles(pick: (a: ArticleSummary) => boolean): void {
    const gone = new Set([...this.summaries.values()].filter(pick).map((a) => a.id))
    if (gone.size === 0) return
    for (const id of gone) this.summaries.delete(id)
    for (const [region, list] of this.lists)
      this.patch(region, { ids: list.ids.filter((id) => !gone.has(id)) })
  }

  private fail(region: string, error: ApiError, more: boolean): void {
    const current = this.list(region)
    if (more) this.patch(region, { loadingMore: false, moreError: error })
    else if (current.ids.length)
      this.patch(region, { status: 'ready', offline: error.code === 'unavailable' })
    else this.patch(region, { status: 'error', error })
  }

  private patch(region: string, change: Partial<PagedList>): void {
    this.lists.set(region, { ...this.list(region), ...change })
  }

  private reuse(key: string, run: () => Promise<void>): Promise<void> {
    const pending = this.inFlight.get(key)
    if (pending) return pending
    const p = run().finally(() => this.inFlight.delete(key))
    this.inFlight.set(key, p)
    return p
  }
}
