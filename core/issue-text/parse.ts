import { articleIdOf, issueIdOf } from '../ids'
import { fail, ok, type Result } from '../result'
import type { Article, Issue, ParseWarning, ParsedIssue, TocEntry } from '../types'
import { buildBlocks, HEADING_MAX } from './blocks'
import { readFrontMatter } from './front-matter'
import { joinHardWraps } from './hard-wrap'
import {
  coverLayout,
  endMatterStart,
  mastheadWords,
  pageNumberLines,
  runningHeadLines,
} from './furniture'
import { toNumberedLines, type NumberedLine } from './lines'
import { readMasthead } from './masthead'
import { PUBLICATION_TITLE, REGION_TAG, stripBoldMarkers } from './patterns'
import { endsStatement, visibleLength } from './punctuation'
import { opensNote, splitSourceNote, type SourceNote } from './source-line'
import { titleSimilarity, SAME_TITLE } from './title-match'

interface Draft {
  region: string
  title: string
  lines: string[]
  source: SourceNote | null
  /** Ended by its source note or by what follows it, rather than by the end of the file. */
  complete: boolean
}

const isTitleLike = (text: string): boolean =>
  visibleLength(text) > 0 &&
  visibleLength(text) <= HEADING_MAX + 12 &&
  !endsStatement(text) &&
  splitSourceNote(text) === null

const bestTocMatch = (title: string, toc: TocEntry[], skip?: Set<number>): number => {
  let best = -1
  let bestScore = SAME_TITLE
  toc.forEach((entry, i) => {
    if (skip?.has(i)) return
    const score = titleSimilarity(title, entry.title, SAME_TITLE)
    if (score >= bestScore) {
      best = i
      bestScore = score
    }
  })
  return best
}

/**
 * Whether a line with a region tag opens a section. `【浙江】2022 年 5 月，…` inside an article is body
 * text: a tag opens a section when alone, or followed by a title that is printed in bold, or that
 * comes between articles (cover, after a source note), or that the table of contents lists.
 */
function opensSection(line: string, toc: TocEntry[], insideArticle: boolean): boolean {
  const m = REGION_TAG.exec(line)
  if (!m) return false
  const rest = stripBoldMarkers(m[2])
  if (rest === '') return true
  if (!isTitleLike(rest)) return false
  if (/^\*\*.+\*\*$/.test(m[2].trim()) || !insideArticle) return true
  return toc.length === 0 || bestTocMatch(rest, toc) >= 0
}

/** Drops the lines at `indices`, reporting each as a `dropped_line` warning with its line number. */
function dropLines(
  lines: NumberedLine[],
  indices: Set<number>,
  what: string,
  warnings: ParseWarning[],
): NumberedLine[] {
  lines.forEach((l, i) => {
    if (indices.has(i))
      warnings.push({
        code: 'dropped_line',
        message: `第 ${l.line} 行“${l.text}”是${what}，已略去`,
        line: l.line,
      })
  })
  return lines.filter((_, i) => !indices.has(i))
}

/** Parses one issue of 《双周决策观察》 from its text export into the domain model. */
export function parseIssueText(text: string): Result<ParsedIssue> {
  const numbered = toNumberedLines(text)
  if (numbered.length === 0) return fail('empty', '文件里没有文字')

  // Page furniture goes first, so that a paragraph cut by a page break meets its other half.
  const furniture: ParseWarning[] = []
  const withoutNumbers = dropLines(
    numbered,
    pageNumberLines(numbered.map((l) => l.text)),
    '页码',
    furniture,
  )
  const texts = withoutNumbers.map((l) => l.text)
  const layout = coverLayout(texts)
  const words = mastheadWords(texts, layout)
  // The cover (up to the first tagged line) states the issue's number and date.
  const { firstTag } = layout
  const cover = readMasthead([texts.slice(0, firstTag < 0 ? texts.length : firstTag)])
  const clean = dropLines(
    withoutNumbers,
    runningHeadLines(texts, words, cover, layout),
    '页眉或页脚',
    furniture,
  )
  furniture.sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
  // A text wrapped at a fixed width gets its paragraphs back before anything reads them.
  const lines = joinHardWraps(clean).map((l) => l.text)

  const front = readFrontMatter(lines, (line, toc) => opensSection(line, toc, false), words)
  const { toc } = front
  const warnings: ParseWarning[] = [...furniture]
  const drafts: Draft[] = []
  const endMatter: string[] = []
  const tocUsed = new Set<number>()
  let region: string | null = null
  let current: Draft | null = null

  const close = (complete: boolean): void => {
    if (current) current.complete ||= complete
    current = null
  }
  const open = (title: string): void => {
    current = { region: region ?? '', title, lines: [], source: null, complete: false }
    drafts.push(current)
    const match = bestTocMatch(title, toc, tocUsed)
    if (match >= 0) tocUsed.add(match)
  }

  const body = lines.slice(front.bodyStart)
  const backCover = endMatterStart(body)
  if (backCover >= 0) endMatter.push(...body.splice(backCover))
  for (let i = 0; i < body.length; i++) {
    const line = body[i]
    if (opensSection(line, toc, current !== null && (current as Draft).lines.length > 0)) {
      close(true)
      const m = REGION_TAG.exec(line)!
      region = m[1]
      const title = stripBoldMarkers(m[2])
      if (title) open(title)
      continue
    }
    if (current === null) {
      open(stripBoldMarkers(line))
      continue
    }
    const draft: Draft = current
    // Without a source note between them, the table of contents tells where the next article starts.
    if (draft.lines.length > 0 && isTitleLike(line) && bestTocMatch(line, toc, tocUsed) >= 0) {
      close(true)
      open(stripBoldMarkers(line))
      continue
    }
    let note = splitSourceNote(line)
    // A page break inside the note: `…。（上海证券报` then `20240326）`.
    if (!note && opensNote(line) && i + 1 < body.length) {
      note = splitSourceNote(line + body[i + 1].trim())
      if (note) i++
    }
    if (note) {
      if (note.rest) draft.lines.push(note.rest)
      draft.source = note
      close(true)
      continue
    }
    draft.lines.push(line)
  }

  // An article that runs into the back cover ended there; one that runs into the end of the file may be cut.
  if (backCover >= 0) close(true)
  const articlesDrafts = drafts.filter((draft, i) => {
    if (draft.lines.length === 0) {
      // A title with nothing under it at the very end is back matter (a QR blurb), not an article.
      if (i === drafts.length - 1) endMatter.unshift(draft.title)
      else warn(warnings, 'empty_article', `“${draft.title}”下面没有正文，已略去`)
      return false
    }
    if (!draft.complete && !draft.source) {
      warn(
        warnings,
        'truncated_article',
        `“${draft.title}”一直到文件末尾都没有结束，可能被截断，已略去`,
      )
      return false
    }
    return true
  })

  const masthead = readMasthead([front.coverLines, endMatter])
  const missing = [
    masthead.year === null || masthead.number === null ? '年份与期数（如 2024 年第 6 期）' : null,
    masthead.totalNumber === null ? '总期数（如 总第 280 期）' : null,
    masthead.month === null ? '印发日期（如 3 月 28 日印发）' : null,
  ].filter(Boolean)
  if (articlesDrafts.length === 0 && missing.length > 0)
    return fail('not_an_issue', '找不到《双周决策观察》的刊头，也找不到文章')
  if (missing.length > 0) return fail('no_masthead', `刊头不完整，缺少${missing.join('、')}`)
  if (articlesDrafts.length === 0) return fail('no_article', '没有找到一篇完整的文章')

  const year = masthead.year!
  const issue: Issue = {
    id: issueIdOf(masthead.totalNumber!),
    year,
    number: masthead.number!,
    totalNumber: masthead.totalNumber!,
    publishedOn: isoDate(masthead.dateYear ?? year, masthead.month!, masthead.day!),
    title: masthead.title ?? PUBLICATION_TITLE,
    subtitle: masthead.subtitle ?? '',
    publishers: masthead.publishers,
    editors: masthead.editors,
    coordinators: masthead.coordinators,
    phone: masthead.phone,
    fax: masthead.fax,
    toc,
  }

  const articles = articlesDrafts.map((draft, i): Article => {
    const position = i + 1
    return {
      id: articleIdOf(issue.id, position),
      issueId: issue.id,
      position,
      region: draft.region,
      title: draft.title,
      blocks: buildBlocks(draft.lines),
      sources: draft.source?.sources ?? [],
      sourceDate: draft.source?.sourceDate ?? null,
    }
  })
  attachTocTitles(articles, toc, front.tagged, warnings)
  for (const a of articles) {
    if (!a.sourceDate) warn(warnings, 'no_source', `“${a.title}”没有来源行`)
  }
  return ok({ issue, articles, warnings })
}

/**
 * Pairs each article with its table-of-contents line, same region first, and reports the rest. An
 * entry that only continued the region above (an export that dropped some tags) takes its
 * article's region; an entry whose own tag disagrees with the body is reported.
 */
function attachTocTitles(
  articles: Article[],
  toc: TocEntry[],
  tagged: ReadonlySet<number>,
  warnings: ParseWarning[],
): void {
  if (toc.length === 0) {
    warn(warnings, 'no_toc', '这一期没有目录')
    return
  }
  const used = new Set<number>()
  for (const article of articles) {
    // Entries of the article's region first; a contents printed without tags has no region yet.
    const otherRegions = toc
      .map((e, i) => (e.region === article.region || e.region === '' ? -1 : i))
      .filter((i) => i >= 0)
    let match = bestTocMatch(article.title, toc, new Set([...used, ...otherRegions]))
    if (match < 0) match = bestTocMatch(article.title, toc, used)
    if (match < 0) {
      warn(warnings, 'not_in_toc', `“${article.title}”不在目录里`)
      continue
    }
    used.add(match)
    const entry = toc[match]
    if (entry.title !== article.title) article.tocTitle = entry.title
    if (entry.region === '' || !tagged.has(match)) entry.region = article.region
    else if (entry.region !== article.region)
      warn(
        warnings,
        'toc_region',
        `“${article.title}”在目录里属于【${entry.region}】，正文里属于【${article.region}】`,
      )
  }
  toc.forEach((entry, i) => {
    if (!used.has(i))
      warn(
        warnings,
        'toc_unmatched',
        `目录中的“${entry.title}”${entry.region ? `（${entry.region}）` : ''}找不到对应的文章`,
      )
  })
  // An untagged entry that matches no article has no region to be listed under.
  const placed = toc.filter((e) => e.region !== '')
  toc.splice(0, toc.length, ...placed)
}

const warn = (warnings: ParseWarning[], code: string, message: string): void => {
  warnings.push({ code, message })
}

const isoDate = (y: number, m: number, d: number): string =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
