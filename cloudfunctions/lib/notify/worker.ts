import type { Database } from '../ports/database'
import { CONFIG_ERRORS, PERMANENT_ERRORS, type SendApi } from '../ports/subscribe-message'
import { GRANTS, type GrantRecord } from '../subscription/records'
import { loadNotifyConfig } from './config'
import { newIssueMessage, type NotifyConfig } from './message'
import { Pacer } from './pacer'
import {
  DELIVERIES,
  deliveryIdOf,
  emptyCounts,
  JOBS,
  resumedStatus,
  type DeliveryRecord,
  type DeliveryState,
  type JobCounts,
  type JobRecord,
} from './records'

export interface WorkerDeps {
  db: Database
  send: SendApi
  defaults: NotifyConfig
  runId: string
  now: () => Date
  sleep: (ms: number) => Promise<void>
  /** Time this run may spend, well inside the function timeout. */
  budgetMs: number
  /** How long a run holds a job; renewed at every checkpoint and, within a window, every third of it. */
  leaseMs?: number
  windowSize?: number
  maxAttempts?: number
  /** Pause the job when more than this share of the last 200 sends failed transiently. */
  errorRateLimit?: number
}

export interface RunSummary {
  runId: string
  jobs: { id: string; status: string; counts: JobCounts; total: number }[]
  /** True when no job is left to work on (all done, or paused waiting for an operator). */
  idle: boolean
}

type Outcome = 'sent' | 'failed' | 'no_grant' | 'unknown' | 'retried' | 'config' | 'skipped'

const FREEZE_PAGE = 1000
const RETRY_EVERY_WINDOWS = 5
const CLAIMABLE: DeliveryState[] = ['pending', 'retry']

/**
 * The notification worker: freezes each job's recipients, then claims, sends and records one
 * delivery at a time, checkpointing after every window. Safe to kill at any point and to run
 * twice: a delivery is claimed before its message is sent and a claimed one is never sent again.
 */
export async function runNotifyWorker(deps: WorkerDeps): Promise<RunSummary> {
  const { db } = deps
  const _ = db.command
  const deadline = deps.now().getTime() + deps.budgetMs
  // Short, so a run that died holds its job up only briefly; live runs renew it as they go.
  const leaseMs = deps.leaseMs ?? 1500
  const windowSize = deps.windowSize ?? 400
  const timeLeft = () => deadline - deps.now().getTime()
  const config = await loadNotifyConfig(db, deps.defaults)
  const jobs = db.collection<JobRecord>(JOBS)
  const deliveries = db.collection<DeliveryRecord>(DELIVERIES)
  const grants = db.collection<GrantRecord>(GRANTS)
  const summary: RunSummary = { runId: deps.runId, jobs: [], idle: true }
  let renewedAt = 0

  const { data: open } = await jobs
    .where({ status: _.in(['freezing', 'sending', 'paused']) })
    .orderBy('createdAt', 'asc')
    .get()
  for (let job of open) {
    if (timeLeft() <= 0) {
      summary.idle = false
      break
    }
    if (job.status === 'paused') {
      const configFixed =
        job.pauseReason?.startsWith('config') && job.pausedConfigVersion !== config.version
      if (!configFixed) continue
      job = { ...job, status: resumedStatus(job), pauseReason: null }
      await jobs
        .doc(job._id)
        .update({ data: { status: job.status, pauseReason: null, pausedConfigVersion: null } })
    }
    // Held by another live run, which carries on with it.
    if (!(await acquireLease(job))) continue
    await recoverOrphans(job)
    if (job.status === 'freezing') job = await freeze(job)
    if (job.status === 'sending') job = await sendAll(job)
    await jobs
      .doc(job._id)
      .update({ data: { leaseUntil: new Date(0).toISOString(), leaseOwner: '' } })
    if (job.status === 'freezing' || job.status === 'sending') summary.idle = false
    summary.jobs.push({ id: job._id, status: job.status, counts: job.counts, total: job.total })
  }
  return summary

  /** Takes the job unless another live run holds it; waits out a lease left by a killed run. */
  async function acquireLease(job: JobRecord): Promise<boolean> {
    for (;;) {
      const now = deps.now()
      const { stats } = await jobs
        .where({ _id: job._id, leaseUntil: _.lt(now.toISOString()) })
        .update({
          data: {
            leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
            leaseOwner: deps.runId,
          },
        })
      if (stats.updated > 0) {
        renewedAt = now.getTime()
        return true
      }
      const { data } = await jobs.where({ _id: job._id }).limit(1).get()
      const wait = Date.parse(data[0]?.leaseUntil ?? '') - now.getTime()
      if (!(wait > 0) || wait > leaseMs || wait > timeLeft()) return false
      await deps.sleep(wait + 10)
    }
  }

  function renewLease(job: JobRecord, patch: Record<string, unknown>) {
    renewedAt = deps.now().getTime()
    return jobs.doc(job._id).update({
      data: {
        ...patch,
        leaseUntil: new Date(deps.now().getTime() + leaseMs).toISOString(),
        updatedAt: deps.now().toISOString(),
      },
    })
  }

  /** Renews the lease inside a window when a third of it has passed (lanes check before each send). */
  async function keepLease(job: JobRecord): Promise<void> {
    if (deps.now().getTime() - renewedAt >= leaseMs / 3) await renewLease(job, {})
  }

  /** Deliveries left `sending` by a run that died: the call may have been made, so never resend. */
  async function recoverOrphans(job: JobRecord): Promise<void> {
    const { stats } = await deliveries
      .where({ jobId: job._id, state: 'sending' })
      .update({ data: { state: 'unknown', updatedAt: deps.now().toISOString() } })
    if (stats.updated > 0) {
      job.counts.unknown += stats.updated
      await jobs.doc(job._id).update({ data: { counts: { unknown: _.inc(stats.updated) } } })
    }
  }

  /** Creates a delivery record for every reader who held a grant when the job was created. */
  async function freeze(job: JobRecord): Promise<JobRecord> {
    while (timeLeft() > 0) {
      const { data: page } = await grants
        .where({ count: _.gt(0), since: _.lte(job.frozenAt), _id: _.gt(job.freezeCursor) })
        .orderBy('_id', 'asc')
        .limit(FREEZE_PAGE)
        .get()
      const stamp = deps.now().toISOString()
      await Promise.all(
        page.map((grant, i) =>
          deliveries
            .add({
              data: {
                _id: deliveryIdOf(job.issueId, grant._id),
                jobId: job._id,
                openid: grant._id,
                seq: job.total + i,
                state: 'pending',
                attempts: 0,
                nextAttemptAt: stamp,
                lastError: null,
                updatedAt: stamp,
              },
            })
            // Already created by a run that died before its checkpoint: keep that record.
            .catch(() => undefined),
        ),
      )
      const done = page.length < FREEZE_PAGE
      job = {
        ...job,
        total: job.total + page.length,
        freezeCursor: page.length ? page[page.length - 1]._id : job.freezeCursor,
        status: done ? 'sending' : 'freezing',
      }
      await renewLease(job, {
        total: job.total,
        freezeCursor: job.freezeCursor,
        status: job.status,
      })
      if (done) break
    }
    return job
  }

  async function sendAll(job: JobRecord): Promise<JobRecord> {
    const pacer = new Pacer(config.ratePerSecond, () => deps.now().getTime(), deps.sleep)
    const recent: boolean[] = []
    const maxAttempts = deps.maxAttempts ?? 5
    const errorRateLimit = deps.errorRateLimit ?? 0.3
    const message = { id: job.issueId, ...job.message }

    /** Claim → send → record, for one delivery. */
    const deliver = async (d: DeliveryRecord): Promise<Outcome> => {
      await pacer.take()
      const now = deps.now().toISOString()
      const claim = await deliveries
        .where({ _id: d._id, state: d.state })
        .update({ data: { state: 'sending', updatedAt: now } })
      if (claim.stats.updated === 0) return 'skipped'
      const used = await grants
        .where({ _id: d.openid, count: _.gt(0) })
        .update({ data: { count: _.inc(-1), updatedAt: now } })
      const record = (state: DeliveryState, extra: Record<string, unknown> = {}) =>
        deliveries
          .doc(d._id)
          .update({ data: { state, updatedAt: deps.now().toISOString(), ...extra } })
      if (used.stats.updated === 0) {
        await record('no_grant')
        return 'no_grant'
      }
      let errCode: number
      try {
        errCode = (await deps.send.send(newIssueMessage(config, message, d.openid))).errCode
      } catch {
        await record('unknown')
        return 'unknown'
      }
      if (errCode === 0) {
        await record('sent', { attempts: d.attempts + 1 })
        return 'sent'
      }
      if (PERMANENT_ERRORS.has(errCode)) {
        // WeChat holds no grant for this reader (or no such reader): our count was wrong, fix it.
        await grants.doc(d.openid).update({ data: { count: 0 } })
        await record('failed', { lastError: errCode, attempts: d.attempts + 1 })
        return 'failed'
      }
      // Nothing was sent: give the grant back.
      await grants.doc(d.openid).update({ data: { count: _.inc(1) } })
      if (CONFIG_ERRORS.has(errCode)) {
        await record(d.state, { lastError: errCode })
        configError = errCode
        return 'config'
      }
      const attempts = d.attempts + 1
      if (attempts >= maxAttempts) {
        await record('failed', { lastError: errCode, attempts })
        return 'failed'
      }
      const backoff = Math.min(60000, 500 * 2 ** (attempts - 1))
      await record('retry', {
        lastError: errCode,
        attempts,
        nextAttemptAt: new Date(deps.now().getTime() + backoff).toISOString(),
      })
      return 'retried'
    }

    let configError: number | null = null
    const processWindow = async (batch: DeliveryRecord[]): Promise<JobCounts> => {
      const counts = emptyCounts()
      let next = 0
      const lane = async () => {
        while (next < batch.length && configError === null) {
          const d = batch[next++]
          if (!CLAIMABLE.includes(d.state)) continue
          await keepLease(job)
          const outcome = await deliver(d)
          if (outcome === 'sent') counts.sent++
          else if (outcome === 'failed') counts.failed++
          else if (outcome === 'no_grant') counts.noGrant++
          else if (outcome === 'unknown') counts.unknown++
          else if (outcome === 'retried') counts.retried++
          if (outcome !== 'skipped' && outcome !== 'no_grant') {
            recent.push(outcome === 'retried' || outcome === 'unknown')
            if (recent.length > 200) recent.shift()
          }
        }
      }
      await Promise.all(Array.from({ length: Math.max(1, config.concurrency) }, lane))
      return counts
    }

    const checkpoint = async (counts: JobCounts, patch: Record<string, unknown>) => {
      for (const k of Object.keys(counts) as (keyof JobCounts)[]) job.counts[k] += counts[k]
      const inc = Object.fromEntries(
        Object.entries(counts)
          .filter(([, v]) => v > 0)
          .map(([k, v]) => [k, _.inc(v)]),
      )
      await renewLease(job, { ...patch, ...(Object.keys(inc).length ? { counts: inc } : {}) })
    }

    const pause = async (reason: string) => {
      job = {
        ...job,
        status: 'paused',
        pauseReason: reason,
        pausedConfigVersion: reason.startsWith('config') ? config.version : null,
      }
      await jobs.doc(job._id).update({
        data: {
          status: 'paused',
          pauseReason: reason,
          pausedConfigVersion: job.pausedConfigVersion,
        },
      })
    }

    const tooManyErrors = () =>
      recent.length >= 100 && recent.filter(Boolean).length / recent.length > errorRateLimit

    /** Sends one batch and checkpoints; false when the job had to pause. */
    const sendBatch = async (
      batch: DeliveryRecord[],
      patch: () => Record<string, unknown>,
    ): Promise<boolean> => {
      const counts = await processWindow(batch)
      if (configError !== null) {
        await checkpoint(counts, {})
        await pause(`config:${configError}`)
        return false
      }
      await checkpoint(counts, patch())
      if (tooManyErrors()) {
        await pause('error_rate')
        return false
      }
      return true
    }
    const dueRetries = async () =>
      (
        await deliveries
          .where({ jobId: job._id, state: 'retry', nextAttemptAt: _.lte(deps.now().toISOString()) })
          .limit(windowSize)
          .get()
      ).data

    let windows = 0
    while (timeLeft() > 0) {
      const firstPass = job.cursor < job.total
      // Retries fall due during the first pass too: taking them every few windows keeps the tail short.
      if (!firstPass || ++windows % RETRY_EVERY_WINDOWS === 0) {
        const due = await dueRetries()
        if (due.length > 0) {
          if (!(await sendBatch(due, () => ({})))) return job
          continue
        }
      }
      if (firstPass) {
        // First pass, in recipient order.
        const { data: batch } = await deliveries
          .where({ jobId: job._id, seq: _.and(_.gte(job.cursor), _.lt(job.cursor + windowSize)) })
          .orderBy('seq', 'asc')
          .get()
        if (!(await sendBatch(batch, () => ({ cursor: (job.cursor += windowSize) })))) return job
        continue
      }
      const { data: waiting } = await deliveries
        .where({ jobId: job._id, state: _.in(['retry', 'pending']) })
        .orderBy('nextAttemptAt', 'asc')
        .limit(1)
        .get()
      if (waiting.length === 0) return finish()
      if (waiting[0].state === 'pending') {
        // Left behind the cursor (a window cut short by a pause): go back to it.
        job.cursor = waiting[0].seq - (waiting[0].seq % windowSize)
        await checkpoint(emptyCounts(), { cursor: job.cursor })
        continue
      }
      const wait = Date.parse(waiting[0].nextAttemptAt) - deps.now().getTime()
      if (wait >= timeLeft()) break
      await renewLease(job, {})
      await deps.sleep(Math.max(10, Math.min(wait, leaseMs / 2)))
    }
    return job

    /** Counts every outcome from the delivery records (exact even after crashes), then closes the job. */
    async function finish(): Promise<JobRecord> {
      const count = async (state: DeliveryState) =>
        (await deliveries.where({ jobId: job._id, state }).count()).total
      const counts: JobCounts = {
        sent: await count('sent'),
        failed: await count('failed'),
        noGrant: await count('no_grant'),
        unknown: await count('unknown'),
        retried: job.counts.retried,
      }
      job = { ...job, status: 'done', counts }
      await jobs.doc(job._id).update({
        data: { status: 'done', counts: _.set(counts), updatedAt: deps.now().toISOString() },
      })
      return job
    }
  }
}
