/**
 * Word (.docx) → export-format text: mammoth turns the document into simple HTML (paragraphs,
 * headings, lists, tables, `<strong>`), which is written back one line per paragraph.
 */
import mammoth from 'mammoth'
import { REGION_TAG } from '../../../core/issue-text/patterns'
import { firstLine } from './error-text'
import { headingLine, markRuns, type TextRun } from './runs'
import { MAX_IMPORTED_TEXT_CHARS, TOO_MUCH_TEXT } from './limits'
import { ownEntry } from '../../../core/own-entry'

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
}

const decodeEntities = (s: string): string =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X'
          ? parseInt(name.slice(2), 16)
          : parseInt(name.slice(1), 10)
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : ''
    }
    return ownEntry(ENTITIES, name.toLowerCase()) ?? whole
  })

/** Block elements: each one ends the line before it and after it. */
const BLOCK = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'td',
  'th',
  'tr',
  'table',
  'ul',
  'ol',
  'div',
  'blockquote',
])
const BOLD = new Set(['strong', 'b'])

/**
 * Lines of the export format from mammoth's HTML. Headings are written as titles; list items that
 * carry a region tag before the body starts are contents lines (`- 【上海】 title`); footnote
 * back-links and images are dropped.
 */
export function htmlToIssueLines(html: string): string[] {
  const lines: string[] = []
  let runs: TextRun[] = []
  let bold = 0
  let heading = 0
  let listItem = 0
  let skip = 0
  let bodyStarted = false

  const flush = (): void => {
    const plain = runs.map((r) => r.text).join('')
    let line: string
    if (heading > 0) line = headingLine(plain.replace(/\s+/g, ' '))
    else line = markRuns(runs.map((r) => ({ ...r, text: r.text.replace(/[\t\r\n]+/g, ' ') })))
    runs = []
    if (!line) return
    if (listItem > 0 && !bodyStarted && REGION_TAG.test(line)) line = `- ${line}`
    else if (REGION_TAG.test(line)) bodyStarted = true
    lines.push(line)
  }

  const TOKEN = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|([^<]+)/g
  for (let m = TOKEN.exec(html); m !== null; m = TOKEN.exec(html)) {
    const [, closing, rawName, attrs, text] = m
    if (text !== undefined) {
      if (skip === 0) runs.push({ text: decodeEntities(text), bold: bold > 0 })
      continue
    }
    const name = rawName.toLowerCase()
    const selfClosing = attrs.trim().endsWith('/')
    if (name === 'br') {
      flush()
      continue
    }
    // Mammoth's footnote back-links (`↑`) are not part of the text.
    if (name === 'a' && !closing && /href="#footnote-ref|href="#endnote-ref/.test(attrs)) {
      skip++
      continue
    }
    if (name === 'a' && closing && skip > 0) {
      skip--
      continue
    }
    if (BOLD.has(name)) bold = Math.max(0, bold + (closing ? -1 : 1))
    if (!BLOCK.has(name) || selfClosing) continue
    flush()
    const delta = closing ? -1 : 1
    if (/^h[1-6]$/.test(name)) heading = Math.max(0, heading + delta)
    if (name === 'li') listItem = Math.max(0, listItem + delta)
  }
  flush()
  return lines
}

export type DocxOutcome = { ok: true; text: string } | { ok: false; reason: string }

/** Converts a .docx file to export-format text (never throws: a damaged file is a reason). */
export async function docxToIssueText(bytes: Uint8Array): Promise<DocxOutcome> {
  let html: string
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        // Images are never read: an issue's pictures (QR codes, logos) carry no text.
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
        ignoreEmptyParagraphs: true,
        externalFileAccess: false,
      },
    )
    html = result.value
  } catch (e) {
    return { ok: false, reason: `Word 文档已损坏（${firstLine(e)}）` }
  }
  // Markup at most triples the text; past that the text is over its limit too.
  if (html.length > 3 * MAX_IMPORTED_TEXT_CHARS) return { ok: false, reason: TOO_MUCH_TEXT }
  const lines = htmlToIssueLines(html)
  if (lines.length === 0) return { ok: false, reason: '这份 Word 文档里没有文字' }
  const text = `${lines.join('\n\n')}\n`
  if (text.length > MAX_IMPORTED_TEXT_CHARS) return { ok: false, reason: TOO_MUCH_TEXT }
  return { ok: true, text }
}
