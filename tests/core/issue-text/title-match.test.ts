import { isSameTitle, titleSimilarity } from '@core/issue-text/title-match'

describe('tolerant title matching', () => {
  it('treats spacing, quotes and a changed word as the same title', () => {
    expect(isSameTitle('首批 162 家企业集体登陆', '首批162家企业集体登陆')).toBe(true)
    expect(
      isSameTitle(
        '苏州工业园发布推进 ESG 发展的若干措施',
        '苏州工业园区发布推进 ESG 发展的若干措施',
      ),
    ).toBe(true)
    expect(isSameTitle('打造未来产业赛道“政策工具箱”', '打造未来产业“政策工具箱”')).toBe(true)
  })

  it('gives the same score with a floor as without, for characters outside the basic plane too', () => {
    for (const [a, b] of [
      ['𠀀𠀁𠀂上海发布新政', '𠀀𠀁𠀂上海发布新规'],
      ['上海发布加快算力基础设施布局实施方案', '上海发布加快算力基础设施布局方案'],
    ]) {
      const score = titleSimilarity(a, b)
      expect(score).toBeGreaterThanOrEqual(0.8)
      expect(titleSimilarity(a, b, 0.8)).toBe(score)
    }
  })

  it('keeps different titles apart', () => {
    expect(isSameTitle('张江未来产业先导区', '各地加速未来产业先导区产业集聚')).toBe(false)
    expect(titleSimilarity('', '标题')).toBe(0)
  })
})
