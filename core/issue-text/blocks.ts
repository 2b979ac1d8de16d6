import type { Block } from '../types'
import { parseBold } from './bold'
import {
  endsOpen,
  endsSentence,
  joinFragments,
  startsAsContinuation,
  visibleLength,
} from './punctuation'

/**
 * Longest sub-heading. A longer line without closing punctuation is the first half of a paragraph
 * cut by a page break (a printed page ends on a full line, which is longer than this).
 */
export const HEADING_MAX = 36

const hasOpenBold = (s: string): boolean => (s.match(/\*\*/g) ?? []).length % 2 === 1

/** True when `next` carries on the paragraph `prev` (a page break fell between them). */
function continues(prev: string, next: string): boolean {
  if (endsSentence(prev)) return false
  return (
    visibleLength(prev) > HEADING_MAX ||
    endsOpen(prev) ||
    hasOpenBold(prev) ||
    startsAsContinuation(next)
  )
}

/** Turns an article's body lines into headings and paragraphs, joining page-break fragments. */
export function buildBlocks(segments: string[]): Block[] {
  const merged: string[] = []
  for (const segment of segments) {
    const last = merged.length - 1
    if (last >= 0 && continues(merged[last], segment))
      merged[last] = joinFragments(merged[last], segment)
    else merged.push(segment)
  }
  return merged.map((raw) => {
    const { text, bold } = parseBold(raw)
    const heading = visibleLength(text) <= HEADING_MAX && !endsSentence(text)
    // A sub-heading printed in bold is a heading, not a bold phrase.
    if (heading) return { type: 'heading', text: text.trim(), bold: [] }
    return { type: 'paragraph', text, bold }
  })
}
