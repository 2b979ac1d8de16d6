import {
  contentInput,
  DEFAULT_PAGE_SIZE,
  type ContentInput,
  type ContentResults,
} from '../../../core/api/content'
import { parseArticleId } from '../../../core/ids'
import { idf, parseQuery, queryKeys, sharedKeys, type QueryTerm } from '../../../core/search'
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
import { gate, yieldTurn } from './gate'
import { ContentRepository } from './repository'
import { presentHit, rankCandidates } from './search'

export interface ContentDeps {
  db: Database
}

const repo = (deps: ContentDeps) => new ContentRepository(deps.db)

/** Pages of `limit` items: one extra row tells whether there is a next page. */
function paged<T>(rows: T[], limit: number, cursorOf: (last: T) => string) {
  const items = rows.slice(0, limit)
  return { items, nextCursor: rows.length > limit ? cursorOf(items[items.length - 1]) : null }
}

/** Searches running at once in one process (see `gate`). */
const SEARCHES_AT_ONCE = 1
const searches = gate(SEARCHES_AT_ONCE)

/**
 * Per term, its idf over the stored articles, so that the rare word of `上海 碳足迹` counts more;
 * a term's article count is bounded by the sum of its variants' counts.
 */
async function termWeights(r: ContentRepository, terms: QueryTerm[]): Promise<number[]> {
  const stored = await r.countHolding([])
  const frequency = async (variants: string[]) => {
    const counts = await Promise.all(variants.map((v) => r.countHolding(sharedKeys([v]))))
    return Math.min(
      stored,
      counts.reduce((a, b) => a + b, 0),
    )
  }
  return Promise.all(terms.map(async (t) => idf(stored, await frequency(t.variants))))
}

/**
 * Candidates from the index, verified and ranked in memory, then the page's records read whole
 * for their snippets.
 */
async function search(
  input: Extract<ContentInput, { action: 'search' }>,
  r: ContentRepository,
): Promise<ContentResults['search']> {
  const limit = input.limit ?? DEFAULT_PAGE_SIZE
  const offset = readOffsetCursor(input.cursor)
  const { terms, understood, synonyms } = parseQuery(input.q)
  // A query of punctuation alone has no term and matches nothing.
  const revs = terms.length ? await r.liveRevs() : []
  const candidates = terms.length
    ? await r.searchCandidates(revs, queryKeys(terms), input.region)
    : []
  const weights =
    terms.length > 1 && candidates.length > 0 ? await termWeights(r, terms) : undefined
  // Reading the candidates and ranking them are the two long steps: other requests go between.
  await yieldTurn()
  const ranked = rankCandidates(candidates, terms, weights)
  await yieldTurn()
  const page = await r.articlesById(ranked.slice(offset, offset + limit).map((h) => h._id))
  const next = offset + limit
  return {
    items: page.map((record) => presentHit(record, terms)),
    total: ranked.length,
    nextCursor: next < ranked.length ? offsetCursor(next) : null,
    understood,
    synonyms,
  }
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
      sections: true,
      publishedOn: true,
      totalNumber: true,
    })
    const regions = new Map<string, { region: string; articleCount: number; latestDate: string }>()
    for (const issue of issues) {
      for (const { region, articles } of issue.sections) {
        const count = articles.length
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

  search(input, _ctx, deps: ContentDeps): Promise<ContentResults['search']> {
    return searches(() => search(input, repo(deps)))
  },
})
