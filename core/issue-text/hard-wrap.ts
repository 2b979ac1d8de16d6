/**
 * Exports that wrap paragraphs at a fixed width (text taken from a PDF, a mail client, `fold`)
 * put one paragraph on several lines, and every line of it but the last is as wide as the wrap.
 * Left as they are, those lines read as short headings. This finds the width from the text itself
 * and joins each line the wrap ended to the line after it. A text written one paragraph per line
 * has no such width (its long lines all differ in length) and is left untouched.
 */
import type { NumberedLine } from './lines'
import { LABEL_LINE } from './patterns'
import { endsStatement } from './punctuation'
import { splitSourceNote } from './source-line'

/** A heading after a paragraph that filled its last line is at most this share of the width. */
const HEADING_SHARE = 0.6
/** Lines shorter than this (in columns) are never taken for wrapped ones. */
const MIN_WRAP_COLUMNS = 24
/** Full-width lines needed before a width is believed: a few paragraphs' worth. */
const MIN_FULL_LINES = 6
/** Share of the long lines the full-width ones must make up. */
const MIN_FULL_SHARE = 0.35
/** Share of the long lines that may be wider than the wrap (a URL, a table row). */
const MAX_WIDER_SHARE = 0.05

const ASCII_WORD = /[A-Za-z0-9]/
const CJK = /[\u3400-\u4dbf\u4e00-\u9fff]/

type Measure = (text: string) => number

/** Characters, as `fold -w` and most editors count. */
const chars: Measure = (text) => {
  let n = text.length
  // A character outside the basic plane is two code units.
  for (let i = 0; i < text.length; i++) if ((text.charCodeAt(i) & 0xfc00) === 0xd800) n--
  return n
}
/** Terminal columns: CJK and full-width forms take two, as `fmt` and mail clients count. */
const columns: Measure = (text) => {
  let n = 0
  for (let i = 0; i < text.length; i++) n += isWide(text.charCodeAt(i)) ? 2 : 1
  return n
}

/** East Asian wide and full-width code units (Hangul, CJK, kana, full-width forms). */
const isWide = (c: number): boolean =>
  (c >= 0x1100 && c <= 0x115f) ||
  (c >= 0x2e80 && c <= 0x303e) ||
  (c >= 0x3041 && c <= 0x33ff) ||
  (c >= 0x3400 && c <= 0x4dbf) ||
  (c >= 0x4e00 && c <= 0x9fff) ||
  (c >= 0xac00 && c <= 0xd7a3) ||
  (c >= 0xf900 && c <= 0xfaff) ||
  (c >= 0xfe30 && c <= 0xfe4f) ||
  (c >= 0xff00 && c <= 0xff60) ||
  (c >= 0xffe0 && c <= 0xffe6)

interface Wrap {
  measure: Measure
  width: number
  /**
   * How far short of `width` a full line may fall: the space the wrap broke at (trimmed away),
   * and in columns also a wide character that did not fit.
   */
  slack: number
}

/** The width the text was wrapped at, by the measure that explains it best; null when none does. */
function findWrap(texts: string[]): Wrap | null {
  let best: (Wrap & { full: number }) | null = null
  for (const [measure, slack] of [
    [chars, 1],
    [columns, 2],
  ] as const) {
    const widths = texts.map(measure).filter((w) => w >= MIN_WRAP_COLUMNS)
    if (widths.length < MIN_FULL_LINES) continue
    const counts = new Map<number, number>()
    for (const w of widths) counts.set(w, (counts.get(w) ?? 0) + 1)
    // The wrap is the widest width many lines reach: take the most common one, with its slack.
    let width = 0
    let full = 0
    for (const w of counts.keys()) {
      let n = 0
      for (let s = 0; s <= slack; s++) n += counts.get(w - s) ?? 0
      if (n > full || (n === full && w > width)) [width, full] = [w, n]
    }
    const wider = widths.filter((w) => w > width).length
    if (full < MIN_FULL_LINES || full < widths.length * MIN_FULL_SHARE) continue
    if (wider > widths.length * MAX_WIDER_SHARE) continue
    if (!best || full > best.full) best = { measure, width, slack, full }
  }
  return best && { measure: best.measure, width: best.width, slack: best.slack }
}

/**
 * How a text spaces Chinese from Latin letters and digits: how many more `162 家` than `162家` it
 * holds (negative: fewer).
 */
const cjkLatinSpacing = (text: string): number =>
  (text.match(/[\u4e00-\u9fff] [A-Za-z0-9]|[A-Za-z0-9] [\u4e00-\u9fff]/g) ?? []).length -
  (text.match(/[\u4e00-\u9fff][A-Za-z0-9]|[A-Za-z0-9][\u4e00-\u9fff]/g) ?? []).length

const rawText = (l: NumberedLine): string =>
  `${l.edges?.leading ?? ''}${l.text}${l.edges?.trailing ?? ''}`

/** Begins with a full-width space, a tab or two spaces or more: a paragraph's indent. */
const isIndented = (l: NumberedLine): boolean => /^(?:[\u3000\t]| {2})/.test(l.edges?.leading ?? '')

const joined = (run: { text: string; first: NumberedLine; last: NumberedLine }): NumberedLine =>
  run.first === run.last
    ? run.first
    : {
        text: run.text,
        line: run.first.line,
        edges: {
          leading: run.first.edges?.leading ?? '',
          trailing: run.last.edges?.trailing ?? '',
        },
      }

/** A line that starts something of its own: a region tag, a contents entry, a source note. */
const STARTS_ITS_OWN = /^(?:【|[-·•]\s|[（(][^）)]*\d{8}[）)]$)/
/** A line that is whole by its shape: a bold heading (after a region tag or not). */
const WHOLE_LINE = /^(?:【[^【】]{1,12}】\s*)?\*\*[^*]+\*\*$/

/**
 * Joins the lines of fixed-width wrapped paragraphs. A line is joined to the next when the next
 * one's first word would not have fitted on it and nothing but the text's usual line spacing
 * stands between them (blank lines between paragraphs then still part them, as does a page
 * break), unless the next line is indented or starts something of its own.
 */
export function joinHardWraps(lines: NumberedLine[]): NumberedLine[] {
  // Widths as the wrap counted them: with the indent and the spaces at the edges.
  const wrap = findWrap(lines.map(rawText))
  if (!wrap) return lines
  const spacing = lines.map((l) => cjkLatinSpacing(l.text))
  const habit = Math.sign(spacing.reduce((a, b) => a + b, 0))
  // The paragraph's own habit first (an export may space numbers in one article and not another),
  // counted as its lines join rather than read again at every join.
  const spaced = (paragraph: number) => (Math.sign(paragraph) || habit) > 0
  const keepsEdgeSpaces = lines.some((l) => l.edges?.leading === ' ' || l.edges?.trailing === ' ')
  const widthOf = (l: NumberedLine) => wrap.measure(rawText(l))
  /**
   * Whether `line` was ended by the wrap: the first word of `next` (a Chinese character, or a run
   * of Latin letters and digits after a space) would not have fitted on it. A line that ends a
   * sentence short of the width ends its paragraph.
   */
  const wrapped = (line: NumberedLine, next: NumberedLine): boolean => {
    const width = widthOf(line)
    // Short of the width by more than a wide character that did not fit (in columns).
    if (width < wrap.width - (wrap.slack - 1) && endsStatement(line.text)) return false
    // A heading, or the source note that closes an article, ends where it ends.
    if (WHOLE_LINE.test(line.text) || splitSourceNote(line.text)) return false
    const word = /^[A-Za-z0-9][\w.,%+\-/]*/.exec(next.text)?.[0] ?? next.text[0]
    const gap = word === next.text[0] && !ASCII_WORD.test(word) ? 0 : 1
    return width + gap + wrap.measure(word) > wrap.width
  }
  // The spacing between a wrapped line and its continuation: the most common one after lines as
  // wide as the wrap (a text may leave a blank line after every line, and more between paragraphs).
  const gaps = new Map<number, number>()
  for (let i = 1; i < lines.length; i++)
    if (widthOf(lines[i - 1]) >= wrap.width - wrap.slack) {
      const g = lines[i].line - lines[i - 1].line
      gaps.set(g, (gaps.get(g) ?? 0) + 1)
    }
  const gap = [...gaps].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 1
  /**
   * Whether the wrap broke at a space. Seen when the space is still there (at the end of the
   * line, or alone at the start of the next). In an export that trims them, only between Latin
   * letters, digits or Chinese and one of them: a line that fell short broke at a space the
   * export trimmed, unless it is a column short in a text measured in columns, which a wide
   * character that did not fit explains as well.
   */
  const spaceAt = (before: NumberedLine, after: NumberedLine, paragraph: number): boolean => {
    if (before.edges?.trailing || after.edges?.leading === ' ') return true
    // An export that keeps the spaces at its line edges shows every one it broke at.
    if (keepsEdgeSpaces) return false
    const a = before.text.slice(-1)
    const b = after.text[0]
    const latin = ASCII_WORD.test(a) || ASCII_WORD.test(b)
    if (!latin || !(ASCII_WORD.test(a) || CJK.test(a)) || !(ASCII_WORD.test(b) || CJK.test(b)))
      return false
    const short = wrap.width - widthOf(before)
    const mixed = !(ASCII_WORD.test(a) && ASCII_WORD.test(b))
    // Cut at exactly the width: inside a word, or at a space the export then trimmed off the
    // next line; between Chinese and a number the text's habit tells which.
    if (short <= 0) return mixed && spaced(paragraph)
    return wrap.slack > 1 && short === 1 ? spaced(paragraph) : true
  }
  const out: NumberedLine[] = []
  let open: { text: string; first: NumberedLine; last: NumberedLine; spacing: number } | null = null
  /**
   * A short line that does not end a sentence, after a full line that does: a heading after a
   * paragraph that happened to fill its last line, not that paragraph's tail (which ends one).
   */
  const heading = (prev: NumberedLine, l: NumberedLine, next: NumberedLine | undefined): boolean =>
    endsStatement(prev.text) &&
    widthOf(l) <= wrap.width * HEADING_SHARE &&
    !endsStatement(l.text) &&
    !splitSourceNote(l.text) &&
    // A heading runs straight into its paragraph; a tail cut by a page break has a break after it.
    next !== undefined &&
    next.line - l.line === gap
  const joins = (l: NumberedLine, next: NumberedLine | undefined): boolean =>
    open !== null &&
    wrapped(open.last, l) &&
    l.line - open.last.line === gap &&
    !isIndented(l) &&
    !STARTS_ITS_OWN.test(l.text) &&
    !heading(open.last, l, next)
  // The cover and the contents, up to the colophon where the export has it there: short lines,
  // where a title that fills the width looks like one the wrap cut. They are joined only where a
  // space left at the cut shows it; the contents reader joins an entry wrapped onto a second line
  // itself, by the body's titles.
  const colophon = lines.findIndex((l) => LABEL_LINE.test(l.text))
  const frontEnd = colophon >= 0 && colophon < lines.length / 2 ? colophon : -1
  const cutAtSpace = (a: NumberedLine, b: NumberedLine) =>
    a.edges?.trailing === ' ' || b.edges?.leading === ' '
  for (const [i, l] of lines.entries()) {
    if (open && (i > frontEnd || cutAtSpace(open.last, l)) && joins(l, lines[i + 1])) {
      open.spacing += spacing[i]
      open.text += (spaceAt(open.last, l, open.spacing) ? ' ' : '') + l.text
      open.last = l
      continue
    }
    if (open) out.push(joined(open))
    open = { text: l.text, first: l, last: l, spacing: spacing[i] }
  }
  if (open) out.push(joined(open))
  return out
}
