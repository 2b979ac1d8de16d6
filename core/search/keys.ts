/**
 * Search keys: what an article's index array holds and what a query asks that array for. A key
 * is a character or a pair of adjacent characters of a normalised field, so every substring of
 * two or more characters is found through its pairs and a single character through itself. The
 * database answers "articles holding all these keys"; that set holds every match (and a few
 * articles that hold the pairs apart), and the matches are then verified in memory.
 */
import type { QueryTerm } from './query'

function keysOf(text: string): Set<string> {
  const out = new Set<string>()
  const chars = [...text]
  for (let i = 0; i < chars.length; i++) {
    out.add(chars[i])
    if (i + 1 < chars.length) out.add(chars[i] + chars[i + 1])
  }
  return out
}

/** The distinct keys of an article's normalised fields (a key never spans two fields). */
export function articleKeys(fields: readonly string[]): string[] {
  const out = new Set<string>()
  for (const field of fields) for (const k of keysOf(field)) out.add(k)
  return [...out]
}

/** Keys per term in a query: more would narrow little and cost a lookup each. */
const KEYS_PER_TERM = 3
export const MAX_QUERY_KEYS = 12

/** Spread picks: the first, the last, then the middle of a list. */
function spread<T>(list: T[], n: number): T[] {
  if (list.length <= n) return list
  const picked = new Set([0, list.length - 1, list.length >> 1])
  return [...picked].slice(0, n).map((i) => list[i])
}

/**
 * Keys every article matching the query holds: per term, the keys all its variants share (pairs
 * preferred to single characters, which narrow less). Empty when no key is shared (`沪` / `上海`):
 * then every visible article is a candidate.
 */
export function queryKeys(terms: readonly QueryTerm[]): string[] {
  const out = new Set<string>()
  for (const term of terms) for (const k of sharedKeys(term.variants)) out.add(k)
  return [...out].slice(0, MAX_QUERY_KEYS)
}

/** The keys every one of `variants` holds, pairs preferred, at most `KEYS_PER_TERM`. */
export function sharedKeys(variants: readonly string[]): string[] {
  const [first, ...rest] = variants.map(keysOf)
  const shared = [...first].filter((k) => rest.every((s) => s.has(k)))
  const pairs = shared.filter((k) => [...k].length === 2)
  return spread(pairs.length ? pairs : shared, KEYS_PER_TERM)
}
