import fc from 'fast-check'
import { SNIPPET_MAX, normalize, parseQuery, snippetOf } from '../../core/search'

/** Article text as stored for search: paragraphs joined by line breaks, CJK with some Latin. */
const textOf = fc
  .array(
    fc.constantFrom('上', '海', '发', '展', '产', '业', 'E', 's', 'G', '，', '。', ' ', '\n'),
    { maxLength: 400 },
  )
  .map((chars) => chars.join(''))

describe('search snippets', () => {
  it('are at most 120 characters, without line breaks, and every mark holds a whole query word', () => {
    fc.assert(
      fc.property(textOf, fc.nat(), fc.integer({ min: 1, max: 8 }), (text, at, length) => {
        const from = at % Math.max(1, text.length)
        const q = text.slice(from, from + length)
        const { terms } = parseQuery(q)
        fc.pre(terms.length > 0)
        const found = snippetOf(text, terms)
        // The slice of the text is there, so every one of its words is.
        expect(found).not.toBeNull()
        const { snippet, snippetHits } = found!
        expect(snippet.length).toBeLessThanOrEqual(SNIPPET_MAX)
        expect(snippet).not.toContain('\n')
        expect(snippetHits.length).toBeGreaterThan(0)
        // A mark holds a whole query word: never a word cut by the snippet's end.
        for (const [s, e] of snippetHits) {
          const marked = normalize(snippet.slice(s, e))
          expect(terms.some((t) => t.variants.some((v) => marked.includes(v)))).toBe(true)
        }
      }),
      { numRuns: 1000 },
    )
  })

  it('marks a phrase across punctuation and a line break, shown with a space', () => {
    const found = snippetOf('第一段结尾。\n第二段开头', parseQuery('结尾第二').terms)
    expect(found).toEqual({ snippet: '第一段结尾。 第二段开头', snippetHits: [[3, 9]] })
  })

  it('is the window holding the most query words, not the first hit', () => {
    const filler = '其他内容。'.repeat(40)
    const text = `上海提出目标。${filler}上海推动碳足迹管理体系建设。${filler}`
    const found = snippetOf(text, parseQuery('上海 碳足迹').terms)!
    const marked = found.snippetHits.map(([s, e]) => found.snippet.slice(s, e))
    expect(marked).toEqual(['上海', '碳足迹'])
  })

  it('does not mark a word the snippet cuts off', () => {
    const text = `${'甲'.repeat(20)}大零号湾${'乙'.repeat(93)}大零号湾${'丙'.repeat(50)}`
    const found = snippetOf(text, parseQuery('大零号湾').terms)!
    for (const [s, e] of found.snippetHits) expect(found.snippet.slice(s, e)).toBe('大零号湾')
  })

  it('is null when the text holds no query word', () => {
    expect(snippetOf('天津发布氢能产业链发展行动计划', parseQuery('上海').terms)).toBeNull()
  })
})
