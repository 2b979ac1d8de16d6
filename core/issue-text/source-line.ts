/**
 * The source note that closes an article: `（上海证券报 20240326）`, `（文汇报 证券时报 20240325）`,
 * `（21 世纪经济报道 20240319）`. Found at the very end of the article's last paragraph.
 */

/**
 * `（names yyyy m d）` at the end, written so that no run of spaces or digits can be shared out
 * between two quantifiers in more than one way: the names run to their first letter (anything but
 * a space, a digit or a bracket) and end on a character that is no space, and a separator takes
 * the spaces after it. It matches the same notes, with the same parts, as the earlier
 * `[（(]\s*([^（）()]*?[^\s（）()\d][^（）()]*?)\s*(…)\s*[-./年]?\s*(…)…`, on which a paragraph
 * ending in a note without its closing bracket and with wide gaps (`（报  2024  3  26`) took
 * seconds to hours.
 */
const SOURCE_AT_END =
  /[（(]\s*((?:\d[\s\d]*)?[^\s（）()\d](?:[^（）()]*?[^\s（）()])?)\s*((?:19|20)\d{2})\s*(?:[-./年]\s*)?(\d{1,2})\s*(?:[-./月]\s*)?(\d{1,2})\s*(?:日\s*)?[）)]\s*$/

export interface SourceNote {
  sources: string[]
  sourceDate: string
  /** The text before the note, trimmed. */
  rest: string
}

/** Splits the note off the end of `text`; null when the text does not end with one. */
export function splitSourceNote(text: string): SourceNote | null {
  const m = SOURCE_AT_END.exec(text)
  if (!m) return null
  const [, names, year, month, day] = m
  const mm = Number(month)
  const dd = Number(day)
  if (mm < 1 || mm > 12 || dd < 1 || dd > 31) return null
  const sources = splitSourceNames(names)
  if (sources.length === 0) return null
  return {
    sources,
    sourceDate: `${year}-${pad2(mm)}-${pad2(dd)}`,
    rest: text.slice(0, m.index).trim(),
  }
}

/** Whether `text` ends inside an opened note: a bracket with no closing one and a short tail. */
export function opensNote(text: string): boolean {
  const open = Math.max(text.lastIndexOf('（'), text.lastIndexOf('('))
  const close = Math.max(text.lastIndexOf('）'), text.lastIndexOf(')'))
  return open > close && text.length - open <= MAX_NOTE_CHARS
}

/** Longest note the join looks at: several paper names and a date. */
const MAX_NOTE_CHARS = 40

const pad2 = (n: number): string => String(n).padStart(2, '0')

/** Names are separated by spaces, but a leading number belongs to the next word: `21 世纪经济报道`. */
function splitSourceNames(names: string): string[] {
  const tokens = names.split(/[\s、，,·]+/).filter(Boolean)
  const out: string[] = []
  let carry = ''
  for (const token of tokens) {
    if (/^\d+$/.test(token)) {
      carry += token
      continue
    }
    out.push(carry + token)
    carry = ''
  }
  if (carry) out.push(carry)
  return out
}
