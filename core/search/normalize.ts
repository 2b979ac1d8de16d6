/**
 * One normal form for the text that is searched and the query that searches it, so that what a
 * reader types matches however the text was typeset: NFKC (full-width → half-width, compatibility
 * forms), Latin case folded, traditional characters → simplified (OpenCC's Taiwan → mainland
 * table, with the `opencc-js/t2cn` build that holds only that direction), and every character that is not a letter or a digit dropped, which makes spacing
 * between Chinese and digits or Latin (`162 家`, `ESG 能力`) and punctuation inside a phrase
 * (`加快释放。近期`) irrelevant.
 */
import { Converter } from 'opencc-js/t2cn'

/** Traditional → simplified; the Taiwan table also knows Taiwan's variant characters. */
let converter: ((text: string) => string) | null = null
/** Built on first use: its tables take tens of milliseconds, which other actions need not pay. */
const toSimplified = (text: string): string =>
  (converter ??= Converter({ from: 'tw', to: 'cn' }))(text)

const KEEP = /[\p{L}\p{N}]/u

/** Per character: its NFKC, case-folded, simplified form without the characters not kept. */
const charCache = new Map<string, string>()

/**
 * One character's normal form. Characters are converted one by one (OpenCC's character table,
 * not its phrases): the same character always reads the same in a query and in a text, offsets
 * map back one to one, and a text costs one cached lookup per character.
 */
function foldChar(ch: string): string {
  let out = charCache.get(ch)
  if (out === undefined) {
    out = ''
    for (const c of ch.normalize('NFKC').toLowerCase()) {
      if (!KEEP.test(c)) continue
      const simple = toSimplified(c)
      out += [...simple].length === 1 ? simple : c
    }
    charCache.set(ch, out)
  }
  return out
}

/** Normalised text with, for every character of it, where it came from in the original. */
export interface Mapped {
  text: string
  /** `from[i]`: index in the original of the character normalised character `i` came from. */
  from: number[]
  /** `to[i]`: end (exclusive) in the original of that character. */
  to: number[]
}

/** Normalises `text` and keeps the way back to the original's offsets (for highlights). */
export function normalizeMapped(text: string): Mapped {
  let out = ''
  const from: number[] = []
  const to: number[] = []
  for (let i = 0; i < text.length;) {
    const width = (text.codePointAt(i) as number) > 0xffff ? 2 : 1
    const folded = foldChar(text.slice(i, i + width))
    for (let k = 0; k < folded.length; k++) {
      from.push(i)
      to.push(i + width)
    }
    out += folded
    i += width
  }
  return { text: out, from, to }
}

/** The normal form of `text` (see the module comment). */
export function normalize(text: string): string {
  let out = ''
  for (const ch of text) out += foldChar(ch)
  return out
}

/**
 * How a typed term reads after the changes a reader would not notice as different (full-width,
 * traditional, punctuation), keeping Latin case: what the page shows as "searched as".
 */
export function displayForm(term: string): string {
  let out = ''
  for (const ch of term.normalize('NFKC')) if (KEEP.test(ch)) out += ch
  return [...out].map((c) => (/\p{Script=Han}/u.test(c) ? foldChar(c) || c : c)).join('')
}
