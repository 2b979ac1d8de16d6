import { readFileSync } from 'fs'
import path from 'path'
import fc from 'fast-check'
import type { Article, ParsedIssue } from '@core/index'
import { renderIssueText } from '@core/issue-text/render'
import { DEMO_DIR, demoFiles } from '../../fixtures/demo-issues'
import { parseOrThrow as parse, readSampleIssue } from '../../fixtures/sample-issue'
import { noiseOf, pageBreakAt, withPrintNoise } from './support/print-noise'

const issues: [string, ParsedIssue][] = [
  ['the fixture issue', parse(readSampleIssue())],
  ...demoFiles().map((f): [string, ParsedIssue] => [
    `demo ${f}`,
    parse(readFileSync(path.join(DEMO_DIR, f), 'utf8')),
  ]),
]

/** Articles by title, without what depends on their order in the file. */
const byTitle = (articles: Article[]) =>
  Object.fromEntries(articles.map(({ id: _i, position: _p, ...rest }) => [rest.title, rest]))

/** A file line as the parser reads it: without invisible marks and edge spaces. */
const cleanLine = (line: string): string =>
  line.replace(/[\u200b-\u200d\u2060\ufeff\u202a-\u202e\u2066-\u2069]/g, '').trim()

describe.each(issues)('%s re-rendered with print noise', (_name, reference) => {
  const regions = [...new Set(reference.articles.map((a) => a.region))]

  it('round-trips exactly when rendered plainly', () => {
    expect(parse(renderIssueText(reference.issue, reference.articles))).toEqual(reference)
  })

  it('parses the same whatever the contents style, page furniture, marks, line ends and section order', () => {
    fc.assert(
      fc.property(noiseOf(regions), (noise) => {
        let n = 0
        const splits: [string, string][] = []
        const rendered = renderIssueText(reference.issue, reference.articles, {
          regionOrder: noise.regionOrder,
          breakAt: (marked) => {
            const pick = noise.cuts[n++ % noise.cuts.length]
            const at = pick === null ? null : pageBreakAt(marked, pick)
            if (at !== null) splits.push([marked.slice(0, at), marked.slice(at)])
            return at
          },
        })
        const { text, furniture } = withPrintNoise(rendered, reference.issue, splits, noise)
        const parsed = parse(text)
        expect(parsed.issue).toEqual(reference.issue)
        expect(byTitle(parsed.articles)).toEqual(byTitle(reference.articles))
        expect(parsed.articles.map((a) => a.region)).toEqual(
          noise.regionOrder.flatMap((r) =>
            reference.articles.filter((a) => a.region === r).map((a) => a.region),
          ),
        )
        // Every inserted furniture line is reported once, by its own line number, and nothing else.
        const fileLines = text.split(/\r\n|\n/)
        const dropped = parsed.warnings.map((w) => {
          expect(w.code).toBe('dropped_line')
          return cleanLine(fileLines[(w.line ?? 0) - 1] ?? '')
        })
        expect(dropped.sort()).toEqual([...furniture].sort())
      }),
      { numRuns: 60 },
    )
  })
})
