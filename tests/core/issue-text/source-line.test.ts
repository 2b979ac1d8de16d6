import fc from 'fast-check'
import { splitSourceNote } from '@core/issue-text/source-line'

/**
 * The note pattern as first written: the same notes, but it backtracks polynomially (degree 7) on
 * an unclosed note with wide gaps. The reference for what the pattern matches, on short text only.
 */
const BACKTRACKING_REFERENCE =
  /[（(]\s*([^（）()]*?[^\s（）()\d][^（）()]*?)\s*((?:19|20)\d{2})\s*[-./年]?\s*(\d{1,2})\s*[-./月]?\s*(\d{1,2})\s*日?\s*[）)]\s*$/

describe('splitSourceNote', () => {
  it('splits one source and a compact date off the end', () => {
    expect(splitSourceNote('正文。（上海证券报 20240326）')).toEqual({
      sources: ['上海证券报'],
      sourceDate: '2024-03-26',
      rest: '正文。',
    })
  })

  it('reads several sources separated by spaces', () => {
    expect(splitSourceNote('正文。（文汇报 证券时报 20240325）')?.sources).toEqual([
      '文汇报',
      '证券时报',
    ])
  })

  it('keeps a leading number with the name it belongs to', () => {
    expect(splitSourceNote('正文。（21 世纪经济报道 20240319）')?.sources).toEqual([
      '21世纪经济报道',
    ])
    expect(splitSourceNote('正文。（21世纪经济报道 20240319）')?.sources).toEqual([
      '21世纪经济报道',
    ])
  })

  it('accepts a note on a line of its own, ASCII brackets and dashed dates', () => {
    expect(splitSourceNote('（经济日报 2024-03-05）')).toEqual({
      sources: ['经济日报'],
      sourceDate: '2024-03-05',
      rest: '',
    })
    expect(splitSourceNote('正文。(经济日报 2024.3.5)')?.sourceDate).toBe('2024-03-05')
  })

  it('ignores brackets that are not a source note', () => {
    expect(splitSourceNote('（以下简称《行动方案》）')).toBeNull()
    expect(splitSourceNote('规划（2023-2026 年）')).toBeNull()
    expect(splitSourceNote('正文（经济日报 20241340）')).toBeNull()
    expect(splitSourceNote('（经济日报 20240326）之后还有字。')).toBeNull()
  })

  it('answers at once on a paragraph ending in an unclosed note with wide gaps', () => {
    // Took hours with the first pattern: every split of each run of spaces was tried.
    const gap = ' '.repeat(60)
    const unclosed = `正文。（上海证券报${gap}2024${gap}03${gap}26${gap}`
    expect(splitSourceNote(unclosed)).toBeNull()
    expect(splitSourceNote(`${unclosed}）`)).toEqual({
      sources: ['上海证券报'],
      sourceDate: '2024-03-26',
      rest: '正文。',
    })
    const tabs = '\t'.repeat(60)
    expect(
      splitSourceNote(`(${tabs}${'日'.repeat(60)}${tabs}1919${tabs}11${tabs}2\t${tabs}`),
    ).toBeNull()
  })

  it('finds the notes the first pattern found, with the same parts', () => {
    const piece = fc.constantFrom(
      ...'（(）) \t1920036报年月日-./a、',
      '2024',
      '1999',
      '20240326',
      ' 3 ',
      '（报 ',
      '12',
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        const text = pieces.join('')
        const expected = BACKTRACKING_REFERENCE.exec(text)
        const note = splitSourceNote(text)
        if (!expected) return expect(note).toBeNull()
        const [, names, year, month, day] = expected
        const words = names.replace(/[\s、，,·]+/g, '')
        const valid =
          Number(month) >= 1 && Number(month) <= 12 && Number(day) >= 1 && Number(day) <= 31
        if (!valid || words === '') return expect(note).toBeNull()
        expect(note?.sources.join('')).toBe(words)
        expect(note?.sourceDate).toBe(`${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`)
        expect(note?.rest).toBe(text.slice(0, expected.index).trim())
      }),
      { numRuns: 3000 },
    )
  })
})
