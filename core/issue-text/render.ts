import type { Article, Block, Issue } from '../types'

export interface RenderOptions {
  /** Where to cut a paragraph's marked text with a page break; null keeps it whole. */
  breakAt?: (marked: string) => number | null
  /** Region order of the body (the table of contents keeps its printed order). */
  regionOrder?: string[]
}

/** Re-inserts `**` markers around a block's bold ranges. */
export function markBold(block: Block): string {
  let out = ''
  let at = 0
  for (const [s, e] of block.bold) {
    out += `${block.text.slice(at, s)}**${block.text.slice(s, e)}**`
    at = e
  }
  return out + block.text.slice(at)
}

const compactDate = (iso: string): string => iso.replace(/-/g, '')

const sourceNote = (a: Article): string =>
  a.sourceDate && a.sources.length > 0
    ? `（${a.sources.join(' ')} ${compactDate(a.sourceDate)}）`
    : ''

/** Groups articles by region in first-seen order. */
export function groupByRegion<T extends { region: string }>(items: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const group = groups.get(item.region)
    if (group) group.push(item)
    else groups.set(item.region, [item])
  }
  return groups
}

/**
 * Writes an issue back in the export format the parser reads (cover, contents, masthead, body,
 * back cover). Used for demo content, generated corpora and round-trip tests.
 */
export function renderIssueText(
  issue: Issue,
  articles: Article[],
  options: RenderOptions = {},
): string {
  const out: string[] = []
  const para = (...lines: string[]): void => {
    out.push(...lines, '')
  }
  const [, month, day] = issue.publishedOn.split('-').map(Number)
  para(`${issue.year} 年第 ${issue.number} 期`)
  para(`(总第 ${issue.totalNumber} 期)`)
  para(`${month} 月 ${day} 日印发`)
  para(issue.title)
  if (issue.subtitle) para(issue.subtitle)

  const toc = groupByRegion(issue.toc)
  if (toc.size > 0) {
    const lines: string[] = []
    for (const [region, entries] of toc) {
      entries.forEach((e, i) => lines.push(i === 0 ? `- 【${region}】 ${e.title}` : e.title))
    }
    para(...lines)
  }
  if (issue.publishers.length) para('主办', ...issue.publishers)
  if (issue.editors.length) out.push('编辑', issue.editors.join(' '))
  if (issue.coordinators.length) out.push('统筹', issue.coordinators.join(' '))
  out.push('')
  if (issue.phone) out.push('电话', issue.phone)
  if (issue.fax) out.push('传真', issue.fax)
  out.push('')

  const sections = groupByRegion(articles)
  const order = options.regionOrder ?? [...sections.keys()]
  for (const region of order) {
    const group = sections.get(region) ?? []
    group.forEach((article, i) => {
      if (i > 0) para(article.title)
      else if (group.length === 1) para(`【${region}】**${article.title}**`)
      else para(`【${region}】`, '', article.title)
      article.blocks.forEach((block, b) => {
        let marked = block.type === 'heading' ? block.text : markBold(block)
        if (b === article.blocks.length - 1) marked += sourceNote(article)
        const cut = block.type === 'paragraph' ? options.breakAt?.(marked) : null
        if (cut != null) para(marked.slice(0, cut), '', marked.slice(cut))
        else para(marked)
      })
    })
  }
  para(issue.title)
  if (issue.subtitle) para(`—— ${issue.subtitle} ——`)
  return out.join('\n')
}
