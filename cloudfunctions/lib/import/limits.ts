/**
 * Limits on what an uploaded file may make the importer do. A real issue is a few hundred KB of
 * text; these are generous for it and stop files built to exhaust memory or time (zip and PDF
 * bombs) before the Word or PDF reader sees them.
 */
import { constants, inflateRawSync, inflateSync } from 'zlib'
import { readU16, readU32, zipEntries } from './sniff'

/** Entries in a .docx (a real one has 10–40). */
export const MAX_ZIP_ENTRIES = 1000
/** All entries of a .docx together, unpacked. */
export const MAX_INFLATED_BYTES = 64 * 1024 * 1024
/** Element nesting in the document's XML (real documents: under 30). */
export const MAX_XML_DEPTH = 256
/** All compressed streams of a PDF together, unpacked. */
export const MAX_PDF_INFLATED_BYTES = 128 * 1024 * 1024
/** Text taken out of a file, in characters (an issue is well under 100,000). */
export const MAX_IMPORTED_TEXT_CHARS = 2_000_000
/** Time an import may take before it gives up. */
export const IMPORT_TIME_BUDGET_MS = 8000

export const inflatesTooLarge = (limitBytes: number): string =>
  `文件解压后超过 ${limitBytes / 1024 / 1024} MB，不像一期刊物（可能是压缩炸弹）`
export const TOO_MANY_ENTRIES = `Word 文件包含的部件超过 ${MAX_ZIP_ENTRIES} 个，不像一期刊物`
export const NESTED_TOO_DEEP = `Word 文档的结构嵌套超过 ${MAX_XML_DEPTH} 层，无法读取`
export const TOO_MUCH_TEXT = `文件的文字超过 ${MAX_IMPORTED_TEXT_CHARS / 10000} 万字，不像一期刊物`
export const TOOK_TOO_LONG = `读取文件超过 ${IMPORT_TIME_BUDGET_MS / 1000} 秒仍未完成，已停止（文件可能已损坏或过于复杂）`
export const UNSUPPORTED_COMPRESSION = 'Word 文件使用了不支持的压缩方式（请用 Word 重新保存）'

/** Inflate what there is of a stream cut short too: a truncated bomb still counts. */
const PARTIAL = constants.Z_SYNC_FLUSH

const NAME_START = /[A-Za-z_]/

/**
 * The deepest element nesting of an XML text (tags counted, no parse): the tags
 * `/<(\/?)[A-Za-z_][^>]*?(\/?)>/g` finds, found by looking up the next `>` once per tag. That
 * pattern, tried at every `<` of a text with no `>` after it (`<A<A<A…`), read on to the end
 * each time: quadratic, in the very check that guards the import against hostile files.
 */
export function xmlDepth(xml: string): number {
  let depth = 0
  let deepest = 0
  for (let open = xml.indexOf('<'); open !== -1;) {
    const closing = xml[open + 1] === '/'
    const name = open + 1 + (closing ? 1 : 0)
    if (!NAME_START.test(xml.charAt(name))) {
      open = xml.indexOf('<', open + 1)
      continue
    }
    const end = xml.indexOf('>', name)
    // No `>` after this tag's start: no tag starts later either.
    if (end === -1) break
    const selfClosing = end - 1 > name && xml[end - 1] === '/'
    if (closing) depth--
    else if (!selfClosing) deepest = Math.max(deepest, ++depth)
    open = xml.indexOf('<', end + 1)
  }
  return deepest
}

/**
 * Checks a .docx before it is read: entry count, compression methods, the real unpacked size of
 * every entry (inflated here with a cap, so a header that lies about sizes gains nothing) and the
 * nesting of the document's XML. Returns the reason to refuse, or null.
 */
export function zipProblem(bytes: Uint8Array): string | null {
  const entries = zipEntries(bytes)
  if (!entries) return null // the sniffer already calls this damaged
  if (entries.length > MAX_ZIP_ENTRIES) return TOO_MANY_ENTRIES
  let budget = MAX_INFLATED_BYTES
  for (const entry of entries) {
    const at = entry.localOffset
    if (at + 30 > bytes.length || readU32(bytes, at) !== 0x04034b50) continue
    const start = at + 30 + readU16(bytes, at + 26) + readU16(bytes, at + 28)
    const data = bytes.subarray(start, start + entry.compressedSize)
    let size: number
    let content: Buffer | null = null
    if (entry.method === 0) size = data.length
    else if (entry.method === 8) {
      try {
        content = inflateRawSync(data, { maxOutputLength: budget + 1, finishFlush: PARTIAL })
        size = content.length
      } catch (e) {
        if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
          return inflatesTooLarge(MAX_INFLATED_BYTES)
        continue // damaged data: the Word reader reports it
      }
    } else return UNSUPPORTED_COMPRESSION
    budget -= size
    if (budget < 0) return inflatesTooLarge(MAX_INFLATED_BYTES)
    if (entry.name === 'word/document.xml') {
      const xml = (content ?? Buffer.from(data)).toString('utf8')
      if (xmlDepth(xml) > MAX_XML_DEPTH) return NESTED_TOO_DEEP
    }
  }
  return null
}

/**
 * Checks a PDF's compressed streams before it is read: each `stream … endstream` that inflates
 * (FlateDecode) is inflated here with a cap on the total, so a small file that unpacks to
 * gigabytes is refused. Streams in other encodings are left to the reader's own limits.
 */
export function pdfProblem(bytes: Uint8Array): string | null {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let budget = MAX_PDF_INFLATED_BYTES
  let from = 0
  for (;;) {
    const open = buffer.indexOf('stream', from, 'latin1')
    if (open < 0) return null
    from = open + 6
    // `endstream` also contains `stream`; a stream keyword is followed by an end of line.
    if (buffer.subarray(open - 3, open).toString('latin1') === 'end') continue
    let start = open + 6
    if (buffer[start] === 0x0d) start++
    if (buffer[start] !== 0x0a) continue
    start++
    const end = buffer.indexOf('endstream', start, 'latin1')
    if (end < 0) return null
    from = end + 9
    const data = buffer.subarray(start, end)
    if (data[0] !== 0x78) continue // not a zlib stream
    try {
      budget -= inflateSync(data, { maxOutputLength: budget + 1, finishFlush: PARTIAL }).length
    } catch (e) {
      if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
        return inflatesTooLarge(MAX_PDF_INFLATED_BYTES)
      continue // damaged or cut: the reader decides
    }
    if (budget < 0) return inflatesTooLarge(MAX_PDF_INFLATED_BYTES)
  }
}
