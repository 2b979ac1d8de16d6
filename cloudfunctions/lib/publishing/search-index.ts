import { ARTICLES, type ArticleRecord } from '../content/records'
import { searchFieldsOf } from '../content/search'
import type { Database } from '../ports/database'

const PAGE = 100

/**
 * Writes the search fields of article records stored before publishing wrote them (a store from
 * an older version finds nothing for them otherwise). Idempotent; returns how many it wrote.
 */
export async function indexForSearch(db: Database): Promise<number> {
  const articles = db.collection<ArticleRecord>(ARTICLES)
  let written = 0
  for (;;) {
    const { data } = await articles
      .where({ searchKeys: db.command.exists(false) })
      .field({ _id: true, title: true, blocks: true, region: true, sources: true })
      .limit(PAGE)
      .get()
    for (const record of data)
      await articles.doc(record._id).update({ data: { ...searchFieldsOf(record) } })
    written += data.length
    if (data.length < PAGE) return written
  }
}
