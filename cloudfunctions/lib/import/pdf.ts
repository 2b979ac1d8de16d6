/**
 * PDF → export-format text with pdfjs-dist (legacy build: plain Node, no worker thread, no canvas).
 * pdfjs reads each page's text layer and fonts; pdf-layout.ts rebuilds lines and paragraphs.
 */
import path from 'path'
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs'
import { cleanPdfText } from './cjk-radicals'
import { firstLine } from './error-text'
import { layoutPdfText, type PdfPageText, type PdfTextRun } from './pdf-layout'
import { MAX_IMPORTED_TEXT_CHARS, TOOK_TOO_LONG, TOO_MUCH_TEXT } from './limits'

type PdfJs = typeof PdfJsModule

/** An issue is a few dozen pages; a longer PDF is something else (and would take long to read). */
export const MAX_PDF_PAGES = 200

export type PdfOutcome = { ok: true; text: string; pages: number } | { ok: false; reason: string }

export interface PdfProgress {
  page: number
  pages: number
}

let loaded: Promise<PdfJs> | null = null

/**
 * pdfjs warns on stdout (console.log) while loading when it cannot polyfill the canvas APIs it needs
 * only to render pages; those lines would corrupt the CLI's JSON output and clutter function logs.
 */
async function withoutLoadWarnings<T>(load: () => Promise<T>): Promise<T> {
  const log = console.log
  console.log = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith('Warning: ')) return
    log(...args)
  }
  try {
    return await load()
  } finally {
    console.log = log
  }
}

/**
 * Loads pdfjs once, with its worker code on the main thread (`globalThis.pdfjsWorker`): static
 * specifiers, so a bundler (esbuild) inlines both and nothing is fetched from disk at run time.
 */
function loadPdfJs(): Promise<PdfJs> {
  loaded ??= withoutLoadWarnings(() =>
    Promise.all([
      import('pdfjs-dist/legacy/build/pdf.mjs'),
      import('pdfjs-dist/legacy/build/pdf.worker.mjs'),
    ]),
  )
    .then(([pdfjs, worker]) => {
      ;(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker
      return pdfjs
    })
    .catch((e: unknown) => {
      loaded = null
      throw e
    })
  return loaded
}

/**
 * pdfjs's character maps (for PDFs that name a predefined CJK encoding instead of embedding one) and
 * standard fonts, when the package is installed beside the code; a bundle without them still reads
 * every PDF with embedded fonts and a ToUnicode map, which is what Word, WPS and browsers write.
 */
function assetDir(name: 'cmaps' | 'standard_fonts'): string | undefined {
  try {
    return `${path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), name)}${path.sep}`
  } catch {
    return undefined
  }
}

const BOLD_FONT = /bold|black|heavy|semibold|demibold|[-,_]?(?:W[6-9]|Hv|Bd)$/i

/** The last 1 KB must hold `%%EOF`: without it the file was cut short in transfer. */
const hasEndMarker = (bytes: Uint8Array): boolean =>
  Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).includes('%%EOF')

interface TextItemLike {
  str: string
  transform: number[]
  width: number
  fontName: string
}

const isTextItem = (item: unknown): item is TextItemLike =>
  typeof (item as TextItemLike).str === 'string' && Array.isArray((item as TextItemLike).transform)

/** Reads every page's text runs, then lays them out. Never throws: damage is a reason. */
export async function pdfToIssueText(
  bytes: Uint8Array,
  onProgress?: (progress: PdfProgress) => void,
  deadline = Infinity,
): Promise<PdfOutcome> {
  if (!hasEndMarker(bytes)) return { ok: false, reason: 'PDF 不完整，结尾缺失，请重新下载' }
  let pdfjs: PdfJs
  try {
    pdfjs = await loadPdfJs()
  } catch (e) {
    return { ok: false, reason: `PDF 读取程序无法启动（${firstLine(e)}）` }
  }
  const task = pdfjs.getDocument({
    // A copy: pdfjs may take over the buffer it is given.
    data: new Uint8Array(bytes),
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    cMapUrl: assetDir('cmaps'),
    cMapPacked: true,
    standardFontDataUrl: assetDir('standard_fonts'),
  })
  try {
    const doc = await task.promise
    if (doc.numPages === 0) return { ok: false, reason: '这份 PDF 没有页面' }
    if (doc.numPages > MAX_PDF_PAGES)
      return {
        ok: false,
        reason: `这份 PDF 有 ${doc.numPages} 页，超过一期的上限（${MAX_PDF_PAGES} 页）`,
      }
    const pages: PdfPageText[] = []
    let chars = 0
    for (let n = 1; n <= doc.numPages; n++) {
      if (Date.now() > deadline) return { ok: false, reason: TOOK_TOO_LONG }
      onProgress?.({ page: n, pages: doc.numPages })
      const page = await doc.getPage(n)
      const [width, height] = [page.view[2] - page.view[0], page.view[3] - page.view[1]]
      const content = await page.getTextContent()
      // Font names (for bold) reach this side only with the page's operator list.
      await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE })
      const boldFont = new Map<string, boolean>()
      const isBold = (fontName: string): boolean => {
        if (!boldFont.has(fontName)) {
          let name = ''
          try {
            if (page.commonObjs.has(fontName))
              name = String((page.commonObjs.get(fontName) as { name?: string }).name ?? '')
          } catch {
            name = ''
          }
          boldFont.set(fontName, BOLD_FONT.test(name.replace(/^[A-Z]{6}\+/, '')))
        }
        return boldFont.get(fontName)!
      }
      const runs: PdfTextRun[] = []
      for (const item of content.items) {
        if (!isTextItem(item) || item.str === '') continue
        const [a, b, c, d, e, f] = item.transform
        // Horizontal text only: rotated stamps and watermarks are not part of the issue.
        if (Math.abs(b) > 0.01 * Math.abs(a) || Math.abs(c) > 0.01 * Math.abs(d) || a <= 0) continue
        chars += item.str.length
        if (chars > MAX_IMPORTED_TEXT_CHARS) return { ok: false, reason: TOO_MUCH_TEXT }
        runs.push({
          text: cleanPdfText(item.str),
          x: e - page.view[0],
          y: f - page.view[1],
          width: item.width,
          size: Math.abs(d),
          bold: isBold(item.fontName),
        })
      }
      pages.push({ width, height, runs })
      page.cleanup()
    }
    const text = layoutPdfText(pages)
    if (text.trim() === '')
      return {
        ok: false,
        reason: '这份 PDF 没有文字层（可能是扫描件或照片），请使用原始文档',
      }
    return { ok: true, text: `${text}\n`, pages: doc.numPages }
  } catch (e) {
    const name = (e as { name?: string }).name
    if (name === 'PasswordException') return { ok: false, reason: '这份 PDF 有密码保护' }
    return { ok: false, reason: `PDF 已损坏（${firstLine(e)}）` }
  } finally {
    await task.destroy().catch(() => undefined)
  }
}
