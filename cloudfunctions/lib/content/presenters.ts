import type {
  ArticleSummary,
  IssueDetail,
  IssueSummary,
  SearchHit,
} from '../../../core/api/content'
import type { ArticleRecord, IssueRecord } from './records'

/** Shapes stored records into what the reader receives; nothing internal (rev, text) leaks out. */
export const presentIssueSummary = (r: IssueRecord): IssueSummary => ({
  id: r._id,
  year: r.year,
  number: r.number,
  totalNumber: r.totalNumber,
  publishedOn: r.publishedOn,
  title: r.title,
  subtitle: r.subtitle,
  articleCount: r.articleCount,
  regions: r.regions,
  firstTitles: r.firstTitles,
})

export const presentIssueDetail = (r: IssueRecord): IssueDetail => ({
  ...presentIssueSummary(r),
  publishers: r.publishers,
  editors: r.editors,
  coordinators: r.coordinators,
  phone: r.phone,
  fax: r.fax,
  toc: r.toc,
  sections: r.sections,
})

export const presentArticleSummary = (r: ArticleRecord): ArticleSummary => ({
  id: r.articleId,
  issueId: r.issueId,
  region: r.region,
  title: r.title,
  publishedOn: r.publishedOn,
  issueYear: r.issueYear,
  issueNumber: r.issueNumber,
  totalNumber: r.totalNumber,
  sources: r.sources,
  sourceDate: r.sourceDate,
  excerpt: r.excerpt,
})

export type { SearchHit }
