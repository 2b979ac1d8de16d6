/**
 * Limits, and the lines that report them, shared by every way an issue comes in (CLI, local
 * server, cloud function, the editors' desk). No imports: the mini-program bundles this file.
 */
export const MAX_ISSUE_FILE_BYTES = 5 * 1024 * 1024
/** Pasted or sent export text, in characters: several times any real issue. */
export const MAX_ISSUE_TEXT_CHARS = 90_000

/** The one line for an oversized file; the size rounds up, so a file just over never reads 5.0 MB. */
export const fileTooLarge = (bytes: number): string =>
  `文件大小 ${(Math.ceil(bytes / 104857.6) / 10).toFixed(1)} MB，超过 5 MB 的上限`

const isHigh = (c: number): boolean => c >= 0xd800 && c < 0xdc00
const isLow = (c: number): boolean => c >= 0xdc00 && c < 0xe000

/** The UTF-8 size of a string, counted without Buffer or TextEncoder (absent in some runtimes). */
export function utf8Bytes(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) bytes += 1
    else if (c < 0x800) bytes += 2
    else if (isHigh(c) && isLow(text.charCodeAt(i + 1))) {
      bytes += 4
      i++
    } else bytes += 3 // a lone surrogate is written as U+FFFD, three bytes
  }
  return bytes
}

/** How every failure to read a file or text as an issue begins, wherever it was found out. */
export const NOT_AN_ISSUE_FILE = '不是可识别的期刊文件：'
export const notAnIssueFile = (reason: string): string => `${NOT_AN_ISSUE_FILE}${reason}`
