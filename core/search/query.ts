import { displayForm, normalize } from './normalize'
import { variantsOf } from './synonyms'

/** One word of a query: an article matches it when it holds any of its variants. */
export interface QueryTerm {
  /** The normal form of what was typed. */
  text: string
  /** `text` and the synonyms it also matches, all normalised. */
  variants: string[]
  /** As typed, after full-width, traditional and punctuation are resolved (case kept). */
  display: string
}

export interface ParsedQuery {
  terms: QueryTerm[]
  /** The query as it was understood, when that reads differently from what was typed; else null. */
  understood: string | null
  /** Synonyms searched besides the typed words, for the page to mention. */
  synonyms: string[]
}

/** More words than this are ignored (a query is at most 40 characters anyway). */
export const MAX_TERMS = 8

const SEPARATORS = /[^\p{L}\p{N}]+/u

/**
 * Parses a query: words separated by spaces or punctuation are terms that must all occur, in
 * any order and anywhere in the article; each term is normalised and expanded with its synonyms.
 */
export function parseQuery(raw: string): ParsedQuery {
  const seen = new Set<string>()
  const terms: QueryTerm[] = []
  for (const word of raw.normalize('NFKC').split(SEPARATORS)) {
    const text = normalize(word)
    if (!text || seen.has(text) || terms.length >= MAX_TERMS) continue
    seen.add(text)
    terms.push({ text, variants: variantsOf(text), display: displayForm(word) })
  }
  const typed = raw.trim().split(/\s+/).join(' ')
  const read = terms.map((t) => t.display).join(' ')
  return {
    terms,
    understood: terms.length > 0 && read !== typed ? read : null,
    synonyms: terms.flatMap((t) => t.variants.slice(1)),
  }
}
