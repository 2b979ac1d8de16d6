/**
 * Page furniture: what a PDF export leaves of each page's header and footer between paragraphs —
 * page numbers (`3`, `— 3 —`, `- 3 -`, `第 3 页`, `3/12`) and the masthead repeated as a running
 * head (`双周决策观察`, `地方工作亮点追踪`, with or without the issue number). Lines are told apart
 * by form and position, never by a list of words: page numbers count only when they run in
 * sequence across the issue, and a running head is a line that reduces to the masthead's own title
 * or subtitle and sits before the back cover.
 */
import {
  LABEL_LINE,
  ornamentText,
  PUBLICATION_TITLE,
  isPublicationTitle,
  REGION_TAG,
} from './patterns'
import { endsSentence, visibleLength } from './punctuation'
import { splitSourceNote } from './source-line'
import { SAME_TITLE, titleKey, titleSimilarity } from './title-match'

const DASHES = '-—–―~·•'
const PAGE_NUMBER_FORMS: RegExp[] = [
  /^(\d{1,3})$/,
  new RegExp(`^[${DASHES}]+\\s*(\\d{1,3})\\s*[${DASHES}]+$`),
  // A separator takes the spaces after it (`\s*[，,/]?\s*` shared a run of spaces between its
  // two `\s*` in every way, quadratic in the run).
  /^第\s*(\d{1,3})\s*页(?:\s*(?:[，,/]\s*)?共\s*\d{1,3}\s*页)?$/,
  /^共\s*\d{1,3}\s*页\s*(?:[，,/]\s*)?第\s*(\d{1,3})\s*页$/,
  /^(\d{1,3})\s*[/／]\s*\d{1,3}$/,
  /^(?:page|p\.)\s*(\d{1,3})(?:\s*of\s*\d{1,3})?$/i,
  /^[(（](\d{1,3})[)）]$/,
]

/** Full-width digits (`３`) as ASCII, so `— ３ —` reads as `— 3 —`. */
const asciiDigits = (s: string): string =>
  s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))

/** The page number a line shows, when the whole line has a page number's form. */
export function pageNumberOf(line: string): number | null {
  const text = asciiDigits(line)
  for (const form of PAGE_NUMBER_FORMS) {
    const m = form.exec(text)
    if (m) return Number(m[1])
  }
  return null
}

/** Most pages a page break may skip between two numbered lines (a page of only a table, say). */
const MAX_PAGE_STEP = 3

/** The longest chain among `candidates` (see pageNumberLines); empty when none rises. */
function longestChain(candidates: { i: number; n: number }[]): number[] {
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
  const chain: number[] = []
  for (let k = end; k >= 0; k = best[k].prev) chain.unshift(k)
  return chain
}

/** Fewest lines of a second numbering (a header's `3/12` beside a footer's `— 2 —`, the contents' own page column). */
const MIN_OTHER_CHAIN = 3

/**
 * Indices of the page-number lines that run in sequence: the longest chain, in file order, whose
 * numbers never go down, rise by at most MAX_PAGE_STEP at a time, and rise at least once; then any
 * further chain of MIN_OTHER_CHAIN or more (a second numbering). A lone `3` in the text, or
 * numbers that do not run on, stay text.
 */
export function pageNumberLines(lines: string[]): Set<number> {
  let candidates = lines.flatMap((text, i) => {
    const n = pageNumberOf(text)
    return n === null ? [] : [{ i, n }]
  })
  const out = new Set<number>()
  for (let round = 0; candidates.length > 1; round++) {
    const chain = longestChain(candidates)
    if (chain.length < (round === 0 ? 2 : MIN_OTHER_CHAIN)) break
    const taken = new Set(chain)
    chain.forEach((k) => out.add(candidates[k].i))
    candidates = candidates.filter((_, k) => !taken.has(k))
  }
  return out
}

/**
 * The issue number, total number and date as a running head may print them, with their values
 * captured: `2024 年第 6 期` / `第六期` (year, number), `No.6`, `总第 280 期`, `2024.03.28` /
 * `2024 年 3 月 28 日` (year, then month and day in either form). The `第 280 期` of `总第 280 期`
 * is the total number, never the issue number.
 */
const ISSUE_NUMBER =
  /(?:((?:19|20)\d{2})\s*年\s*)?(?<!总\s*)第\s*(\d{1,3}|[一二三四五六七八九十]{1,3})\s*期/g
const NO_NUMBER = /No\.?\s*(\d{1,3})/gi
const TOTAL_NUMBER = /总\s*第\s*(\d{1,5})\s*期/g
const FULL_DATE =
  /((?:19|20)\d{2})\s*(?:年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?|[.\-/]\s*(\d{1,2})(?:\s*[.\-/]\s*(\d{1,2}))?)/g
const DAY_DATE = /\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:印发|出版|编印)?/g
const ISSUE_MARKS = [
  ISSUE_NUMBER,
  NO_NUMBER,
  TOTAL_NUMBER,
  FULL_DATE,
  DAY_DATE,
  /第\s*\d{1,3}\s*页(?:\s*(?:[，,/]\s*)?共\s*\d{1,3}\s*页)?/g,
  /\d{1,3}\s*[/／]\s*\d{1,3}/g,
]

const CHINESE_DIGITS = '零一二三四五六七八九'

/** `6`, `六`, `十二`, `二十`: an issue number in either script (1–99). */
function issueNumberValue(text: string): number {
  if (/^\d+$/.test(text)) return Number(text)
  const [tens, units] = text.includes('十') ? text.split('十') : ['', text]
  const digit = (c: string) => CHINESE_DIGITS.indexOf(c)
  return (text.includes('十') ? (tens ? digit(tens) : 1) * 10 : 0) + (units ? digit(units) : 0)
}

/** What the cover says of the issue, for telling a repeated header from text. */
export interface CoverFacts {
  year: number | null
  number: number | null
  totalNumber: number | null
  month: number | null
  day: number | null
}

/**
 * True when a line prints nothing but this issue's own number, total number or date (in any of
 * the forms running heads use), each equal to what the cover says: a header, not text. A date
 * heading of an article (`2023 年 9 月`) is another date and stays.
 */
export function repeatsCoverFacts(line: string, cover: CoverFacts): boolean {
  if (runningHeadKey(line) !== '') return false
  let marks = 0
  let agrees = true
  const check = (ok: boolean) => {
    marks++
    agrees &&= ok
  }
  for (const m of line.matchAll(ISSUE_NUMBER))
    check((!m[1] || Number(m[1]) === cover.year) && issueNumberValue(m[2]) === cover.number)
  for (const m of line.matchAll(NO_NUMBER)) check(Number(m[1]) === cover.number)
  for (const m of line.matchAll(TOTAL_NUMBER)) check(Number(m[1]) === cover.totalNumber)
  for (const m of line.matchAll(FULL_DATE)) {
    const day = m[3] ?? m[5]
    check(
      Number(m[1]) === cover.year &&
        Number(m[2] ?? m[4]) === cover.month &&
        (day === undefined || Number(day) === cover.day),
    )
  }
  return marks > 0 && agrees
}

/** A line reduced to its words: no issue number, page number, brackets, separators or spaces. */
export function runningHeadKey(line: string): string {
  let s = line
  for (const mark of ISSUE_MARKS) s = s.replace(mark, '')
  return s.replace(/[\s《》〈〉<>()（）[\]【】·•|｜_\-—–―~:：,，\d]+/g, '')
}

/** Longest subtitle read from the line under the cover's title: a slogan, not an article title. */
const SUBTITLE_MAX = 12

/** True when the body prints `line` again as an article title (after a tag or a source note). */
function isArticleTitle(lines: string[], at: number): boolean {
  const key = titleKey(lines[at])
  for (let j = at + 1; j < lines.length; j++) {
    const tag = REGION_TAG.exec(lines[j])
    const text = tag ? tag[2] : lines[j]
    const other = titleKey(text)
    if (Math.min(other.length, key.length) < 0.6 * Math.max(other.length, key.length)) continue
    const opensArticle =
      tag !== null || REGION_TAG.test(lines[j - 1]) || splitSourceNote(lines[j - 1]) !== null
    if (opensArticle && titleSimilarity(text, lines[at], SAME_TITLE) >= SAME_TITLE) return true
  }
  return false
}

/** Where the cover's masthead and the contents are among the lines; -1 for what is absent. */
export interface CoverLayout {
  /** The cover's title line. */
  titleAt: number
  /** The subtitle line under it. */
  subtitleAt: number
  /** The first line with a region tag: the cover ends before it. */
  firstTag: number
}

/**
 * The masthead on the cover: the index of its title line, and of the subtitle line under it (a
 * short untagged line the body never prints as an article title, or one the back cover's
 * ornament repeats), and where the tagged lines start. Read once per file: it compares the
 * subtitle with every later line.
 */
export function coverLayout(lines: string[]): CoverLayout {
  const titleAt = lines.findIndex(isPublicationTitle)
  const ornaments = lines.flatMap((l) => {
    const text = ornamentText(l)
    return text === null ? [] : [runningHeadKey(text)]
  })
  const next = titleAt >= 0 ? lines[titleAt + 1] : undefined
  const isSubtitle =
    next !== undefined &&
    !REGION_TAG.test(next) &&
    isLooseLine(next) &&
    (ornamentText(next) !== null ||
      ornaments.includes(runningHeadKey(next)) ||
      (visibleLength(next) <= SUBTITLE_MAX && !isArticleTitle(lines, titleAt + 1)))
  return {
    titleAt,
    subtitleAt: isSubtitle ? titleAt + 1 : -1,
    firstTag: lines.findIndex((l) => REGION_TAG.test(l)),
  }
}

/** The words a running head can be made of: the publication title and the cover's subtitle. */
export function mastheadWords(lines: string[], { subtitleAt }: CoverLayout): string[] {
  const words = new Set<string>([PUBLICATION_TITLE])
  if (subtitleAt >= 0) {
    const sub = lines[subtitleAt]
    words.add(runningHeadKey(ornamentText(sub) ?? sub))
  }
  for (const line of lines) {
    const ornament = ornamentText(line)
    if (ornament !== null) words.add(runningHeadKey(ornament))
  }
  words.delete('')
  return [...words]
}

/**
 * True when a line is the masthead's title and/or subtitle, however decorated, possibly beside a
 * name the cover prints above the title (`天津滨海综合发展研究院 双周决策观察`).
 */
export function isRunningHead(line: string, words: string[], names: string[] = []): boolean {
  if (visibleLength(line) > 80) return false
  let rest = runningHeadKey(line)
  if (!rest) return false
  let masthead = false
  for (const w of words) {
    if (!rest.includes(w)) continue
    rest = rest.replace(w, '')
    masthead = true
  }
  for (const n of names) if (masthead && rest.includes(n)) rest = rest.replace(n, '')
  return masthead && rest === ''
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
    if (isPublicationTitle(lines[i]) || ornamentText(lines[i]) !== null) return i
  }
  return -1
}

/** Longest line read as a header or footer, in UTF-16 units. */
const HEAD_MAX_CHARS = 80

/** Longest name line above the cover's title that a footer may repeat (the institute, in English too). */
const COVER_NAME_MAX = 60

/**
 * Indices of the running heads, before the back cover: lines made only of the masthead's words
 * (see isRunningHead) other than the cover's own title and subtitle; lines that print only
 * masthead fields the cover printed before (`2024 年第 6 期（总第 280 期）`); and lines that repeat
 * a name printed on the cover above the title (the institute), when they come back at least twice
 * outside the colophon.
 */
export function runningHeadLines(
  lines: string[],
  words: string[],
  cover: CoverFacts,
  { titleAt, subtitleAt, firstTag }: CoverLayout,
): Set<number> {
  const end = endMatterStart(lines)
  const last = end < 0 ? lines.length : end
  const coverNames = [
    ...new Set(
      lines
        .slice(0, Math.max(0, titleAt))
        .filter(
          (l) => visibleLength(l) <= COVER_NAME_MAX && !endsSentence(l) && runningHeadKey(l) !== '',
        )
        .map(runningHeadKey),
    ),
  ]
  const out = new Set<number>()
  const repeats = new Map<string, number[]>()
  for (let i = 0; i < last; i++) {
    const line = lines[i]
    // Paragraphs are never page furniture: skip them before any pattern runs.
    if (i === titleAt || i === subtitleAt || line.length > HEAD_MAX_CHARS) continue
    // The cover's own lines state the facts; lines after the contents start only repeat them.
    if (firstTag >= 0 && i > firstTag && repeatsCoverFacts(line, cover)) {
      out.add(i)
      continue
    }
    if (isRunningHead(line, words, coverNames)) {
      out.add(i)
      continue
    }
    const key = runningHeadKey(line)
    // A name under a colophon label (主办 …) is the colophon, not a running head.
    if (i < titleAt || !coverNames.includes(key)) continue
    if (lines.slice(Math.max(0, i - 3), i).some((l) => LABEL_LINE.test(l))) continue
    repeats.set(key, [...(repeats.get(key) ?? []), i])
  }
  for (const at of repeats.values()) if (at.length >= 2) at.forEach((i) => out.add(i))
  return out
}
