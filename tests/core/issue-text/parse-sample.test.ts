import { parseIssueText, type ParsedIssue } from '@core/index'
import { readSampleIssue } from '../../fixtures/sample-issue'

const parseSample = (): ParsedIssue => {
  const result = parseIssueText(readSampleIssue())
  if (!result.ok) throw new Error(result.error.message)
  return result.data
}

/** The file's own lines, as the parser should have read them: no markers, no source note. */
const rawLines = (): string[] =>
  readSampleIssue()
    .split('\n')
    .map((l) =>
      l
        .trim()
        .replace(/\*\*/g, '')
        .replace(/（[^（）]*\d{8}）$/, ''),
    )
    .filter(Boolean)

describe('the sample issue (2024 年第 6 期)', () => {
  const { issue, articles, warnings } = parseSample()

  it('reads the masthead and cover', () => {
    expect(issue).toMatchObject({
      id: 'i280',
      year: 2024,
      number: 6,
      totalNumber: 280,
      publishedOn: '2024-03-28',
      title: '双周决策观察',
      subtitle: '地方工作亮点追踪',
      publishers: ['天津滨海综合发展研究院', '泰达图书馆档案馆'],
      editors: ['贺然', '金敏毓', '何莉娟'],
      coordinators: ['史继平', '韩玉刚', '马爱华', '武晓庆'],
      phone: '022-66222942',
      fax: '022-66222940',
    })
    expect(issue.toc).toHaveLength(10)
    expect(issue.toc.map((e) => e.region)).toEqual([
      '区域',
      '上海',
      '上海',
      '上海',
      '上海',
      '广东',
      '广东',
      '广东',
      '北京',
      '江苏',
    ])
    expect(warnings).toEqual([])
  })

  it('finds ten articles with their regions, titles, TOC titles, sources and dates', () => {
    expect(
      articles.map((a) => [a.id, a.region, a.title, a.tocTitle ?? null, a.sources, a.sourceDate]),
    ).toEqual([
      [
        'i280-01',
        '区域',
        '各地加速未来产业先导区产业集聚',
        null,
        ['中国战略新兴产业杂志公众号'],
        '2024-03-21',
      ],
      [
        'i280-02',
        '上海',
        '上海专精特新专板开板 首批162家企业集体登陆',
        '上海专精特新专板开板 首批 162 家企业集体登陆',
        ['上海证券报'],
        '2024-03-26',
      ],
      [
        'i280-03',
        '上海',
        '上海加快建立碳足迹体系 打造绿色低碳供应链',
        null,
        ['上海证券报'],
        '2024-03-25',
      ],
      [
        'i280-04',
        '上海',
        '上海发布推进新型基础设施建设行动方案',
        null,
        ['上海证券报'],
        '2024-03-19',
      ],
      [
        'i280-05',
        '上海',
        '用制度创新优势打造未来产业“政策工具箱”',
        '用制度创新优势打造未来产业赛道“政策工具箱”',
        ['文汇报', '证券时报'],
        '2024-03-25',
      ],
      ['i280-06', '广东', '深圳推动高端装备产业集群高质量发展', null, ['深圳特区报'], '2024-03-27'],
      [
        'i280-07',
        '广东',
        '前海发布关于促进大宗商品贸易高质量发展措施',
        null,
        ['深圳特区报'],
        '2024-03-21',
      ],
      [
        'i280-08',
        '广东',
        '深圳发布全国首个市级适应气候变化中长期规划',
        null,
        ['深圳特区报'],
        '2024-03-27',
      ],
      ['i280-09', '北京', '北京携手津冀布局新质生产力', null, ['上海证券报'], '2024-03-26'],
      [
        'i280-10',
        '江苏',
        '苏州工业园区发布推进 ESG 发展的若干措施',
        '苏州工业园发布推进 ESG 发展的若干措施',
        ['21世纪经济报道'],
        '2024-03-19',
      ],
    ])
  })

  it('keeps sub-headings apart from paragraphs', () => {
    const headings = articles.map((a) =>
      a.blocks.filter((b) => b.type === 'heading').map((b) => b.text),
    )
    expect(headings).toEqual([
      ['构建未来产业集聚发展平台', '“自下而上”探索新路径', '因地制宜 各取所长'],
      [],
      [],
      [],
      ['临港片区未来产业先导区', '张江未来产业先导区', '大零号湾未来产业先导区'],
      [
        '重大装备技术力争实现“从 0 到 1”的突破',
        '推动装备企业向高端化、智能化攀升',
        '生态创新为产业升级注入强劲动力',
      ],
      [],
      [],
      [],
      [],
    ])
    const paragraphCounts = articles.map(
      (a) => a.blocks.filter((b) => b.type === 'paragraph').length,
    )
    expect(paragraphCounts).toEqual([16, 6, 5, 7, 6, 10, 5, 5, 1, 1])
  })

  it('reproduces every paragraph as printed and joins all six page breaks', () => {
    const lines = rawLines()
    const joinedIn: number[] = []
    for (const article of articles) {
      for (const block of article.blocks.filter((b) => b.type === 'paragraph')) {
        const at = lines.findIndex((l) => block.text.startsWith(l))
        expect(at).toBeGreaterThanOrEqual(0)
        if (lines[at] === block.text) continue
        // A paragraph cut by a page break is its two printed halves, with nothing between them.
        expect(block.text).toBe(lines[at] + lines[at + 1])
        joinedIn.push(article.position)
      }
    }
    expect(joinedIn).toEqual([1, 1, 3, 5, 6, 7])
  })

  it('ends every paragraph on closing punctuation: no half sentence is left', () => {
    for (const block of articles.flatMap((a) => a.blocks).filter((b) => b.type === 'paragraph')) {
      expect(block.text).toMatch(/[。：；！？”）]$/)
    }
  })

  it('keeps paragraphs that open with a region tag inside the first article', () => {
    const tagged = articles.map((a) =>
      a.blocks.filter((b) => /^【.+?】/.test(b.text)).map((b) => b.text.slice(0, 4)),
    )
    expect(tagged[0]).toEqual(['【浙江】', '【上海】', '【江苏】', '【安徽】', '【广东】'])
    expect(tagged.slice(1).flat()).toEqual([])
    expect(articles.map((a) => a.region)).not.toContain('浙江')
  })

  it('turns **bold** into ranges and leaves no marker', () => {
    const bolded = articles.flatMap((a) => a.blocks).filter((b) => b.bold.length > 0)
    expect(bolded).toHaveLength(1)
    const [block] = bolded
    expect(block.bold.map(([s, e]) => block.text.slice(s, e))).toEqual([
      '建设一批未来产业孵化器和先导区',
    ])
    for (const b of articles.flatMap((a) => a.blocks)) expect(b.text).not.toContain('*')
    for (const a of articles) expect(a.title).not.toContain('*')
  })

  it('leaves the back cover out of every article', () => {
    const last = articles[articles.length - 1]
    expect(last.blocks).toHaveLength(1)
    const allText = articles.flatMap((a) => a.blocks.map((b) => b.text)).join('\n')
    expect(allText).not.toContain('地方工作亮点追踪')
    expect(allText).not.toContain('研究院微信')
    expect(allText).not.toMatch(/（[^（）]*\d{8}）/)
  })
})
