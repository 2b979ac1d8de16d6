/**
 * Tolerant title comparison: the table of contents and the body often differ by spaces, quotes or a
 * word (`苏州工业园` / `苏州工业园区`), so titles are compared by longest common subsequence.
 */

const NOISE = /[\s*“”‘’"'《》〈〉「」『』【】（）()，,、。：:；;！!？?·—-]/g

export const titleKey = (title: string): string => title.replace(NOISE, '')

/** Similarity in [0, 1]: 2·LCS / (|a| + |b|) over the titles without spaces and punctuation. */
export function titleSimilarity(a: string, b: string): number {
  const x = titleKey(a)
  const y = titleKey(b)
  if (x.length === 0 || y.length === 0) return 0
  if (x === y) return 1
  let prev = new Array<number>(y.length + 1).fill(0)
  for (let i = 1; i <= x.length; i++) {
    const row = new Array<number>(y.length + 1).fill(0)
    for (let j = 1; j <= y.length; j++) {
      row[j] = x[i - 1] === y[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], row[j - 1])
    }
    prev = row
  }
  return (2 * prev[y.length]) / (x.length + y.length)
}

export const SAME_TITLE = 0.8

export const isSameTitle = (a: string, b: string): boolean => titleSimilarity(a, b) >= SAME_TITLE
