import { makeAutoObservable, runInAction } from 'mobx'

import type { IssueDetail, IssueSummary, Page } from '@core/api/content'
import type { ApiResponse } from '@core/api/response'
import type { ContentApi } from '@/services/content-api'
import type { KeyValueStorage } from '@/services/storage'

import { appendUnique, emptyList, idleState, type LoadState, type PagedList } from './load-state'
import { LruCache } from './lru-cache'

/** Issues kept for offline reading, and the first archive page kept for a cold start offline. */
export const ISSUE_CACHE_SIZE = 10
const FIRST_PAGE = 'first-page'

/** What the issues store tells the other stores when the server no longer has something. */
export interface IssuesGoneHooks {
  /** An issue was withdrawn (unpublished): everything of it must go. */
  issueGone(id: string): void
  /** A replaced issue no longer holds these articles. */
  articlesGone(ids: string[]): void
}

const noHooks: IssuesGoneHooks = { issueGone: () => {}, articlesGone: () => {} }

/** The archive of issues (newest first) and each opened issue's contents. */
export class IssuesStore {
  summaries = new Map<string, IssueSummary>()
  details = new Map<string, IssueDetail>()
  detailStates = new Map<string, LoadState>()
  archive: PagedList = emptyList()

  private readonly inFlight = new Map<string, Promise<void>>()
  private readonly cache: LruCache<IssueDetail>
  private readonly listCache: LruCache<Page<IssueSummary>>

  constructor(
    private readonly api: ContentApi,
    storage: KeyValueStorage,
    private readonly gone: IssuesGoneHooks = noHooks,
  ) {
    this.cache = new LruCache<IssueDetail>(storage, 'cache.issues', ISSUE_CACHE_SIZE)
    this.listCache = new LruCache<Page<IssueSummary>>(storage, 'cache.issue-list', 1)
    makeAutoObservable<this, 'inFlight' | 'cache' | 'listCache' | 'api' | 'gone'>(this, {
      inFlight: false,
      cache: false,
      listCache: false,
      api: false,
      gone: false,
    })
  }

  /** The newest issue, shown as the cover card. */
  get latest(): IssueSummary | null {
    const id = this.archive.ids[0]
    return id ? (this.summaries.get(id) ?? null) : null
  }

  /** Every listed issue after the newest one. */
  get earlier(): IssueSummary[] {
    return this.archive.ids.slice(1).flatMap((id) => this.summaries.get(id) ?? [])
  }

  get hasMore(): boolean {
    return this.archive.nextCursor !== null
  }

  detailState(id: string): LoadState {
    return this.detailStates.get(id) ?? idleState()
  }

  /** The newest issue's full record (masthead contacts for 关于), once loaded. */
  get latestDetail(): IssueDetail | null {
    const id = this.archive.ids[0]
    return id ? (this.details.get(id) ?? null) : null
  }

  /** Loads the newest issue's masthead: the archive's first page, then that issue. */
  async loadMasthead(): Promise<void> {
    await this.loadLatest()
    const id = this.archive.ids[0]
    if (id) await this.loadIssue(id)
  }

  /** Loads the first archive page unless it is already there (or on its way). */
  loadLatest(): Promise<void> {
    if (this.archive.status === 'ready' && !this.archive.offline) return Promise.resolve()
    return this.fetchFirstPage()
  }

  /** Reloads the first page (pull to refresh), keeping the current list on screen until it answers. */
  refresh(): Promise<void> {
    return this.fetchFirstPage()
  }

  private fetchFirstPage(): Promise<void> {
    return this.reuse('list:first', async () => {
      if (this.archive.ids.length === 0) this.archive.status = 'loading'
      const res = await this.api.listIssues()
      runInAction(() => {
        if (res.ok) {
          this.listCache.put(FIRST_PAGE, res.data)
          this.forgetUnlisted(res.data)
          this.takePage(res.data, true)
          this.archive.offline = false
          return
        }
        const cached = res.error.code === 'unavailable' ? this.listCache.get(FIRST_PAGE) : undefined
        if (cached && this.archive.ids.length === 0) {
          this.takePage(cached, true)
          this.archive.offline = true
        } else if (this.archive.ids.length > 0) {
          this.archive.offline = res.error.code === 'unavailable'
          this.archive.status = 'ready'
        } else {
          this.archive.status = 'error'
          this.archive.error = res.error
        }
      })
    })
  }

  /** Fetches the next archive page; pages that overlap (a new issue published meanwhile) add no duplicates. */
  loadMore(): Promise<void> {
    const cursor = this.archive.nextCursor
    if (cursor === null || this.archive.status !== 'ready') return Promise.resolve()
    return this.reuse(`list:${cursor}`, async () => {
      this.archive.loadingMore = true
      this.archive.moreError = null
      const res = await this.api.listIssues(cursor)
      runInAction(() => {
        this.archive.loadingMore = false
        if (!res.ok) {
          this.archive.moreError = res.error
          return
        }
        this.takePage(res.data, false)
      })
    })
  }

  /** Loads one issue's contents; served from the offline cache when the network is unavailable. */
  loadIssue(id: string): Promise<void> {
    return this.reuse(`issue:${id}`, async () => {
      const known = this.details.get(id) ?? this.cache.get(id)
      if (known && !this.details.has(id)) this.details.set(id, known)
      this.detailStates.set(id, {
        status: known ? 'ready' : 'loading',
        error: null,
        offline: false,
      })
      const res = await this.api.getIssue(id)
      runInAction(() => this.takeDetail(id, res))
    })
  }

  private takeDetail(id: string, res: ApiResponse<IssueDetail>): void {
    if (res.ok) {
      const before = this.details.get(id)
      if (before) {
        const now = new Set(articleIdsOf(res.data))
        const removed = articleIdsOf(before).filter((a) => !now.has(a))
        if (removed.length) this.gone.articlesGone(removed)
      }
      this.details.set(id, res.data)
      this.summaries.set(id, res.data)
      this.cache.put(id, res.data)
      this.detailStates.set(id, { status: 'ready', error: null, offline: false })
      return
    }
    const known = this.details.get(id)
    if (known && res.error.code === 'unavailable') {
      this.detailStates.set(id, { status: 'ready', error: null, offline: true })
      return
    }
    if (res.error.code === 'not_found') this.forgetIssue(id)
    this.detailStates.set(id, { status: 'error', error: res.error, offline: false })
  }

  /** Drops a withdrawn issue from the list, memory and both offline caches, and tells the others. */
  forgetIssue(id: string): void {
    this.details.delete(id)
    this.summaries.delete(id)
    this.cache.delete(id)
    this.archive.ids = this.archive.ids.filter((x) => x !== id)
    const page = this.listCache.peek(FIRST_PAGE)
    if (page?.items.some((i) => i.id === id))
      this.listCache.put(FIRST_PAGE, { ...page, items: page.items.filter((i) => i.id !== id) })
    this.gone.issueGone(id)
  }

  /** Takes a withdrawn article out of its issue's contents (memory and offline copy). */
  forgetArticle(issueId: string, articleId: string): void {
    const detail = this.details.get(issueId) ?? this.cache.peek(issueId)
    if (!detail || !articleIdsOf(detail).includes(articleId)) return
    const sections = detail.sections
      .map((s) => ({ ...s, articles: s.articles.filter((a) => a.id !== articleId) }))
      .filter((s) => s.articles.length > 0)
    const next = { ...detail, sections, articleCount: Math.max(0, detail.articleCount - 1) }
    if (this.details.has(issueId)) this.details.set(issueId, next)
    if (this.cache.has(issueId)) this.cache.put(issueId, next)
  }

  /**
   * Issues known here that a fresh first page should list but does not were unpublished: every
   * known issue newer than the page's oldest (or any, when the page is the whole archive).
   */
  private forgetUnlisted(page: Page<IssueSummary>): void {
    const listed = new Set(page.items.map((i) => i.id))
    const oldest =
      page.nextCursor === null ? -Infinity : Math.min(...page.items.map((i) => i.totalNumber))
    const known = new Map<string, number>()
    for (const s of this.summaries.values()) known.set(s.id, s.totalNumber)
    for (const id of this.cache.keys()) {
      const d = this.cache.peek(id)
      if (d) known.set(id, d.totalNumber)
    }
    for (const [id, total] of known) if (!listed.has(id) && total >= oldest) this.forgetIssue(id)
  }

  private takePage(page: Page<IssueSummary>, first: boolean): void {
    for (const issue of page.items) this.summaries.set(issue.id, issue)
    const ids = page.items.map((i) => i.id)
    this.archive.ids = first ? appendUnique([], ids) : appendUnique(this.archive.ids, ids)
    this.archive.nextCursor = page.nextCursor
    this.archive.status = 'ready'
    this.archive.error = null
    this.archive.moreError = null
  }

  private reuse(key: string, run: () => Promise<void>): Promise<void> {
    const pending = this.inFlight.get(key)
    if (pending) return pending
    const p = run().finally(() => this.inFlight.delete(key))
    this.inFlight.set(key, p)
    return p
  }
}

const articleIdsOf = (detail: IssueDetail): string[] =>
  detail.sections.flatMap((s) => s.articles.map((a) => a.id))
