/**
 * Line shapes of the export format that more than one part of the parser recognises. A line may
 * still hold U+2028 or U+2029, which `\s` matches and `.` does not: `\s*(?!\s)` takes the spaces
 * before the rest whole, where `\s*(.*)$` tried every split of them against such a character
 * after them (quadratic). A shorter run never let the rest match, so the lines and parts matched
 * are the same.
 */

/** `【上海】`, `【北京】**title**`, `【浙江】2022 年 5 月，…`: a region tag at the start of a line. */
export const REGION_TAG = /^【([^【】\s]{1,12})】\s*(?!\s)(.*)$/

/** `- 【上海】 title`: a table-of-contents line. */
export const TOC_LINE = /^[-·•]\s*【([^【】\s]{1,12})】\s*(?!\s)(.*)$/

/** `主办`, `编辑：张三 李四`: a masthead label alone or followed by its value. */
export const LABEL_LINE = /^(主办|编辑|统筹|电话|传真)(?:\s*[：:]\s*(?!\s)|\s+(?!\s)|$)(.*)$/

const isOrnamentDash = (c: string): boolean => c === '—' || c === '─' || c === '-'
const isSpace = (c: string): boolean => /\s/.test(c)
const LINE_BREAK = /[\n\r\u2028\u2029]/

/**
 * `—— 地方工作亮点追踪 ——`, the closing ornament of the back cover: its text, or null when the line
 * is no ornament. Reads exactly what `^[—─-]{2,}\s*(.+?)\s*[—─-]{2,}$` captures, in time linear in
 * the line: that pattern backtracked cubically (a line of 4,000 dashes and one letter, which no
 * ornament ends in, took 16 s and one of 20,000 about 20 minutes).
 */
export function ornamentText(line: string): string | null {
  const n = line.length
  let lead = 0
  while (lead < n && isOrnamentDash(line[lead])) lead++
  let trail = 0
  while (trail < n && isOrnamentDash(line[n - 1 - trail])) trail++
  if (lead < 2 || trail < 2) return null
  // The closing dashes may start anywhere from the spaces before the last run of dashes to two
  // dashes before the end; the text is the shortest that leaves them a place.
  let tailFrom = n - trail
  while (tailFrom > 0 && isSpace(line[tailFrom - 1])) tailFrom--
  let start = lead
  while (start < n && isSpace(line[start])) start++
  // Breaks before each position (rare: `.` matches none), to test a stretch in one step.
  const breaks = LINE_BREAK.test(line) ? breaksBefore(line) : null
  // As the pattern tries them: the opening dashes and the spaces after them longest first.
  for (let from = start; from >= 2; from--) {
    const to = Math.max(from + 1, tailFrom)
    if (to > n - 2) continue
    if (breaks && breaks[to] > breaks[from]) continue
    return line.slice(from, to)
  }
  return null
}

function breaksBefore(line: string): number[] {
  const out = [0]
  for (let i = 0; i < line.length; i++) out.push(out[i] + (LINE_BREAK.test(line[i]) ? 1 : 0))
  return out
}

export const PUBLICATION_TITLE = '双周决策观察'

/** `双周决策观察` or `《双周决策观察》` alone on a line: the masthead title. */
export const isPublicationTitle = (line: string): boolean =>
  line.replace(/^《|》$/g, '') === PUBLICATION_TITLE

export const stripBoldMarkers = (s: string): string => s.replace(/\*\*/g, '').trim()
