/**
 * What other exporters do to the same issue: list markers of any style (or none) and page numbers
 * in the contents, contents entries wrapped onto a second line, page numbers and running heads at
 * page breaks (between paragraphs and inside a paragraph cut in two), zero-width and bidi marks,
 * CRLF, indentation and blank-line noise. Each applies to an issue rendered by renderIssueText.
 */
import fc from 'fast-check'
import type { Issue } from '@core/index'
import { HEADING_MAX } from '@core/issue-text/blocks'
import { endsSentence, visibleLength } from '@core/issue-text/punctuation'

/** Where a page break can fall in a paragraph's marked text; null when nowhere. */
export function pageBreakAt(marked: string, pick: number): number | null {
  const noteAt = marked.search(/（[^（）]*\d{8}）$/)
  const end = noteAt >= 0 ? noteAt : marked.length
  const candidates: number[] = []
  for (let i = 1; i < end - 1; i++) {
    const head = marked.slice(0, i)
    // Not inside `**`, not beside a space (an export drops it at a line end), not inside a Latin
    // word or number (line breaking never splits one), and after at least a full printed line.
    if (marked.slice(i - 1, i + 1) === '**' || /\s/.test(marked[i - 1] + marked[i])) continue
    if (/[A-Za-z0-9-]{2}/.test(marked[i - 1] + marked[i])) continue
    if (visibleLength(head) <= HEADING_MAX || endsSentence(head)) continue
    candidates.push(i)
  }
  return candidates.length ? candidates[pick % candidates.length] : null
}

const FOOTERS = ['n', '— n —', '- n -', '第 n 页', 'n/T'] as const
const MARKERS = ['- ', '• ', '· ', '#. ', '#、', ''] as const
const TOC_PAGES = ['……n', ' …… n', ' .... n', '    n'] as const
const INVISIBLE = ['\u200b', '\u200c', '\u200d', '\ufeff', '\u202a', '\u202c', '\u2066', '\u2069']

/** Running heads made of the masthead, with or without the issue number. */
const headersOf = (issue: Issue): (string | null)[] => [
  null,
  issue.title,
  `${issue.title} ${issue.year} 年第 ${issue.number} 期`,
  `《${issue.title}》 总第 ${issue.totalNumber} 期`,
  issue.subtitle || null,
  issue.subtitle ? `${issue.title} · ${issue.subtitle}` : null,
]

export interface Noise {
  regionOrder: string[]
  cuts: (number | null)[]
  markers: number[]
  tocPages: number | null
  wraps: (number | null)[]
  footer: number | null
  header: number
  boundaries: number[]
  invisible: (number | null)[]
  crlf: boolean
  indent: boolean[]
  blanks: number[]
}

export const noiseOf = (regions: string[]): fc.Arbitrary<Noise> =>
  fc.record({
    regionOrder: fc.shuffledSubarray(regions, {
      minLength: regions.length,
      maxLength: regions.length,
    }),
    cuts: fc.array(fc.option(fc.nat(), { freq: 2 }), { minLength: 1, maxLength: 40 }),
    markers: fc.array(fc.nat({ max: MARKERS.length - 1 }), { minLength: 1, maxLength: 12 }),
    tocPages: fc.option(fc.nat({ max: TOC_PAGES.length - 1 })),
    wraps: fc.array(fc.option(fc.nat(), { freq: 3 }), { minLength: 1, maxLength: 12 }),
    footer: fc.option(fc.nat({ max: FOOTERS.length - 1 }), { freq: 4 }),
    header: fc.nat({ max: 5 }),
    boundaries: fc.array(fc.nat(), { minLength: 2, maxLength: 6 }),
    invisible: fc.array(fc.option(fc.nat(), { freq: 3 }), { minLength: 1, maxLength: 30 }),
    crlf: fc.boolean(),
    indent: fc.array(fc.boolean(), { minLength: 1, maxLength: 7 }),
    blanks: fc.array(fc.nat({ max: 2 }), { minLength: 1, maxLength: 5 }),
  })

const CJK = /^[\u4e00-\u9fff]$/

/** The contents block restyled: other markers or none, page numbers, entries wrapped in two. */
function restyleContents(lines: string[], noise: Noise): string[] {
  const start = lines.findIndex((l) => l.startsWith('- 【'))
  if (start < 0) return lines
  let end = start
  while (end < lines.length && lines[end] !== '') end++
  const restyled = lines.slice(start, end).flatMap((line, k) => {
    const m = /^(?:- (【[^】]+】) )?(.*)$/.exec(line)!
    const marker = MARKERS[noise.markers[k % noise.markers.length]].replace('#', String(k + 1))
    const head = `${marker}${m[1] ? `${m[1]} ` : ''}`
    const page =
      noise.tocPages === null ? '' : TOC_PAGES[noise.tocPages].replace('n', String(k + 2))
    const chars = [...m[2]]
    const cuts = chars.flatMap((c, i) =>
      i > 2 && i < chars.length - 2 && CJK.test(chars[i - 1]) && CJK.test(c) ? [i] : [],
    )
    const wrap = noise.wraps[k % noise.wraps.length]
    // An untagged, unmarked entry wrapped in two would read as two entries of one region.
    if (wrap === null || cuts.length === 0 || !(head.trim() || m[1])) return [head + m[2] + page]
    const at = cuts[wrap % cuts.length]
    return [head + chars.slice(0, at).join(''), chars.slice(at).join('') + page]
  })
  return [...lines.slice(0, start), ...restyled, ...lines.slice(end)]
}

/**
 * Page breaks with furniture: at every paragraph cut in two (`splits`, the halves as rendered) and
 * at some paragraph ends, a footer with the page number and a running head. Returns the lines and
 * the furniture lines inserted.
 */
function insertFurniture(
  lines: string[],
  issue: Issue,
  splits: [string, string][],
  noise: Noise,
): { lines: string[]; furniture: string[] } {
  const bodyStart = lines.findIndex((l, i) => i > 0 && /^【/.test(l) && lines[i - 1] === '')
  const backCover = lines.lastIndexOf(issue.title)
  const ends: number[] = []
  for (let i = bodyStart; i < backCover; i++) {
    const next = lines.slice(i + 1).find((l) => l !== '')
    if (endsSentence(lines[i]) && next !== issue.title) ends.push(i)
  }
  const at = new Set<number>()
  for (const [head, tail] of splits) {
    const i = lines.findIndex((l, k) => l === head && lines[k + 2] === tail)
    if (i >= 0) at.add(i)
  }
  for (const pick of noise.boundaries) if (ends.length) at.add(ends[pick % ends.length])
  const footer = noise.footer === null ? null : FOOTERS[noise.footer]
  const header = headersOf(issue)[noise.header]
  const points = [...at].sort((a, b) => a - b)
  const total = points.length + 1
  const furniture: string[] = []
  const out: string[] = []
  let page = 1
  lines.forEach((line, i) => {
    out.push(line)
    if (!at.has(i)) return
    const added = [footer?.replace('n', String(page)).replace('T', String(total)), header].filter(
      (l): l is string => Boolean(l),
    )
    page++
    furniture.push(...added)
    out.push('', ...added.flatMap((l) => [l, '']))
  })
  // A single page number runs in no sequence: an issue of two pages prints none worth dropping.
  if (points.length < 2 && footer) return { lines, furniture: [] }
  return { lines: out, furniture }
}

function sprinkleInvisible(lines: string[], picks: (number | null)[]): string[] {
  return lines.map((line, i) => {
    const pick = picks[i % picks.length]
    if (pick === null || line.length < 2) return line
    const at = 1 + (pick % (line.length - 1))
    return line.slice(0, at) + INVISIBLE[pick % INVISIBLE.length] + line.slice(at)
  })
}

/**
 * The rendered issue with all the noise: the text, and the furniture lines it holds (each of
 * which the parser must drop and report).
 */
export function withPrintNoise(
  rendered: string,
  issue: Issue,
  splits: [string, string][],
  noise: Noise,
): { text: string; furniture: string[] } {
  let lines = restyleContents(rendered.split('\n'), noise)
  const inserted = insertFurniture(lines, issue, splits, noise)
  lines = sprinkleInvisible(inserted.lines, noise.invisible)
    .map((line, i) => (noise.indent[i % noise.indent.length] ? `\u3000\u3000${line}` : line))
    .map((line, i) => line + '\n'.repeat(noise.blanks[i % noise.blanks.length]))
  const text = lines.join('\n')
  return { text: noise.crlf ? text.replace(/\n/g, '\r\n') : text, furniture: inserted.furniture }
}
