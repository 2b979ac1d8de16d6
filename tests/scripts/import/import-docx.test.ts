import { spawnSync } from 'child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'fs'
import os from 'os'
import path from 'path'
import { importIssueFile } from '../../../cloudfunctions/lib/import'
import { SAMPLE_ISSUE_PATH } from '../../fixtures/sample-issue'
import { issueDocx } from './support/issue-docx'
import { parseOrThrow } from '../../fixtures/sample-issue'
import { zipOf } from './support/zip'

const ROOT = path.resolve(__dirname, '../../..')
const ISSUES = [
  path.join(ROOT, 'demo/issues/277.txt'),
  path.join(ROOT, 'demo/issues/278.txt'),
  path.join(ROOT, 'demo/issues/279.txt'),
  SAMPLE_ISSUE_PATH,
]

describe('importIssueFile on Word files', () => {
  it.each(ISSUES.map((file) => [path.basename(file), file]))(
    '%s: the parse of the .docx equals the parse of the text',
    async (_name, file) => {
      const text = readFileSync(file, 'utf8')
      const imported = await importIssueFile(await issueDocx(text), 'issue.docx')
      if (!imported.ok) throw new Error(imported.error.message)
      expect(imported.data.format).toBe('docx')
      expect(parseOrThrow(imported.data.text)).toEqual(parseOrThrow(text))
    },
  )

  it('keeps headings as titles, bold as **…**, contents bullets as contents lines', async () => {
    const imported = await importIssueFile(
      await issueDocx(readFileSync(ISSUES[0], 'utf8')),
      'x.docx',
    )
    if (!imported.ok) throw new Error(imported.error.message)
    const lines = imported.data.text.split('\n').filter(Boolean)
    expect(lines).toContain('- 【区域】 多地探索公共数据授权运营新模式')
    expect(lines).toContain('【江苏】**南京设立科技型中小企业信贷风险补偿资金池**')
    expect(lines).toContain('从“开放”走向“运营”')
    expect(lines.find((l) => l.includes('分级分类授权'))).toContain('**分级分类授权**')
    // The cover's line breaks inside one paragraph become lines; the masthead table, label and value lines.
    expect(lines.slice(0, 3)).toEqual(['2024 年第 3 期', '(总第 277 期)', '2 月 22 日印发'])
    expect(lines).toEqual(
      expect.arrayContaining(['主办', '滨海产业信息服务中心', '电话', '022-66228815']),
    )
  })

  it('detects a Word file by its content, whatever its name', async () => {
    const docx = await issueDocx(readFileSync(ISSUES[0], 'utf8'))
    for (const name of ['issue.pdf', 'issue.txt', 'issue']) {
      const imported = await importIssueFile(docx, name)
      expect(imported.ok && imported.data.format).toBe('docx')
    }
  })

  it('a zip that is not a Word document, a cut one and a broken one are not recognisable', async () => {
    const docx = await issueDocx(readFileSync(ISSUES[0], 'utf8'))
    const notDocx = zipOf({ 'xl/workbook.xml': '<workbook/>', '[Content_Types].xml': '<Types/>' })
    const photos = zipOf({ 'photo.jpg': 'not really a photo' })
    const brokenXml = zipOf({
      'word/document.xml': 'this is not XML <<<',
      '[Content_Types].xml': '<Types/>',
    })
    const cases: [Uint8Array, RegExp][] = [
      [notDocx, /Excel/],
      [photos, /这是压缩包，不是 Word/],
      [docx.subarray(0, Math.floor(docx.length / 2)), /压缩文件已损坏或不完整/],
      [brokenXml, /Word 文档已损坏/],
    ]
    for (const [bytes, reason] of cases) {
      const imported = await importIssueFile(bytes, 'issue.docx')
      expect(imported).toEqual({
        ok: false,
        error: {
          code: 'unrecognized_file',
          message: expect.stringMatching(/^不是可识别的期刊文件：[^\n]+$/),
        },
      })
      expect(!imported.ok && imported.error.message).toMatch(reason)
    }
  })

  it('never throws on a damaged Word file', async () => {
    const docx = await issueDocx(readFileSync(ISSUES[0], 'utf8'))
    for (let cut = 0; cut < docx.length; cut += Math.ceil(docx.length / 23)) {
      const mangled = Buffer.from(docx)
      // Scramble a stretch of the archive (compressed XML, headers or the directory).
      for (let i = cut; i < Math.min(docx.length, cut + 400); i++) mangled[i] ^= 0x5a
      const imported = await importIssueFile(mangled, 'issue.docx')
      if (!imported.ok) expect(imported.error.message).toMatch(/^不是可识别的期刊文件：[^\n]+$/)
    }
  })

  it('npm run ingest -- --dry-run --json reads a .docx', () => {
    return issueDocx(readFileSync(ISSUES[1], 'utf8')).then((docx) => {
      const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ingest-docx-')), '第278期.docx')
      writeFileSync(file, docx)
      const r = spawnSync('npm', ['run', '--silent', 'ingest', '--', '--dry-run', '--json', file], {
        cwd: ROOT,
        encoding: 'utf8',
      })
      expect(r.stderr.replace(/^npm warn .*\n/gm, '')).toBe('')
      expect(r.status).toBe(0)
      expect(JSON.parse(r.stdout)).toEqual(
        JSON.parse(JSON.stringify(parseOrThrow(readFileSync(ISSUES[1], 'utf8')))),
      )
    })
  }, 60_000)
})
