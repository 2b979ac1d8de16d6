import { stripBoldMarkers } from '@core/issue-text/patterns'
import { roleLines, type LineRole } from './issue-lines'

/** How the printed issue is set: paragraphs spaced apart, or indented and set solid (no spacing). */
export type PrintStyle = 'spaced' | 'indented'

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

const withBold = (line: string): string =>
  escapeHtml(line).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')

const TAGS: Record<LineRole, string> = {
  cover: 'p',
  label: 'p',
  toc: 'p',
  region: 'h2',
  title: 'h3',
  subheading: 'h4',
  paragraph: 'p',
  back: 'p',
}

const STYLES: Record<PrintStyle, string> = {
  spaced: `
    body { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 10.5pt; line-height: 1.65; }
    p, h4 { margin: 0 0 0.6em; }
    .paragraph { text-align: justify; }`,
  indented: `
    body { font-family: 'Noto Serif CJK SC', serif; font-size: 10pt; line-height: 1.5; }
    p, h4 { margin: 0; }
    .paragraph { text-align: justify; text-indent: 2em; }`,
}

/**
 * An issue's text export typeset as the printed newsletter: cover, contents and masthead on their
 * own page, bold region headings, larger bold titles, bold sub-headings, `**…**` as bold. Each line
 * of the export becomes one paragraph, so a page-break cut in the export stays a cut here.
 */
export function issueHtml(text: string, style: PrintStyle): string {
  const lines = roleLines(text)
  const firstBody = lines.findIndex((l) => l.role === 'region' || l.role === 'title')
  const body = lines
    .map((line, i) => {
      const tag = TAGS[line.role]
      const content = tag === 'p' ? withBold(line.text) : escapeHtml(stripBoldMarkers(line.text))
      const pageBreak = i === firstBody ? ' style="break-before: page"' : ''
      return `<${tag} class="${line.role}"${pageBreak}>${content}</${tag}>`
    })
    .join('\n')
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><style>
  html, body { margin: 0; padding: 0; }
  ${STYLES[style]}
  h2, h3, h4 { font-weight: bold; }
  h2 { font-size: 1.3em; margin: 0.8em 0 0.4em; }
  h3 { font-size: 1.15em; margin: 0.6em 0 0.5em; }
  h4 { font-size: 1em; }
  .cover, .back { text-align: center; }
  .label { font-weight: bold; }
</style></head><body>
${body}
</body></html>`
}
