/**
 * Tolerant title comparison: the table of contents and the body often differ by spaces, quotes or a
 * word (`苏州工业园` / `苏州工业园区`), so titles are compared by longest common subsequence.
 */

const NOISE = /[\s*“”‘’"'《》〈〉「」『』【】（）()，,、。：:；;！!？?·—-]/g

interface TitleProfile {
  key: string
  /** How often each UTF-16 unit occurs in the key. */
  counts: Map<string, number>
}

const profiles = new Map<string, TitleProfile>()
/** Profiles are asked for again and again while a file is read; remembered, up to a bound. */
const PROFILES_KEPT = 4096

function profileOf(title: string): TitleProfile {
  let profile = profiles.get(title)
  if (profile === undefined) {
    if (profiles.size >= PROFILES_KEPT) profiles.clear()
    const key = title.replace(NOISE, '')
    // By UTF-16 unit, as the comparison counts: a character outside the basic plane (𠀀) is two.
    const counts = new Map<string, number>()
    for (let i = 0; i < key.length; i++) counts.set(key[i], (counts.get(key[i]) ?? 0) + 1)
    profile = { key, counts }
    profiles.set(title, profile)
  }
  return profile
}

export const titleKey = (title: string): string => profileOf(title).key

/** Upper bound of 2·LCS / (|x| + |y|) from the characters the keys share. */
function sharedBound(a: TitleProfile, b: TitleProfile): number {
  const [small, large] = a.counts.size <= b.counts.size ? [a, b] : [b, a]
  let shared = 0
  for (const [c, n] of small.counts) shared += Math.min(n, large.counts.get(c) ?? 0)
  return (2 * shared) / (a.key.length + b.key.length)
}

/**
 * Similarity in [0, 1]: 2·LCS / (|a| + |b|) over the titles without spaces and punctuation. With a
 * `floor`, pairs that cannot reach it answer 0 without the quadratic comparison: contents and body
 * can hold thousands of title-like lines.
 */
export function titleSimilarity(a: string, b: string, floor = 0): number {
  const pa = profileOf(a)
  const pb = profileOf(b)
  const x = pa.key
  const y = pb.key
  if (x.length === 0 || y.length === 0) return 0
  if (x === y) return 1
  if (floor > 0 && sharedBound(pa, pb) < floor) return 0
  return (2 * lcsLength(x, y)) / (x.length + y.length)
}

/** Length of the longest common subsequence, in two reused rows. */
function lcsLength(x: string, y: string): number {
  let prev = new Uint16Array(y.length + 1)
  let row = new Uint16Array(y.length + 1)
  for (let i = 1; i <= x.length; i++) {
    const c = x.charCodeAt(i - 1)
    for (let j = 1; j <= y.length; j++) {
      row[j] =
        c === y.charCodeAt(j - 1) ? prev[j - 1] + 1 : prev[j] > row[j - 1] ? prev[j] : row[j - 1]
    }
    ;[prev, row] = [row, prev]
  }
  return prev[y.length]
}

export const SAME_TITLE = 0.8

export const isSameTitle = (a: string, b: string): boolean => titleSimilarity(a, b) >= SAME_TITLE
