/**
 * One way in for every issue file an editor has: the text export, a Word .docx or the printed PDF,
 * each turned into the export's text so that `parseIssueText` reads them all alike.
 */
import { decodeIssueBytes } from '../../../core/issue-text/decode'
import { fileTooLarge, MAX_ISSUE_FILE_BYTES, notAnIssueFile } from '../../../core/limits'
import { fail, ok, type Result } from '../../../core/result'
import { docxToIssueText } from './docx'
import { firstLine } from './error-text'
import { pdfToIssueText, type PdfProgress } from './pdf'
import { sniffIssueFile } from './sniff'
import { IMPORT_TIME_BUDGET_MS, pdfProblem, zipProblem } from './limits'

export type ImportFormat = 'text' | 'docx' | 'pdf'

export interface ImportedIssueText {
  text: string
  format: ImportFormat
}

export interface ImportOptions {
  /** Called before each PDF page is read (for progress on long files). */
  onPdfPage?: (progress: PdfProgress) => void
  /** When reading must stop (ms since the epoch); by default `IMPORT_TIME_BUDGET_MS` from now. */
  deadline?: number
}

export type { PdfProgress }

export const UNRECOGNIZED_FILE = 'unrecognized_file'

const unrecognized = (reason: string) => fail(UNRECOGNIZED_FILE, notAnIssueFile(reason))

const extensionOf = (fileName: string): string =>
  /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? ''

/**
 * Turns an uploaded issue file into export-format text. The format is told by the bytes (a zip
 * holding word/document.xml, `%PDF-`, else text), not by the name. Wrong or damaged files give
 * `unrecognized_file` with one line `不是可识别的期刊文件：<reason>`; it never throws. Files built to
 * exhaust memory or time (zip and PDF bombs, deep nesting, endless text) are refused by the
 * limits in ./limits before or while they are read.
 */
export async function importIssueFile(
  bytes: Uint8Array,
  fileName: string,
  options: ImportOptions = {},
): Promise<Result<ImportedIssueText>> {
  try {
    if (bytes.length > MAX_ISSUE_FILE_BYTES) return fail('too_large', fileTooLarge(bytes.length))
    const sniffed = sniffIssueFile(bytes)
    switch (sniffed.kind) {
      case 'unrecognized':
        return unrecognized(sniffed.reason)
      case 'docx': {
        const problem = zipProblem(bytes)
        if (problem) return unrecognized(problem)
        const docx = await docxToIssueText(bytes)
        return docx.ok ? ok({ text: docx.text, format: 'docx' }) : unrecognized(docx.reason)
      }
      case 'pdf': {
        const problem = pdfProblem(bytes)
        if (problem) return unrecognized(problem)
        const deadline = options.deadline ?? Date.now() + IMPORT_TIME_BUDGET_MS
        const pdf = await pdfToIssueText(bytes, options.onPdfPage, deadline)
        return pdf.ok ? ok({ text: pdf.text, format: 'pdf' }) : unrecognized(pdf.reason)
      }
      case 'text': {
        const text = decodeIssueBytes(bytes)
        if (text.ok) return ok({ text: text.data, format: 'text' })
        if (text.error.code === 'too_large') return text
        // A name promising a document whose bytes are neither that document nor text.
        const ext = extensionOf(fileName)
        if (text.error.code === 'binary' && (ext === 'pdf' || ext === 'docx'))
          return unrecognized(`这是二进制数据，不是有效的 .${ext} 文件（可能已损坏或改过扩展名）`)
        return unrecognized(text.error.message)
      }
      default: {
        const never: never = sniffed
        return unrecognized(`未知的文件类型 ${String(never)}`)
      }
    }
  } catch (e) {
    return unrecognized(`无法读取这个文件（${firstLine(e)}）`)
  }
}
