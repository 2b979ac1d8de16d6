import { makeAutoObservable, reaction, runInAction, type IReactionDisposer } from 'mobx'

import type { ArticleDetail } from '@core/api/content'
import type { ContentApi } from '@/services/content-api'
import type { KeyValueStorage } from '@/services/storage'

import { idleState, type LoadState } from './load-state'
import { LruCache } from './lru-cache'

/** Articles kept for offline reading. */
export const ARTICLE_CACHE_SIZE = 30
/** Reading positions remembered (most recent first out of the list last). */
export const POSITION_LIMIT = 100
const POSITIONS_KEY = 'reader.positions'

/** Opened articles, the offline cache behind them, and where the reader left each one. */
export class ArticlesStore {
  articles = new Map<string, ArticleDetail>()
  states = new Map<string, LoadState>()
  /** Scroll offset (px) per article id, in insertion order, oldest first. */
  positions = new Map<string, number>()

  private readonly inFlight = new Map<string, Promise<void>>()
  private readonly cache: LruCache<ArticleDetail>
  private readonly disposers: IReactionDisposer[] = []

  constructor(
    private readonly api: ContentApi,
    storage: KeyValueStorage,
    /** Told when the server answers `not_found` for an article (withdrawn or replaced away). */
    private readonly onGone: (id: string, known: ArticleDetail | undefined) => void = () => {},
  ) {
    this.cache = new LruCache<ArticleDetail>(storage, 'cache.articles', ARTICLE_CACHE_SIZE)
    const saved = storage.get<[string, number][]>(POSITIONS_KEY)
    if (Array.isArray(saved))
      for (const [id, y] of saved) if (typeof y === 'number') this.positions.set(id, y)
    makeAutoObservable<this, 'inFlight' | 'cache' | 'api' | 'disposers' | 'onGone'>(this, {
      inFlight: false,
      cache: false,
      api: false,
      disposers: false,
      onGone: false,
    })
    this.disposers.push(
      reaction(
        () => [...this.positions],
        (entries) => storage.set(POSITIONS_KEY, entries),
      ),
    )
  }

  state(id: string): LoadState {
    return this.states.get(id) ?? idleState()
  }

  /** Whether an article can be shown without the network. */
  isCached(id: string): boolean {
    return this.articles.has(id) || this.cache.has(id)
  }

  /**
   * Shows the article at once if it is known (memory or offline cache) and always asks the server
   * for the current text; when the network is unavailable the known copy stays, marked offline.
   */
  loadArticle(id: string): Promise<void> {
    const pending = this.inFlight.get(id)
    if (pending) return pending
    const known = this.articles.get(id) ?? this.cache.get(id)
    if (known && !this.articles.has(id)) this.articles.set(id, known)
    this.states.set(id, { status: known ? 'ready' : 'loading', error: null, offline: false })
    const p = this.api
      .getArticle(id)
      .then((res) =>
        runInAction(() => {
          if (res.ok) {
            this.articles.set(id, res.data)
            this.cache.put(id, res.data)
            this.states.set(id, { status: 'ready', error: null, offline: false })
          } else if (this.articles.has(id) && res.error.code === 'unavailable') {
            this.states.set(id, { status: 'ready', error: null, offline: true })
          } else if (res.error.code === 'not_found') {
            // Withdrawn: no copy may stay readable, in memory or offline.
            const known = this.articles.get(id)
            this.forget((a) => a.article.id === id)
            this.states.set(id, { status: 'error', error: res.error, offline: false })
            this.onGone(id, known)
          } else {
            this.states.set(id, { status: 'error', error: res.error, offline: false })
          }
        }),
      )
      .finally(() => this.inFlight.delete(id))
    this.inFlight.set(id, p)
    return p
  }

  /** Drops every known copy of the articles picked (memory, offline cache, reading position). */
  forget(pick: (detail: ArticleDetail) => boolean): void {
    const gone = new Set<string>()
    for (const [id, d] of this.articles) if (pick(d)) gone.add(id)
    // One write of the offline cache, however many go.
    this.cache.deleteWhere((d, id) => {
      const hit = gone.has(id) || pick(d)
      if (hit) gone.add(id)
      return hit
    })
    for (const id of gone) {
      this.articles.delete(id)
      this.positions.delete(id)
    }
  }

  /** Remembers how far down an article the reader got (bounded to the most recent articles). */
  savePosition(id: string, scrollTop: number): void {
    const y = Math.max(0, Math.round(scrollTop))
    this.positions.delete(id)
    if (y > 0) this.positions.set(id, y)
    while (this.positions.size > POSITION_LIMIT)
      this.positions.delete(this.positions.keys().next().value as string)
  }

  positionOf(id: string): number {
    return this.positions.get(id) ?? 0
  }

  /** Stops persisting (tests, teardown). */
  dispose(): void {
    for (const d of this.disposers) d()
  }
}
