import { parseIssueText, type ParsedIssue } from '@core/index'
import { parseOrThrow as parse, readSampleIssue } from '../../fixtures/sample-issue'

const sample = readSampleIssue()
const reference = parse(sample)

const withoutTocTitles = (p: ParsedIssue) => p.articles.map(({ tocTitle: _t, ...a }) => a)

describe('format variants of the same issue', () => {
  it('tolerates CRLF, a BOM, full-width indentation and blank-line noise', () => {
    const noisy =
      '\ufeff' +
      sample
        .split('\n')
        .map((line, i) => (line.trim() && i % 3 === 0 ? `\u3000\u3000${line}  ` : line))
        .join('\n\n\n')
        .replace(/\n/g, '\r\n')
    expect(parse(noisy)).toEqual(reference)
  })

  it('reads the masthead with or without spaces around the numerals', () => {
    const tight = sample
      .replace('2024 年第 6 期', '2024年第6期')
      .replace('(总第 280 期)', '（总第280期）')
      .replace('3 月 28 日印发', '3月28日印发')
    expect(parse(tight).issue).toEqual(reference.issue)
  })

  it('reads the masthead wherever the export puts it', () => {
    const block = sample.slice(sample.indexOf('主办'), sample.indexOf('【区域】\n'))
    const moved = sample.replace(block, '') + '\n' + block
    expect(parse(moved).issue).toEqual(reference.issue)
    expect(parse(moved).articles).toEqual(reference.articles)
  })

  it('reads masthead labels with inline values', () => {
    const block = sample.slice(sample.indexOf('主办'), sample.indexOf('【区域】\n'))
    const inline =
      '主办：天津滨海综合发展研究院 滨海产业信息服务中心\n编辑：沈知远、白若宁、葛一帆\n统筹：钟仲明 陶嘉言 邵启航 严书怡\n电话：022-66229301\n传真：022-66229302\n\n'
    expect(parse(sample.replace(block, inline)).issue).toEqual(reference.issue)
  })

  it('works without a table of contents', () => {
    const lines = sample.split('\n')
    const first = lines.findIndex((l) => l.startsWith('- 【'))
    const last = lines.findIndex((l, i) => i > first && l.trim() === '')
    const noToc = parse([...lines.slice(0, first), ...lines.slice(last)].join('\n'))
    expect(noToc.issue.toc).toEqual([])
    expect(withoutTocTitles(noToc)).toEqual(withoutTocTitles(reference))
    expect(noToc.warnings.map((w) => w.code)).toEqual(['no_toc'])
  })

  it('opens a section from 【X】title without bold markers', () => {
    const plain = sample.replace(
      '【北京】**北京联合津冀共建算力调度网络**',
      '【北京】北京联合津冀共建算力调度网络',
    )
    expect(parse(plain)).toEqual(reference)
  })

  it('opens a section whose title was edited after the contents were set', () => {
    const edited = sample.replace(
      '【北京】**北京联合津冀共建算力调度网络**',
      '【北京】京津冀携手推进城市更新试点',
    )
    const parsed = parse(edited)
    expect(parsed.articles.map((a) => a.region)).toEqual(reference.articles.map((a) => a.region))
    expect(parsed.articles[8].title).toBe('京津冀携手推进城市更新试点')
    expect(parsed.warnings.map((w) => w.code)).toEqual(['not_in_toc', 'toc_unmatched'])
  })

  it('uses the table of contents to split articles that lack a source line', () => {
    const cut = sample.replace('（解放日报 20240325）', '')
    const parsed = parse(cut)
    expect(parsed.articles.map((a) => a.title)).toEqual(reference.articles.map((a) => a.title))
    expect(parsed.articles[2].sources).toEqual([])
    expect(parsed.articles[2].blocks).toEqual(reference.articles[2].blocks)
    expect(parsed.warnings.map((w) => w.code)).toEqual(['no_source'])
  })

  it('joins a page break that falls inside a bold phrase or before a comma', () => {
    const text = sample
      .replace('**建设一批低空飞行服务站和起降点**', '**建设一批低空飞行\n\n服务站和起降点**')
      .replace('科创企业挂牌服务专区启动仪式”', '科创企业挂牌服务专区启动仪式”\n\n')
    expect(parse(text)).toEqual(reference)
  })

  it('reads a source note that a page break cut in two', () => {
    const text = sample
      .replace('（上海证券报 20240326）', '（上海证券报\n\n20240326）')
      .replace('（文汇报 证券时报 20240325）', '（文汇报 证券时报 2024\n\n0325）')
      .replace('（21 世纪经济报道 20240319）', '（21\n\n世纪经济报道 20240319）')
      .replace('。（经济参考报 20240322）', '。\n\n（经济参考报\n\n20240322）')
    expect(text).not.toBe(sample)
    expect(parse(text)).toEqual(reference)
  })

  it('files a contents entry whose region tag the export dropped under its article’s region', () => {
    const text = sample.replace('- 【广东】 深圳推动', '- 深圳推动')
    expect(text).not.toBe(sample)
    const parsed = parse(text)
    expect(parsed.issue.toc).toEqual(reference.issue.toc)
    expect(parsed.warnings).toEqual(reference.warnings)
  })

  it('still reports a contents tag that disagrees with the body', () => {
    const parsed = parse(sample.replace('- 【广东】 深圳推动', '- 【浙江】 深圳推动'))
    expect(parsed.warnings.map((w) => w.code)).toContain('toc_region')
  })

  it('reports a contents line that matches no article', () => {
    const extra = sample.replace(
      '- 【北京】 北京联合津冀共建算力调度网络',
      '- 【北京】 北京联合津冀共建算力调度网络\n京津冀协同推进城市更新试点',
    )
    const parsed = parse(extra)
    expect(parsed.articles).toEqual(reference.articles)
    expect(parsed.warnings).toEqual([
      { code: 'toc_unmatched', message: expect.stringContaining('京津冀协同推进城市更新试点') },
    ])
  })

  it('leaves out an article cut off by the end of the file, with a warning', () => {
    const truncated = sample.slice(0, sample.indexOf('3 月 19 日，在无锡国家高新区') + 40)
    const parsed = parse(truncated)
    expect(parsed.articles).toHaveLength(9)
    expect(parsed.warnings.map((w) => w.code)).toEqual(['truncated_article', 'toc_unmatched'])
  })
})

describe('texts that are not a usable issue', () => {
  const code = (text: string) => {
    const r = parseIssueText(text)
    return r.ok ? 'ok' : r.error.code
  }

  it('rejects empty and whitespace-only text', () => {
    expect(code('')).toBe('empty')
    expect(code('\ufeff \r\n\u3000\n\n')).toBe('empty')
  })

  it('rejects text that is not an issue', () => {
    expect(code('# 会议纪要\n\n今天讨论了三件事。\n\n一、预算。\n')).toBe('not_an_issue')
  })

  it('rejects an issue truncated before its first article is complete', () => {
    expect(code(sample.slice(0, sample.indexOf('搭建低空飞行服务平台')))).toBe('no_article')
  })

  it('rejects articles without a masthead', () => {
    expect(code(sample.slice(sample.indexOf('【区域】\n')))).toBe('no_masthead')
  })
})
