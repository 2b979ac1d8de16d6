/** Character classes that decide where a printed sentence, heading or page ends. */

const TERMINAL = new Set('。！？；：…!?;:.'.split(''))
const CLOSERS = new Set('”’」』）)》〉】"\''.split(''))
/** A segment ending in one of these is cut mid-sentence. */
const OPEN_ENDERS = new Set('，、（(“‘《〈「『—-'.split(''))
/** A segment starting with one of these continues the previous one. */
const CONTINUERS = new Set('，。、；：！？）)”’》〉」』'.split(''))

/** Text without bold markers, for looking at its edges. */
export const unmarked = (s: string): string => s.replace(/\*\*/g, '')

/**
 * The last character of the text before its closing quotes and brackets ('' when none), looked
 * for from the end (a pattern `[…]+$` is tried from every closer of a long run).
 */
function lastBeforeClosers(text: string): string {
  const s = unmarked(text)
  let i = s.length - 1
  while (i >= 0 && CLOSERS.has(s[i])) i--
  return i >= 0 ? s[i] : ''
}

/** True when the text ends a sentence (closing quotes and brackets are looked through). */
export const endsSentence = (text: string): boolean => TERMINAL.has(lastBeforeClosers(text))

/** A question or exclamation closes a sentence, but may also end a title. */
const TITLE_ENDERS = new Set('？！?!'.split(''))

/** True when the text ends a statement: sentence-ending punctuation other than ？ and ！. */
export function endsStatement(text: string): boolean {
  const last = lastBeforeClosers(text)
  return TERMINAL.has(last) && !TITLE_ENDERS.has(last)
}

export const endsOpen = (text: string): boolean => OPEN_ENDERS.has(unmarked(text).slice(-1))

export const startsAsContinuation = (text: string): boolean =>
  CONTINUERS.has(unmarked(text).charAt(0))

const LATIN = /[A-Za-z]/

/** Joins two halves of a paragraph cut by a page break: no space between CJK characters. */
export function joinFragments(a: string, b: string): string {
  const last = unmarked(a).slice(-1)
  const first = unmarked(b).charAt(0)
  return LATIN.test(last) && LATIN.test(first) ? `${a} ${b}` : a + b
}

/** Visible length, counting each CJK character or Latin letter once and ignoring spaces and markers. */
export const visibleLength = (text: string): number => unmarked(text).replace(/\s+/g, '').length
