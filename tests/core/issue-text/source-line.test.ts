import { splitSourceNote } from '@core/issue-text/source-line'

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
})
