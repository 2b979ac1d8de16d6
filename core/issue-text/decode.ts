import { fail, ok, type Result } from '../result'
import { fileTooLarge, MAX_ISSUE_FILE_BYTES } from '../limits'

const UTF16LE_BOM = [0xff, 0xfe]
const UTF16BE_BOM = [0xfe, 0xff]

const startsWith = (bytes: Uint8Array, prefix: number[]): boolean =>
  prefix.every((b, i) => bytes[i] === b)

/**
 * Decodes an uploaded issue export to text: UTF-8 (with or without BOM) or UTF-16 with a BOM, as
 * Windows editors save it. Binary data and oversized files are refused, not guessed at.
 */
export function decodeIssueBytes(bytes: Uint8Array): Result<string> {
  if (bytes.length === 0) return fail('empty', '文件是空的')
  if (bytes.length > MAX_ISSUE_FILE_BYTES) return fail('too_large', fileTooLarge(bytes.length))
  let text: string
  try {
    if (startsWith(bytes, UTF16LE_BOM))
      text = new TextDecoder('utf-16le', { fatal: true }).decode(bytes)
    else if (startsWith(bytes, UTF16BE_BOM))
      text = new TextDecoder('utf-16be', { fatal: true }).decode(bytes)
    else text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return fail('binary', '文件是二进制数据，不是 UTF-8 文本')
  }
  // Control characters other than tab and line breaks mean a binary file that happens to decode.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000e-\u001f]/.test(text.slice(0, 65536)))
    return fail('binary', '文件是二进制数据，不是文本')
  if (text.replace(/[\s\ufeff\u3000]/g, '') === '') return fail('empty', '文件里没有文字')
  return ok(text)
}
