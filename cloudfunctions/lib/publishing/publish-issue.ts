import { groupByRegion } from '../../../core/issue-text/render'
import { countChars } from '../../../core/reading'
import type { ParsedIssue } from '../../../core/types'
import { MAX_QUERY_LIMIT, type Database } from '../ports/database'
import {
  ARTICLES,
  ISSUES,
  articleRecordId,
  type ArticleRecord,
  type IssueRecord,
} from '../content/records'
import { searchFieldsOf } from '../content/search'

const EXCERPT_LENGTH = 80
const FIRST_TITLES = 3

export interface PublishOutcome {
  issueId: string
  rev: string
  /** True the first time this issue is published (a later issue notifies subscribers then). */
  firstPublish: boolean
  replaced: boolean
  articleCount: number
}

/** A revision id that sorts by time and cannot collide between two publishers. */
const newRev = (now: Date): string =>
  `${now.getTime().toString(36)}${Math.random().toString(36).slice(2, 8)}`

function toArticleRecords(parsed: ParsedIssue, rev: string): ArticleRecord[] {
  const { issue } = parsed
  return parsed.articles.map((a) => {
    const text = a.blocks.map((b) => b.text).join('\n')
    const firstParagraph = a.blocks.find((b) => b.type === 'paragraph')?.text ?? ''
    return {
      ...a,
      _id: articleRecordId(a.id, rev),
      articleId: a.id,
      rev,
      totalNumber: issue.totalNumber,
      publishedOn: issue.publishedOn,
      issueYear: issue.year,
      issueNumber: issue.number,
      text,
      excerpt: firstParagraph.slice(0, EXCERPT_LENGTH),
      ...searchFieldsOf(a),
    }
  })
}

function toIssueRecord(
  parsed: ParsedIssue,
  rev: string,
  firstPublishedAt: string,
  now: string,
): IssueRecord {
  const { issue, articles } = parsed
  const sections = [...groupByRegion(articles)].map(([region, group]) => ({
    region,
    articles: group.map((a) => ({
      id: a.id,
      title: a.title,
      region,
      chars: countChars(a.blocks.map((b) => b.text)),
    })),
  }))
  return {
    ...issue,
    _id: issue.id,
    published: true,
    rev,
    articleCount: articles.length,
    regions: sections.map((s) => s.region),
    firstTitles: articles.slice(0, FIRST_TITLES).map((a) => a.title),
    sections,
    firstPublishedAt,
    updatedAt: now,
  }
}

/**
 * Publishes (or replaces) an issue so that readers see all of it or none of it: the new revision's
 * articles are written first, invisible; one write of the issue record then switches readers to
 * them; superseded records are removed last. A run killed at any point leaves the old state or the
 * new one, and the next publish sweeps what it left behind.
 */
export async function publishIssue(
  db: Database,
  parsed: ParsedIssue,
  now: Date,
): Promise<PublishOutcome> {
  const issues = db.collection<IssueRecord>(ISSUES)
  const articles = db.collection<ArticleRecord>(ARTICLES)
  const rev = newRev(now)
  const { data: existing } = await issues.where({ _id: parsed.issue.id }).limit(1).get()
  const previous = existing[0] ?? null

  for (const record of toArticleRecords(parsed, rev)) await articles.add({ data: record })

  const stamp = now.toISOString()
  const firstPublishedAt = previous?.firstPublishedAt ?? stamp
  const { _id: _ignored, ...record } = toIssueRecord(parsed, rev, firstPublishedAt, stamp)
  await issues.doc(parsed.issue.id).set({ data: record })

  await articles.where({ issueId: parsed.issue.id, rev: db.command.neq(rev) }).remove()
  await sweepOrphanArticles(db, new Date(now.getTime() - ORPHAN_AGE_MS))
  return {
    issueId: parsed.issue.id,
    rev,
    firstPublish: previous?.firstPublishedAt == null,
    replaced: previous !== null,
    articleCount: parsed.articles.length,
  }
}

/** How old an orphan must be before a publish sweeps it: far longer than any publish runs. */
export const ORPHAN_AGE_MS = 60 * 60 * 1000

/**
 * Removes the article records of first publishes that were killed before their issue record was
 * written (no issue has their issue id, so no later publish of that issue may come to sweep
 * them), when written before `before`. A publish under way elsewhere is never touched: its
 * records are younger. Returns how many were removed.
 */
export async function sweepOrphanArticles(db: Database, before: Date): Promise<number> {
  const issueIds: string[] = []
  for (;;) {
    const { data } = await db
      .collection<IssueRecord>(ISSUES)
      .orderBy('_id', 'asc')
      .skip(issueIds.length)
      .limit(MAX_QUERY_LIMIT)
      .field({ _id: true })
      .get()
    issueIds.push(...data.map((d) => d._id))
    if (data.length < MAX_QUERY_LIMIT) break
  }
  const _ = db.command
  // Revisions begin with their time in base 36 (see newRev), so they compare as times.
  const { stats } = await db
    .collection<ArticleRecord>(ARTICLES)
    .where({ issueId: _.nin(issueIds), rev: _.lt(newRev(before).slice(0, -6)) })
    .remove()
  return stats.removed
}

/** Hides an issue and its articles from readers; its records stay for a later republish. */
export async function unpublishIssue(db: Database, issueId: string, now: Date): Promise<boolean> {
  const { stats } = await db
    .collection<IssueRecord>(ISSUES)
    .doc(issueId)
    .update({ data: { published: false, updatedAt: now.toISOString() } })
  return stats.updated > 0
}
