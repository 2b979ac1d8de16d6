import type { ArticleDetail, IssueSummary } from '@core/api/content'
import { pathFor } from '@core/links'

import type { ShareCardSpec } from './drawing/share-card'

/** Drawn share images of one page: 5:4 for chats, 1:1 for Moments (local file paths). */
export interface ShareImages {
  chat: string
  timeline: string
}

/**
 * Shipped with the reader subpackage, used whenever a card could not be drawn (old client, canvas
 * failure) or is not drawn yet when the reader shares to Moments.
 */
export const DEFAULT_SHARE_IMAGES: ShareImages = {
  chat: '/packages/reader/assets/share-5x4.png',
  timeline: '/packages/reader/assets/share-1x1.png',
}

/** `2024 年第 6 期`. */
const label = (issue: { year: number; number: number }) => `${issue.year} 年第 ${issue.number} 期`

/** The share title of an issue: `《双周决策观察》2024 年第 6 期`. */
export const issueTitle = (issue: Pick<IssueSummary, 'title' | 'year' | 'number'>): string =>
  `《${issue.title}》${label(issue)}`

/** What `onShareAppMessage` returns: title, path with the id, image (and, while drawing, a promise). */
export interface ShareMessage {
  title: string
  path: string
  imageUrl: string
  promise?: Promise<{ title: string; path: string; imageUrl: string }>
}

/** What `onShareTimeline` returns (Moments: a query on the same page, no path). */
export interface ShareTimeline {
  title: string
  query: string
  imageUrl: string
}

/**
 * The chat share of a page. With the card drawn, it is used; while it is being drawn, WeChat waits
 * (up to 3 s) for `promise`, else shows the default image.
 */
export function shareMessage(
  title: string,
  path: string,
  images: ShareImages | null,
  drawing?: Promise<ShareImages | null>,
): ShareMessage {
  const message: ShareMessage = { title, path, imageUrl: images?.chat ?? DEFAULT_SHARE_IMAGES.chat }
  if (!images && drawing)
    message.promise = drawing.then((drawn) => ({
      title,
      path,
      imageUrl: drawn?.chat ?? DEFAULT_SHARE_IMAGES.chat,
    }))
  return message
}

/** The Moments share of a page: must answer at once, so the drawn image or the default. */
export const shareTimeline = (
  title: string,
  id: string,
  images: ShareImages | null,
): ShareTimeline => ({
  title,
  query: `id=${encodeURIComponent(id)}`,
  imageUrl: images?.timeline ?? DEFAULT_SHARE_IMAGES.timeline,
})

/**
 * Everything a page is shared with: the key its drawn images are kept under, the id and path it
 * opens by, the title, and the card to draw (null until the content is known).
 */
export interface ShareTarget {
  key: string
  id: string
  title: string
  path: string
  card: ShareCardSpec | null
}

/** Before the content loads, a share still carries the id, under the publication's name. */
const UNTITLED = '《双周决策观察》'

/** An article is shared by its title, with a card of its region, title and issue. */
export const articleShare = (id: string, detail: ArticleDetail | undefined): ShareTarget => ({
  key: `article:${id}`,
  id,
  title: detail?.article.title ?? UNTITLED,
  path: `/${pathFor({ kind: 'article', articleId: id })}`,
  card: detail ? articleCard(detail) : null,
})

/** An issue is shared as `《双周决策观察》2024 年第 6 期`, with a card of its first titles. */
export const issueShare = (id: string, issue: IssueSummary | undefined): ShareTarget => ({
  key: `issue:${id}`,
  id,
  title: issue ? issueTitle(issue) : UNTITLED,
  path: `/${pathFor({ kind: 'issue', issueId: id })}`,
  card: issue ? issueCard(issue) : null,
})

/** The card of an article: its region, its title, its issue. */
export const articleCard = (detail: ArticleDetail): ShareCardSpec => ({
  kicker: detail.article.region,
  title: detail.article.title,
  footer: `《${detail.issue.title}》${label(detail.issue)} · 总第 ${detail.issue.totalNumber} 期`,
})

/** The card of an issue: 本期目录 and its first titles. */
export const issueCard = (issue: IssueSummary): ShareCardSpec => ({
  kicker: `总第 ${issue.totalNumber} 期`,
  title: issue.firstTitles.slice(0, 2).join('；') || issueTitle(issue),
  footer: `${issueTitle(issue)} · 共 ${issue.articleCount} 篇`,
})
