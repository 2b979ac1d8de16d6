import { parseIssueText, type ParsedIssue } from '@core/index'
import { generateIssues } from '../../scripts/corpus/generate'
import { renderIssueText } from '@core/issue-text/render'
import { readSampleIssue } from '../fixtures/sample-issue'

describe('generated benchmark corpus', () => {
  const sample = parseIssueText(readSampleIssue())
  if (!sample.ok) throw new Error('sample does not parse')
  const corpus = generateIssues([sample.data], 20, 7)

  it('is made of distinct issues the parser reads back exactly', () => {
    expect(new Set(corpus.map((p) => p.issue.id)).size).toBe(20)
    for (const generated of corpus) {
      const reparsed = parseIssueText(renderIssueText(generated.issue, generated.articles))
      expect(reparsed.ok && reparsed.data).toEqual<ParsedIssue>(generated)
    }
  })

  it('is the same on every run', () => {
    expect(generateIssues([sample.data], 20, 7)).toEqual(corpus)
  })
})
