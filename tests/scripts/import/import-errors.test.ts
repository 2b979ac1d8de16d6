import { readFileSync } from 'fs'
import path from 'path'
import { importIssueFile } from '../../../cloudfunctions/lib/import'
import { sniffIssueFile, zipEntryNames } from '../../../cloudfunctions/lib/import/sniff'
import { MAX_ISSUE_FILE_BYTES } from '@core/limits'
import { zipOf } from './support/zip'

const ROOT = path.resolve(__dirname, '../../..')
const DEMO = readFileSync(path.join(ROOT, 'demo/issues/277.txt'), 'utf8')

const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0xd8,
])
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1])
const OLD_DOC = Buffer.from([
  0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0, 0, 0, 0, 0,
])

const unrecognized = (reason: RegExp) => ({
  ok: false,
  error: {
    code: 'unrecognized_file',
    message: expect.stringMatching(new RegExp(`^不是可识别的期刊文件：.*${reason.source}`)),
  },
})

describe('importIssueFile: the text export', () => {
  it('passes UTF-8 text through as the text format', async () => {
    expect(await importIssueFile(Buffer.from(DEMO), 'issue.txt')).toEqual({
      ok: true,
      data: { text: DEMO, format: 'text' },
    })
  })

  it('decodes UTF-16 saved by Windows editors, and Markdown named .md', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(DEMO, 'utf16le')])
    const imported = await importIssueFile(utf16, 'issue.md')
    expect(imported.ok && imported.data).toEqual({ text: DEMO, format: 'text' })
  })
})

describe('importIssueFile: files that are not issues', () => {
  it.each<[string, Uint8Array, string, RegExp]>([
    ['an empty file', new Uint8Array(0), 'issue.txt', /文件是空的/],
    ['blank text', Buffer.from('\n\u3000 \r\n'), 'issue.txt', /文件里没有文字/],
    ['a PNG image', PNG, 'photo.png', /这是二进制数据（可能是图片）/],
    ['a JPEG named .pdf', JPEG, 'issue.pdf', /这是二进制数据（可能是图片）/],
    ['an old Word .doc', OLD_DOC, 'issue.doc', /旧版 Word \.doc/],
    ['an RTF document', Buffer.from('{\\rtf1\\ansi 双周决策观察}'), 'issue.rtf', /RTF/],
    [
      'random bytes named .pdf',
      Buffer.from([0, 1, 2, 3, 250, 251, 252, 7, 8]),
      'issue.pdf',
      /不是有效的 \.pdf 文件/,
    ],
    ['a zip of photos', zipOf({ 'a.jpg': 'x' }), 'issue.docx', /这是压缩包，不是 Word/],
    [
      'an OpenDocument text',
      zipOf({ mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': '<x/>' }),
      'a.odt',
      /OpenDocument/,
    ],
    ['a PowerPoint file', zipOf({ 'ppt/presentation.xml': '<p/>' }), 'a.pptx', /PowerPoint/],
    [
      'a PDF cut in transfer',
      Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'),
      'issue.pdf',
      /PDF 不完整/,
    ],
    [
      'a PDF that is only a header and an end',
      Buffer.from('%PDF-1.7\n%%EOF\n'),
      'issue.pdf',
      /PDF 已损坏|没有页面/,
    ],
  ])('%s', async (_name, bytes, fileName, reason) => {
    expect(await importIssueFile(bytes, fileName)).toEqual(unrecognized(reason))
  })

  it('a file over the size limit is refused before it is read', async () => {
    const big = new Uint8Array(MAX_ISSUE_FILE_BYTES + 1)
    expect(await importIssueFile(big, 'issue.pdf')).toEqual({
      ok: false,
      error: { code: 'too_large', message: expect.stringMatching(/超过 5 MB 的上限/) },
    })
  })
})

describe('sniffIssueFile', () => {
  it('tells a PDF by %PDF- in its first kilobyte, not by its name', () => {
    expect(sniffIssueFile(Buffer.from('%PDF-1.4\n'))).toEqual({ kind: 'pdf' })
    expect(
      sniffIssueFile(Buffer.concat([Buffer.alloc(100, 0x20), Buffer.from('%PDF-1.4')])),
    ).toEqual({ kind: 'pdf' })
    expect(sniffIssueFile(Buffer.from(DEMO))).toEqual({ kind: 'text' })
  })

  it('reads the names in a zip and tells a Word document by word/document.xml', () => {
    const zip = zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' })
    expect(zipEntryNames(zip)).toEqual(['[Content_Types].xml', 'word/document.xml'])
    expect(sniffIssueFile(zip)).toEqual({ kind: 'docx' })
    expect(zipEntryNames(zip.subarray(0, zip.length - 10))).toBeNull()
  })
})
