import { publishFunction } from '../../cloudfunctions/lib/publishing/handlers'
import { publishIssue } from '../../cloudfunctions/lib/publishing/publish-issue'
import { notifyFunction } from '../../cloudfunctions/lib/notify/handlers'
import { runNotifyWorker } from '../../cloudfunctions/lib/notify/worker'
import { notifyDefaults } from '../../cloudfunctions/lib/notify/defaults'
import { AUDIT, type AuditEntry } from '../../cloudfunctions/lib/publishing/audit'
import { JOBS, type JobRecord } from '../../cloudfunctions/lib/notify/records'
import { allowlist } from '../../cloudfunctions/lib/ports/admins'
import type { Database } from '../../cloudfunctions/lib/ports/database'
import { EmbeddedDatabase } from '../../server/store/embedded-database'
import { MESSAGES, SubscribeMessageStandIn } from '../../server/stand-ins/subscribe-message-api'
import { RELEASED_PAGES } from '../../server/local-cloud'
import { demoParsed } from '../fixtures/published-store'
import { dyingDatabase, hookedDatabase } from '../fixtures/dying-database'

const TEMPLATE = 'tmpl-new-issue'
const admins = allowlist(['editor-1', 'editor-2'])
const clock = { t: Date.parse('2024-04-01T08:00:00Z') }
const as = (openid: string) => ({ openid, now: () => new Date((clock.t += 1000)) })
const [parsed] = demoParsed()
const event = {
  action: 'issues.publish',
  parsed: { issue: parsed.issue, articles: parsed.articles },
}
const READERS = ['reader-a', 'reader-b', 'reader-c']

async function freshStore(): Promise<EmbeddedDatabase> {
  const db = new EmbeddedDatabase(null)
  const since = new Date(clock.t - 60000).toISOString()
  for (const r of READERS)
    await db.collection('grants').add({ data: { _id: r, templateId: TEMPLATE, count: 1, since } })
  return db
}

const publish = (db: Database, openid = 'editor-1') =>
  publishFunction(event, as(openid), { db, admins })

/** The timer's run, to the end. */
async function runWorker(db: EmbeddedDatabase): Promise<void> {
  const send = new SubscribeMessageStandIn(db, { templateIds: [TEMPLATE], pages: RELEASED_PAGES })
  for (let i = 0; i < 5; i++) {
    clock.t += 5000
    const s = await runNotifyWorker({
      db,
      send,
      defaults: notifyDefaults(TEMPLATE),
      runId: `run-${i}`,
      now: () => new Date(clock.t),
      sleep: async (ms) => {
        clock.t += ms
      },
      budgetMs: 60000,
    })
    if (s.idle) return
  }
}

async function outcome(db: EmbeddedDatabase) {
  const live = (await db.collection('issues').where({ _id: parsed.issue.id }).count()).total > 0
  const { data: jobs } = await db.collection<JobRecord>(JOBS).get()
  const { data: entries } = await db.collection<AuditEntry>(AUDIT).get()
  const { data: messages } = await db.collection<{ _id: string; touser: string }>(MESSAGES).get()
  const listed = await notifyFunction({ action: 'jobs.list' }, as('editor-1'), {
    db,
    admins,
    worker: () => {
      throw new Error('no run here')
    },
  })
  return {
    live,
    activeJobs: jobs.filter((j) => j.status !== 'publishing').length,
    listed: listed.ok ? (listed.data as { items: unknown[] }).items.length : -1,
    publishEntries: entries.filter((e) => e.action === 'issues.publish').length,
    replaceEntries: entries.filter((e) => e.action === 'issues.replace').length,
    messages: messages.map((m) => m.touser).sort(),
  }
}

/** Kills a first publish at its n-th write, for every n until one completes; calls `check` each time. */
async function atEveryWrite(check: (db: EmbeddedDatabase, n: number) => Promise<void>) {
  for (let n = 0; ; n++) {
    const db = await freshStore()
    let writes = 0
    const dying = dyingDatabase(db, () => writes++ === n)
    const r = await publish(dying)
    if (!dying.killed()) return n
    expect(!r.ok && r.error.code).toBe('internal')
    await check(db, n)
  }
}

// A killed publish is reported as the function's failure; its log line is expected here.
beforeAll(() => jest.spyOn(console, 'error').mockImplementation(() => undefined))
afterAll(() => jest.restoreAllMocks())

describe('a first publish killed at any point', () => {
  it('ends with one job and one audit entry once the worker runs, and every reader notified once', async () => {
    const points = await atEveryWrite(async (db, n) => {
      await runWorker(db)
      const after = await outcome(db)
      if (after.live) {
        expect([n, after]).toEqual([
          n,
          {
            live: true,
            activeJobs: 1,
            listed: 1,
            publishEntries: 1,
            replaceEntries: 0,
            messages: READERS,
          },
        ])
      } else {
        // Nothing of it is visible: the next publish is a first publish again.
        expect([n, after]).toEqual([
          n,
          {
            live: false,
            activeJobs: 0,
            listed: 0,
            publishEntries: 0,
            replaceEntries: 0,
            messages: [],
          },
        ])
        const again = await publish(db)
        expect(again.ok && again.data).toMatchObject({ jobCreated: true, replaced: false })
        await runWorker(db)
        expect(await outcome(db)).toMatchObject({
          activeJobs: 1,
          publishEntries: 1,
          messages: READERS,
        })
      }
    })
    expect(points).toBeGreaterThan(10)
  })

  it('starts no job whose audit entry could not be written, and the worker then writes both', async () => {
    const db = await freshStore()
    let refused = false
    // The audit entry's write fails once (a full disk, a timeout), the rest go through.
    const flaky = hookedDatabase(db, (op) => {
      if (!refused && op.collection === AUDIT && op.verb === 'add') {
        refused = true
        throw new Error('write failed')
      }
    })
    const r = await publish(flaky)
    expect(!r.ok && r.error.code).toBe('internal')
    expect(await outcome(db)).toMatchObject({ live: true, activeJobs: 0, publishEntries: 0 })
    await runWorker(db)
    expect(await outcome(db)).toMatchObject({
      activeJobs: 1,
      publishEntries: 1,
      messages: READERS,
    })
  })

  it('ends with one job and one audit entry once it is published again', async () => {
    await atEveryWrite(async (db, n) => {
      const live = (await outcome(db)).live
      const again = await publish(db, 'editor-2')
      expect(again.ok).toBe(true)
      await runWorker(db)
      expect([n, await outcome(db)]).toEqual([
        n,
        {
          live: true,
          activeJobs: 1,
          listed: 1,
          publishEntries: 1,
          replaceEntries: live ? 1 : 0,
          messages: READERS,
        },
      ])
    })
  })
})

describe('a replacement', () => {
  it('never creates a job, also for an issue that has none', async () => {
    const db = await freshStore()
    await publishIssue(db, parsed, new Date(clock.t))
    const r = await publish(db)
    expect(r.ok && r.data).toMatchObject({ replaced: true, jobCreated: false })
    await runWorker(db)
    expect(await outcome(db)).toMatchObject({ activeJobs: 0, messages: [], replaceEntries: 1 })
  })
})
