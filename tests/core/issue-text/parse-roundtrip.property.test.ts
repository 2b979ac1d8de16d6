import fc from 'fast-check'
import { parseIssueText, type Article, type ParsedIssue } from '@core/index'
import { renderIssueText } from '@core/issue-text/render'
import { HEADING_MAX } from '@core/issue-text/blocks'
import { endsSentence, visibleLength } from '@core/issue-text/punctuation'
import { readSampleIssue } from '../../fixtures/sample-issue'

const parse = (text: string): ParsedIssue => {
  const result = parseIssueText(text)
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.data
}

const reference = parse(readSampleIssue())
const regions = [...new Set(reference.articles.map((a) => a.region))]

/** Articles by title, without what depends on their order in the file. */
const byTitle = (articles: Article[]) =>
  Object.fromEntries(articles.map(({ id: _i, position: _p, ...rest }) => [rest.title, rest]))

/**
 * A page break can fall anywhere a printed line can end: after at least a full line of text, not
 * on closing punctuation (that would be a paragraph end), not inside a `**` or the source note, and
 * not beside a space (an export drops it at a line end, so `达到 1000` would come back as `达到1000`),
 * and not inside a Latin word (line breaking never splits one).
 */
function pageBreakAt(marked: string, pick: number): number | null {
  const noteAt = marked.search(/（[^（）]*\d{8}）$/)
  const end = noteAt >= 0 ? noteAt : marked.length
  const candidates: number[] = []
  for (let i = 1; i < end - 1; i++) {
    const head = marked.slice(0, i)
    if (marked.slice(i - 1, i + 1) === '**' || /\s/.test(marked[i - 1] + marked[i])) continue
    if (/[A-Za-z0-9-]{2}/.test(marked[i - 1] + marked[i])) continue
    if (visibleLength(head) <= HEADING_MAX || endsSentence(head)) continue
    candidates.push(i)
  }
  return candidates.length ? candidates[pick % candidates.length] : null
}

const noise = fc.record({
  regionOrder: fc.shuffledSubarray(regions, {
    minLength: regions.length,
    maxLength: regions.length,
  }),
  cuts: fc.array(fc.option(fc.nat(), { freq: 2 }), { minLength: 1, maxLength: 100 }),
  crlf: fc.boolean(),
  indent: fc.array(fc.boolean(), { minLength: 1, maxLength: 7 }),
  blanks: fc.array(fc.nat({ max: 3 }), { minLength: 1, maxLength: 5 }),
})

describe('re-rendering the sample with print noise', () => {
  it('round-trips exactly when rendered plainly', () => {
    const text = renderIssueText(reference.issue, reference.articles)
    expect(parse(text)).toEqual(reference)
  })

  it('parses the same with random page breaks, CRLF, indentation, blank lines and section order', () => {
    fc.assert(
      fc.property(noise, ({ regionOrder, cuts, crlf, indent, blanks }) => {
        let n = 0
        const text = renderIssueText(reference.issue, reference.articles, {
          regionOrder,
          breakAt: (marked) => {
            const pick = cuts[n++ % cuts.length]
            return pick === null ? null : pageBreakAt(marked, pick)
          },
        })
        const noisy = text
          .split('\n')
          .map((line, i) => (indent[i % indent.length] ? `\u3000\u3000${line}` : line))
          .map((line, i) => line + '\n'.repeat(blanks[i % blanks.length]))
          .join(crlf ? '\r\n' : '\n')
        const parsed = parse(crlf ? noisy.replace(/\n/g, '\r\n') : noisy)
        expect(parsed.issue).toEqual(reference.issue)
        expect(parsed.warnings).toEqual([])
        expect(parsed.articles.map((a) => a.region)).toEqual(
          regionOrder.flatMap((r) =>
            reference.articles.filter((a) => a.region === r).map((a) => a.region),
          ),
        )
        expect(byTitle(parsed.articles)).toEqual(byTitle(reference.articles))
      }),
      { numRuns: 150 },
    )
  })
})
