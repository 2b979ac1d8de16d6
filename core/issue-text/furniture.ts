/**
 * Page furniture: what a PDF export leaves of each page's header and footer between paragraphs —
 * page numbers (`3`, `— 3 —`, `- 3 -`, `第 3 页`, `3/12`) and the masthead repeated as a running
 * head (`双周决策观察`, `地方工作亮点追踪`, with or without the issue number). Lines are told apart
 * by form and position, never by a list of words: page numbers count only when they run in
 * sequence across the issue, and a running head is a line that reduces to the masthead's own title
 * or subtitle and sits before the back cover.
 */
import { LABEL_LINE, ORNAMENT_LINE, PUBLICATION_TITLE, REGION_TAG } from './patterns'
import { endsSentence, visibleLength } from './punctuation'
import { splitSourceNote } from './source-line'

const DASHES = '-—–―~·•'
const PAGE_NUMBER_FORMS: RegExp[] = [
  /^(\d{1,3})$/,
  new RegExp(`^[${DASHES}]+\\s*(\\d{1,3})\\s*[${DASHES}]+$`),
  /^第\s*(\d{1,3})\s*页(?:\s*[，,/]?\s*共\s*\d{1,3}\s*页)?$/,
  /^(\d{1,3})\s*[/／]\s*\d{1,3}$/,
  /^(?:page|p\.)\s*(\d{1,3})$/i,
]

/** The page number a line shows, when the whole line has a page number's form. */
export function pageNumberOf(line: string): number | null {
  for (const form of PAGE_NUMBER_FORMS) {
    const m = form.exec(line)
    if (m) return Number(m[1])
  }
  return null
}

/** Most pages a page break may skip between two numbered lines (a page of only a table, say). */
const MAX_PAGE_STEP = 3

/**
 * Indices of the page-number lines that run in sequence: the longest chain, in file order, whose
 * numbers never go down, rise by at most MAX_PAGE_STEP at a time, and rise at least once. A lone
 * `3` in the text, or numbers that do not run on, stay text.
 */
export function pageNumberLines(lines: string[]): Set<number> {
  const candidates = lines.flatMap((text, i) => {
    const n = pageNumberOf(text)
    return n === null ? [] : [{ i, n }]
  })
  // Longest chain by dynamic programming over the (few) candidates.
  const best = candidates.map(() => ({ length: 1, rises: 0, prev: -1 }))
  candidates.forEach((c, k) => {
    for (let j = 0; j < k; j++) {
      const step = c.n - candidates[j].n
      if (step < 0 || step > MAX_PAGE_STEP) continue
      const length = best[j].length + 1
      const rises = best[j].rises + (step > 0 ? 1 : 0)
      if (length > best[k].length || (length === best[k].length && rises > best[k].rises))
        best[k] = { length, rises, prev: j }
    }
  })
  let end = -1
  best.forEach((b, k) => {
    if (b.rises > 0 && (end < 0 || b.length > best[end].length)) end = k
  })
  const out = new Set<number>()
  for (let k = end; k >= 0; k = best[k].prev) out.add(candidates[k].i)
  return out
}

const ISSUE_MARKS = [
  /(?:19|20)\d{2}\s*年\s*第\s*\d{1,3}\s*期/g,
  /总\s*第\s*\d{1,5}\s*期/g,
  /第\s*\d{1,3}\s*期/g,
  /(?:(?:19|20)\d{2}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日/g,
  /第\s*\d{1,3}\s*页(?:\s*[，,/]?\s*共\s*\d{1,3}\s*页)?/g,
  /\d{1,3}\s*[/／]\s*\d{1,3}/g,
]

/** A line reduced to its words: no issue number, page number, brackets, separators or spaces. */
export function runningHeadKey(line: string): string {
  let s = line
  for (const mark of ISSUE_MARKS) s = s.replace(mark, '')
  return s.replace(/[\s《》〈〉<>()（）[\]【】·•|｜_\-—–―~:：,，\d]+/g, '')
}

/** Longest subtitle read from the line under the cover's title: a slogan, not an article title. */
const SUBTITLE_MAX = 12

/**
 * The masthead on the cover: the index of its title line, and of the subtitle line under it (a
 * short untagged line, or one the back cover's ornament repeats); -1 when absent.
 */
export function coverMasthead(lines: string[]): { titleAt: number; subtitleAt: number } {
  const titleAt = lines.findIndex((l) => l.replace(/^《|》$/g, '') === PUBLICATION_TITLE)
  const ornaments = lines.flatMap((l) => {
    const m = ORNAMENT_LINE.exec(l)
    return m ? [runningHeadKey(m[1])] : []
  })
  const next = titleAt >= 0 ? lines[titleAt + 1] : undefined
  const isSubtitle =
    next !== undefined &&
    !REGION_TAG.test(next) &&
    isLooseLine(next) &&
    (ORNAMENT_LINE.test(next) ||
      ornaments.includes(runningHeadKey(next)) ||
      visibleLength(next) <= SUBTITLE_MAX)
  return { titleAt, subtitleAt: isSubtitle ? titleAt + 1 : -1 }
}

/** The words a running head can be made of: the publication title and the cover's subtitle. */
export function mastheadWords(lines: string[]): string[] {
  const { subtitleAt } = coverMasthead(lines)
  const words = new Set<string>([PUBLICATION_TITLE])
  if (subtitleAt >= 0) {
    const sub = lines[subtitleAt]
    const ornament = ORNAMENT_LINE.exec(sub)
    words.add(runningHeadKey(ornament ? ornament[1] : sub))
  }
  for (const line of lines) {
    const ornament = ORNAMENT_LINE.exec(line)
    if (ornament) words.add(runningHeadKey(ornament[1]))
  }
  words.delete('')
  return [...words]
}

/** True when a line is the masthead's title and/or subtitle, however decorated. */
export function isRunningHead(line: string, words: string[]): boolean {
  if (visibleLength(line) > 60) return false
  const key = runningHeadKey(line)
  if (!key) return false
  // Any order of distinct masthead words, each at most once: `双周决策观察·地方工作亮点追踪`.
  const rest = words.reduce((s, w) => (s.includes(w) ? s.replace(w, '') : s), key)
  return rest === '' && key.length > 0
}

/** A line that cannot be article text: short, no closing punctuation, no source note, no tag. */
export const isLooseLine = (line: string): boolean =>
  visibleLength(line) <= 30 && !endsSentence(line) && splitSourceNote(line) === null

/**
 * Where the back cover starts among the body lines: the first masthead title or ornament line in the
 * trailing run of loose lines after the last article text. -1 when the file has no back cover.
 */
export function endMatterStart(lines: string[]): number {
  let k = lines.length
  while (k > 0 && isLooseLine(lines[k - 1]) && !REGION_TAG.test(lines[k - 1])) k--
  for (let i = k; i < lines.length; i++) {
    const bare = lines[i].replace(/^《|》$/g, '')
    if (bare === PUBLICATION_TITLE || ORNAMENT_LINE.test(lines[i])) return i
  }
  return -1
}

/** Masthead fields of the cover that are no running head: the issue number and the print date. */
const COVER_FIELD = /年\s*第\s*\d|总\s*第\s*\d|月\s*\d{1,2}\s*日/

/**
 * Indices of the running heads: lines made only of the masthead's words (see isRunningHead) other
 * than the cover's own title and subtitle, before the back cover; and lines that repeat a name
 * printed on the cover above the title (the institute), when they come back at least twice outside
 * the colophon.
 */
export function runningHeadLines(lines: string[], words: string[]): Set<number> {
  const { titleAt, subtitleAt } = coverMasthead(lines)
  const end = endMatterStart(lines)
  const last = end < 0 ? lines.length : end
  const out = new Set<number>()
  for (let i = 0; i < last; i++)
    if (i !== titleAt && i !== subtitleAt && isRunningHead(lines[i], words)) out.add(i)

  const coverNames = new Set(
    lines
      .slice(0, Math.max(0, titleAt))
      .filter((l) => isLooseLine(l) && !COVER_FIELD.test(l))
      .map(runningHeadKey)
      .filter(Boolean),
  )
  const repeats = new Map<string, number[]>()
  for (let i = titleAt + 1; i < last; i++) {
    const key = runningHeadKey(lines[i])
    // A name under a colophon label (主办 …) is the colophon, not a running head.
    if (!coverNames.has(key) || lines.slice(Math.max(0, i - 3), i).some((l) => LABEL_LINE.test(l)))
      continue
    repeats.set(key, [...(repeats.get(key) ?? []), i])
  }
  for (const at of repeats.values()) if (at.length >= 2) at.forEach((i) => out.add(i))
  return out
}
