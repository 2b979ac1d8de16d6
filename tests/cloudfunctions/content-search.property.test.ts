import fc from 'fast-check'
import { SNIPPET_MAX, hitRanges, snippetAround } from '../../cloudfunctions/lib/content/search'

/** Article text as stored for search: paragraphs joined by line breaks, CJK with some Latin. */
const textOf = fc
  .array(
    fc.constantFrom('上', '海', '发', '展', '产', '业', 'E', 's', 'G', '，', '。', ' ', '\n'),
    { maxLength: 400 },
  )
  .map((chars) => chars.join(''))

describe('search snippets', () => {
  it('are at most 120 characters, hold the first hit and mark every hit they show', () => {
    fc.assert(
      fc.property(textOf, fc.nat(), fc.integer({ min: 1, max: 8 }), (text, at, length) => {
        const q = text
          .slice(at % Math.max(1, text.length), (at % Math.max(1, text.length)) + length)
          .trim()
        fc.pre(q.length > 0 && hitRanges(text, q).length > 0)
        const { snippet, snippetHits } = snippetAround(text, q)
        expect(snippet.length).toBeLessThanOrEqual(SNIPPET_MAX)
        expect(snippet).not.toContain('\n')
        expect(snippetHits.length).toBeGreaterThan(0)
        const shown = q.toLowerCase().replace(/\n/g, ' ')
        for (const [s, e] of snippetHits) expect(snippet.slice(s, e).toLowerCase()).toBe(shown)
      }),
      { numRuns: 2000 },
    )
  })

  it('marks a hit that spans two paragraphs, shown with a space between them', () => {
    const { snippet, snippetHits } = snippetAround('第一段结尾。\n第二段开头', '结尾。\n第二')
    expect(snippet).toBe('第一段结尾。 第二段开头')
    expect(snippetHits).toEqual([[3, 9]])
  })
})
