/**
 * The importer's limits against files built to exhaust it: each is refused with one Chinese line,
 * and refused before the Word or PDF reader unpacks it.
 */
import { importIssueFile } from '../../../cloudfunctions/lib/import'
import {
  deeplyNestedDocx,
  docxBomb,
  docxWithEntries,
  pdfBomb,
} from '../../../scripts/bench/hostile-files'

const refusedWith = (reason: RegExp) => ({
  ok: false,
  error: {
    code: 'unrecognized_file',
    message: expect.stringMatching(new RegExp(`^不是可识别的期刊文件：.*${reason.source}`)),
  },
})

describe('hostile files', () => {
  it('a small .docx that unpacks to 200 MB of XML is refused', async () => {
    const bomb = docxBomb(200)
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024)
    expect(await importIssueFile(bomb, 'bomb.docx')).toEqual(refusedWith(/解压后超过 64 MB/))
  })

  it('a .docx whose headers understate the unpacked size is refused by what it really unpacks to', async () => {
    expect(await importIssueFile(docxBomb(100, 1000), 'liar.docx')).toEqual(
      refusedWith(/解压后超过 64 MB/),
    )
  })

  it('a .docx with thousands of parts is refused', async () => {
    expect(await importIssueFile(docxWithEntries(5000), 'many.docx')).toEqual(
      refusedWith(/部件超过 1000 个/),
    )
  })

  it('a .docx nested thousands of elements deep is refused', async () => {
    expect(await importIssueFile(deeplyNestedDocx(5000), 'deep.docx')).toEqual(
      refusedWith(/嵌套超过 256 层/),
    )
  })

  it('a PDF whose content stream unpacks to 1 GB is refused', async () => {
    const bomb = pdfBomb(1024)
    expect(bomb.length).toBeLessThan(8 * 1024 * 1024)
    expect(await importIssueFile(bomb, 'bomb.pdf')).toEqual(refusedWith(/解压后超过 128 MB/))
  })

  it('a PDF past its time budget gives up with the reason', async () => {
    const result = await importIssueFile(pdfBomb(1), 'slow.pdf', { deadline: Date.now() - 1 })
    expect(result).toEqual(refusedWith(/秒仍未完成/))
  })
})
