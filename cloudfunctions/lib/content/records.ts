import type { Article, Issue } from '../../../core/types'

/** The stored shape of an issue: the domain issue plus publishing state and list fields. */
export interface IssueRecord extends Issue {
  _id: string
  published: boolean
  /** Revision whose article records are live; the single write that makes a publish visible. */
  rev: string
  articleCount: number
  regions: string[]
  firstTitles: string[]
  sections: {
    region: string
    articles: { id: string; title: string; region: string; chars?: number }[]
  }[]
  firstPublishedAt: string | null
  updatedAt: string
}

/** The stored shape of an article: one record per (article, revision). */
export interface ArticleRecord extends Article {
  _id: string
  articleId: string
  rev: string
  totalNumber: number
  publishedOn: string
  issueYear: number
  issueNumber: number
  /** Plain text of all blocks, for search. */
  text: string
  excerpt: string
  /** Normalised title, sub-headings, body and region + sources, one per line (`core/search`). */
  searchText: string
  /** The index of search: numbers for the characters and character pairs of `searchText`. */
  searchKeys: number[]
}

export const ISSUES = 'issues'
export const ARTICLES = 'articles'

export const articleRecordId = (articleId: string, rev: string): string => `${articleId}~${rev}`
