import { cleanPdfText } from '../../../cloudfunctions/lib/import/cjk-radicals'
import {
  layoutPdfText,
  type PdfPageText,
  type PdfTextRun,
} from '../../../cloudfunctions/lib/import/pdf-layout'

/** A4-ish page, text column from x=50 to x=350 at 10 pt: 30 CJK characters a line. */
const PAGE = { width: 400, height: 600 }
const LEFT = 50
const SIZE = 10
const PITCH = 16
const PER_LINE = 30

const ideographs = (n: number, from = 0): string =>
  Array.from({ length: n }, (_, i) => String.fromCharCode(0x4e00 + ((from + i * 7) % 5000))).join(
    '',
  )

/** One run per line, each character one em wide, like a PDF producer that writes whole lines. */
const run = (text: string, y: number, options: Partial<PdfTextRun> = {}): PdfTextRun => ({
  text,
  x: LEFT,
  y,
  size: SIZE,
  width: Array.from(text).length * (options.size ?? SIZE),
  bold: false,
  ...options,
})

/** A paragraph wrapped into full lines of the column, the last one short. */
function paragraph(text: string, top: number, indent = 0): { runs: PdfTextRun[]; bottom: number } {
  const chars = Array.from(text)
  const runs: PdfTextRun[] = []
  let y = top
  for (let at = 0, line = 0; at < chars.length; line++) {
    const room = PER_LINE - (line === 0 ? indent : 0)
    runs.push(
      run(chars.slice(at, at + room).join(''), y, { x: LEFT + (line === 0 ? indent * SIZE : 0) }),
    )
    at += room
    y -= PITCH
  }
  return { runs, bottom: y + PITCH }
}

const withRunning = (page: number, pages: number, runs: PdfTextRun[]): PdfPageText => ({
  ...PAGE,
  runs: [
    run('双周决策观察 · 2024 年第 3 期', 580, { x: 150, size: 7, width: 120 }),
    ...runs,
    run(`第 ${page} 页 / 共 ${pages} 页`, 20, { x: 180, size: 7, width: 50 }),
  ],
})

describe('layoutPdfText', () => {
  it('drops running headers, footers and page numbers, and keeps the back cover', () => {
    const pages = [1, 2, 3].map((n) =>
      withRunning(
        n,
        3,
        n === 3
          ? [run(`正文第${n}页。`, 500), run('双周决策观察', 60)]
          : [run(`正文第${n}页。`, 500)],
      ),
    )
    expect(layoutPdfText(pages).split('\n\n')).toEqual([
      '正文第1页。',
      '正文第2页。',
      '正文第3页。',
      '双周决策观察',
    ])
  })

  it('joins the lines of a paragraph and keeps paragraphs apart by spacing', () => {
    const first = `${ideographs(70)}。`
    const second = `${ideographs(40, 3)}。`
    const a = paragraph(first, 500)
    const b = paragraph(second, a.bottom - PITCH * 1.6)
    expect(layoutPdfText([{ ...PAGE, runs: [...a.runs, ...b.runs] }])).toBe(`${first}\n\n${second}`)
  })

  it('tells indented paragraphs apart when they are set solid', () => {
    const first = `${ideographs(50)}。`
    const second = `${ideographs(50, 9)}。`
    const a = paragraph(first, 500, 2)
    const b = paragraph(second, a.bottom - PITCH, 2)
    expect(layoutPdfText([{ ...PAGE, runs: [...a.runs, ...b.runs] }])).toBe(`${first}\n\n${second}`)
  })

  it('joins a paragraph cut mid-sentence by a page break, and leaves a cut after a full stop', () => {
    const cutMid = ideographs(PER_LINE)
    const cutAtStop = `${ideographs(PER_LINE - 1, 5)}。`
    const rest = `${ideographs(12, 2)}。`
    const pages = (last: string): PdfPageText[] => [
      withRunning(1, 2, [...paragraph(`${ideographs(20, 1)}。`, 500).runs, run(last, 100)]),
      withRunning(2, 2, [run(rest, 540)]),
    ]
    expect(layoutPdfText(pages(cutMid)).split('\n\n')).toEqual([
      `${ideographs(20, 1)}。`,
      cutMid + rest,
    ])
    expect(layoutPdfText(pages(cutAtStop)).split('\n\n')).toEqual([
      `${ideographs(20, 1)}。`,
      cutAtStop,
      rest,
    ])
  })

  it('does not join a full line to a title, a label or a contents line below it', () => {
    const full = ideographs(PER_LINE)
    const runs = [
      run(full, 500),
      run('各地做法各有侧重', 500 - PITCH, { bold: true }),
      run(`- 【上海】 ${ideographs(PER_LINE - 7)}`, 500 - 2 * PITCH),
      run('- 【北京】 北京携手津冀', 500 - 3 * PITCH),
    ]
    expect(layoutPdfText([{ ...PAGE, runs }]).split('\n\n')).toEqual([
      full,
      '各地做法各有侧重',
      `- 【上海】 ${ideographs(PER_LINE - 7)}`,
      '- 【北京】 北京携手津冀',
    ])
  })

  it('writes bold runs as **…**, and a bold title after a region tag as 【X】**title**', () => {
    const y = 500
    const runs = [
      run('政府则通过', y),
      run('分级分类授权', y, { x: LEFT + 5 * SIZE, bold: true }),
      run('和全流程留痕。', y, { x: LEFT + 11 * SIZE }),
      run('【北京】', y - 2 * PITCH),
      run('北京携手津冀布局新质生产力', y - 2 * PITCH, { x: LEFT + 4 * SIZE, bold: true }),
      run('从“开放”走向“运营”', y - 4 * PITCH, { bold: true }),
    ]
    expect(layoutPdfText([{ ...PAGE, runs }]).split('\n\n')).toEqual([
      '政府则通过**分级分类授权**和全流程留痕。',
      '【北京】**北京携手津冀布局新质生产力**',
      '从“开放”走向“运营”',
    ])
  })

  it('reads spaces from gaps: a justified line spreads glyphs apart, only a wider gap is a space', () => {
    const spread = 0.2 * SIZE
    // pdfjs writes the spread as spaces, sometimes inside one run (`机 构`).
    const pieces = [
      '贷',
      '情',
      '况',
      '对',
      '表',
      '现',
      '突',
      '出',
      '的',
      '机 构',
      '给',
      '予',
      '激',
      '励',
    ]
    const runs: PdfTextRun[] = []
    let x = LEFT
    for (const [i, piece] of pieces.entries()) {
      const ems = piece.replace(/ /g, '').length
      const width = ems * SIZE + (ems - 1) * spread
      runs.push(run(piece, 500, { x, width }))
      // A real space after 表: a space glyph on top of the spread.
      x += width + spread + (i === 4 ? 0.33 * SIZE : 0)
    }
    runs.push(run('林书远 周若溪', 470, { width: 6 * SIZE + 0.3 * SIZE }))
    expect(layoutPdfText([{ ...PAGE, runs }]).split('\n\n')).toEqual([
      '贷情况对表 现突出的机构给予激励',
      '林书远 周若溪',
    ])
  })

  it('gives empty text for a page without text', () => {
    expect(layoutPdfText([{ ...PAGE, runs: [] }])).toBe('')
  })
})

describe('cleanPdfText', () => {
  it('turns radicals that CJK fonts share with ideographs back into the ideographs', () => {
    expect(cleanPdfText('2 ⽉ 22 ⽇印发，第 1 ⻚，⻘岛，⺠政，⼾籍')).toBe(
      '2 月 22 日印发，第 1 页，青岛，民政，户籍',
    )
    expect(cleanPdfText('⸺ 地方工作亮点追踪 ⸺')).toBe('—— 地方工作亮点追踪 ——')
    expect(cleanPdfText('普通文字 ABC')).toBe('普通文字 ABC')
  })
})
