import type { Condition, Database } from '../ports/database'
import { MAX_QUERY_LIMIT } from '../ports/database'
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

  /** Visible articles whose title or text matches `pattern` (a regular expression source). */
  async matching(pattern: string, region: string | undefined): Promise<ArticleRecord[]> {
    const _ = this.db.command
    const re = this.db.RegExp({ regexp: pattern, options: 'i' })
    const liveRevs = await this.liveRevs()
    const where = _.and(
      region ? { region, rev: _.in(liveRevs) } : { rev: _.in(liveRevs) },
      _.or({ title: re }, { text: re }),
    )
    return this.all((skip) =>
      this.articles()
        .where(where)
        .field({ ...SUMMARY_FIELDS, text: true })
        .orderBy('totalNumber', 'desc')
        .orderBy('position', 'asc')
        .skip(skip)
        .get(),
    )
  }
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
