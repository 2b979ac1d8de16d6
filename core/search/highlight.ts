/** Highlights and snippets on the original text, found through the normalised form. */
import { normalizeMapped } from './normalize'
import type { QueryTerm } from './query'
import { occurrences } from './score'

export const SNIPPET_MAX = 120
/** Characters shown before the first hit of the chosen window. */
const LEAD = 20

type Range = [number, number]

interface Hit {
  start: number
  end: number
  term: number
}

/** Every occurrence of the terms in `text`, as [start, end) of the original, in order. */
function hitsIn(text: string, terms: readonly QueryTerm[]): Hit[] {
  const mapped = normalizeMapped(text)
  const hits: Hit[] = []
  terms.forEach((t, term) => {
    for (const [at, len] of occurrences(mapped.text, t.variants))
      hits.push({ start: mapped.from[at], end: mapped.to[at + len - 1], term })
  })
  return hits.sort((a, b) => a.start - b.start || b.end - a.end)
}

/** Sorted, overlapping or touching ranges joined. */
function merge(ranges: Range[]): Range[] {
  const out: Range[] = []
  for (const [s, e] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const last = out[out.length - 1]
    if (last && s <= last[1]) last[1] = Math.max(last[1], e)
    else out.push([s, e])
  }
  return out
}

/** Ranges [start, end) of `text` where any term occurs (e.g. the title's highlights). */
export function highlightRanges(text: string, terms: readonly QueryTerm[]): Range[] {
  return merge(hitsIn(text, terms).map((h) => [h.start, h.end]))
}

/**
 * ≤ `SNIPPET_MAX` characters of `text` around the window holding the most distinct terms (then the
 * most hits, then the earliest), with every hit inside it; null when no term occurs in `text`.
 * Line breaks show as spaces; a cut end shows `…`, counted in the limit.
 */
export function snippetOf(
  text: string,
  terms: readonly QueryTerm[],
): { snippet: string; snippetHits: Range[] } | null {
  const hits = hitsIn(text, terms)
  if (hits.length === 0) return null
  const width = SNIPPET_MAX - LEAD - 2
  let best = { distinct: 0, count: 0, first: 0 }
  for (let i = 0; i < hits.length; i++) {
    const seen = new Set<number>()
    let count = 0
    for (let j = i; j < hits.length && hits[j].end - hits[i].start <= width; j++) {
      seen.add(hits[j].term)
      count++
    }
    if (seen.size > best.distinct || (seen.size === best.distinct && count > best.count))
      best = { distinct: seen.size, count, first: i }
  }
  const anchor = hits[best.first].start
  const start = Math.max(0, Math.min(anchor - LEAD, text.length - SNIPPET_MAX))
  const end = Math.min(text.length, start + SNIPPET_MAX)
  let snippet = text.slice(start, end)
  const lo = start > 0 ? 1 : 0
  const hi = end < text.length ? snippet.length - 1 : snippet.length
  if (start > 0) snippet = `…${snippet.slice(1)}`
  if (end < text.length) snippet = `${snippet.slice(0, -1)}…`
  // Only whole hits: a word the ellipsis cuts is shown unmarked rather than half marked.
  const snippetHits = merge(
    hits.map((h): Range => [h.start - start, h.end - start]).filter(([s, e]) => s >= lo && e <= hi),
  )
  return { snippet: snippet.replace(/\n/g, ' '), snippetHits }
}
