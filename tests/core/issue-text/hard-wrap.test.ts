/**
 * Exports that wrap paragraphs at a fixed width (text taken from a PDF, a mail client, `fold`):
 * the parser finds the width and joins the pieces, so the issue parses as the unwrapped one does.
 */
import { readFileSync } from 'fs'
import path from 'path'
import { joinHardWraps } from '@core/issue-text/hard-wrap'
import { toNumberedLines } from '@core/issue-text/lines'
import { DEMO_DIR } from '../../fixtures/demo-issues'
import { parseOrThrow as parse, readSampleIssue } from '../../fixtures/sample-issue'
import { hardWrap, type WrapMeasure } from './support/hard-wrap'

const issues: [string, string][] = [
  ['the fixture issue 280', readSampleIssue()],
  ['demo issue 277', readFileSync(path.join(DEMO_DIR, '277.txt'), 'utf8')],
  ['demo issue 279', readFileSync(path.join(DEMO_DIR, '279.txt'), 'utf8')],
]
const cases: [number, WrapMeasure, boolean][] = []
for (const width of [36, 40, 48, 56, 70])
  for (const measure of ['chars', 'columns'] as const)
    for (const indent of [false, true]) cases.push([width, measure, indent])

describe.each(issues)('%s wrapped at a fixed width', (_, text) => {
  const reference = parse(text)

  it.each(cases)('at %i %s (indented: %s) parses as unwrapped', (width, measure, indent) => {
    const wrapped = hardWrap(text, width, measure, { indent })
    expect(wrapped.split('\n').length).toBeGreaterThan(text.split('\n').length + 10)
    expect(parse(wrapped)).toEqual(reference)
  })

  it('reads a line with a long run of spaces inside in one pass', () => {
    const hostile = text.replace('\n\n', `\n\n甲${' '.repeat(200_000)}乙 \n\n`)
    expect(toNumberedLines(hostile).some((l) => l.text.length > 200_000)).toBe(true)
    expect(joinHardWraps(toNumberedLines(hostile)).length).toBeGreaterThan(10)
  })

  it('is left as it is when not wrapped', () => {
    const lines = toNumberedLines(text)
    expect(joinHardWraps(lines)).toBe(lines)
  })
})

describe('joining wrapped lines', () => {
  const WIDTH = 30
  /** A paragraph of 75 characters: two full lines of 30 and a tail of 15. */
  const paragraph = (i: number) =>
    `第${i}段：各地加快布局低空经济，出台支持政策，建设起降点和飞行服务站，推动物流配送、城市空中交通和应急救援等场景从试点走向常态化运营。`
  const eight = Array.from({ length: 8 }, (_, i) => paragraph(i + 1))
  const wrap = (text: string) => hardWrap(text, WIDTH, 'chars')
  const joined = (text: string) => joinHardWraps(toNumberedLines(text)).map((l) => l.text)

  it('joins the pieces of each paragraph and keeps the paragraphs apart', () => {
    expect(wrap(eight.join('\n\n')).split('\n').length).toBeGreaterThan(8 * 3)
    expect(joined(wrap(eight.join('\n\n')))).toEqual(eight)
    // Without blank lines between paragraphs, each one's short tail still ends it.
    expect(joined(wrap(eight.join('\n')))).toEqual(eight)
  })

  it('keeps a space the wrap broke at, and adds none where it cut a word', () => {
    const full = '报告显示，截至目前全国已有超过两百家企业披露了年度的'
    expect([...full].length + 4).toBe(WIDTH)
    const text = [
      wrap(eight.join('\n\n')),
      // The space at the cut left at the end of the piece: the words stay apart.
      `${full}可持续 \nESG 报告。`,
      // Cut inside a number: the digits join up again.
      `${full}合计12\n3 家。`,
    ].join('\n\n')
    expect(joined(text).slice(8)).toEqual([`${full}可持续 ESG 报告。`, `${full}合计123 家。`])
  })

  it('does not join an indented line, a heading after a full line, a region tag or a source note', () => {
    const full = '这一段的最后一行恰好写满了三十个字，写到这里就要结束了，好。'
    expect([...full]).toHaveLength(WIDTH)
    const lines = [
      full,
      '\u3000\u3000缩进开始的新段落，前面的一行虽然写满了。',
      full,
      '小标题',
      '小标题下面的段落，紧接着标题。',
      full.replace('。', '，'),
      '【上海】区域标签开头的一行',
      '这一行写满了三十个字并以来源结尾（文汇报 20240325）',
      '下一篇的标题',
    ]
    expect([...lines[7]]).toHaveLength(WIDTH)
    const text = [wrap(eight.join('\n')), ...lines].join('\n')
    expect(joined(text).slice(8)).toEqual(lines.map((l) => l.trim()))
  })
})
