import { parseBold } from '@core/issue-text/bold'
import { markBold } from '@core/issue-text/render'

describe('parseBold', () => {
  it('turns markers into ranges over the plain text', () => {
    const { text, bold } = parseBold('前文**重点一**中间**重点二**。')
    expect(text).toBe('前文重点一中间重点二。')
    expect(bold.map(([s, e]) => text.slice(s, e))).toEqual(['重点一', '重点二'])
  })

  it('drops an unmatched marker instead of showing it', () => {
    expect(parseBold('前文**没有闭合')).toEqual({ text: '前文没有闭合', bold: [] })
  })

  it('ignores empty bold runs', () => {
    expect(parseBold('a****b')).toEqual({ text: 'ab', bold: [] })
  })

  it('is undone by markBold', () => {
    const marked = '开头**加粗**，再来**一处**。'
    expect(markBold({ type: 'paragraph', ...parseBold(marked) })).toBe(marked)
  })
})
