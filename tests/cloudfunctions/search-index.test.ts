import type { ContentResults } from '@core/api/content'
import { contentFunction } from '../../cloudfunctions/lib/content/handlers'
import { publishIssue } from '../../cloudfunctions/lib/publishing/publish-issue'
import { indexForSearch } from '../../cloudfunctions/lib/publishing/search-index'
import { LOCAL_INDEXES } from '../../server/local-cloud'
import { EmbeddedDatabase } from '../../server/store/embedded-database'
import { judgedIssues } from '../../scripts/bench/search-judged'
import { anonymous } from '../fixtures/published-store'

const hitsOf = async (db: EmbeddedDatabase, q: string) => {
  const r = await contentFunction({ action: 'search', q, limit: 20 }, anonymous, { db })
  if (!r.ok) throw new Error(r.error.message)
  return (r.data as ContentResults['search']).items.map((h) => h.id)
}

describe('indexForSearch', () => {
  it('writes the search fields of records stored without them, once', async () => {
    const db = new EmbeddedDatabase(null, LOCAL_INDEXES)
    for (const parsed of judgedIssues()) await publishIssue(db, parsed, new Date())
    const before = await hitsOf(db, '碳足迹')
    expect(before.length).toBeGreaterThan(0)
    const _ = db.command
    const articles = db.collection('articles')
    const { total } = await articles.count()
    // A store written before publishing wrote search fields.
    await articles
      .where({ issueId: _.neq('') })
      .update({ data: { searchKeys: _.remove(), searchText: _.remove() } })
    expect(await hitsOf(db, '碳足迹')).toEqual([])

    expect(await indexForSearch(db)).toBe(total)
    expect(await hitsOf(db, '碳足迹')).toEqual(before)
    expect(await indexForSearch(db)).toBe(0)
    await db.close()
  })
})
