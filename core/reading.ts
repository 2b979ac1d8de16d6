/**
 * Reading time: characters a reader gets through in a minute of Chinese policy prose, and the
 * counts the reader shows (约 N 分钟, N 字).
 */
export const CHARS_PER_MINUTE = 400

/** Characters of a text as a reader counts them: everything but white space. */
export function countChars(texts: readonly string[]): number {
  let n = 0
  for (const t of texts) n += t.replace(/\s+/g, '').length
  return n
}

/** Whole minutes to read that many characters, at least one. */
export const readingMinutes = (chars: number): number =>
  Math.max(1, Math.round(chars / CHARS_PER_MINUTE))
