import { makeAutoObservable, reaction, runInAction, type IReactionDisposer } from 'mobx'

import type { SearchHit } from '@core/api/content'
import type { ContentApi } from '@/services/content-api'
import type { KeyValueStorage } from '@/services/storage'

import { appendUnique, emptyList, type PagedList } from './load-state'

export const RECENT_QUERY_LIMIT = 8
const RECENT_KEY = 'search.recent'
/** The server accepts 1–40 characters after trimming. */
export const MAX_QUERY_LENGTH = 40
/**
 * The box takes more than a query, so that a longer paste reaches the store, which searches its
 * first `MAX_QUERY_LENGTH` characters and says so, instead of the box cutting it unseen.
 */
export const MAX_INPUT_LENGTH = 200

/** Full-text search across all issues: the query, its region filter, paged hits and recent queries. */
export class SearchStore {
  /** The text in the box. */
  draft = ''
  /** The query whose results are shown ('' before the first search). */
  query = ''
  region: string | null = null
  hits = new Map<string, SearchHit>()
  results: PagedList = emptyList()
  total = 0
  recent: string[] = []
  /** How the server read the shown query, when that differs from what was typed (`专精特新`). */
  understood: string | null = null
  /** Synonyms the server searched as well (`发展改革委` for `发改委`). */
  synonyms: string[] = []
  /** Whether the shown query was cut to `MAX_QUERY_LENGTH` characters. */
  cut = false

  /** Increases on every new search so that late answers to older ones are dropped. */
  private generation = 0
  private readonly inFlight = new Map<string, Promise<void>>()
  private readonly disposers: IReactionDisposer[] = []

  constructor(
    private readonly api: ContentApi,
    storage: KeyValueStorage,
  ) {
    const saved = storage.get<string[]>(RECENT_KEY)
    if (Array.isArray(saved))
      this.recent = saved.filter((q) => typeof q === 'string').slice(0, RECENT_QUERY_LIMIT)
    makeAutoObservable<this, 'api' | 'generation' | 'disposers' | 'inFlight'>(this, {
      api: false,
      generation: false,
      disposers: false,
      inFlight: false,
    })
    this.disposers.push(
      reaction(
        () => this.recent.slice(),
        (recent) => storage.set(RECENT_KEY, recent),
      ),
    )
  }

  get items(): SearchHit[] {
    return this.results.ids.flatMap((id) => this.hits.get(id) ?? [])
  }

  get hasQuery(): boolean {
    return this.query !== ''
  }

  /** What to tell the reader about how the query was taken, or null when it was taken as typed. */
  get queryNote(): string | null {
    const parts: string[] = []
    if (this.cut) parts.push(`搜索词超过 ${MAX_QUERY_LENGTH} 字，只用了前 ${MAX_QUERY_LENGTH} 字`)
    if (this.understood) parts.push(`已按“${this.understood}”搜索`)
    if (this.synonyms.length) parts.push(`同时搜索${this.synonyms.map((s) => `“${s}”`).join('')}`)
    return parts.length ? parts.join('，') : null
  }

  setDraft(text: string): void {
    this.draft = text.slice(0, MAX_INPUT_LENGTH)
  }

  /** Runs a search for `q` (or the box's text) within the current region filter. */
  search(q: string = this.draft): Promise<void> {
    const trimmed = q.trim()
    const query = trimmed.slice(0, MAX_QUERY_LENGTH).trim()
    this.draft = query
    if (!query) {
      this.clearResults()
      return Promise.resolve()
    }
    this.cut = trimmed.length > MAX_QUERY_LENGTH
    this.query = query
    this.remember(query)
    return this.fetchFirst()
  }

  /** Filters by a region (null: all regions) and searches again. */
  setRegion(region: string | null): Promise<void> {
    this.region = region
    return this.query ? this.fetchFirst() : Promise.resolve()
  }

  retry(): Promise<void> {
    return this.query ? this.fetchFirst() : Promise.resolve()
  }

  loadMore(): Promise<void> {
    const cursor = this.results.nextCursor
    if (cursor === null || this.results.status !== 'ready' || this.results.loadingMore)
      return Promise.resolve()
    const generation = this.generation
    this.results.loadingMore = true
    this.results.moreError = null
    return this.api.search(this.query, { region: this.region ?? undefined, cursor }).then((res) =>
      runInAction(() => {
        if (generation !== this.generation) return
        this.results.loadingMore = false
        if (!res.ok) {
          this.results.moreError = res.error
          return
        }
        for (const h of res.data.items) this.hits.set(h.id, h)
        this.results.ids = appendUnique(
          this.results.ids,
          res.data.items.map((h) => h.id),
        )
        this.results.nextCursor = res.data.nextCursor
      }),
    )
  }

  /**
   * Drops shown results the server no longer has (withdrawn, or gone from a replaced issue), so a
   * result list open since before cannot lead to 已下线 content.
   */
  forgetHits(pick: (hit: SearchHit) => boolean): void {
    const gone = new Set([...this.hits.values()].filter(pick).map((h) => h.id))
    if (gone.size === 0) return
    for (const id of gone) this.hits.delete(id)
    const ids = this.results.ids.filter((id) => !gone.has(id))
    this.total = Math.max(0, this.total - (this.results.ids.length - ids.length))
    this.results.ids = ids
  }

  clearResults(): void {
    this.generation++
    this.query = ''
    this.results = emptyList()
    this.total = 0
    this.understood = null
    this.synonyms = []
    this.cut = false
  }

  clearRecent(): void {
    this.recent = []
  }

  private remember(query: string): void {
    this.recent = [query, ...this.recent.filter((q) => q !== query)].slice(0, RECENT_QUERY_LIMIT)
  }

  private fetchFirst(): Promise<void> {
    const { query, region } = this
    const key = `${region ?? ''}|${query}`
    const pending = this.inFlight.get(key)
    if (pending && this.results.status === 'loading') return pending
    const generation = ++this.generation
    this.results = { ...emptyList(), status: 'loading' }
    const p = this.api
      .search(query, { region: region ?? undefined })
      .then((res) =>
        runInAction(() => {
          if (generation !== this.generation) return
          if (!res.ok) {
            this.results = {
              ...emptyList(),
              status: 'error',
              error: res.error,
              offline: res.error.code === 'unavailable',
            }
            return
          }
          this.hits.clear()
          for (const h of res.data.items) this.hits.set(h.id, h)
          this.total = res.data.total
          this.understood = res.data.understood ?? null
          this.synonyms = res.data.synonyms ?? []
          this.results = {
            ...emptyList(),
            ids: appendUnique(
              [],
              res.data.items.map((h) => h.id),
            ),
            nextCursor: res.data.nextCursor,
            status: 'ready',
          }
        }),
      )
      .finally(() => this.inFlight.delete(key))
    this.inFlight.set(key, p)
    return p
  }

  dispose(): void {
    for (const d of this.disposers) d()
  }
}
