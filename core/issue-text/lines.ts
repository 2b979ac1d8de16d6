/** Turning raw export text into trimmed, non-empty lines, whatever the line endings and indentation. */

// U+3000 (full-width space), NBSP, zero-width characters and the BOM are layout, never content.
const EDGE_SPACE = /^[\s\u3000\u00a0\u200b\ufeff]+|[\s\u3000\u00a0\u200b\ufeff]+$/g
const INNER_ODD_SPACE = /[\u00a0\u200b\ufeff]/g

export function toLines(text: string): string[] {
  return text
    .replace(/^\ufeff/, '')
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(EDGE_SPACE, '').replace(INNER_ODD_SPACE, ' '))
    .filter((line) => line.length > 0)
}
