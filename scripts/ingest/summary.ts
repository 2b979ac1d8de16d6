import type { ParsedIssue } from '@core/index'
import { groupByRegion } from '@core/issue-text/render'

/** A human summary of a parse: masthead, contents by region, counts, warnings. */
export function formatSummary({ issue, articles, warnings }: ParsedIssue): string {
  const lines = [
    `${issue.title} ${issue.year} 年第 ${issue.number} 期（总第 ${issue.totalNumber} 期） ${issue.publishedOn} 印发  [${issue.id}]`,
    `主办 ${issue.publishers.join('、') || '—'} · 编辑 ${issue.editors.join(' ') || '—'} · 电话 ${issue.phone ?? '—'}`,
    '',
  ]
  for (const [region, group] of groupByRegion(articles)) {
    lines.push(`【${region}】`)
    for (const a of group) {
      const paragraphs = a.blocks.filter((b) => b.type === 'paragraph').length
      const headings = a.blocks.length - paragraphs
      const source = a.sources.length ? `${a.sources.join(' ')} ${a.sourceDate}` : '无来源'
      lines.push(`  ${a.id}  ${a.title}（${paragraphs} 段，${headings} 个小标题；${source}）`)
    }
  }
  const characters = articles.reduce(
    (n, a) => n + a.blocks.reduce((m, b) => m + b.text.length, 0),
    0,
  )
  lines.push(
    '',
    `${articles.length} 篇文章，${groupByRegion(articles).size} 个地区，${characters} 字`,
  )
  lines.push(warnings.length ? `${warnings.length} 条提示：` : '没有提示')
  // Dropped page furniture is listed too: the editor sees every line the parse left out.
  for (const w of warnings) lines.push(`  [${w.code}] ${w.message}`)
  return lines.join('\n')
}
