import type { SearchHit } from '../../../core/api/content'
import type { ArticleRecord } from './records'
import { presentArticleSummary } from './presenters'

export const SNIPPET_MAX = 120
const LEAD = 30

export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Every [start, end) where `q` occurs in `text`, case-insensitively for Latin letters. */
export function hitRanges(text: string, q: string): [number, number][] {
  const out: [number, number][] = []
  const hay = text.toLowerCase()
  const needle = q.toLowerCase()
  for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + needle.length)) {
    out.push([at, at + needle.length])
  }
  return out
}

/** ≤ 120 characters of `text` around its first hit, with the hits inside it. */
export function snippetAround(
  text: string,
  q: string,
): { snippet: string; snippetHits: [number, number][] } {
  const first = hitRanges(text, q)[0]
  if (!first) return { snippet: text.slice(0, SNIPPET_MAX).replace(/\n/g, ' '), snippetHits: [] }
  const start = Math.max(0, Math.min(first[0] - LEAD, text.length - SNIPPET_MAX))
  let snippet = text.slice(start, start + SNIPPET_MAX)
  const leading = start > 0
  const trailing = start + SNIPPET_MAX < text.length
  // The ellipses are counted in the limit, so the hits are found again in the final string.
  if (leading) snippet = `…${snippet.slice(1)}`
  if (trailing) snippet = `${snippet.slice(0, -1)}…`
  // Hits first: a query may span two paragraphs, and the line break shown as a space keeps offsets.
  const snippetHits = hitRanges(snippet, q)
  return { snippet: snippet.replace(/\n/g, ' '), snippetHits }
}

/** Title hits first, then newest issue, then position in the issue. */
export function rankHits(records: ArticleRecord[], q: string): SearchHit[] {
  return records
    .map((r) => {
      const titleHits = hitRanges(r.title, q)
      const inText = hitRanges(r.text, q).length > 0
      const { snippet, snippetHits } = inText
        ? snippetAround(r.text, q)
        : { snippet: r.excerpt, snippetHits: [] }
      return { ...presentArticleSummary(r), snippet, snippetHits, titleHits, position: r.position }
    })
    .sort(
      (a, b) =>
        Number(b.titleHits.length > 0) - Number(a.titleHits.length > 0) ||
        b.totalNumber - a.totalNumber ||
        a.position - b.position,
    )
    .map(({ position: _p, ...hit }) => hit)
}
