import { contentInput, DEFAULT_PAGE_SIZE, type ContentResults } from '../../../core/api/content'
import { parseArticleId } from '../../../core/ids'
import { ApiFailure, createFunction } from '../dispatch'
import type { Database } from '../ports/database'
import {
  articleCursor,
  issueCursor,
  offsetCursor,
  readArticleCursor,
  readIssueCursor,
  readOffsetCursor,
} from './cursor'
import { presentArticleSummary, presentIssueDetail, presentIssueSummary } from './presenters'
import { ContentRepository } from './repository'
import { escapeRegExp, rankHits } from './search'

export interface ContentDeps {
  db: Database
}

const repo = (deps: ContentDeps) => new ContentRepository(deps.db)

/** Pages of `limit` items: one extra row tells whether there is a next page. */
function paged<T>(rows: T[], limit: number, cursorOf: (last: T) => string) {
  const items = rows.slice(0, limit)
  return { items, nextCursor: rows.length > limit ? cursorOf(items[items.length - 1]) : null }
}

/** The public `content` function: issues, articles, regions and search; published content only. */
export const contentFunction = createFunction(contentInput, {
  async 'issues.list'(input, _ctx, deps: ContentDeps): Promise<ContentResults['issues.list']> {
    const limit = input.limit ?? DEFAULT_PAGE_SIZE
    const rows = await repo(deps).issuePage(readIssueCursor(input.cursor), limit + 1)
    const page = paged(rows, limit, (last) => issueCursor(last.totalNumber))
    return { items: page.items.map(presentIssueSummary), nextCursor: page.nextCursor }
  },

  async 'issues.get'(input, _ctx, deps: ContentDeps): Promise<ContentResults['issues.get']> {
    const r = repo(deps)
    const issue = input.id === 'latest' ? await r.latestIssue() : await r.issue(input.id)
    if (!issue)
      throw new ApiFailure(
        'not_found',
        input.id === 'latest' ? 'no issue is published yet' : `issue ${input.id} not found`,
      )
    return presentIssueDetail(issue)
  },

  async 'articles.get'(input, _ctx, deps: ContentDeps): Promise<ContentResults['articles.get']> {
    const ref = parseArticleId(input.id)
    const r = repo(deps)
    const issue = ref ? await r.issue(ref.issueId) : null
    const record = issue ? await r.article(issue, input.id) : null
    if (!issue || !record) throw new ApiFailure('not_found', `article ${input.id} not found`)
    const toc = issue.sections.flatMap((s) => s.articles)
    const ids = toc.map((a) => a.id)
    const at = ids.indexOf(input.id)
    const prev = at > 0 ? toc[at - 1] : null
    const next = at >= 0 && at < ids.length - 1 ? toc[at + 1] : null
    const {
      _id,
      rev: _rev,
      articleId: _a,
      totalNumber: _t,
      publishedOn: _p,
      issueYear: _y,
      issueNumber: _n,
      text: _x,
      excerpt: _e,
      ...article
    } = record
    return {
      article: { ...article, id: input.id },
      issue: presentIssueSummary(issue),
      prevId: prev?.id ?? null,
      nextId: next?.id ?? null,
      prevTitle: prev?.title ?? null,
      nextTitle: next?.title ?? null,
    }
  },

  async 'regions.list'(_input, _ctx, deps: ContentDeps): Promise<ContentResults['regions.list']> {
    const issues = await repo(deps).publishedIssues({
      regionCounts: true,
      publishedOn: true,
      totalNumber: true,
    })
    const regions = new Map<string, { region: string; articleCount: number; latestDate: string }>()
    for (const issue of issues) {
      for (const [region, count] of Object.entries(issue.regionCounts)) {
        const entry = regions.get(region) ?? {
          region,
          articleCount: 0,
          latestDate: issue.publishedOn,
        }
        entry.articleCount += count
        if (issue.publishedOn > entry.latestDate) entry.latestDate = issue.publishedOn
        regions.set(region, entry)
      }
    }
    const items = [...regions.values()].sort(
      (a, b) => b.articleCount - a.articleCount || a.region.localeCompare(b.region, 'zh'),
    )
    return { items }
  },

  async 'articles.byRegion'(
    input,
    _ctx,
    deps: ContentDeps,
  ): Promise<ContentResults['articles.byRegion']> {
    const limit = input.limit ?? DEFAULT_PAGE_SIZE
    const rows = await repo(deps).regionPage(
      input.region,
      readArticleCursor(input.cursor),
      limit + 1,
    )
    const page = paged(rows, limit, articleCursor)
    return { items: page.items.map(presentArticleSummary), nextCursor: page.nextCursor }
  },

  async search(input, _ctx, deps: ContentDeps): Promise<ContentResults['search']> {
    const limit = input.limit ?? DEFAULT_PAGE_SIZE
    const offset = readOffsetCursor(input.cursor)
    const ranked = rankHits(await repo(deps).matching(escapeRegExp(input.q), input.region), input.q)
    const items = ranked.slice(offset, offset + limit)
    const next = offset + limit
    return {
      items,
      total: ranked.length,
      nextCursor: next < ranked.length ? offsetCursor(next) : null,
    }
  },
})
