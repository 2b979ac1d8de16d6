import type { TocEntry } from '../types'
import { endsSentence, visibleLength } from './punctuation'
import { LABEL_LINE, REGION_TAG, TOC_LINE, stripBoldMarkers } from './patterns'

/** Longest line still read as a table-of-contents title continuing the previous region. */
const TOC_TITLE_MAX = 60

export interface FrontMatter {
  toc: TocEntry[]
  /** Front lines that are not part of the table of contents (cover and masthead). */
  coverLines: string[]
  /** Index of the first body line. */
  bodyStart: number
}

/**
 * Splits the cover from the body. The body starts at the first region tag that is not a table of
 * contents line; TOC titles without a tag continue the region above them.
 */
export function readFrontMatter(
  lines: string[],
  opensSection: (line: string, toc: TocEntry[]) => boolean,
): FrontMatter {
  const toc: TocEntry[] = []
  const coverLines: string[] = []
  let tocRegion: string | null = null
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    const tocLine = TOC_LINE.exec(line)
    if (tocLine) {
      tocRegion = tocLine[1]
      const title = stripBoldMarkers(tocLine[2])
      if (title) toc.push({ region: tocRegion, title })
      continue
    }
    if (REGION_TAG.test(line) && opensSection(line, toc)) return { toc, coverLines, bodyStart: i }
    if (tocRegion && isTocContinuation(line)) {
      toc.push({ region: tocRegion, title: stripBoldMarkers(line) })
      continue
    }
    tocRegion = null
    coverLines.push(line)
  }
  return { toc, coverLines, bodyStart: lines.length }
}

const isTocContinuation = (line: string): boolean =>
  !LABEL_LINE.test(line) &&
  !REGION_TAG.test(line) &&
  !endsSentence(line) &&
  visibleLength(line) <= TOC_TITLE_MAX
