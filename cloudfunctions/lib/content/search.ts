/**
 * The search action's work besides the queries: what publishing stores for search, and turning
 * verified candidates into ranked hits. The matching, scoring and snippets are `core/search`'s.
 */
import type { SearchHit } from '../../../core/api/content'
import type { Article } from '../../../core/types'
import {
  articleFields,
  articleKeys,
  compareRanked,
  highlightRanges,
  joinFields,
  matchesAll,
  score,
  snippetOf,
  splitFields,
  type QueryTerm,
} from '../../../core/search'
import { presentArticleSummary } from './presenters'
import type { ArticleRecord } from './records'

/** The search fields of an article record, written at publish. */
export function searchFieldsOf(
  article: Pick<Article, 'title' | 'blocks' | 'region' | 'sources'>,
): Pick<ArticleRecord, 'searchText' | 'searchKeys'> {
  const fields = articleFields(article)
  return { searchText: joinFields(fields), searchKeys: articleKeys(fields) }
}

/** What a candidate is read with: enough to verify and rank it. */
export type SearchCandidate = Pick<ArticleRecord, '_id' | 'totalNumber' | 'position' | 'searchText'>

export interface Ranked {
  _id: string
  score: number
  totalNumber: number
  position: number
}

/** The candidates that hold every term, best first. */
export function rankCandidates(
  candidates: SearchCandidate[],
  terms: QueryTerm[],
  weights?: number[],
): Ranked[] {
  const ranked: Ranked[] = []
  for (const c of candidates) {
    const fields = splitFields(c.searchText ?? '')
    if (!matchesAll(fields, terms)) continue
    ranked.push({
      _id: c._id,
      score: score(fields, terms, weights),
      totalNumber: c.totalNumber,
      position: c.position,
    })
  }
  return ranked.sort(compareRanked)
}

/** A hit as the reader shows it: summary, snippet (the excerpt when the text has no hit), highlights. */
export function presentHit(record: ArticleRecord, terms: QueryTerm[]): SearchHit {
  const inText = snippetOf(record.text, terms)
  return {
    ...presentArticleSummary(record),
    snippet: inText?.snippet ?? record.excerpt,
    snippetHits: inText?.snippetHits ?? [],
    titleHits: highlightRanges(record.title, terms),
  }
}
