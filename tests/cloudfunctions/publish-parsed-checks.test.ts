/**
 * A parse sent whole (`{ parsed }`) is held to what parsing the text gives: ids from the total
 * number and the article's place, unique, inside the issue. And a killed first publish leaves no
 * article records for ever.
 */
import fc from 'fast-check'
import { publishFunction } from '../../cloudfunctions/lib/publishing/handlers'
import { ORPHAN_AGE_MS, publishIssue } from '../../cloudfunctions/lib/publishing/publish-issue'
import { allowlist } from '../../cloudfunctions/lib/ports/admins'
import { contentFunction } from '../../cloudfunctions/lib/content/handlers'
import { EmbeddedDatabase } from '../../server/store/embedded-database'
import { anonymous, demoParsed } from '../fixtures/published-store'

const admins = allowlist(['editor-1'])
const NOW = new Date('2024-04-01T00:00:00Z')
const editor = { openid: 'editor-1', now: () => NOW }
const demo = demoParsed()[0]
const { issue, articles } = demo

const publish = (db: EmbeddedDatabase, parsed: object) =>
  publishFunction({ action: 'issues.publish', parsed }, editor, { db, admins })

describe('publishing a parse sent whole', () => {
  it('refuses duplicate article ids with a clear error, not a 500', async () => {
    const db = new EmbeddedDatabase(null)
    const twice = articles.map((a, i) => (i === 1 ? { ...a, id: articles[0].id } : a))
    const r = await publish(db, { issue, articles: twice })
    expect(!r.ok && r.error.code).toBe('invalid_argument')
    expect(!r.ok && r.error.message).toContain('articles.1.id')
    expect((await db.collection('articles').count()).total).toBe(0)
  })

  it('refuses an issue id that disagrees with the total number', async () => {
    const db = new EmbeddedDatabase(null)
    const far = `i999999`
    const r = await publish(db, {
      issue: { ...issue, id: far },
      articles: articles.map((a) => ({ ...a, issueId: far, id: `${far}-${a.id.split('-')[1]}` })),
    })
    expect(!r.ok && r.error.message).toContain('parsed.issue.id')
    expect((await db.collection('issues').count()).total).toBe(0)
  })

  it("refuses another issue's article id inside this issue", async () => {
    const db = new EmbeddedDatabase(null)
    const foreign = articles.map((a, i) => (i === 0 ? { ...a, id: 'i279-01' } : a))
    const r = await publish(db, { issue, articles: foreign })
    expect(!r.ok && r.error.message).toContain('articles.0.id')
  })

  it('accepts exactly the ids parsing gives, whatever else is changed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(articles.length - 1), fc.integer({ min: 1, max: 999 })), {
          minLength: 1,
          maxLength: 3,
        }),
        async (edits) => {
          const changed = articles.map((a) => ({ ...a }))
          for (const [i, position] of edits) changed[i].position = position
          const r = await publish(new EmbeddedDatabase(null), { issue, articles: changed })
          const consistent = changed.every((a, i) => a.position === i + 1)
          expect(r.ok).toBe(consistent)
        },
      ),
      { numRuns: 30 },
    )
    const r = await publish(new EmbeddedDatabase(null), { issue, articles })
    expect(r.ok).toBe(true)
  })
})

describe('article records of a killed first publish', () => {
  it('are swept by a later publish once they are an hour old, and never those of a publish under way', async () => {
    const db = new EmbeddedDatabase(null)
    // A first publish of another issue killed after writing its articles: no issue record.
    const other = demoParsed()[1]
    const killed = new EmbeddedDatabase(null)
    await publishIssue(killed, other, new Date(NOW.getTime() - 2 * ORPHAN_AGE_MS))
    const { data: stale } = await killed.collection('articles').get()
    for (const record of stale) await db.collection('articles').add({ data: record })
    // And one under way right now elsewhere.
    const fresh = new EmbeddedDatabase(null)
    const third = demoParsed()[2]
    await publishIssue(fresh, third, NOW)
    const { data: young } = await fresh.collection('articles').get()
    for (const record of young) await db.collection('articles').add({ data: record })

    expect((await publish(db, { issue, articles })).ok).toBe(true)
    const left = (await db.collection<{ _id: string; issueId: string }>('articles').get()).data.map(
      (a) => a.issueId,
    )
    expect(new Set(left)).toEqual(new Set([issue.id, third.issue.id]))
    expect(left.filter((id) => id === issue.id)).toHaveLength(articles.length)
    const opened = await contentFunction(
      { action: 'articles.get', id: articles[0].id },
      anonymous,
      { db },
    )
    expect(opened.ok).toBe(true)
  })
})
