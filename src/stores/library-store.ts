import { makeAutoObservable, reaction, type IReactionDisposer } from 'mobx'

import type { ArticleDetail } from '@core/api/content'
import type { KeyValueStorage } from '@/services/storage'

/** What the 我的 tab lists for a saved or read article: enough to show a row without the network. */
export interface LibraryEntry {
  id: string
  title: string
  region: string
  issueId: string
  /** e.g. `2024 年第 6 期`. */
  issueLabel: string
  /** Epoch ms when favourited or last read. */
  at: number
  /** The server no longer has it (issue unpublished or replaced): listed as 已下线, not openable. */
  withdrawn?: boolean
}

export const HISTORY_LIMIT = 50
const FAVOURITES_KEY = 'library.favourites'
const HISTORY_KEY = 'library.history'

/** Formats an issue's number the way the publication prints it. */
export const issueLabelOf = (issue: { year: number; number: number }): string =>
  `${issue.year} 年第 ${issue.number} 期`

export const entryOf = (detail: ArticleDetail, at: number): LibraryEntry => ({
  id: detail.article.id,
  title: detail.article.title,
  region: detail.article.region,
  issueId: detail.issue.id,
  issueLabel: issueLabelOf(detail.issue),
  at,
})

const isEntry = (v: unknown): v is LibraryEntry =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as LibraryEntry).id === 'string' &&
  typeof (v as LibraryEntry).title === 'string'

/** The reader's favourites and reading history, kept on the device. */
export class LibraryStore {
  favourites = new Map<string, LibraryEntry>()
  history = new Map<string, LibraryEntry>()

  private readonly disposers: IReactionDisposer[] = []

  constructor(
    storage: KeyValueStorage,
    private readonly now: () => number = Date.now,
  ) {
    for (const e of storage.get<unknown[]>(FAVOURITES_KEY) ?? [])
      if (isEntry(e)) this.favourites.set(e.id, e)
    for (const e of storage.get<unknown[]>(HISTORY_KEY) ?? [])
      if (isEntry(e)) this.history.set(e.id, e)
    makeAutoObservable<this, 'disposers' | 'now'>(this, { disposers: false, now: false })
    this.disposers.push(
      reaction(
        () => [...this.favourites.values()],
        (list) => storage.set(FAVOURITES_KEY, list),
      ),
      reaction(
        () => [...this.history.values()],
        (list) => storage.set(HISTORY_KEY, list),
      ),
    )
  }

  /** Favourites, most recently saved first. */
  get favouriteList(): LibraryEntry[] {
    return [...this.favourites.values()].sort((a, b) => b.at - a.at)
  }

  /** Read articles, most recently read first. */
  get historyList(): LibraryEntry[] {
    return [...this.history.values()].sort((a, b) => b.at - a.at)
  }

  /** How many articles of an issue the reader has read (still published ones). */
  readCountOf(issueId: string): number {
    let n = 0
    for (const e of this.history.values()) if (e.issueId === issueId && !e.withdrawn) n++
    return n
  }

  isFavourite(id: string): boolean {
    return this.favourites.has(id)
  }

  /** Adds the article to favourites, or removes it if it is there. */
  toggleFavourite(detail: ArticleDetail): void {
    const id = detail.article.id
    if (this.favourites.has(id)) this.favourites.delete(id)
    else this.favourites.set(id, entryOf(detail, this.now()))
  }

  removeFavourite(id: string): void {
    this.favourites.delete(id)
  }

  /** Moves the article to the top of the reading history (bounded). */
  recordRead(detail: ArticleDetail): void {
    const id = detail.article.id
    this.history.delete(id)
    this.history.set(id, entryOf(detail, this.now()))
    if (this.history.size > HISTORY_LIMIT) {
      const oldest = this.historyList[this.historyList.length - 1]
      this.history.delete(oldest.id)
    }
  }

  /** Marks favourites and history entries whose article the server no longer has. */
  markWithdrawn(pick: (e: LibraryEntry) => boolean): void {
    for (const list of [this.favourites, this.history])
      for (const [id, e] of list)
        if (!e.withdrawn && pick(e)) list.set(id, { ...e, withdrawn: true })
  }

  /** An article the server answered again (republished): its favourite is openable again. */
  restore(detail: ArticleDetail): void {
    const e = this.favourites.get(detail.article.id)
    if (e?.withdrawn) this.favourites.set(e.id, { ...entryOf(detail, e.at) })
  }

  clearHistory(): void {
    this.history.clear()
  }

  dispose(): void {
    for (const d of this.disposers) d()
  }
}
