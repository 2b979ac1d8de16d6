/** What kind of file an upload is, told from its bytes (magic numbers, the zip's file list), not its name. */

export type Sniffed =
  { kind: 'docx' } | { kind: 'pdf' } | { kind: 'text' } | { kind: 'unrecognized'; reason: string }

const ascii = (bytes: Uint8Array, from: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(from, from + length))

const startsWith = (bytes: Uint8Array, prefix: number[], at = 0): boolean =>
  prefix.every((b, i) => bytes[at + i] === b)

const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04]
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06]
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]

const IMAGE_MAGIC: number[][] = [
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF8
]

const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif']

function isImage(bytes: Uint8Array): boolean {
  if (IMAGE_MAGIC.some((magic) => startsWith(bytes, magic))) return true
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return true
  // ISO media (HEIC/AVIF photos from phones): `....ftyp<brand>`.
  return ascii(bytes, 4, 4) === 'ftyp' && /^(hei[cfsx]|mif1|msf1|avif)$/.test(ascii(bytes, 8, 4))
}

/** A PDF starts with `%PDF-`, though readers accept it anywhere in the first kilobyte. */
export function isPdf(bytes: Uint8Array): boolean {
  const head = ascii(bytes, 0, Math.min(bytes.length, 1024))
  return head.includes('%PDF-')
}

export const readU16 = (b: Uint8Array, at: number): number => b[at] | (b[at + 1] << 8)
export const readU32 = (b: Uint8Array, at: number): number =>
  (readU16(b, at) | (readU16(b, at + 2) << 16)) >>> 0

/** One file of a zip, as its central directory lists it. */
export interface ZipEntry {
  name: string
  /** 0 stored, 8 deflated. */
  method: number
  compressedSize: number
  /** Where its local header starts. */
  localOffset: number
}

/**
 * The files in a zip's central directory, or null when there is none to read (a damaged or cut
 * archive). The end record is searched backwards over the longest possible archive comment.
 */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | null {
  const EOCD = 0x06054b50
  const CENTRAL = 0x02014b50
  const stop = Math.max(0, bytes.length - 22 - 0xffff)
  for (let at = bytes.length - 22; at >= stop; at--) {
    if (readU32(bytes, at) !== EOCD) continue
    const count = readU16(bytes, at + 10)
    const entries: ZipEntry[] = []
    let p = readU32(bytes, at + 16)
    for (let i = 0; i < count; i++) {
      if (p + 46 > bytes.length || readU32(bytes, p) !== CENTRAL) return null
      const nameLength = readU16(bytes, p + 28)
      const extraLength = readU16(bytes, p + 30)
      const commentLength = readU16(bytes, p + 32)
      if (p + 46 + nameLength > bytes.length) return null
      entries.push({
        name: new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength)),
        method: readU16(bytes, p + 10),
        compressedSize: readU32(bytes, p + 20),
        localOffset: readU32(bytes, p + 42),
      })
      p += 46 + nameLength + extraLength + commentLength
    }
    return entries
  }
  return null
}

/** Names in a zip's central directory, or null when there is none to read. */
export const zipEntryNames = (bytes: Uint8Array): string[] | null =>
  zipEntries(bytes)?.map((e) => e.name) ?? null

function sniffZip(bytes: Uint8Array): Sniffed {
  const names = zipEntryNames(bytes)
  if (names === null)
    return {
      kind: 'unrecognized',
      reason: '压缩文件已损坏或不完整，请重新下载',
    }
  const has = (name: string): boolean => names.includes(name)
  if (has('word/document.xml')) return { kind: 'docx' }
  if (has('xl/workbook.xml'))
    return { kind: 'unrecognized', reason: '这是 Excel 表格，不是 Word 文档' }
  if (has('ppt/presentation.xml'))
    return { kind: 'unrecognized', reason: '这是 PowerPoint 文件，不是 Word 文档' }
  if (has('content.xml') && has('mimetype'))
    return { kind: 'unrecognized', reason: '这是 OpenDocument 文件，请另存为 Word .docx' }
  return { kind: 'unrecognized', reason: '这是压缩包，不是 Word .docx 文档' }
}

/** Tells the format of an uploaded issue file from its first bytes (and, for a zip, its contents). */
export function sniffIssueFile(bytes: Uint8Array): Sniffed {
  if (bytes.length === 0) return { kind: 'unrecognized', reason: '文件是空的' }
  if (startsWith(bytes, ZIP_LOCAL) || startsWith(bytes, ZIP_EMPTY)) return sniffZip(bytes)
  if (isPdf(bytes)) return { kind: 'pdf' }
  if (startsWith(bytes, OLE2))
    return {
      kind: 'unrecognized',
      reason: '这是旧版 Word .doc 文件或有密码保护的文档，请另存为 .docx',
    }
  if (ascii(bytes, 0, 5) === '{\\rtf')
    return { kind: 'unrecognized', reason: '这是 RTF 文档，请另存为 Word .docx' }
  if (isImage(bytes)) return { kind: 'unrecognized', reason: '这是二进制数据（可能是图片）' }
  return { kind: 'text' }
}

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

/**
 * The media type to serve stored bytes as, told from the bytes alone: the images the app shows,
 * the issue formats, else plain text or opaque bytes. Never a type a browser would run (HTML, SVG,
 * script), whatever the file is called.
 */
export function sniffMediaType(bytes: Uint8Array): string {
  const image = IMAGE_MAGIC.findIndex((magic) => startsWith(bytes, magic))
  if (image >= 0) return IMAGE_TYPES[image]
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'image/webp'
  const kind = sniffIssueFile(bytes).kind
  if (kind === 'pdf') return 'application/pdf'
  if (kind === 'docx') return DOCX_TYPE
  if (kind === 'text') {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes)
      return 'text/plain; charset=utf-8'
    } catch {
      return 'application/octet-stream'
    }
  }
  return 'application/octet-stream'
}
