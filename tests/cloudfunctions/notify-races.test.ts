import fc from 'fast-check'
import type Datastore from '@seald-io/nedb'
import { publishFunction } from '../../cloudfunctions/lib/publishing/handlers'
import { notifyFunction } from '../../cloudfunctions/lib/notify/handlers'
import { runNotifyWorker, type WorkerDeps } from '../../cloudfunctions/lib/notify/worker'
import { notifyDefaults } from '../../cloudfunctions/lib/notify/defaults'
import { saveNotifyConfig } from '../../cloudfunctions/lib/notify/config'
import {
  DELIVERIES,
  FINAL_STATES,
  JOBS,
  type DeliveryRecord,
  type JobRecord,
} from '../../cloudfunctions/lib/notify/records'
import { allowlist } from '../../cloudfunctions/lib/ports/admins'
import type { Database, Doc } from '../../cloudfunctions/lib/ports/database'
import type { SendApi } from '../../cloudfunctions/lib/ports/subscribe-message'
import { GRANTS } from '../../cloudfunctions/lib/subscription/records'
import { EmbeddedDatabase } from '../../server/store/embedded-database'
import { SubscribeMessageStandIn } from '../../server/stand-ins/subscribe-message-api'
import { RELEASED_PAGES } from '../../server/local-cloud'
import { demoParsed } from '../fixtures/published-store'
import { hookedDatabase, Killed, type DbOp } from '../fixtures/dying-database'

/**
 * Runs that overlap, as they do in production (the timer, the publish kick and the worker's own
 * re-invocation), and runs killed at any point.
 */
const TEMPLATE = 'tmpl-new-issue'
const admins = allowlist(['editor-1'])
const clock = { t: 0 }
const now = () => new Date(clock.t)
const as = (openid: string | null) => ({ openid, now })
const advance = async (ms: number) => {
  clock.t += ms
}

let db: EmbeddedDatabase
beforeEach(() => {
  db = new EmbeddedDatabase(null)
  clock.t = Date.parse('2024-03-28T08:00:00Z')
})

async function seed(readers: number): Promise<void> {
  const since = new Date(clock.t - 1000).toISOString()
  for (let i = 0; i < readers; i++)
    await db.collection(GRANTS).add({
      data: { _id: `r${String(i).padStart(3, '0')}`, templateId: TEMPLATE, count: 1, since },
    })
  const [{ issue, articles }] = demoParsed()
  const r = await publishFunction(
    { action: 'issues.publish', parsed: { issue, articles } },
    as('editor-1'),
    {
      db,
      admins,
    },
  )
  if (!r.ok) throw new Error(r.error.message)
}

const deps = (database: Database, send: SendApi, extra: Partial<WorkerDeps> = {}): WorkerDeps => ({
  db: database,
  send,
  defaults: { ...notifyDefaults(TEMPLATE), ratePerSecond: 1000, concurrency: 4 },
  runId: `run-${Math.random().toString(36).slice(2)}`,
  now,
  sleep: advance,
  budgetMs: 60000,
  leaseMs: 50,
  ...extra,
})

const standIn = () =>
  new SubscribeMessageStandIn(db, { templateIds: [TEMPLATE], pages: RELEASED_PAGES })
const job = async () => (await db.collection<JobRecord>(JOBS).get()).data[0]
const messageCount = async () => (await db.collection('messages').count()).total

/** The database of a run that, before its first write to a job, waits for `meanwhile`. */
const staleAfterReading = (meanwhile: () => Promise<unknown>): Database => {
  let waited = false
  return hookedDatabase(db, async (op: DbOp) => {
    if (!waited && op.collection === JOBS && op.verb === 'update') {
      waited = true
      await meanwhile()
    }
  })
}

describe('overlapping runs', () => {
  it('a run that read the job before another paused it sends nothing for it', async () => {
    await seed(150)
    const failing: SendApi = { send: async () => ({ errCode: -1, errMsg: 'system error' }) }
    let paused: JobRecord | undefined
    // Run B reads the open jobs; run A then sends, fails and pauses the job for its error rate.
    await runNotifyWorker(
      deps(
        staleAfterReading(async () => {
          await runNotifyWorker(deps(db, failing))
          paused = await job()
        }),
        standIn(),
      ),
    )
    expect(paused).toMatchObject({ status: 'paused', pauseReason: 'error_rate' })
    expect(await job()).toMatchObject({ status: 'paused', pauseReason: 'error_rate' })
    expect(await messageCount()).toBe(0)
  })

  it('a run that read the job before another finished it neither reopens nor rewrites it', async () => {
    await seed(5)
    let finished: JobRecord | undefined
    await runNotifyWorker(
      deps(
        staleAfterReading(async () => {
          await runNotifyWorker(deps(db, standIn()))
          finished = await job()
        }),
        standIn(),
      ),
    )
    expect(finished).toMatchObject({ status: 'done', total: 5, counts: { sent: 5 } })
    expect(await job()).toEqual(finished)
    expect(await messageCount()).toBe(5)
  })

  it('a run whose lease ran out mid-window makes no call once another run has the job', async () => {
    await seed(30)
    const inner = standIn()
    let second: Promise<unknown> | null = null
    const calls: { run: string; owner: string; status: string }[] = []
    const jobs = (await db.store(JOBS)) as Datastore<Doc>
    const watching = (run: string, api: SendApi): SendApi => ({
      async send(m) {
        const j = jobs.getAllData()[0] as unknown as JobRecord
        calls.push({ run, owner: j.leaseOwner, status: j.status })
        return api.send(m)
      },
    })
    // Run A stalls 200 ms (four leases) inside a send; run B takes the job meanwhile.
    const stalling: SendApi = {
      async send(m) {
        if (m.touser === 'r003') {
          clock.t += 200
          second = runNotifyWorker(deps(db, watching('B', inner), { runId: 'B' }))
          await second
        }
        return inner.send(m)
      },
    }
    const oneLane = { ...notifyDefaults(TEMPLATE), ratePerSecond: 1000, concurrency: 1 }
    await runNotifyWorker(deps(db, watching('A', stalling), { runId: 'A', defaults: oneLane }))
    expect(second).not.toBeNull()
    for (const c of calls) expect(c).toEqual({ run: c.run, owner: c.run, status: 'sending' })
    // B took r003 for a call of unknown outcome (A's was in flight); A's late answer changes nothing.
    const { data } = await db.collection<DeliveryRecord>(DELIVERIES).get()
    expect(data.filter((d) => d.state === 'sent')).toHaveLength(29)
    expect(data.find((d) => d.openid === 'r003')?.state).toBe('unknown')
    expect(await messageCount()).toBe(30)
    expect(await job()).toMatchObject({ status: 'done', counts: { sent: 29, unknown: 1 } })
  })
})

describe('a write that fails', () => {
  it('recording the last outcome of a window ends the run with its error, while another lane waits for the limit', async () => {
    await seed(1)
    // Two lanes: the second waits for a first answer to raise the limit, and none comes (the call
    // times out). The first lane records that outcome as it ends the window; the write fails.
    const timesOut: SendApi = {
      send: async () => {
        throw new Error('timeout')
      },
    }
    let failOutcome = true
    const failing = hookedDatabase(db, (op) => {
      const recording = op.where?._id !== undefined && op.where.state === 'sending'
      if (failOutcome && op.collection === DELIVERIES && recording) {
        failOutcome = false
        throw new Error('database unavailable')
      }
    })
    const twoLanes = { ...notifyDefaults(TEMPLATE), ratePerSecond: 1000, concurrency: 2 }
    // Hung before: the waiting lane was never woken, so the window never ended.
    await expect(
      runNotifyWorker(deps(failing, timesOut, { runId: 'A', defaults: twoLanes })),
    ).rejects.toThrow('database unavailable')
    // The call may have been made: the next run counts it unknown and never makes it again.
    clock.t += 1000
    await runNotifyWorker(deps(db, standIn(), { runId: 'B' }))
    expect(await job()).toMatchObject({ status: 'done', counts: { sent: 0, unknown: 1 } })
    expect(await messageCount()).toBe(0)
  })
})

/** A send API scripted by call number: 0 delivers, a code fails, null delivers but never answers. */
type Answer = 0 | -1 | 43101 | 41030 | null

describe('property: 2–4 runs interleaved with pauses, config fixes and kills', () => {
  it('counts equal deliveries, no message but for an open, unpaused job held by its sender, no finished job touched', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.integer({ min: 6, max: 20 }),
        fc.array(
          fc.record({
            startAfter: fc.nat(30),
            killAfter: fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }),
            concurrency: fc.integer({ min: 1, max: 3 }),
          }),
          { minLength: 2, maxLength: 4 },
        ),
        fc.array(fc.constantFrom<Answer>(0, 0, 0, 0, -1, -1, 43101, 41030, null), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.array(fc.nat(60), { maxLength: 3 }),
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 20 }),
        async (s, readers, runs, answers, configFixesAfter, ticks) => {
          db = new EmbeddedDatabase(null)
          clock.t = Date.parse('2024-03-28T08:00:00Z')
          await seed(readers)
          const jobs = (await db.store(JOBS)) as Datastore<Doc>
          const current = () => jobs.getAllData()[0] as unknown as JobRecord
          const violations: string[] = []
          let doneSnapshot: string | null = null
          const checkDone = () => {
            const j = JSON.stringify(current())
            if (doneSnapshot !== null && j !== doneSnapshot)
              violations.push(`done job written: ${j}`)
            if (doneSnapshot === null && current().status === 'done') doneSnapshot = j
          }
          const delivered: string[] = []
          let call = 0
          let tick = 0
          const step = async (label: string) => {
            await s.schedule(Promise.resolve(label), label)
            clock.t += ticks[tick++ % ticks.length]
          }
          const started = runs.map(async (run, i) => {
            const runId = `run-${i}`
            for (let k = 0; k < run.startAfter; k++) await step(`${runId} waits`)
            let ops = 0
            const database = hookedDatabase(
              db,
              async (op) => {
                await step(`${runId} ${op.verb} ${op.collection}`)
                if (run.killAfter !== undefined && ops++ >= run.killAfter) throw new Killed()
              },
              checkDone,
            )
            const send: SendApi = {
              async send(m) {
                if (database.killed()) throw new Killed()
                const j = current()
                // Sending overlaps freezing; never for a paused or finished job, never without the lease.
                if (!['freezing', 'sending'].includes(j.status) || j.leaseOwner !== runId)
                  violations.push(`${runId} sent while the job was ${j.status}/${j.leaseOwner}`)
                const answer = answers[call++ % answers.length]
                if (answer === 0 || answer === null) delivered.push(m.touser)
                await step(`${runId} send`)
                if (answer === null) throw new Error('timeout')
                return { errCode: answer, errMsg: String(answer) }
              },
            }
            try {
              await runNotifyWorker(
                deps(database, send, {
                  runId,
                  budgetMs: 3000,
                  windowSize: 4,
                  // Several pages, so freezing overlaps sending, pauses and kills.
                  freezePageSize: 3,
                  errorWindow: 8,
                  defaults: {
                    ...notifyDefaults(TEMPLATE),
                    ratePerSecond: 1000,
                    concurrency: run.concurrency,
                  },
                }),
              )
            } catch (e) {
              if (!(e instanceof Killed)) throw e
            }
          })
          const fixes = configFixesAfter.map(async (after, i) => {
            for (let k = 0; k < after; k++) await step(`fix ${i} waits`)
            await saveNotifyConfig(db, { concurrency: 2 })
            checkDone()
          })
          let settled = false
          const all = Promise.all([...started, ...fixes]).finally(() => (settled = true))
          while (!settled) {
            if (s.count() > 0) await s.waitOne()
            else await new Promise((r) => setImmediate(r))
          }
          await all

          // Afterwards: an editor resumes what is paused, and the timer runs until the job is done.
          const fine: SendApi = {
            async send(m) {
              const j = current()
              if (!['freezing', 'sending'].includes(j.status))
                violations.push(`clean-up sent while ${j.status}`)
              delivered.push(m.touser)
              return { errCode: 0, errMsg: 'ok' }
            },
          }
          const watched = hookedDatabase(db, () => undefined, checkDone)
          for (let i = 0; i < 30 && current().status !== 'done'; i++) {
            clock.t += 70000
            if (current().status === 'paused')
              await notifyFunction({ action: 'jobs.resume', id: current()._id }, as('editor-1'), {
                db,
                admins,
                worker: () => deps(db, fine),
              })
            await runNotifyWorker(deps(watched, fine, { budgetMs: 200000 }))
            checkDone()
          }

          expect(violations).toEqual([])
          const final = current()
          expect(final.status).toBe('done')
          const { data: records } = await db.collection<DeliveryRecord>(DELIVERIES).get()
          expect(records).toHaveLength(readers)
          const states = new Set<string>(FINAL_STATES)
          for (const d of records) expect(states.has(d.state)).toBe(true)
          const count = (state: string) => records.filter((d) => d.state === state).length
          expect(final.counts).toMatchObject({
            sent: count('sent'),
            failed: count('failed'),
            noGrant: count('no_grant'),
            unknown: count('unknown'),
          })
          // No reader got two messages; each `sent` delivery is a message that went out.
          expect(new Set(delivered).size).toBe(delivered.length)
          for (const d of records.filter((r) => r.state === 'sent'))
            expect(delivered).toContain(d.openid)
          for (const openid of delivered)
            expect(['sent', 'unknown']).toContain(records.find((d) => d.openid === openid)?.state)
        },
      ),
      { numRuns: 60 },
    )
  }, 120000)
})
