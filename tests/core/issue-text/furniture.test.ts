import type { ParsedIssue } from '@core/index'
import { pageNumberLines, repeatsCoverFacts } from '@core/issue-text/furniture'
import { parseOrThrow as parse, readSampleIssue } from '../../fixtures/sample-issue'

const sample = readSampleIssue()
const reference = parse(sample)
const dropped = (p: ParsedIssue) =>
  p.warnings.filter((w) => w.code === 'dropped_line').map((w) => w.message)

/** Puts `lines` on lines of their own right after the first occurrence of `after`. */
const insertAfter = (text: string, after: string, ...lines: string[]): string => {
  const at = text.indexOf(after)
  if (at < 0) throw new Error(`not in the text: ${after}`)
  const end = at + after.length
  return `${text.slice(0, end)}\n\n${lines.join('\n\n')}\n\n${text.slice(end).replace(/^\n+/, '')}`
}

// Two page breaks: one between paragraphs, one inside a paragraph cut in two.
const FIRST_BREAK = '争取在新赛道上抢占先机。'
const CUT_PARAGRAPH = '带动上下游配套企业向'

describe('page furniture', () => {
  it.each([
    ['bare numbers', '2', '3'],
    ['dashes', '— 2 —', '— 3 —'],
    ['hyphens', '- 2 -', '- 3 -'],
    ['第 N 页', '第 2 页', '第 3 页'],
    ['N/M', '2/12', '3/12'],
  ])('drops page numbers in sequence (%s), also inside a paragraph cut in two', (_f, a, b) => {
    const text = insertAfter(insertAfter(sample, FIRST_BREAK, a), CUT_PARAGRAPH, b)
    const parsed = parse(text)
    expect(parsed.articles).toEqual(reference.articles)
    expect(dropped(parsed)).toEqual([
      expect.stringContaining(`“${a}”是页码`),
      expect.stringContaining(`“${b}”是页码`),
    ])
    const line = text.split('\n').indexOf(a) + 1
    expect(parsed.warnings[0].line).toBe(line)
  })

  it.each([
    ['the title', '双周决策观察'],
    ['the title with the issue number', '双周决策观察 2024 年第 6 期'],
    ['the title in book marks with the total number', '《双周决策观察》 总第 280 期'],
    ['the subtitle', '地方工作亮点追踪'],
    ['title and subtitle with a page number', '双周决策观察 · 地方工作亮点追踪 4'],
  ])('drops a running head made of %s, even once, and keeps the back cover', (_f, head) => {
    const parsed = parse(insertAfter(sample, CUT_PARAGRAPH, head))
    expect(parsed.articles).toEqual(reference.articles)
    expect(parsed.issue).toEqual(reference.issue)
    expect(dropped(parsed)).toEqual([expect.stringContaining(`“${head}”是页眉或页脚`)])
  })

  it('drops the institute named on the cover when it comes back as a footer, but keeps the colophon', () => {
    const footer = '天津滨海综合发展研究院'
    const text = insertAfter(
      insertAfter(sample, FIRST_BREAK, `第6期 ${reference.issue.title}`, footer),
      CUT_PARAGRAPH,
      footer,
    )
    const parsed = parse(text)
    expect(parsed.articles).toEqual(reference.articles)
    expect(parsed.issue.publishers).toEqual(reference.issue.publishers)
    expect(dropped(parsed)).toHaveLength(3)
  })

  it('keeps a sub-heading that repeats a masthead word, and a number line that runs in no sequence', () => {
    const text = insertAfter(
      insertAfter(sample, FIRST_BREAK, '双周决策观察要点'),
      '此外，成都、西安、合肥、长沙等多个城市，都提出了建设低空经济先行区的目标。',
      '第 3 页',
    )
    const parsed = parse(text)
    expect(dropped(parsed)).toEqual([])
    const headings = parsed.articles[0].blocks.filter((b) => b.type === 'heading')
    expect(headings.map((h) => h.text)).toEqual([
      '双周决策观察要点',
      '搭建低空飞行服务平台',
      '“先行先试”各有侧重',
      '第 3 页',
      '因地制宜 错位发展',
    ])
  })

  it('counts numbers as page numbers only when they run on', () => {
    expect([...pageNumberLines(['12', '正文', '3'])]).toEqual([])
    expect([...pageNumberLines(['3', '正文', '— 4 —', '正文', '第 5 页'])].sort()).toEqual([
      0, 2, 4,
    ])
    // A number that breaks the run (a figure on its own line) stays text.
    expect([...pageNumberLines(['2', '正文', '90', '正文', '3'])].sort()).toEqual([0, 4])
    expect([...pageNumberLines(['5', '正文', '5'])]).toEqual([])
  })
})

describe('the table of contents by its structure', () => {
  const contents = sample.slice(sample.indexOf('- 【区域】'), sample.indexOf('\n\n\n\n主办'))

  it('reads entries without list markers, with numbers or bullets, and with page numbers', () => {
    const lines = contents.split('\n')
    const styles = [
      lines.map((l) => l.replace(/^- /, '')),
      lines.map((l, i) => `${i + 1}. ${l.replace(/^- /, '')}`),
      lines.map((l, i) => `${l.replace(/^- /, '• ')} …… ${i + 2}`),
      lines.map((l, i) => `${l.replace(/^- /, '')}    ${i + 2}`),
    ]
    for (const style of styles) {
      const parsed = parse(sample.replace(contents, style.join('\n')))
      expect(parsed.issue.toc).toEqual(reference.issue.toc)
      expect(parsed.articles).toEqual(reference.articles)
      expect(parsed.warnings).toEqual([])
    }
  })

  it('reads a contents printed without region tags, taking each entry’s region from its article', () => {
    const untagged = contents.replace(/^- 【[^】]+】 /gm, '')
    const parsed = parse(sample.replace(contents, untagged))
    expect(parsed.issue.toc).toEqual(reference.issue.toc)
    expect(parsed.articles).toEqual(reference.articles)
    expect(parsed.warnings).toEqual([])
  })

  it('joins an entry wrapped onto a second line when the joined title matches a body title', () => {
    const wrapped = contents
      .replace('上海发布加快算力基础设施布局实施方案', '上海发布加快算力基础设施\n布局实施方案')
      .replace(
        '- 【北京】 北京联合津冀共建算力调度网络',
        '- 【北京】 北京联合津冀共建\n算力调度网络',
      )
    const parsed = parse(sample.replace(contents, wrapped))
    expect(parsed.issue.toc).toEqual(reference.issue.toc)
    expect(parsed.articles).toEqual(reference.articles)
    expect(parsed.warnings).toEqual([])
  })
})

describe('invisible marks', () => {
  it('removes zero-width and bidi controls from titles and text', () => {
    const marked = sample
      .replace('多地布局低空经济先行区', '多地\u200b布局低空\u2066经济\u2069先行区')
      .replace('争取在新赛道上', '争取\u200d在新\ufeff赛道\u202e上\u202c')
    const parsed = parse(marked)
    expect(parsed.articles).toEqual(reference.articles)
    expect(parsed.issue.toc).toEqual(reference.issue.toc)
    expect(JSON.stringify(parsed)).not.toMatch(/[\u200b-\u200d\ufeff\u202a-\u202e\u2066-\u2069]/)
  })
})

describe('exports laid out by other tools', () => {
  const contents = sample.slice(sample.indexOf('- 【区域】'), sample.indexOf('\n\n\n\n主办'))

  it.each([
    ['the issue number alone', '2024 年第 6 期'],
    ['number and total number', '2024 年第 6 期（总第 280 期）'],
    ['the number in Chinese numerals', '双周决策观察 2024年第六期'],
    ['the date with its year', '双周决策观察 2024.03.28'],
    ['the institute beside the title', '天津滨海综合发展研究院 双周决策观察'],
  ])('drops a header of %s between articles and inside a paragraph', (_f, head) => {
    const text = insertAfter(
      insertAfter(sample, '（上海证券报 20240326）', head),
      CUT_PARAGRAPH,
      head,
    )
    const parsed = parse(text)
    expect(parsed.articles).toEqual(reference.articles)
    expect(dropped(parsed)).toHaveLength(2)
  })

  it('reads a header of the total number alone, or with the issue number, as the cover’s', () => {
    const cover = { year: 2024, number: 6, totalNumber: 280, month: 3, day: 28 }
    expect(repeatsCoverFacts('(总第 280 期)', cover)).toBe(true)
    expect(repeatsCoverFacts('2024 年第 6 期（总第 280 期）', cover)).toBe(true)
    expect(repeatsCoverFacts('(总第 281 期)', cover)).toBe(false)
  })

  it('keeps a date heading of an article that is not the issue’s own date', () => {
    const parsed = parse(insertAfter(sample, FIRST_BREAK, '2023 年 9 月'))
    expect(dropped(parsed)).toEqual([])
    expect(parsed.articles[0].blocks[1]).toEqual({
      type: 'heading',
      text: '2023 年 9 月',
      bold: [],
    })
  })

  it('drops page numbers of other forms and full-width digits', () => {
    for (const [a, b] of [
      ['Page 2 of 12', 'Page 3 of 12'],
      ['(2)', '(3)'],
      ['共 12 页 第 2 页', '共 12 页 第 3 页'],
      ['— ２ —', '— ３ —'],
    ]) {
      const parsed = parse(insertAfter(insertAfter(sample, FIRST_BREAK, a), CUT_PARAGRAPH, b))
      expect(parsed.articles).toEqual(reference.articles)
      expect(dropped(parsed)).toHaveLength(2)
    }
  })

  it('drops the contents’ own page column as well as the body’s page numbers', () => {
    const withColumn = contents
      .split('\n')
      .map((l, i) => `${l.replace(/^- /, '')}\n${i + 2}`)
      .join('\n')
    const text = insertAfter(
      insertAfter(
        insertAfter(sample.replace(contents, withColumn), FIRST_BREAK, '2'),
        '都提出了建设低空经济先行区的目标。',
        '3',
      ),
      CUT_PARAGRAPH,
      '4',
    )
    const parsed = parse(text)
    expect(parsed.issue.toc).toEqual(reference.issue.toc)
    expect(parsed.articles).toEqual(reference.articles)
    expect(dropped(parsed)).toHaveLength(13)
  })

  it('reads contents with a 目录 heading, one-space page numbers, dashes or Chinese numerals', () => {
    const lines = contents.split('\n')
    for (const style of [
      ['目 录', ...lines],
      lines.map((l, i) => `${l.replace(/^- /, '')} ${i + 2}`),
      lines.map((l) => l.replace(/^- /, '— ')),
      lines.map((l, i) => `${'一二三四五六七八九十'[i]}、${l.replace(/^- /, '')}`),
    ]) {
      const parsed = parse(sample.replace(contents, style.join('\n')))
      expect(parsed.issue.toc).toEqual(reference.issue.toc)
      expect(parsed.warnings).toEqual([])
    }
  })

  it('reads titles that end in a question mark, in the contents and as inline sections', () => {
    const asked = sample.replaceAll('北京联合津冀共建算力调度网络', '北京如何共建算力调度网络？')
    const parsed = parse(asked)
    expect(parsed.warnings).toEqual([])
    expect(parsed.articles[8]).toMatchObject({
      region: '北京',
      title: '北京如何共建算力调度网络？',
    })
    expect(parsed.issue.toc[8].title).toBe('北京如何共建算力调度网络？')
  })

  it('takes the first contents entry for an entry, not a subtitle, when the cover has none', () => {
    const noSubtitle = sample
      .replace('双周决策观察\n\n地方工作亮点追踪\n\n', '双周决策观察\n\n')
      .replace('- 【区域】 多地布局低空经济先行区', '多地布局低空经济先行区')
    const parsed = parse(noSubtitle)
    expect(parsed.articles.map((a) => a.title)).toEqual(reference.articles.map((a) => a.title))
    expect(dropped(parsed)).toEqual([])
  })
})
