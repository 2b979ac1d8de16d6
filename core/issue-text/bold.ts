import type { BoldRange } from '../types'

/**
 * Turns `**bold**` markup into plain text plus bold ranges. An unmatched `**` is dropped rather than
 * left in the text, so no marker ever reaches a reader.
 */
export function parseBold(marked: string): { text: string; bold: BoldRange[] } {
  const parts = marked.split('**')
  const closed = parts.length % 2 === 1
  let text = ''
  const bold: BoldRange[] = []
  parts.forEach((part, i) => {
    const isBold = i % 2 === 1 && (closed || i < parts.length - 1)
    if (isBold && part.length > 0) bold.push([text.length, text.length + part.length])
    text += part
  })
  return { text, bold }
}

/** Bold ranges cut by a trim of `removedFromStart` characters and a new text length. */
export function shiftBold(
  bold: BoldRange[],
  removedFromStart: number,
  length: number,
): BoldRange[] {
  return bold
    .map(([s, e]): BoldRange => [
      Math.max(0, s - removedFromStart),
      Math.min(length, e - removedFromStart),
    ])
    .filter(([s, e]) => e > s)
}
