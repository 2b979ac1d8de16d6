import type { TocEntry } from '../types'
import { isRunningHead, pageNumberOf } from './furniture'
import { endsStatement, joinFragments, visibleLength } from './punctuation'
import { isPublicationTitle, LABEL_LINE, REGION_TAG, stripBoldMarkers } from './patterns'
import { splitSourceNote } from './source-line'
import { SAME_TITLE, titleKey, titleSimilarity } from './title-match'

/** Longest line still read as a table-of-contents entry. */
const TOC_TITLE_MAX = 60

/**
 * A contents entry's list marker, when it has one: `- `, `• `, `· `, `— `, `> `, `1.`, `1、`,
 * `(1)`, `①`, `一、`. A bare number needs its dot or 、 so that a title starting with a year is
 * not cut.
 */
const LIST_MARKER =
  /^(?:[-·•▪●○◆■*]\s*|[—–>]\s+|\d{1,2}\s*[.．、]\s*|[(（]\d{1,2}[)）]\s*|[①-⑳]\s*|[一二三四五六七八九十]{1,3}\s*[、.．]\s*)/

const LEADER_DOTS = new Set('.．…·・─—_')
const isSpace = (c: string): boolean => /\s/.test(c)
const isDigit = (c: string): boolean => c >= '0' && c <= '9'

/**
 * A page number after leader dots or a wide gap (`…… 3`, `.... 12`, `title    3`): the text
 * without it. Cuts where `(?:\s*[.．…·・─—_]{2,}\s*|\s{2,}|\t+)\d{1,3}$` would start its match,
 * but reads from the end instead: that pattern was tried from every character of a long run of
 * spaces or dots and scanned the run each time (quadratic).
 */
function withoutTrailingPage(text: string): string {
  let digits = text.length
  while (digits > 0 && isDigit(text[digits - 1])) digits--
  if (digits === text.length || text.length - digits > 3) return text
  const before = (at: number, is: (c: string) => boolean): number => {
    while (at > 0 && is(text[at - 1])) at--
    return at
  }
  const spaces = before(digits, isSpace)
  const starts: number[] = []
  // Two spaces or more, or tabs alone.
  if (digits - spaces >= 2) starts.push(spaces)
  const tabs = before(digits, (c) => c === '\t')
  if (tabs < digits) starts.push(tabs)
  // Leader dots (two or more) with the spaces on either side of them.
  const dots = before(spaces, (c) => LEADER_DOTS.has(c))
  if (spaces - dots >= 2) starts.push(before(dots, isSpace))
  return starts.length ? text.slice(0, Math.min(...starts)) : text
}

/** A page number after one space, `title 3`: read as one only when most entries end that way. */
const SPACED_PAGE = /\s\d{1,3}$/

/** `目录`, `本期目录`: the contents' own heading. */
const CONTENTS_HEADING = /^(?:本期)?目\s*录$/

/** Masthead fields that sit on the cover but are no contents entry. */
const COVER_FIELD =
  /(?:19|20)\d{2}\s*年\s*第\s*\d{1,3}\s*期|总\s*第\s*\d{1,5}\s*期|\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:印发|出版|编印)/

export interface FrontMatter {
  toc: TocEntry[]
  /** Front lines that are not part of the table of contents (cover and masthead). */
  coverLines: string[]
  /** Index of the first body line. */
  bodyStart: number
  /** Entries that carry their own region tag; the others continue the region above. */
  tagged: Set<number>
}

interface EntryLine {
  marked: boolean
  region: string | null
  title: string
}

/**
 * A contents line split into its marker, region tag and title; null when it cannot be one, `skip`
 * for what sits among the entries without being one (the heading, a page number).
 */
function readEntry(line: string): EntryLine | 'skip' | null {
  if (CONTENTS_HEADING.test(line) || pageNumberOf(line) !== null) return 'skip'
  const marker = LIST_MARKER.exec(line)
  let rest = marker ? line.slice(marker[0].length) : line
  const tag = REGION_TAG.exec(rest)
  const region = tag ? tag[1] : null
  if (tag) rest = tag[2]
  const title = stripBoldMarkers(withoutTrailingPage(rest))
  if (!title && !region) return null
  if (title && (endsStatement(title) || visibleLength(title) > TOC_TITLE_MAX)) return null
  if (LABEL_LINE.test(line) || COVER_FIELD.test(line) || splitSourceNote(line)) return null
  return { marked: marker !== null, region, title }
}

/** True for a line that reads as article text rather than a title: closing punctuation or long. */
const isTextLine = (line: string): boolean =>
  endsStatement(line) || visibleLength(line) > TOC_TITLE_MAX || splitSourceNote(line) !== null

/** How far past a region tag the body's first sentence may be: tag, title, sub-heading, page break. */
const BODY_LOOKAHEAD = 6

/**
 * True when a region tag line opens the body: its section goes on into article text, where a
 * contents line is followed by more titles, the next tag or the colophon.
 */
function opensBody(lines: string[], i: number): boolean {
  if (!REGION_TAG.test(lines[i]) || LIST_MARKER.test(lines[i])) return false
  for (let j = i + 1; j < Math.min(lines.length, i + 1 + BODY_LOOKAHEAD); j++) {
    if (REGION_TAG.test(lines[j]) || LABEL_LINE.test(lines[j])) return false
    if (isTextLine(lines[j])) return true
  }
  return false
}

/**
 * The body's article titles, what a wrapped contents entry, joined, has to match: a tag's inline
 * title, and the title-like line after a tag or after an article's source note.
 */
function bodyTitles(lines: string[], from: number): string[] {
  const out: string[] = []
  for (let i = from; i < lines.length; i++) {
    const tag = REGION_TAG.exec(lines[i])
    const text = stripBoldMarkers(tag ? tag[2] : lines[i])
    const opens =
      tag !== null || REGION_TAG.test(lines[i - 1] ?? '') || splitSourceNote(lines[i - 1] ?? '')
    if (opens && text && !isTextLine(text)) out.push(text)
  }
  return out
}

/** The best similarity of `title` to any of `titles` that reaches SAME_TITLE; 0 when none does. */
function matchesAny(title: string, titles: string[]): number {
  const n = titleKey(title).length
  let best = 0
  for (const t of titles) {
    const m = titleKey(t).length
    if (Math.min(n, m) < (SAME_TITLE / (2 - SAME_TITLE)) * Math.max(n, m)) continue
    best = Math.max(best, titleSimilarity(title, t, SAME_TITLE))
  }
  return best
}

/**
 * Splits the cover from the body and reads the table of contents by its structure: the run of
 * short title lines after the masthead title (or from the first list-marked line) up to the
 * colophon (主办/编辑/统筹…) or the body, with or without list markers, region tags and page
 * numbers. Entries without a tag continue the region above; an entry wrapped onto a second line
 * is joined when the joined title matches a body title better than its first half does.
 */
export function readFrontMatter(
  lines: string[],
  opensSection: (line: string, toc: TocEntry[]) => boolean,
  mastheadWords: string[],
): FrontMatter {
  let bodyStart = lines.findIndex((_, i) => opensBody(lines, i))
  if (bodyStart < 0) bodyStart = lines.findIndex((l) => REGION_TAG.test(l) && opensSection(l, []))
  if (bodyStart < 0) bodyStart = lines.length
  const front = lines.slice(0, bodyStart)

  const firstMarked = front.findIndex((l) => LIST_MARKER.test(l) && readEntry(l) !== null)
  const titleAt = front.findIndex(isPublicationTitle)
  const titles = bodyTitles(lines, bodyStart)
  // The contents follow the masthead title and its subtitle; a list-marked line before the title
  // (a cover laid out the other way round) starts them where it is.
  let start = firstMarked
  if (titleAt >= 0 && (firstMarked < 0 || firstMarked > titleAt)) {
    start = titleAt + 1
    if (front[start] !== undefined && isRunningHead(front[start], mastheadWords)) start++
  }
  // No title on the cover (an image masthead) and no markers: the contents start at the first tag.
  if (start < 0) start = front.findIndex((l) => REGION_TAG.test(l))

  const toc: TocEntry[] = []
  const tagged = new Set<number>()
  const coverLines: string[] = []
  let region = ''
  let i = 0
  for (; i < front.length; i++) {
    const entry = start >= 0 && i >= start ? readEntry(front[i]) : null
    if (entry === 'skip') continue
    if (!entry) {
      if (toc.length > 0 || (start >= 0 && i >= start)) break
      coverLines.push(front[i])
      continue
    }
    if (entry.region) region = entry.region
    if (!entry.title) continue
    const last = toc[toc.length - 1]
    if (last && !entry.marked && !entry.region) {
      const joined = joinFragments(last.title, entry.title)
      const together = matchesAny(joined, titles)
      if (
        together >= SAME_TITLE &&
        together > Math.max(matchesAny(last.title, titles), matchesAny(entry.title, titles))
      ) {
        last.title = joined
        continue
      }
    }
    if (entry.region) tagged.add(toc.length)
    toc.push({ region, title: entry.title })
  }
  coverLines.push(...front.slice(i))
  // `title 3` with one space: a page column only when at least two thirds of the entries have it.
  const spaced = toc.filter((e) => SPACED_PAGE.test(e.title)).length
  if (toc.length >= 3 && spaced * 3 >= toc.length * 2)
    for (const e of toc) e.title = e.title.replace(SPACED_PAGE, '')
  return { toc, coverLines, bodyStart, tagged }
}
