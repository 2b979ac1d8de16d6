/**
 * Compares a parse with a reference parse ("truth") kept beside an issue file: the masthead fields
 * that identify the issue, and per article its region, titles, sub-headings, paragraphs and source.
 * Text is compared with whitespace and bold markers removed, so a truth written by hand from the
 * printed page matches however the export spaced it.
 */
import type { ParsedIssue } from '@core/types'

export interface TruthArticle {
  region: string
  title: string
  tocTitle: string
  headings: string[]
  paragraphs: string[]
  sources: string[]
  sourceDate: string | null
}

export interface Truth {
  issue: { year: number; number: number; totalNumber: number; publishedOn: string }
  articles: TruthArticle[]
}

/** Text as compared: no whitespace, no `**`. */
export const comparable = (text: string): string => text.replace(/\*\*/g, '').replace(/\s+/g, '')

/** The truth's shape of a parse, for printing and for writing a truth from a checked parse. */
export function truthOf(parsed: ParsedIssue): Truth {
  const { year, number, totalNumber, publishedOn } = parsed.issue
  return {
    issue: { year, number, totalNumber, publishedOn },
    articles: parsed.articles.map((a) => ({
      region: a.region,
      title: a.title,
      tocTitle: a.tocTitle ?? a.title,
      headings: a.blocks.filter((b) => b.type === 'heading').map((b) => b.text),
      paragraphs: a.blocks.filter((b) => b.type === 'paragraph').map((b) => b.text),
      sources: a.sources,
      sourceDate: a.sourceDate,
    })),
  }
}

const clip = (s: string): string => (s.length > 60 ? `${s.slice(0, 57)}…` : s)
const show = (v: unknown): string =>
  typeof v === 'string' ? `“${clip(v)}”` : clip(JSON.stringify(v) ?? 'null')

function compareLists(where: string, got: string[], want: string[], out: string[]): void {
  const n = Math.max(got.length, want.length)
  if (got.length !== want.length) out.push(`${where}: ${got.length} found, ${want.length} expected`)
  for (let i = 0; i < n; i++) {
    if (comparable(got[i] ?? '') === comparable(want[i] ?? '')) continue
    out.push(`${where}[${i + 1}]: found ${show(got[i] ?? null)}, expected ${show(want[i] ?? null)}`)
    // One shifted list would repeat the same difference for every later item.
    if (got.length !== want.length) return
  }
}

/** Every difference between a parse and its truth, one line each; empty when they agree. */
export function compareWithTruth(parsed: ParsedIssue, truth: Truth): string[] {
  const got = truthOf(parsed)
  const out: string[] = []
  for (const key of ['year', 'number', 'totalNumber', 'publishedOn'] as const) {
    if (got.issue[key] !== truth.issue[key])
      out.push(`issue.${key}: found ${show(got.issue[key])}, expected ${show(truth.issue[key])}`)
  }
  if (got.articles.length !== truth.articles.length)
    out.push(`articles: ${got.articles.length} found, ${truth.articles.length} expected`)
  const n = Math.max(got.articles.length, truth.articles.length)
  for (let i = 0; i < n; i++) {
    const a = got.articles[i]
    const t = truth.articles[i]
    const where = `article ${i + 1}`
    if (!a || !t) {
      out.push(`${where}: ${a ? `unexpected ${show(a.title)}` : `missing ${show(t.title)}`}`)
      continue
    }
    for (const key of ['region', 'title', 'tocTitle', 'sourceDate'] as const) {
      if (comparable(a[key] ?? '') !== comparable(t[key] ?? ''))
        out.push(`${where}.${key}: found ${show(a[key])}, expected ${show(t[key])}`)
    }
    compareLists(`${where}.headings`, a.headings, t.headings, out)
    compareLists(`${where}.paragraphs`, a.paragraphs, t.paragraphs, out)
    compareLists(`${where}.sources`, a.sources, t.sources, out)
  }
  return out
}

/** Checks that a JSON value has the truth's shape; returns the problem, or null. */
export function truthProblem(value: unknown): string | null {
  const v = value as Partial<Truth> | null
  if (!v || typeof v !== 'object') return 'not a JSON object'
  if (!v.issue || typeof v.issue.totalNumber !== 'number') return 'no issue.totalNumber'
  if (!Array.isArray(v.articles)) return 'no articles list'
  const bad = v.articles.findIndex(
    (a) =>
      !a ||
      typeof a.title !== 'string' ||
      !Array.isArray(a.paragraphs) ||
      !Array.isArray(a.headings) ||
      !Array.isArray(a.sources),
  )
  return bad >= 0 ? `article ${bad + 1} lacks title, headings, paragraphs or sources` : null
}
