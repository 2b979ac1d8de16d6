/** Styled text runs (from a Word paragraph or a PDF line) written as one line of the export format. */
import { HEADING_MAX } from '../../../core/issue-text/blocks'
import { REGION_TAG } from '../../../core/issue-text/patterns'
import { endsSentence, visibleLength } from '../../../core/issue-text/punctuation'

export interface TextRun {
  text: string
  bold: boolean
}

/** Merges neighbours of the same weight; whitespace alone is never bold. */
function normalizeRuns(runs: TextRun[]): TextRun[] {
  const out: TextRun[] = []
  for (const run of runs) {
    if (!run.text) continue
    const bold = run.bold && run.text.trim() !== ''
    const last = out[out.length - 1]
    if (last && last.bold === bold) last.text += run.text
    else out.push({ text: run.text, bold })
  }
  return out
}

/**
 * A line printed wholly in bold that reads like a title: the export format writes titles, labels and
 * sub-headings without markers, except a title after a region tag, which it writes `【北京】**title**`.
 */
export function headingLine(text: string): string {
  const line = text.trim()
  const m = REGION_TAG.exec(line)
  return m && m[2].trim() ? `【${m[1]}】**${m[2].trim()}**` : line
}

const isTitleLike = (text: string): boolean =>
  visibleLength(text) <= HEADING_MAX + 12 && !endsSentence(text)

/**
 * Writes runs as one line with `**…**` around bold text (markers hug the text, never spaces). A
 * wholly bold title-like line is written as a heading (see `headingLine`).
 */
export function markRuns(runs: TextRun[]): string {
  const merged = normalizeRuns(runs)
  const plain = merged.map((r) => r.text).join('')
  if (plain.trim() === '') return ''
  const bold = merged.filter((r) => r.bold)
  if (bold.length > 0 && merged.every((r) => r.bold || r.text.trim() === '') && isTitleLike(plain))
    return headingLine(plain)
  let out = ''
  for (const run of merged) {
    if (!run.bold) {
      out += run.text
      continue
    }
    // The spaces at the edges stay outside the markers. Measured with trim, which removes what `\s`
    // matches: `^(\s*)([\s\S]*?)(\s*)$` tried its end at every space of a run inside the text
    // (quadratic: 100,000 spaces between two letters took 5 s).
    const core = run.text.trim()
    const lead = run.text.slice(0, run.text.length - run.text.trimStart().length)
    const trail = run.text.slice(lead.length + core.length)
    out += `${lead}**${core}**${trail}`
  }
  return out.trim()
}
