import type { ApiError } from '@core/api/response'

/** Where one request-backed piece of state stands; pages pick skeleton, content or error from it. */
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error'

export interface LoadState {
  status: LoadStatus
  error: ApiError | null
  /** Shown from the offline cache because the network was unavailable. */
  offline: boolean
}

export const idleState = (): LoadState => ({ status: 'idle', error: null, offline: false })

/** A paged list of ids, with its cursor and its own state. */
export interface PagedList {
  ids: string[]
  nextCursor: string | null
  status: LoadStatus
  /** A next page is being fetched (the list itself stays on screen). */
  loadingMore: boolean
  error: ApiError | null
  /** The last next-page request failed; the footer offers a retry. */
  moreError: ApiError | null
  offline: boolean
}

export const emptyList = (): PagedList => ({
  ids: [],
  nextCursor: null,
  status: 'idle',
  loadingMore: false,
  error: null,
  moreError: null,
  offline: false,
})

/** Appends ids not already in the list, so overlapping pages never show an item twice. */
export function appendUnique(ids: string[], more: string[]): string[] {
  const seen = new Set(ids)
  const out = ids.slice()
  for (const id of more) {
    if (seen.has(id)) continue
    seen.add(id)
    out.push(id)
  }
  return out
}
