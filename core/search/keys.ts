/**
 * Search keys: what an article's index array holds and what a query asks that array for. A key
 * stands for a character or a pair of adjacent characters of a normalised field, so every
 * substring of two or more characters is found through its pairs and a single character through
 * itself. The database answers "articles holding all these keys"; that set holds every match (and
 * a few articles that hold the pairs apart, or a pair whose number another pair shares), and the
 * matches are then verified in memory.
 *
 * Keys are small integers, not strings: a character is its code point; a pair is `PAIR_BASE` plus
 * a hash of its two code points below `PAIR_SPACE`. An article holds some 500 keys, and as numbers
 * they are one packed array per record (and one number per index entry) where strings would be
 * 500 small objects each for the process to keep and collect.
 */
import type { QueryTerm } from './query'

/** Above every code point. */
const PAIR_BASE = 0x110000
/** A prime near 2^24: some 150,000 distinct pairs in a large corpus rarely share a number. */
const PAIR_SPACE = 16_777_213

const pairKey = (a: number, b: number): number => PAIR_BASE + ((a * 0x10ffff + b) % PAIR_SPACE)
const isPair = (key: number): boolean => key >= PAIR_BASE

function keysOf(text: string): Set<number> {
  const out = new Set<number>()
  const points = [...text].map((c) => c.codePointAt(0) as number)
  for (let i = 0; i < points.length; i++) {
    out.add(points[i])
    if (i + 1 < points.length) out.add(pairKey(points[i], points[i + 1]))
  }
  return out
}

/** The distinct keys of an article's normalised fields (a key never spans two fields). */
export function articleKeys(fields: readonly string[]): number[] {
  const out = new Set<number>()
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
export function queryKeys(terms: readonly QueryTerm[]): number[] {
  const out = new Set<number>()
  for (const term of terms) for (const k of sharedKeys(term.variants)) out.add(k)
  // Pairs first: they are rarer, and a database that walks one key's index entries and checks the
  // others (MongoDB's `$all`) walks the first.
  return [...out].sort((a, b) => Number(isPair(b)) - Number(isPair(a))).slice(0, MAX_QUERY_KEYS)
}

/** The keys every one of `variants` holds, pairs preferred, at most `KEYS_PER_TERM`. */
export function sharedKeys(variants: readonly string[]): number[] {
  const [first, ...rest] = variants.map(keysOf)
  const shared = [...first].filter((k) => rest.every((s) => s.has(k)))
  const pairs = shared.filter(isPair)
  return spread(pairs.length ? pairs : shared, KEYS_PER_TERM)
}
