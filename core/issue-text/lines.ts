/** Turning raw export text into trimmed, non-empty lines, whatever the line endings and indentation. */

/**
 * Invisible marks some exporters leave inside text: zero-width space, non-joiner and joiner, word
 * joiner, soft hyphen, the BOM, and bidi embedding, override and isolate controls. None carries
 * content; left in, they split words for search and can reorder what a reader sees.
 */
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff\u202a-\u202e\u2066-\u2069]/g
const NBSP = /\u00a0/g

/** One non-empty line of the text and its 1-based line number in the file. */
export interface NumberedLine {
  text: string
  line: number
  /** What was trimmed off its edges. */
  edges?: LineEdges
}

/** The white space trimmed off a line's edges: a paragraph's indent, or a space a wrap broke at. */
export interface LineEdges {
  leading: string
  trailing: string
}

// By trimming, not by a pattern: `/\s*$/` retries at every space of a long inner run.
const edgesOf = (raw: string): LineEdges => ({
  leading: raw.slice(0, raw.length - raw.trimStart().length),
  trailing: raw.slice(raw.trimEnd().length),
})

/** Removes the marks that are never content (see INVISIBLE) and makes odd spaces plain. */
export const cleanText = (text: string): string => text.replace(INVISIBLE, '').replace(NBSP, ' ')

export function toNumberedLines(text: string): NumberedLine[] {
  const out: NumberedLine[] = []
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    // Spaces at a line's edges, U+3000 (full-width), NBSP and the BOM included, are layout, never
    // content. `trim` removes exactly what `\s` matches; the pattern `[\s…]+$` it replaces
    // was tried from every space of a long run inside the line (quadratic).
    const cleaned = cleanText(raw)
    const line = cleaned.trim()
    if (line.length > 0) out.push({ text: line, line: i + 1, edges: edgesOf(cleaned) })
  })
  return out
}
