import { readFileSync } from 'fs'
import { parseIssueText, type ParsedIssue } from '@core/index'
import { compareWithTruth, type Truth } from '../../../scripts/check-sample/compare'
import { readSampleIssue, SAMPLE_TRUTH_PATH } from '../../fixtures/sample-issue'

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

describe('the fixture issue (2024 年第 6 期)', () => {
  const { issue, articles, warnings } = parseSample()

  it('matches its reference parse field by field', () => {
    const truth = JSON.parse(readFileSync(SAMPLE_TRUTH_PATH, 'utf8')) as Truth
    expect(compareWithTruth(parseSample(), truth)).toEqual([])
    // The comparison itself sees a difference: one changed paragraph is reported.
    const changed = structuredClone(truth)
    changed.articles[2].paragraphs[1] += '补'
    expect(compareWithTruth(parseSample(), changed)).toEqual([
      expect.stringMatching(/^article 3\.paragraphs\[2\]: found/),
    ])
  })

  it('reads the masthead and cover', () => {
    expect(issue).toMatchObject({
      id: 'i280',
      year: 2024,
      number: 6,
      totalNumber: 280,
      publishedOn: '2024-03-28',
      title: '双周决策观察',
      subtitle: '地方工作亮点追踪',
      publishers: ['天津滨海综合发展研究院', '滨海产业信息服务中心'],
      editors: ['沈知远', '白若宁', '葛一帆'],
      coordinators: ['钟仲明', '陶嘉言', '邵启航', '严书怡'],
      phone: '022-66229301',
      fax: '022-66229302',
    })
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
      ['i280-01', '区域', '多地布局低空经济先行区', null, ['经济参考报'], '2024-03-22'],
      [
        'i280-02',
        '上海',
        '上海科创企业挂牌服务专区启动 首批118家企业入驻',
        '上海科创企业挂牌服务专区启动 首批 118 家企业入驻',
        ['上海证券报'],
        '2024-03-26',
      ],
      [
        'i280-03',
        '上海',
        '上海推行建筑领域碳排放核算 打造绿色建造产业链',
        null,
        ['解放日报'],
        '2024-03-25',
      ],
      [
        'i280-04',
        '上海',
        '上海发布加快算力基础设施布局实施方案',
        null,
        ['上海证券报'],
        '2024-03-19',
      ],
      [
        'i280-05',
        '上海',
        '以场景开放打造人工智能“试验田”',
        '以场景开放打造人工智能产业“试验田”',
        ['文汇报', '证券时报'],
        '2024-03-25',
      ],
      ['i280-06', '广东', '深圳推动智能网联汽车产业集群发展', null, ['深圳特区报'], '2024-03-27'],
      ['i280-07', '广东', '南沙出台促进跨境贸易便利化若干措施', null, ['南方日报'], '2024-03-21'],
      ['i280-08', '广东', '广州发布全国首个城市海绵体建设导则', null, ['广州日报'], '2024-03-27'],
      ['i280-09', '北京', '北京联合津冀共建算力调度网络', null, ['北京日报'], '2024-03-26'],
      [
        'i280-10',
        '江苏',
        '无锡国家高新区发布推进企业出海服务的若干措施',
        '无锡高新区发布推进企业出海服务的若干措施',
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
      ['搭建低空飞行服务平台', '“先行先试”各有侧重', '因地制宜 错位发展'],
      [],
      [],
      [],
      ['临港新片区', '徐汇区', '闵行区'],
      ['关键技术力争实现“从 0 到 1”的突破', '扩大测试示范应用'],
      [],
      [],
      [],
      [],
    ])
    const paragraphCounts = articles.map(
      (a) => a.blocks.filter((b) => b.type === 'paragraph').length,
    )
    expect(paragraphCounts).toEqual([12, 3, 3, 2, 4, 3, 2, 2, 1, 1])
  })

  it('reproduces every paragraph as printed and joins all five page breaks', () => {
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
    expect(joinedIn).toEqual([1, 1, 3, 6, 7])
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
    expect(tagged[0]).toEqual(['【浙江】', '【上海】', '【江苏】', '【广东】'])
    expect(tagged.slice(1).flat()).toEqual([])
    expect(articles.map((a) => a.region)).not.toContain('浙江')
  })

  it('turns **bold** into ranges and leaves no marker', () => {
    const bolded = articles.flatMap((a) => a.blocks).filter((b) => b.bold.length > 0)
    expect(bolded.map((block) => block.bold.map(([s, e]) => block.text.slice(s, e)))).toEqual([
      ['建设一批低空飞行服务站和起降点'],
      ['帮助企业对接天使投资和产业资本'],
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
