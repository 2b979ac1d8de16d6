/**
 * Rebuilds the text of a printed issue from the positioned text runs of a PDF's text layer: runs →
 * lines (by baseline) → paragraphs (by line pitch, indentation and how full each line is), with
 * running headers, footers and page numbers dropped and paragraphs cut by a page break joined.
 * Pure geometry: pdf.ts reads the runs with pdfjs.
 */
import { endsSentence } from '../../../core/issue-text/punctuation'
import { markRuns, type TextRun } from './runs'

/** One run of text as the PDF places it: baseline origin (PDF units, y upwards), advance width, size. */
export interface PdfTextRun {
  text: string
  x: number
  y: number
  width: number
  size: number
  bold: boolean
}

export interface PdfPageText {
  width: number
  height: number
  runs: PdfTextRun[]
}

interface Line {
  page: number
  x0: number
  x1: number
  y: number
  size: number
  runs: TextRun[]
  text: string
  /** The line ended on a space glyph: it was wrapped at a space, which joining must keep. */
  trailingSpace: boolean
}

const isBlank = (s: string): boolean => s.trim() === ''
/** Latin letters, digits and the ASCII signs that go with them (`20%`, `ESG`, `5G`). */
const LATIN_OR_DIGIT = /[!-~]/

/** A gap wider than this (in ems) between runs on one baseline splits them into separate lines. */
const COLUMN_GAP_EM = 2.5
/** A gap this much wider (in ems) than the line's justification gap is a space. */
const SPACE_EM = 0.15

const IDEOGRAPH = /[\u3400-\u9fff\uf900-\ufaff]/

/**
 * The gap justification puts between neighbouring ideographs: the commonest gap between two of
 * them (0 on a line set solid). Only a gap clearly wider than this one is a space.
 */
function justificationGap(inked: PdfTextRun[], gaps: number[], size: number): number {
  const counts = new Map<number, number>()
  gaps.forEach((gap, i) => {
    if (!IDEOGRAPH.test(inked[i].text.slice(-1)) || !IDEOGRAPH.test(inked[i + 1].text.charAt(0)))
      return
    const bucket = Math.max(0, Math.round(gap / (0.05 * size)))
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1)
  })
  const best = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]
  return best ? best[0] * 0.05 * size : 0
}

const FULL_WIDTH = /^[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff60]$/

/**
 * pdfjs writes the spread of a justified line as spaces, sometimes inside one run (`机 构`). In a
 * run of full-width characters (each one em wide) the room left for its spaces tells: as wide as
 * the spread, they are spread; a real space is wider.
 */
function dropSpreadSpaces(run: PdfTextRun, spread: number): string {
  const chars = Array.from(run.text.trim())
  const spaces = chars.filter((c) => c === ' ').length
  if (spaces === 0 || !chars.every((c) => c === ' ' || FULL_WIDTH.test(c))) return run.text
  const perSpace = (run.width - (chars.length - spaces) * run.size) / spaces
  return perSpace <= spread + SPACE_EM * run.size ? run.text.replace(/ +/g, '') : run.text
}

/** Groups runs into rows by baseline, then splits rows at wide gaps (tab stops, side-by-side cells). */
function pageLines(page: PdfPageText, index: number): Line[] {
  const runs = page.runs
    .filter((r) => r.text.length > 0 && r.size > 0 && Number.isFinite(r.x) && Number.isFinite(r.y))
    .sort((a, b) => b.y - a.y || a.x - b.x)
  const rows: PdfTextRun[][] = []
  for (const run of runs) {
    const row = rows[rows.length - 1]
    if (row && Math.abs(row[0].y - run.y) <= 0.5 * Math.min(row[0].size, run.size)) row.push(run)
    else rows.push([run])
  }
  const lines: Line[] = []
  for (const row of rows) {
    row.sort((a, b) => a.x - b.x)
    let segment: PdfTextRun[] = []
    let end = -Infinity
    for (const run of row) {
      if (segment.length > 0 && !isBlank(run.text) && run.x - end > COLUMN_GAP_EM * run.size) {
        pushLine(lines, segment, index)
        segment = []
      }
      segment.push(run)
      if (!isBlank(run.text)) end = Math.max(end, run.x + run.width)
    }
    pushLine(lines, segment, index)
  }
  return lines
}

function pushLine(lines: Line[], segment: PdfTextRun[], page: number): void {
  const inked = segment.filter((r) => !isBlank(r.text))
  if (inked.length === 0) return
  const sizes = inked.map((r) => r.size).sort((a, b) => a - b)
  const size = sizes[Math.floor(sizes.length / 2)]
  const gaps = inked.slice(1).map((r, i) => r.x - (inked[i].x + inked[i].width))
  const spread = justificationGap(inked, gaps, size)
  const textRuns: TextRun[] = []
  inked.forEach((run, i) => {
    if (i > 0) {
      const gap = gaps[i - 1]
      const prev = textRuns[textRuns.length - 1]
      const hasSpace = /\s$/.test(prev.text) || /^\s/.test(run.text)
      if (!hasSpace && gap > spread + SPACE_EM * size)
        textRuns.push({ text: ' ', bold: inked[i - 1].bold && run.bold })
    }
    textRuns.push({ text: dropSpreadSpaces(run, spread), bold: run.bold })
  })
  const last = inked[inked.length - 1]
  const after = segment.slice(segment.indexOf(last) + 1)
  const trailingSpace =
    /\s$/.test(last.text) || after.some((r) => isBlank(r.text) && r.width > 0.1 * size)
  const text = textRuns
    .map((r) => r.text)
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
  lines.push({
    page,
    x0: inked[0].x,
    x1: Math.max(...inked.map((r) => r.x + r.width)),
    y: inked[0].y,
    size,
    runs: textRuns,
    text,
    trailingSpace,
  })
}

/** `3`, `- 3 -`, `第 3 页`, `3 / 12`, `第 3 页 / 共 12 页`, `Page 3 of 12`. */
const PAGE_NUMBER =
  /^(?:[-–—]\s*\d{1,4}\s*[-–—]|(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／]\s*(?:共\s*)?\d{1,4}(?:\s*页)?)?|page\s*\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?)$/i

const pageKey = (text: string): string => text.replace(/\s+/g, '').replace(/\d+/g, '#')

/** Lines at the top or bottom edge of a page that repeat on many pages at the same height. */
function dropRunningLines(pages: Line[][], heights: number[]): Line[][] {
  const edge = (lines: Line[], page: number): Line[] => {
    const band = 0.15 * heights[page]
    const top = lines.slice(0, 2).filter((l) => l.y >= heights[page] - band)
    const bottom = lines.slice(-2).filter((l) => l.y <= band)
    return [...top, ...bottom]
  }
  const candidates = pages.map(edge)
  const needed = Math.max(2, Math.ceil(0.4 * pages.length))
  const running = new Set<Line>()
  candidates.forEach((lines) => {
    for (const line of lines) {
      if (PAGE_NUMBER.test(line.text)) {
        running.add(line)
        continue
      }
      const key = pageKey(line.text)
      const pagesWithIt = candidates.filter((other) =>
        other.some((o) => pageKey(o.text) === key && Math.abs(o.y - line.y) <= 4),
      ).length
      if (pagesWithIt >= needed) running.add(line)
    }
  })
  return pages.map((lines) => lines.filter((l) => !running.has(l)))
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN
}

const sameSize = (a: number, b: number): boolean => Math.abs(a - b) <= 0.1 * Math.max(a, b)

/** The size most characters are set in: the body text. */
function bodySize(lines: Line[]): number {
  const weight = new Map<number, number>()
  for (const l of lines) {
    const key = Math.round(l.size * 2) / 2
    weight.set(key, (weight.get(key) ?? 0) + l.text.length)
  }
  return [...weight].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0
}

/**
 * The usual distance between baselines inside a paragraph of the given size: the commonest one
 * (counting near neighbours together), smaller distances first on a tie.
 */
function linePitch(pages: Line[][], size: number): number {
  const pitches: number[] = []
  for (const lines of pages) {
    for (let i = 1; i < lines.length; i++) {
      const [a, b] = [lines[i - 1], lines[i]]
      if (!sameSize(a.size, size) || !sameSize(b.size, size)) continue
      const pitch = a.y - b.y
      if (pitch >= 0.9 * size && pitch <= 2.2 * size) pitches.push(pitch)
    }
  }
  if (pitches.length === 0) return 1.4 * size
  const near = 0.08 * size
  let best = pitches[0]
  let bestCount = 0
  for (const p of pitches) {
    const count = pitches.filter((q) => Math.abs(q - p) <= near).length
    if (count > bestCount || (count === bestCount && p < best)) [best, bestCount] = [p, count]
  }
  return best
}

/**
 * Room the next line's first word needs on this line: a Latin word with the space before it, or a
 * CJK character. A line may not start with closing punctuation, so a line cut mid-sentence may
 * leave room for one more character; a line that ends a sentence had to be full.
 */
function firstWordWidth(line: Line, prev: Line): number {
  const m = /^[!-~]+/.exec(line.text)
  if (m) return (0.65 * Math.min(m[0].length, 12) + 0.35) * line.size
  return (endsBlock(prev.text) ? 1 : 2) * line.size
}

interface Column {
  left: number
  right: number
}

/** Each page's text column: its leftmost body line and the body width common to the document. */
function columns(pages: Line[][], body: number): Column[] {
  const lefts = pages.map((lines) => {
    const bodyLines = lines.filter((l) => sameSize(l.size, body))
    return Math.min(...(bodyLines.length ? bodyLines : lines).map((l) => l.x0))
  })
  const widths = pages
    .map((lines, p) => {
      const bodyLines = lines.filter((l) => sameSize(l.size, body))
      return bodyLines.length >= 3 ? Math.max(...bodyLines.map((l) => l.x1)) - lefts[p] : NaN
    })
    .filter(Number.isFinite)
  const allLines = pages.flat()
  const width = widths.length
    ? median(widths)
    : Math.max(...allLines.map((l) => l.x1)) - Math.min(...allLines.map((l) => l.x0))
  return lefts.map((left) => ({ left, right: left + width }))
}

/** True when `line` reaches the right edge: the next word would not have fitted after it. */
const isFull = (line: Line, next: Line, column: Column): boolean =>
  column.right - line.x1 <= firstWordWidth(next, line) + 0.35 * line.size

/** Reaches (nearly) the right edge of its column, without looking at the line after it. */
const isLong = (line: Line, column: Column): boolean => column.right - line.x1 <= 2.35 * line.size

/** Ends a sentence, or a paragraph with its source note `（…报 20240326）`. */
const endsBlock = (text: string): boolean => endsSentence(text) || /[）)]$/.test(text)

/** `- 【上海】 …`, `• …`, `【上海】…`: the start of a contents line, list item or section. */
const STARTS_ITEM = /^(?:[-·•]\s*【|【[^【】\s]{1,12}】)/

const isBoldText = (r: TextRun): boolean => r.bold && r.text.trim() !== ''
const inkedRuns = (line: Line): TextRun[] => line.runs.filter((r) => r.text.trim() !== '')
const allBold = (line: Line): boolean => inkedRuns(line).every(isBoldText)

/**
 * A wholly bold line after plain text, or plain text after a wholly bold line, is a title or label
 * meeting body text, not one paragraph (a bold phrase that wraps is bold on both sides of the wrap).
 */
const changesWeight = (prev: Line, line: Line): boolean => {
  const endsBold = inkedRuns(prev).slice(-1).some(isBoldText)
  const startsBold = inkedRuns(line).slice(0, 1).some(isBoldText)
  return (allBold(line) && !endsBold) || (allBold(prev) && !startsBold)
}

const isIndented = (line: Line, column: Column): boolean => line.x0 > column.left + 0.5 * line.size

const CJK_LATIN_SPACED = /[\u3400-\u9fff] [!-~]|[!-~] [\u3400-\u9fff]/g
const CJK_LATIN_SOLID = /[\u3400-\u9fff][!-~]|[!-~][\u3400-\u9fff]/g

/**
 * Whether text puts a space between Chinese and Latin letters or digits (`2024 年`), or null when
 * it does not show. A line wrapped at such a space shows no space in the PDF, so joining follows
 * the habit of the paragraph, else of the whole document.
 */
function spacesCjkAndLatin(texts: string[]): boolean | null {
  let spaced = 0
  let solid = 0
  for (const text of texts) {
    spaced += text.match(CJK_LATIN_SPACED)?.length ?? 0
    solid += text.match(CJK_LATIN_SOLID)?.length ?? 0
  }
  return spaced === solid ? null : spaced > solid
}

/** Whether a wrap between two lines of one paragraph hides a space. */
function spaceAtWrap(a: Line, b: Line, cjkLatinSpace: boolean): boolean {
  const last = a.text.slice(-1)
  const first = b.text.charAt(0)
  const latin = [LATIN_OR_DIGIT.test(last), LATIN_OR_DIGIT.test(first)]
  const cjk = [IDEOGRAPH.test(last), IDEOGRAPH.test(first)]
  return (
    a.trailingSpace ||
    // `NC-` + `Link`: a word wrapped at its hyphen stays one word.
    (latin[0] && latin[1] && !/[A-Za-z0-9]-$/.test(a.text)) ||
    (cjkLatinSpace && ((latin[0] && cjk[1]) || (cjk[0] && latin[1])))
  )
}

/** One paragraph's runs from its lines, the paragraph's own spacing habit first, else the document's. */
function paragraphRuns(lines: Line[], documentHabit: boolean): TextRun[] {
  const habit = spacesCjkAndLatin(lines.map((l) => l.text)) ?? documentHabit
  return lines.flatMap((line, i) =>
    i > 0 && spaceAtWrap(lines[i - 1], line, habit)
      ? [{ text: ' ', bold: false }, ...line.runs]
      : line.runs,
  )
}

/**
 * Whether the document opens its paragraphs with an indent: most body-size lines after a line
 * that ends a sentence short of the right edge start one to three ems in.
 */
function opensIndented(pages: Line[][], cols: Column[], body: number): boolean {
  let indented = 0
  let flush = 0
  for (const lines of pages) {
    for (let i = 1; i < lines.length; i++) {
      const [prev, line] = [lines[i - 1], lines[i]]
      const column = cols[line.page]
      if (
        !sameSize(line.size, body) ||
        !sameSize(prev.size, body) ||
        !endsBlock(prev.text) ||
        isLong(prev, column)
      )
        continue
      if (!isLong(line, column)) continue
      const inset = (line.x0 - column.left) / line.size
      if (inset >= 0.8 && inset <= 3.2) indented++
      else if (inset < 0.5) flush++
    }
  }
  return indented > 2 * flush && indented >= 3
}

/**
 * Text in the export format from a PDF's pages: one line per paragraph or title, blank lines between.
 * A paragraph cut by a page break is joined when the page ends on a full line in mid-sentence;
 * otherwise it stays cut, as in the export, and the parser decides.
 */
export function layoutPdfText(pages: PdfPageText[]): string {
  const raw = pages.map((p, i) => pageLines(p, i))
  const kept = dropRunningLines(
    raw,
    pages.map((p) => p.height),
  )
  const all = kept.flat()
  if (all.length === 0) return ''
  const body = bodySize(all)
  const cols = columns(kept, body)
  const cjkLatinSpace = spacesCjkAndLatin(all.map((l) => l.text)) ?? false
  const pitchOf = new Map<number, number>()
  const pitch = (size: number): number => {
    const key = Math.round(size * 2) / 2
    if (!pitchOf.has(key)) pitchOf.set(key, linePitch(kept, key))
    return pitchOf.get(key)!
  }

  const indents = opensIndented(kept, cols, body)
  const carriesOn = (prev: Line, line: Line): boolean => {
    const column = cols[line.page]
    if (
      !sameSize(prev.size, line.size) ||
      isIndented(line, column) ||
      !isFull(prev, line, cols[prev.page])
    )
      return false
    // A contents line or a region tag starts a line of its own, however full the line above.
    if (STARTS_ITEM.test(line.text)) return false
    if (changesWeight(prev, line)) return false
    if (prev.page === line.page) {
      const gap = prev.y - line.y
      return gap > 0 && gap <= pitch(line.size) + 0.15 * line.size
    }
    // Across a page break there is no line pitch to go by: a line cut mid-sentence carries on when
    // the next page goes on with running text. When in doubt it stays cut (the parser decides).
    if (line.page !== prev.page + 1) return false
    // Where paragraphs open indented, an unindented first line goes on with the paragraph.
    if (indents) return true
    return !endsSentence(prev.text) && (isLong(line, column) || endsBlock(line.text))
  }

  const paragraphs: Line[][] = []
  all.forEach((line, i) => {
    if (i > 0 && carriesOn(all[i - 1], line)) paragraphs[paragraphs.length - 1].push(line)
    else paragraphs.push([line])
  })
  return paragraphs
    .map((lines) => markRuns(paragraphRuns(lines, cjkLatinSpace)))
    .filter(Boolean)
    .join('\n\n')
}
