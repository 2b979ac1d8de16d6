import type { BoldRange } from '@core/types'

export interface Segment {
  text: string
  bold: boolean
}

/**
 * Cuts a block's text into plain and bold runs from its ranges (clamped, sorted, overlaps merged),
 * so bold is rendered as nested Text and the text is never parsed as markup.
 */
export function splitBold(text: string, ranges: BoldRange[]): Segment[] {
  const clean = ranges
    .map(
      ([s, e]) =>
        [Math.max(0, Math.min(s, text.length)), Math.max(0, Math.min(e, text.length))] as const,
    )
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0])
  const merged: [number, number][] = []
  for (const [s, e] of clean) {
    const last = merged[merged.length - 1]
    if (last && s <= last[1]) last[1] = Math.max(last[1], e)
    else merged.push([s, e])
  }
  const out: Segment[] = []
  let at = 0
  for (const [s, e] of merged) {
    if (s > at) out.push({ text: text.slice(at, s), bold: false })
    out.push({ text: text.slice(s, e), bold: true })
    at = e
  }
  if (at < text.length || out.length === 0) out.push({ text: text.slice(at), bold: false })
  return out
}
