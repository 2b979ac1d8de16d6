import { publishFunction } from '../../cloudfunctions/lib/publishing/handlers'
import { allowlist } from '../../cloudfunctions/lib/ports/admins'
import { contentFunction } from '../../cloudfunctions/lib/content/handlers'
import { EmbeddedDatabase } from '../../server/store/embedded-database'
import { anonymous, sampleParsed } from '../fixtures/published-store'

const admins = allowlist(['editor-1'])
const as = (openid: string | null) => ({ openid, now: () => new Date('2024-04-01T00:00:00Z') })

describe('publish function', () => {
  const { issue, articles } = sampleParsed()
  const event = { action: 'issues.publish', parsed: { issue, articles } }

  it('publishes for an admin, and only for an admin', async () => {
    const db = new EmbeddedDatabase(null)
    for (const caller of [null, 'reader-1']) {
      const r = await publishFunction(event, as(caller), { db, admins })
      expect(!r.ok && r.error.code).toBe('permission_denied')
    }
    expect((await db.collection('issues').count()).total).toBe(0)
    const r = await publishFunction(event, as('editor-1'), { db, admins })
    expect(r).toEqual({
      ok: true,
      data: {
        issueId: 'i280',
        firstPublish: true,
        replaced: false,
        articleCount: 10,
        jobCreated: true,
      },
    })
    const again = await publishFunction(event, as('editor-1'), { db, admins })
    expect(again.ok && again.data).toMatchObject({ firstPublish: false, replaced: true })
  })

  it('unpublishes for an admin; unknown issues are not_found', async () => {
    const db = new EmbeddedDatabase(null)
    await publishFunction(event, as('editor-1'), { db, admins })
    expect(
      (
        await publishFunction({ action: 'issues.unpublish', id: 'i280' }, as('reader-1'), {
          db,
          admins,
        })
      ).ok,
    ).toBe(false)
    expect(
      (
        await publishFunction({ action: 'issues.unpublish', id: 'i280' }, as('editor-1'), {
          db,
          admins,
        })
      ).ok,
    ).toBe(true)
    const latest = await contentFunction({ action: 'issues.get', id: 'latest' }, anonymous, { db })
    expect(!latest.ok && latest.error.code).toBe('not_found')
    const missing = await publishFunction(
      { action: 'issues.unpublish', id: 'i999' },
      as('editor-1'),
      { db, admins },
    )
    expect(!missing.ok && missing.error.code).toBe('not_found')
  })

  it('rejects a malformed issue naming the field', async () => {
    const db = new EmbeddedDatabase(null)
    const bad = {
      action: 'issues.publish',
      parsed: { issue: { ...issue, publishedOn: '28/03/2024' }, articles },
    }
    const r = await publishFunction(bad, as('editor-1'), { db, admins })
    expect(!r.ok && r.error).toEqual({
      code: 'invalid_argument',
      message: expect.stringContaining('parsed.issue.publishedOn'),
    })
    const mixed = {
      action: 'issues.publish',
      parsed: { issue, articles: [{ ...articles[0], issueId: 'i281' }] },
    }
    const m = await publishFunction(mixed, as('editor-1'), { db, admins })
    expect(!m.ok && m.error.message).toContain('issueId')
  })
})
