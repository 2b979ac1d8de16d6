import { wrapText } from '@/services/drawing/text'

/** A context whose every character is 10 px wide. */
const ctx = { measureText: (t: string) => ({ width: [...t].length * 10 }) }

describe('wrapText', () => {
  it('never leaves one character alone on the last line', () => {
    // Five characters a line: 加强监管措 / 施 before, 加强监管 / 措施 now.
    expect(wrapText(ctx, '加强监管措施', 50)).toEqual(['加强监管', '措施'])
    expect(wrapText(ctx, '一二三四五六七八九十。', 50)).toEqual(['一二三四五', '六七八九', '十。'])
  })

  it('leaves lines that need no help as they are', () => {
    expect(wrapText(ctx, '一二三四五六七', 50)).toEqual(['一二三四五', '六七'])
    expect(wrapText(ctx, '一', 50)).toEqual(['一'])
    expect(wrapText(ctx, '一二三四五六七八九十一二', 50, 2)).toEqual(['一二三四五', '六七八九…'])
  })
})
