import {
  LABEL_LINE,
  ornamentText,
  PUBLICATION_TITLE,
  REGION_TAG,
  TOC_LINE,
  stripBoldMarkers,
} from '@core/issue-text/patterns'
import { parseOrThrow } from '../../../fixtures/sample-issue'

/** What a line of an issue's text export is, as a typesetter would style it. */
export type LineRole =
  'cover' | 'label' | 'toc' | 'region' | 'title' | 'subheading' | 'paragraph' | 'back'

export interface RoleLine {
  role: LineRole
  /** The line as in the export, `**bold**` markers included. */
  text: string
}

export const exportLines = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)

/**
 * Tells each line of an export its role, from the parse of the same text: the region headings,
 * article titles and sub-headings the parser found, the cover before them and the back matter after.
 */
export function roleLines(text: string): RoleLine[] {
  const parsed = parseOrThrow(text)
  const titles = new Set(parsed.articles.map((a) => a.title))
  const subheadings = new Set(
    parsed.articles.flatMap((a) => a.blocks.filter((b) => b.type === 'heading').map((b) => b.text)),
  )
  const tocTitles = new Set(parsed.issue.toc.map((e) => e.title))
  const out: RoleLine[] = []
  let inBody = false
  let inBack = false
  for (const line of exportLines(text)) {
    const plain = stripBoldMarkers(line)
    const tag = REGION_TAG.exec(line)
    if (!inBody && tag && (tag[2] === '' || titles.has(stripBoldMarkers(tag[2])))) inBody = true
    if (!inBody) {
      const previous = out[out.length - 1]?.role
      if (TOC_LINE.test(line) || (previous === 'toc' && tocTitles.has(plain)))
        out.push({ role: 'toc', text: line })
      else
        out.push({
          role: LABEL_LINE.test(line) && line.length <= 4 ? 'label' : 'cover',
          text: line,
        })
      continue
    }
    // The back cover repeats the publication's name, as the parser's end matter does.
    if (plain.replace(/^《|》$/g, '') === PUBLICATION_TITLE || ornamentText(plain) !== null)
      inBack = true
    if (inBack) out.push({ role: 'back', text: line })
    else if (tag && tag[2] === '') out.push({ role: 'region', text: line })
    else if (tag && titles.has(stripBoldMarkers(tag[2]))) out.push({ role: 'title', text: line })
    else if (titles.has(plain)) out.push({ role: 'title', text: line })
    else if (subheadings.has(plain)) out.push({ role: 'subheading', text: line })
    else out.push({ role: 'paragraph', text: line })
  }
  return out
}
