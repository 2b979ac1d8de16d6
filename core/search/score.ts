/**
 * Relevance. An article's searched text is four normalised fields: title, sub-headings, body and
 * "meta" (region and sources). For each query term, each field scores like BM25's term-frequency
 * part, `w · tf·(k1+1) / (tf + k1·(1 − b + b·len/avgLen))`, where `tf` counts occurrences of any of
 * the term's variants; the field weights make one title hit outweigh a sub-heading and five body
 * hits, and a sub-heading hit outweigh several body hits. With several terms each term's part is
 * multiplied by its idf over the visible articles, `ln(1 + (N − df + 0.5)/(df + 0.5))`, so the rare
 * word of `上海 碳足迹` counts more than the common one (one term needs none: every hit holds it).
 * Several terms close together in one field add a
 * proximity bonus (1 when adjacent, falling with the gap). Ties: newer issue, then earlier in it.
 */
import type { QueryTerm } from './query'

export type SearchFields = [title: string, heading: string, body: string, meta: string]

const WEIGHTS = [8, 3, 1, 5]
/** Typical normalised lengths of the fields, for the length normalisation. */
const AVG_LENGTH = [20, 30, 900, 10]
const K1 = 1.2
const B = 0.75
const PROXIMITY_WEIGHT = 2
/** Occurrences looked at per term and field: enough for tf to saturate and for proximity. */
const MAX_OCCURRENCES = 64

/** Start offsets of every occurrence of any of `variants` in `text`, with their lengths. */
export function occurrences(text: string, variants: readonly string[]): [number, number][] {
  const out: [number, number][] = []
  for (const v of variants) {
    for (let at = text.indexOf(v); at >= 0 && out.length < MAX_OCCURRENCES;) {
      out.push([at, v.length])
      at = text.indexOf(v, at + v.length)
    }
  }
  return out.sort((a, b) => a[0] - b[0])
}

const holds = (fields: readonly string[], term: QueryTerm): boolean =>
  term.variants.some((v) => fields.some((f) => f.includes(v)))

/** Whether an article holds every term (any variant, in any field). */
export function matchesAll(fields: readonly string[], terms: readonly QueryTerm[]): boolean {
  return terms.length > 0 && terms.every((t) => holds(fields, t))
}

/**
 * About the smallest span holding one occurrence of each list (lists sorted by start): from the
 * first start to the end of the last occurrence started in the window.
 */
function minimalSpan(lists: [number, number][][]): number {
  const events = lists
    .flatMap((list, term) => list.map(([at, len]) => ({ at, end: at + len, term })))
    .sort((a, b) => a.at - b.at)
  const count = new Array<number>(lists.length).fill(0)
  let covered = 0
  let best = Infinity
  let lo = 0
  for (let hi = 0; hi < events.length; hi++) {
    if (count[events[hi].term]++ === 0) covered++
    while (covered === lists.length) {
      best = Math.min(best, events[hi].end - events[lo].at)
      if (--count[events[lo].term] === 0) covered--
      lo++
    }
  }
  return best
}

/** Inverse document frequency of a term held by `df` of `n` articles. */
export const idf = (n: number, df: number): number =>
  Math.log(1 + (n - df + 0.5) / (Math.max(0, df) + 0.5))

/** The score of one matching article (see the module comment); `weights`: per term, e.g. idf. */
export function score(
  fields: SearchFields,
  terms: readonly QueryTerm[],
  weights?: readonly number[],
): number {
  let total = 0
  const perField = fields.map((text) => terms.map((t) => occurrences(text, t.variants)))
  perField.forEach((lists, f) => {
    const norm = 1 - B + (B * fields[f].length) / AVG_LENGTH[f]
    lists.forEach((list, t) => {
      const tf = list.length
      if (tf > 0) total += ((weights?.[t] ?? 1) * WEIGHTS[f] * tf * (K1 + 1)) / (tf + K1 * norm)
    })
    if (terms.length > 1 && lists.every((l) => l.length > 0)) {
      const needed = terms.reduce((n, t) => n + t.text.length, 0)
      total += (PROXIMITY_WEIGHT * needed) / Math.max(needed, minimalSpan(lists))
    }
  })
  return total
}

/** Order of ranked hits: score, then newer issue, then position in the issue. */
export function compareRanked(
  a: { score: number; totalNumber: number; position: number },
  b: { score: number; totalNumber: number; position: number },
): number {
  return b.score - a.score || b.totalNumber - a.totalNumber || a.position - b.position
}
