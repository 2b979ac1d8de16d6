/**
 * The `content` function's contract: action inputs (validated with these schemas on the server)
 * and the response shapes the reader renders. Shared by handlers, the API client and tests.
 */
import { z } from 'zod'
import type { Article, Block, TocEntry } from '../types'

const limit = z.number().int().min(1).max(20).optional()
const cursor = z.string().min(1).max(64).optional()
const id = z.string().min(1).max(32)

export const contentInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('issues.list'), cursor, limit }).strict(),
  z.object({ action: z.literal('issues.get'), id }).strict(),
  z.object({ action: z.literal('articles.get'), id }).strict(),
  z.object({ action: z.literal('regions.list') }).strict(),
  z
    .object({
      action: z.literal('articles.byRegion'),
      region: z.string().min(1).max(12),
      cursor,
      limit,
    })
    .strict(),
  z
    .object({
      action: z.literal('search'),
      q: z
        .string()
        .transform((s) => s.trim())
        .pipe(
          z
            .string()
            .min(1, 'q must have 1–40 characters after trimming')
            .max(40, 'q must have 1–40 characters after trimming'),
        ),
      region: z.string().min(1).max(12).optional(),
      cursor,
      limit,
    })
    .strict(),
])

export type ContentInput = z.input<typeof contentInput>
export type ContentAction = ContentInput['action']

export const DEFAULT_PAGE_SIZE = 10

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

/** An issue as listed: enough for a cover card or an archive row. */
export interface IssueSummary {
  id: string
  year: number
  number: number
  totalNumber: number
  publishedOn: string
  title: string
  subtitle: string
  articleCount: number
  regions: string[]
  /** The first few article titles, in contents order. */
  firstTitles: string[]
}

export interface TocArticle {
  id: string
  title: string
  region: string
  /** Characters of the article's text (reading time); absent in issues published before it. */
  chars?: number
}

export interface IssueDetail extends IssueSummary {
  publishers: string[]
  editors: string[]
  coordinators: string[]
  phone: string | null
  fax: string | null
  /** The printed table of contents. */
  toc: TocEntry[]
  /** Articles grouped by region, in issue order. */
  sections: { region: string; articles: TocArticle[] }[]
}

export interface ArticleDetail {
  article: Article
  issue: IssueSummary
  prevId: string | null
  nextId: string | null
  /** Titles of the neighbours, so a cold-opened article names them without its issue. */
  prevTitle?: string | null
  nextTitle?: string | null
}

export interface RegionSummary {
  region: string
  articleCount: number
  latestDate: string
}

/** An article in a list across issues (by region, search results). */
export interface ArticleSummary {
  id: string
  issueId: string
  region: string
  title: string
  publishedOn: string
  issueYear: number
  issueNumber: number
  totalNumber: number
  sources: string[]
  sourceDate: string | null
  /** The opening of the article's first paragraph. */
  excerpt: string
}

export interface SearchHit extends ArticleSummary {
  /**
   * ≤ 120 characters of the text around the part holding the most query words (the excerpt when
   * only the title, region or sources match).
   */
  snippet: string
  /** Hit ranges [start, end) in `snippet`. */
  snippetHits: [number, number][]
  /** Hit ranges [start, end) in `title`. */
  titleHits: [number, number][]
}

export interface ContentResults {
  'issues.list': Page<IssueSummary>
  'issues.get': IssueDetail
  'articles.get': ArticleDetail
  'regions.list': { items: RegionSummary[] }
  'articles.byRegion': Page<ArticleSummary>
  search: Page<SearchHit> & {
    total: number
    /** How the query was read, when that differs from what was typed (`專精特新` → `专精特新`). */
    understood?: string | null
    /** Synonyms searched as well (`发改委` → `发展改革委`). */
    synonyms?: string[]
  }
}

export type { Article, Block }
