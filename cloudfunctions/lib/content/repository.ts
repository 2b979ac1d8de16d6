import type { Condition, Database } from '../ports/database'
import { MAX_QUERY_LIMIT } from '../ports/database'
import type { SearchCandidate } from './search'
import { ARTICLES, ISSUES, articleRecordId, type ArticleRecord, type IssueRecord } from './records'

/** Issue fields needed to decide visibility and list issues (no contents, no masthead lists). */
const LIVE_ISSUE_FIELDS = { _id: true, rev: true, totalNumber: true }

/** Reads published content. Every query here sees only published issues' live revisions. */
export class ContentRepository {
  constructor(private readonly db: Database) {}

  private issues() {
    return this.db.collection<IssueRecord>(ISSUES)
  }

  private articles() {
    return this.db.collection<ArticleRecord>(ARTICLES)
  }

  /** Pages through a query past the 1000-row server cap. */
  private async all<T>(page: (skip: number) => Promise<{ data: T[] }>): Promise<T[]> {
    const out: T[] = []
    for (let skip = 0; ; skip += MAX_QUERY_LIMIT) {
      const { data } = await page(skip)
      out.push(...data)
      if (data.length < MAX_QUERY_LIMIT) return out
    }
  }

  async issue(id: string): Promise<IssueRecord | null> {
    const { data } = await this.issues().where({ _id: id, published: true }).limit(1).get()
    return data[0] ?? null
  }

  async latestIssue(): Promise<IssueRecord | null> {
    const { data } = await this.issues()
      .where({ published: true })
      .orderBy('totalNumber', 'desc')
      .limit(1)
      .get()
    return data[0] ?? null
  }

  /** Published issues older than `beforeTotal`, newest first. */
  async issuePage(beforeTotal: number | null, limit: number): Promise<IssueRecord[]> {
    const _ = this.db.command
    const where =
      beforeTotal === null
        ? { published: true }
        : { published: true, totalNumber: _.lt(beforeTotal) }
    const { data } = await this.issues()
      .where(where)
      .orderBy('totalNumber', 'desc')
      .limit(limit)
      .get()
    return data
  }

  async publishedIssues(fields?: Record<string, boolean>): Promise<IssueRecord[]> {
    return this.all((skip) =>
      this.issues()
        .where({ published: true })
        .field(fields ?? LIVE_ISSUE_FIELDS)
        .orderBy('totalNumber', 'desc')
        .skip(skip)
        .get(),
    )
  }

  /** The live revisions: an article record is visible exactly when its rev is among them. */
  async liveRevs(): Promise<string[]> {
    return (await this.publishedIssues()).map((i) => i.rev)
  }

  async article(issue: IssueRecord, articleId: string): Promise<ArticleRecord | null> {
    const { data } = await this.articles()
      .where({ _id: articleRecordId(articleId, issue.rev) })
      .field(ARTICLE_FIELDS)
      .limit(1)
      .get()
    return data[0] ?? null
  }

  /** Visible articles of a region, newest issue first, after the keyset `after`. */
  async regionPage(
    region: string,
    after: { totalNumber: number; position: number } | null,
    limit: number,
  ): Promise<ArticleRecord[]> {
    const _ = this.db.command
    const base: Condition = { region, rev: _.in(await this.liveRevs()) }
    const where = after
      ? _.and(
          base,
          _.or(
            { totalNumber: _.lt(after.totalNumber) },
            { totalNumber: after.totalNumber, position: _.gt(after.position) },
          ),
        )
      : base
    const { data } = await this.articles()
      .where(where)
      .field(SUMMARY_FIELDS)
      .orderBy('totalNumber', 'desc')
      .orderBy('position', 'asc')
      .limit(limit)
      .get()
    return data
  }

  /**
   * Articles of the live revisions (of `region` when given) whose `searchKeys` hold every key, read with what
   * ranking needs; every visible article when `keys` is empty. The keys come from the query, so
   * the set holds every match (see `core/search/keys.ts`); the caller verifies them.
   */
  async searchCandidates(
    liveRevs: string[],
    keys: number[],
    region: string | undefined,
  ): Promise<SearchCandidate[]> {
    return this.all((skip) =>
      this.articles()
        .where(this.holding(liveRevs, keys, region))
        .field({ _id: true, totalNumber: true, position: true, searchText: true })
        .skip(skip)
        .get(),
    )
  }

  /**
   * How many stored article records hold every key: for one term, about its document frequency.
   * Hidden and superseded records count too: this weighs words, it lists nothing, and it is then
   * answered from the index alone.
   */
  async countHolding(keys: number[]): Promise<number> {
    const where = keys.length ? { searchKeys: this.db.command.all(keys) } : {}
    return (await this.articles().where(where).count()).total
  }

  private holding(liveRevs: string[], keys: number[], region: string | undefined): Condition {
    const _ = this.db.command
    const where: Record<string, unknown> = { rev: _.in(liveRevs) }
    if (region) where.region = region
    if (keys.length) where.searchKeys = _.all(keys)
    return where
  }

  /** Article records by record id, in the order of `ids`, with their text (for snippets). */
  async articlesById(ids: string[]): Promise<ArticleRecord[]> {
    if (ids.length === 0) return []
    const { data } = await this.articles()
      .where({ _id: this.db.command.in(ids) })
      .field({ ...SUMMARY_FIELDS, text: true })
      .limit(ids.length)
      .get()
    const byId = new Map(data.map((r) => [r._id, r]))
    return ids.flatMap((id) => byId.get(id) ?? [])
  }
}

/** An article as the reader opens it: no search fields (`searchKeys` is large). */
const ARTICLE_FIELDS = {
  _id: true,
  id: true,
  issueId: true,
  position: true,
  region: true,
  title: true,
  tocTitle: true,
  blocks: true,
  sources: true,
  sourceDate: true,
}

const SUMMARY_FIELDS = {
  _id: true,
  articleId: true,
  issueId: true,
  region: true,
  title: true,
  position: true,
  totalNumber: true,
  publishedOn: true,
  issueYear: true,
  issueNumber: true,
  sources: true,
  sourceDate: true,
  excerpt: true,
}
