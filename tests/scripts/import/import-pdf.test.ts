import { spawnSync } from 'child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'fs'
import os from 'os'
import path from 'path'
import type { Browser } from 'playwright-core'
import { importIssueFile } from '../../../cloudfunctions/lib/import'
import { SAMPLE_ISSUE_PATH } from '../../fixtures/sample-issue'
import { launchChromium, printPdf } from './support/chromium'
import { issueHtml, type PrintStyle } from './support/issue-html'
import { parseOrThrow } from '../../fixtures/sample-issue'

const ROOT = path.resolve(__dirname, '../../..')
const demo = (n: number): string => path.join(ROOT, 'demo/issues', `${n}.txt`)

interface Case {
  name: string
  file: string
  style: PrintStyle
}

// Spaced paragraphs and indented solid-set paragraphs, each on a page small enough for paragraphs
// (and a title) to be cut by page breaks.
const CASES: Case[] = [
  { name: 'demo 277, spaced paragraphs', file: demo(277), style: 'spaced' },
  { name: 'demo 278, indented paragraphs', file: demo(278), style: 'indented' },
  { name: 'demo 279, indented paragraphs', file: demo(279), style: 'indented' },
  { name: 'the real issue 280, spaced paragraphs', file: SAMPLE_ISSUE_PATH, style: 'spaced' },
]

const PAGE = { width: '110mm', height: '150mm' }

describe('importIssueFile on PDFs printed by Chromium', () => {
  let browser: Browser | undefined
  const pdfs = new Map<string, Buffer>()

  // One browser for the whole suite: every PDF is printed up front.
  beforeAll(async () => {
    browser = await launchChromium()
    for (const c of CASES) {
      const html = issueHtml(readFileSync(c.file, 'utf8'), c.style)
      pdfs.set(
        c.name,
        await printPdf(browser, html, { header: '双周决策观察 · 地方工作亮点追踪', ...PAGE }),
      )
    }
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
  })

  it.each(CASES)('$name: the parse of the PDF equals the parse of the text', async (c) => {
    const pdf = pdfs.get(c.name)!
    const imported = await importIssueFile(pdf, 'issue.pdf')
    if (!imported.ok) throw new Error(imported.error.message)
    expect(imported.data.format).toBe('pdf')
    // The printed PDF really has page breaks through paragraphs, running headers and page numbers.
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)!.length).toBeGreaterThan(5)
    expect(imported.data.text).not.toMatch(/第 \d+ 页 \/ 共 \d+ 页/)
    expect(imported.data.text).not.toContain('双周决策观察 · 地方工作亮点追踪')
    expect(parseOrThrow(imported.data.text)).toEqual(parseOrThrow(readFileSync(c.file, 'utf8')))
  })

  it('reports its progress page by page', async () => {
    const pages: string[] = []
    const imported = await importIssueFile(pdfs.get(CASES[0].name)!, 'issue.pdf', {
      onPdfPage: ({ page, pages: total }) => pages.push(`${page}/${total}`),
    })
    expect(imported.ok).toBe(true)
    expect(pages[0]).toMatch(/^1\/\d+$/)
    expect(pages.length).toBe(Number(pages[0].split('/')[1]))
  })

  it('a truncated PDF is not a recognisable issue file', async () => {
    const pdf = pdfs.get(CASES[0].name)!
    const cut = await importIssueFile(pdf.subarray(0, Math.floor(pdf.length / 2)), 'issue.pdf')
    expect(cut).toEqual({
      ok: false,
      error: {
        code: 'unrecognized_file',
        message: expect.stringMatching(/^不是可识别的期刊文件：PDF 不完整/),
      },
    })
  })

  it('a PDF whose body is damaged gives one line, not a crash', async () => {
    const pdf = Buffer.from(pdfs.get(CASES[0].name)!)
    // Keep the header and the end marker, scramble everything between.
    for (let i = 1024; i < pdf.length - 1024; i += 7) pdf[i] = (pdf[i] * 31 + 17) & 0xff
    const damaged = await importIssueFile(pdf, 'issue.pdf')
    expect(damaged.ok).toBe(false)
    if (!damaged.ok) {
      expect(damaged.error.code).toBe('unrecognized_file')
      expect(damaged.error.message).toMatch(/^不是可识别的期刊文件：[^\n]+$/)
    }
  })

  it('npm run ingest -- --dry-run --json reads a PDF and prints progress on stderr only', () => {
    const file = path.join(
      mkdtempSync(path.join(os.tmpdir(), 'ingest-pdf-')),
      '双周决策观察 第277期.pdf',
    )
    writeFileSync(file, pdfs.get(CASES[0].name)!)
    const r = spawnSync('npm', ['run', '--silent', 'ingest', '--', '--dry-run', '--json', file], {
      cwd: ROOT,
      encoding: 'utf8',
    })
    expect(r.status).toBe(0)
    const doc = JSON.parse(r.stdout)
    expect(doc.issue).toMatchObject({ id: 'i277', totalNumber: 277 })
    expect(doc.articles).toHaveLength(7)
    expect(r.stderr).toMatch(/reading page 1\/\d+…/)
  }, 60_000)
})
