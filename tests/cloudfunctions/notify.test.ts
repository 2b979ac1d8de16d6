import { publishFunction } from '../../cloudfunctions/lib/publishing/handlers'
import { subscriptionFunction } from '../../cloudfunctions/lib/subscription/handlers'
import { notifyFunction } from '../../cloudfunctions/lib/notify/handlers'
import { runNotifyWorker, type WorkerDeps } from '../../cloudfunctions/lib/notify/worker'
import { notifyDefaults } from '../../cloudfunctions/lib/notify/defaults'
import { saveNotifyConfig } from '../../cloudfunctions/lib/notify/config'
import { fitThing } from '../../cloudfunctions/lib/notify/message'
import { allowlist } from '../../cloudfunctions/lib/ports/admins'
import type { Database } from '../../cloudfunctions/lib/ports/database'
import type { SendApi, SubscribeMessage } from '../../cloudfunctions/lib/ports/subscribe-message'
import { EmbeddedDatabase } from '../../server/store/embedded-database'
import { MESSAGES, SubscribeMessageStandIn } from '../../server/stand-ins/subscribe-message-api'
import { RELEASED_PAGES } from '../../server/local-cloud'
import { sampleParsed } from '../fixtures/published-store'
import { dyingDatabase } from '../fixtures/dying-database'

const TEMPLATE = 'tmpl-new-issue'
const admins = allowlist(['editor-1'])
const clock = { t: Date.parse('2024-03-28T08:00:00Z') }
const now = () => new Date(clock.t)
const as = (openid: string | null) => ({ openid, now })
const noSleep = async (ms: number) => {
  clock.t += ms
}

let db: EmbeddedDatabase
beforeEach(() => {
  db = new EmbeddedDatabase(null)
  clock.t = Date.parse('2024-03-28T08:00:00Z')
})

const grant = (openid: string, answer = 'accept') =>
  subscriptionFunction(
    {
      action: 'subscription.grant',
      templateId: TEMPLATE,
      result: { [TEMPLATE]: answer, errMsg: 'requestSubscribeMessage:ok' },
    },
    as(openid),
    { db, templateId: TEMPLATE },
  )
const status = async (openid: string) => {
  const r = await subscriptionFunction({ action: 'subscription.status' }, as(openid), {
    db,
    templateId: TEMPLATE,
  })
  return r.ok ? (r.data as { remaining: number }).remaining : -1
}
const publish = (parsed = sampleParsed()) =>
  publishFunction(
    { action: 'issues.publish', parsed: { issue: parsed.issue, articles: parsed.articles } },
    as('editor-1'),
    { db, admins },
  )

const standIn = (database: Database = db) =>
  new SubscribeMessageStandIn(database, { templateIds: [TEMPLATE], pages: RELEASED_PAGES })
const workerDeps = (send: SendApi, extra: Partial<WorkerDeps> = {}): WorkerDeps => ({
  db,
  send,
  defaults: { ...notifyDefaults(TEMPLATE), ratePerSecond: 1000, concurrency: 4 },
  runId: `run-${Math.random()}`,
  now,
  sleep: noSleep,
  budgetMs: 60000,
  leaseMs: 50,
  ...extra,
})
const messages = async () =>
  (
    await db
      .collection<{ _id: string; touser: string; page: string } & SubscribeMessage>(MESSAGES)
      .get()
  ).data

/** A send API that answers each reader with a scripted sequence of codes (`null` = no answer). */
const scripted = (
  script: Record<string, (number | null)[]>,
  inner: SendApi,
): SendApi & { calls: string[] } => {
  const calls: string[] = []
  return {
    calls,
    async send(m) {
      calls.push(m.touser)
      const next = script[m.touser]?.shift()
      if (next === undefined || next === 0) return inner.send(m)
      if (next === null) throw new Error('timeout')
      return { errCode: next, errMsg: `fail ${next}` }
    },
  }
}

describe('subscription function', () => {
  it('records a grant for the caller only, one per accepted tap', async () => {
    expect((await grant('reader-a')).ok).toBe(true)
    await grant('reader-a')
    expect(await status('reader-a')).toBe(2)
    expect(await status('reader-b')).toBe(0)
    const r = await grant('reader-b', 'reject')
    expect(r.ok && r.data).toMatchObject({ answer: 'reject', remaining: 0 })
  })

  it('never takes the user from the input', async () => {
    const spoof = await subscriptionFunction(
      { action: 'subscription.status', openid: 'reader-a' },
      as('reader-b'),
      { db, templateId: TEMPLATE },
    )
    expect(!spoof.ok && spoof.error.code).toBe('invalid_argument')
    const anonymous = await subscriptionFunction({ action: 'subscription.status' }, as(null), {
      db,
      templateId: TEMPLATE,
    })
    expect(!anonymous.ok && anonymous.error.code).toBe('permission_denied')
  })

  it('cancels the caller’s remaining grants', async () => {
    await grant('reader-a')
    await subscriptionFunction({ action: 'subscription.cancel' }, as('reader-a'), {
      db,
      templateId: TEMPLATE,
    })
    expect(await status('reader-a')).toBe(0)
  })
})

describe('publishing and jobs', () => {
  it('creates exactly one job per issue, also when republished', async () => {
    const first = await publish()
    const second = await publish()
    expect(first.ok && first.data).toMatchObject({ jobCreated: true })
    expect(second.ok && second.data).toMatchObject({ jobCreated: false, replaced: true })
    expect((await db.collection('jobs').count()).total).toBe(1)
  })

  it('lets no reader publish, run the worker or see jobs', async () => {
    const parsed = sampleParsed()
    const r = await publishFunction(
      { action: 'issues.publish', parsed: { issue: parsed.issue, articles: parsed.articles } },
      as('reader-a'),
      { db, admins },
    )
    expect(!r.ok && r.error.code).toBe('permission_denied')
    expect((await db.collection('jobs').count()).total).toBe(0)
    const deps = { db, admins, worker: () => workerDeps(standIn()) }
    for (const action of ['notify.run', 'jobs.list']) {
      const n = await notifyFunction({ action }, as('reader-a'), deps)
      expect(!n.ok && n.error.code).toBe('permission_denied')
    }
  })
})

describe('who may start a run', () => {
  const run = (ctx: { openid: string | null; source?: string }) =>
    notifyFunction(
      { action: 'notify.run' },
      { ...ctx, now },
      {
        db,
        admins,
        worker: () => workerDeps(standIn()),
      },
    )

  it('refuses every caller but the timer trigger and our own functions, by the call chain', async () => {
    for (const ctx of [
      { openid: null },
      { openid: null, source: 'wx_client' },
      { openid: 'editor-1', source: 'wx_client' },
      { openid: 'reader-a', source: 'wx_client' },
      { openid: null, source: 'wx_http' },
      { openid: null, source: 'wx_devtools' },
      { openid: null, source: 'scf,wx_client' },
      { openid: null, source: 'wx_trigger,wx_client' },
      { openid: null, source: '' },
    ]) {
      const r = await run(ctx)
      expect([ctx, !r.ok && r.error.code]).toEqual([ctx, 'permission_denied'])
    }
    for (const source of ['wx_trigger', 'wx_client,scf', 'wx_trigger,scf'])
      expect((await run({ openid: null, source })).ok).toBe(true)
  })

  it('never takes the call chain from the event', async () => {
    const r = await notifyFunction(
      { action: 'notify.run', SOURCE: 'wx_trigger' },
      { openid: null, now, source: 'wx_client' },
      { db, admins, worker: () => workerDeps(standIn()) },
    )
    expect(!r.ok && r.error.code).toBe('invalid_argument')
  })
})

describe('notify worker', () => {
  it('sends each reader with a grant one message that opens the issue, using one grant', async () => {
    await grant('reader-a')
    await grant('reader-a')
    await grant('reader-b')
    await publish()
    clock.t += 1000
    await grant('reader-late') // after the job was created: not a recipient of this issue
    const summary = await runNotifyWorker(workerDeps(standIn()))
    expect(summary.jobs[0]).toMatchObject({
      status: 'done',
      total: 2,
      counts: { sent: 2, failed: 0, unknown: 0 },
    })
    const sent = await messages()
    expect(sent.map((m) => m.touser).sort()).toEqual(['reader-a', 'reader-b'])
    expect(sent[0].page).toBe('packages/reader/issue/index?id=i280')
    expect(sent[0].data).toEqual({
      thing1: { value: '双周决策观察2024年第6期' },
      thing2: { value: '多地布局低空经济先行区' },
      date3: { value: '2024年3月28日' },
    })
    expect(await status('reader-a')).toBe(1)
    expect(await status('reader-b')).toBe(0)
    expect(await status('reader-late')).toBe(1)
    // A second run finds nothing to do and sends nothing.
    await runNotifyWorker(workerDeps(standIn()))
    expect(await messages()).toHaveLength(2)
  })

  it('cuts long titles cleanly to the template limit', () => {
    expect(fitThing('深圳发布全国首个市级适应气候变化中长期规划（2023-2025年）')).toBe(
      '深圳发布全国首个市级适应气候变化中长期…',
    )
    expect([...fitThing('深圳发布全国首个市级适应气候变化中长期规划（2023-2025年）')]).toHaveLength(
      20,
    )
    expect(fitThing('短标题')).toBe('短标题')
  })

  it('treats 43101 and 40003 as permanent, retries 45009 and -1, never resends an unanswered call', async () => {
    for (const r of ['perm-1', 'perm-2', 'busy', 'flaky', 'silent', 'fine']) await grant(r)
    await publish()
    const send = scripted(
      { 'perm-1': [43101], 'perm-2': [40003], busy: [45009, 45009], flaky: [-1], silent: [null] },
      standIn(),
    )
    for (let i = 0; i < 10; i++) {
      const s = await runNotifyWorker(workerDeps(send))
      if (s.jobs[0]?.status === 'done') break
    }
    const job = (
      await db
        .collection<{ _id: string; status: string; counts: Record<string, number> }>('jobs')
        .get()
    ).data[0]
    expect(job.status).toBe('done')
    expect(job.counts).toMatchObject({ sent: 3, failed: 2, unknown: 1, noGrant: 0 })
    expect(send.calls.filter((c) => c === 'silent')).toHaveLength(1)
    expect(send.calls.filter((c) => c === 'busy')).toHaveLength(3)
    expect((await messages()).map((m) => m.touser).sort()).toEqual(['busy', 'fine', 'flaky'])
    expect(await status('perm-1')).toBe(0)
    expect(await status('busy')).toBe(0)
  })

  it('pauses on a configuration error and resumes once the configuration is fixed', async () => {
    for (const r of ['r1', 'r2', 'r3']) await grant(r)
    await publish()
    await saveNotifyConfig(db, { issuePage: 'pages/unreleased/index' })
    const first = await runNotifyWorker(workerDeps(standIn()))
    expect(first.jobs[0]).toMatchObject({ status: 'paused' })
    const paused = (await db.collection<{ _id: string; pauseReason: string }>('jobs').get()).data[0]
    expect(paused.pauseReason).toBe('config:41030')
    expect(await messages()).toHaveLength(0)
    expect(await status('r1')).toBe(1)
    // Unchanged configuration: stays paused.
    expect((await runNotifyWorker(workerDeps(standIn()))).jobs).toEqual([])
    await saveNotifyConfig(db, { issuePage: 'packages/reader/issue/index' })
    const resumed = await runNotifyWorker(workerDeps(standIn()))
    expect(resumed.jobs[0]).toMatchObject({ status: 'done', counts: { sent: 3 } })
    expect(await messages()).toHaveLength(3)
  })

  it('pauses itself when errors exceed the threshold', async () => {
    for (let i = 0; i < 120; i++) await grant(`r${String(i).padStart(3, '0')}`)
    await publish()
    const failing: SendApi = { send: async () => ({ errCode: -1, errMsg: 'busy' }) }
    const s = await runNotifyWorker(workerDeps(failing))
    expect(s.jobs[0]).toMatchObject({ status: 'paused' })
    expect(
      (await db.collection<{ _id: string; pauseReason: string }>('jobs').get()).data[0].pauseReason,
    ).toBe('error_rate')
  })

  it('keeps its job through a window that lasts longer than the lease, so no other run takes over', async () => {
    const readers = Array.from({ length: 20 }, (_, i) => `r${String(i).padStart(2, '0')}`)
    for (const r of readers) await grant(r)
    await publish()
    const inner = standIn()
    let second: Awaited<ReturnType<typeof runNotifyWorker>> | null = null
    // One lane, each send takes 20 ms: the window outlasts the 50 ms lease. During the tenth send
    // a timer trigger starts another run, with too little time to wait out a lease renewed in it.
    const slow: SendApi = {
      async send(m) {
        clock.t += 20
        if (m.touser === 'r09') second = await runNotifyWorker(workerDeps(inner, { budgetMs: 20 }))
        return inner.send(m)
      },
    }
    const oneLane = { ...notifyDefaults(TEMPLATE), ratePerSecond: 1000, concurrency: 1 }
    const first = await runNotifyWorker(workerDeps(slow, { defaults: oneLane }))
    expect(second).toMatchObject({ jobs: [] })
    expect(first.jobs[0]).toMatchObject({ status: 'done', counts: { sent: 20, unknown: 0 } })
    expect((await messages()).map((m) => m.touser).sort()).toEqual(readers)
  })

  it('never resends when killed between the send and its record', async () => {
    for (const r of ['r1', 'r2', 'r3', 'r4']) await grant(r)
    await publish()
    // A database that dies (like a killed process) when recording r2's success.
    const dying = dyingDatabase(
      db,
      (op) => op.where?._id === 'i280:r2' && op.data?.state === 'sent',
    ) as unknown as EmbeddedDatabase
    await expect(
      runNotifyWorker({
        ...workerDeps(standIn(dying), { concurrency: 1 } as Partial<WorkerDeps>),
        db: dying,
        defaults: { ...notifyDefaults(TEMPLATE), concurrency: 1 },
      }),
    ).rejects.toThrow('killed')
    clock.t += 1000 // the dead run's lease runs out
    const after = await runNotifyWorker(workerDeps(standIn()))
    expect(after.jobs[0]).toMatchObject({ status: 'done', counts: { sent: 3, unknown: 1 } })
    const sent = (await messages()).map((m) => m.touser).sort()
    expect(sent).toEqual(['r1', 'r2', 'r3', 'r4'])
  })
})
