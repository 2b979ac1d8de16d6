import type { Database } from '../ports/database'
import { CONFIG_ERRORS, PERMANENT_ERRORS, type SendApi } from '../ports/subscribe-message'
import { GRANTS, type GrantRecord } from '../subscription/records'
import { loadNotifyConfig } from './config'
import { InFlightGate } from './in-flight'
import { repairPublishes } from './jobs'
import { newIssueMessage, type NotifyConfig } from './message'
import { Pacer } from './pacer'
import {
  DELIVERIES,
  deliveryIdOf,
  emptyCounts,
  JOBS,
  OPEN_STATUSES,
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
  /** Recipients frozen per page (one page beside each window sent). */
  freezePageSize?: number
  maxAttempts?: number
  /** Pause the job when more than this share of the last `errorWindow` sends failed transiently. */
  errorRateLimit?: number
  /** Sends the error rate looks back over (judged once half of them are in). */
  errorWindow?: number
}

export interface RunSummary {
  runId: string
  jobs: { id: string; status: string; counts: JobCounts; total: number }[]
  /** True when no job is left to work on (all done, or paused waiting for an operator). */
  idle: boolean
}

type Outcome =
  'sent' | 'failed' | 'no_grant' | 'unknown' | 'retried' | 'config' | 'skipped' | 'expired'

/** One delivery's outcome and the write that records it, if still to be made. */
interface Step {
  outcome: Outcome
  record?: () => Promise<boolean>
}

/** The run no longer holds the job (its lease ran out and another run took it, or the job moved on). */
class JobLost extends Error {}

const FREEZE_PAGE = 1000
/** Recipients being added at once while freezing a page beside sending. */
const FREEZE_ADDS_IN_FLIGHT = 16
const RETRY_EVERY_WINDOWS = 5
const CLAIMABLE: DeliveryState[] = ['pending', 'retry']
const NO_LEASE = new Date(0).toISOString()

/**
 * The notification worker: freezes each job's recipients a page at a time while it claims,
 * sends and records the deliveries frozen so far, checkpointing after every window; at most about
 * twice the calls the rate needs are in flight at once (see `InFlightGate`). Safe to kill at any
 * point and to run several at once: a delivery is claimed before its message is sent and a
 * claimed one is never sent again; a run works on a job only while it holds the job's lease, reads
 * the job afresh when it takes the lease, and writes it only while the lease is still its own and
 * the job's status is the one it read, so a run that read a job earlier never sends for, reopens
 * or rewrites a job that another run paused or finished. No call is made once the run's lease may
 * have run out.
 */
export async function runNotifyWorker(deps: WorkerDeps): Promise<RunSummary> {
  const { db } = deps
  const _ = db.command
  const deadline = deps.now().getTime() + deps.budgetMs
  // Short, so a run that died holds its job up for well under a second; live runs renew it as
  // they go (a renewal is one small write every third of it).
  const leaseMs = deps.leaseMs ?? 400
  // Large, so the pauses between windows (a checkpoint, the next read) and the scans for due
  // retries, every few windows, stay rare.
  const windowSize = deps.windowSize ?? 800
  const freezePageSize = deps.freezePageSize ?? FREEZE_PAGE
  const timeLeft = () => deadline - deps.now().getTime()
  const config = await loadNotifyConfig(db, deps.defaults)
  const jobs = db.collection<JobRecord>(JOBS)
  const deliveries = db.collection<DeliveryRecord>(DELIVERIES)
  const grants = db.collection<GrantRecord>(GRANTS)
  const summary: RunSummary = { runId: deps.runId, jobs: [], idle: true }
  /** When this run last renewed its lease, and until when that lease holds. */
  let renewedAt = 0
  let heldUntil = 0

  // A first publish killed after the switch left a job waiting: make it a job now.
  await repairPublishes(db, deps.now())
  const { data: open } = await jobs
    .where({ status: _.in(OPEN_STATUSES) })
    .orderBy('createdAt', 'asc')
    .field({ _id: true })
    .get()
  for (const { _id } of open) {
    if (timeLeft() <= 0) {
      summary.idle = false
      break
    }
    // Held by another live run, which carries on with it; or no longer open.
    let job = await acquireLease(_id)
    if (!job) continue
    try {
      if (job.status === 'paused') {
        const configFixed =
          job.pauseReason?.startsWith('config') && job.pausedConfigVersion !== config.version
        if (!configFixed) continue
        job = await write(job, {
          status: resumedStatus(job),
          pauseReason: null,
          pausedConfigVersion: null,
        })
      }
      if (job.status === 'freezing' || job.status === 'sending') job = await sendAll(job)
      if (job.status === 'freezing' || job.status === 'sending') summary.idle = false
      summary.jobs.push({ id: job._id, status: job.status, counts: job.counts, total: job.total })
    } catch (e) {
      if (!(e instanceof JobLost)) throw e
    } finally {
      // Only our own lease: a finished job is never written again, another run's lease never freed.
      await jobs
        .where({ _id, leaseOwner: deps.runId, status: _.in(OPEN_STATUSES) })
        .update({ data: { leaseUntil: NO_LEASE, leaseOwner: '' } })
    }
  }
  return summary

  async function readJob(id: string): Promise<JobRecord | null> {
    const { data } = await jobs.where({ _id: id }).limit(1).get()
    return data[0] ?? null
  }

  /**
   * Takes an open job unless another live run holds it (waits out a lease left by a killed run),
   * and returns the job as stored once the lease is ours; null when it is not to be had.
   */
  async function acquireLease(id: string): Promise<JobRecord | null> {
    for (;;) {
      const now = deps.now().getTime()
      const until = now + leaseMs
      const { stats } = await jobs
        .where({
          _id: id,
          status: _.in(OPEN_STATUSES),
          leaseUntil: _.lt(new Date(now).toISOString()),
        })
        .update({ data: { leaseUntil: new Date(until).toISOString(), leaseOwner: deps.runId } })
      const job = await readJob(id)
      if (!job || !OPEN_STATUSES.includes(job.status)) return null
      if (stats.updated > 0 && job.leaseOwner === deps.runId) {
        renewedAt = now
        heldUntil = until
        return job
      }
      const wait = Date.parse(job.leaseUntil) - deps.now().getTime()
      if (!(wait > 0) || wait > leaseMs || wait > timeLeft()) return null
      await deps.sleep(wait + 10)
    }
  }

  /**
   * Writes the job while this run holds it and it is as the run last saw it, renewing the lease;
   * then reads it back. Throws JobLost when another run has taken it over or its status moved on.
   */
  async function write(job: JobRecord, patch: Record<string, unknown>): Promise<JobRecord> {
    const now = deps.now().getTime()
    const until = now + leaseMs
    const { stats } = await jobs
      .where({ _id: job._id, leaseOwner: deps.runId, status: job.status })
      .update({
        data: {
          ...patch,
          leaseUntil: new Date(until).toISOString(),
          updatedAt: new Date(now).toISOString(),
        },
      })
    if (stats.updated === 0) throw new JobLost()
    const stored = await readJob(job._id)
    if (!stored || stored.leaseOwner !== deps.runId) throw new JobLost()
    renewedAt = now
    heldUntil = until
    return { ...job, status: stored.status, pauseReason: stored.pauseReason }
  }

  /** Renews the lease inside a window when a third of it has passed (lanes check before each send). */
  async function keepLease(job: JobRecord): Promise<void> {
    if (deps.now().getTime() - renewedAt >= leaseMs / 3) await write(job, {})
  }

  /** True while the lease this run last renewed still holds: no call is made outside it. */
  function holding(): boolean {
    return deps.now().getTime() < heldUntil
  }

  /**
   * Marks unknown the deliveries left `sending` by a run that died (the call may have been made,
   * so never resend) and returns how many; only while this run holds the job, so none of them is
   * another live run's call in flight. They are not claimable, so sending may go on meanwhile.
   */
  async function recoverOrphans(job: JobRecord): Promise<number> {
    const { stats } = await deliveries
      .where({ jobId: job._id, state: 'sending' })
      .update({ data: { state: 'unknown', updatedAt: deps.now().toISOString() } })
    return stats.updated
  }

  /**
   * Creates the delivery records of the next page of recipients (readers who held a grant when
   * the job was created), numbered on from `job.total`; returns the job fields to checkpoint.
   * Runs beside the sending of what is already frozen, so freezing costs no sending time.
   */
  async function freezePage(job: JobRecord): Promise<Partial<JobRecord>> {
    const { data: page } = await grants
      .where({ count: _.gt(0), since: _.lte(job.frozenAt), _id: _.gt(job.freezeCursor) })
      .orderBy('_id', 'asc')
      .limit(freezePageSize)
      .get()
    // Only under the lease: another run may have taken the job and be freezing this page.
    if (!holding()) return {}
    const stamp = deps.now().toISOString()
    const add = (grant: (typeof page)[number], i: number) =>
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
        .catch(() => undefined)
    // A few adds in flight at a time, not the whole page: a page's worth queued at once at the
    // database would hold up the sending lanes' claims behind it (a stall per window).
    let next = 0
    const adder = async () => {
      while (next < page.length) {
        const i = next++
        await add(page[i], i)
      }
    }
    await Promise.all(Array.from({ length: FREEZE_ADDS_IN_FLIGHT }, adder))
    const done = page.length < freezePageSize
    return {
      total: job.total + page.length,
      freezeCursor: page.length ? page[page.length - 1]._id : job.freezeCursor,
      ...(done ? { status: 'sending' as const, frozen: true } : {}),
    }
  }

  async function sendAll(job: JobRecord): Promise<JobRecord> {
    // Runs beside reading the first window (a scan of every delivery); counted at its checkpoint.
    const recovery: { orphans: Promise<number> | null } = { orphans: recoverOrphans(job) }
    recovery.orphans?.catch(() => undefined)
    const pacer = new Pacer(config.ratePerSecond, () => deps.now().getTime(), deps.sleep)
    const gate = new InFlightGate(config.ratePerSecond, Math.max(1, config.concurrency))
    const recent: boolean[] = []
    const maxAttempts = deps.maxAttempts ?? 5
    const errorRateLimit = deps.errorRateLimit ?? 0.3
    const errorWindow = deps.errorWindow ?? 200
    const message = { id: job.issueId, ...job.message }
    /** Set when the lease may have run out mid-window: lanes stop, the checkpoint renews or gives up. */
    let expired = false

    /**
     * Claim → send, for one delivery; the write that records its outcome comes back with it, to
     * go out with the lane's next claim (the outcome counts once that write lands).
     */
    const deliver = async (d: DeliveryRecord): Promise<Step> => {
      const now = deps.now().toISOString()
      // The claim and the use of a grant go out together (one round trip, not two); a grant used
      // for a delivery another run had claimed is given back.
      const [claim, used] = await Promise.all([
        deliveries
          .where({ _id: d._id, state: d.state })
          .update({ data: { state: 'sending', updatedAt: now } }),
        grants
          .where({ _id: d.openid, count: _.gt(0) })
          .update({ data: { count: _.inc(-1), updatedAt: now } }),
      ])
      if (claim.stats.updated === 0) {
        if (used.stats.updated > 0) await grants.doc(d.openid).update({ data: { count: _.inc(1) } })
        return { outcome: 'skipped' }
      }
      /** Records the outcome unless another run has since recorded this delivery (as unknown). */
      const record = async (state: DeliveryState, extra: Record<string, unknown> = {}) =>
        (
          await deliveries
            .where({ _id: d._id, state: 'sending' })
            .update({ data: { state, updatedAt: deps.now().toISOString(), ...extra } })
        ).stats.updated > 0
      const later = (outcome: Outcome, state: DeliveryState, extra?: Record<string, unknown>) => ({
        outcome,
        record: () => record(state, extra),
      })
      if (used.stats.updated === 0) return later('no_grant', 'no_grant')
      // The lease may have run out while claiming: then the call is not made and the claim undone.
      if (!holding()) {
        expired = true
        if (await record(d.state)) await grants.doc(d.openid).update({ data: { count: _.inc(1) } })
        return { outcome: 'expired' }
      }
      let errCode: number
      const started = deps.now().getTime()
      try {
        errCode = (await deps.send.send(newIssueMessage(config, message, d.openid))).errCode
      } catch {
        return later('unknown', 'unknown')
      }
      gate.observe(deps.now().getTime() - started)
      if (errCode === 0) return later('sent', 'sent', { attempts: d.attempts + 1 })
      if (PERMANENT_ERRORS.has(errCode)) {
        // WeChat holds no grant for this reader (or no such reader): our count was wrong, fix it.
        await grants.doc(d.openid).update({ data: { count: 0 } })
        return later('failed', 'failed', { lastError: errCode, attempts: d.attempts + 1 })
      }
      // Nothing was sent: give the grant back.
      await grants.doc(d.openid).update({ data: { count: _.inc(1) } })
      if (CONFIG_ERRORS.has(errCode)) {
        await record(d.state, { lastError: errCode })
        configError = errCode
        return { outcome: 'config' }
      }
      const attempts = d.attempts + 1
      if (attempts >= maxAttempts)
        return later('failed', 'failed', { lastError: errCode, attempts })
      const backoff = Math.min(60000, 500 * 2 ** (attempts - 1))
      return later('retried', 'retry', {
        lastError: errCode,
        attempts,
        nextAttemptAt: new Date(deps.now().getTime() + backoff).toISOString(),
      })
    }

    let configError: number | null = null
    const processWindow = async (batch: DeliveryRecord[]): Promise<JobCounts> => {
      const counts = emptyCounts()
      let next = 0
      // A lane that failed (its run lost the job) ends the window for all.
      let failed = false
      const over = () => failed || next >= batch.length || configError !== null || expired
      const tally = (outcome: Outcome) => {
        if (outcome === 'sent') counts.sent++
        else if (outcome === 'failed') counts.failed++
        else if (outcome === 'no_grant') counts.noGrant++
        else if (outcome === 'unknown') counts.unknown++
        else if (outcome === 'retried') counts.retried++
        if (outcome !== 'skipped' && outcome !== 'no_grant' && outcome !== 'expired') {
          recent.push(outcome === 'retried' || outcome === 'unknown')
          if (recent.length > errorWindow) recent.shift()
        }
      }
      // Each lane has at most one delivery claimed and unrecorded at a time (its last one's record
      // goes out before its next claim), and only lanes within the gate's limit work.
      const lane = async (index: number) => {
        let pending: Step | null = null
        const settle = async () => {
          const step = pending
          pending = null
          if (step) tally(step.record && !(await step.record()) ? 'skipped' : step.outcome)
        }
        try {
          for (;;) {
            await gate.admit(index, over)
            if (over()) break
            const d = batch[next++]
            if (!CLAIMABLE.includes(d.state)) continue
            await keepLease(job)
            await pacer.take()
            const [, step] = await Promise.all([settle(), deliver(d)])
            pending = step
          }
        } catch (e) {
          failed = true
          throw e
        } finally {
          // Lanes waiting for the limit see that the window is over, also when the write of this
          // lane's last outcome fails (else they would wait for a wake that never comes).
          await settle().then(
            () => gate.wake(),
            (e: unknown) => {
              failed = true
              gate.wake()
              throw e
            },
          )
        }
      }
      // A lane that finds its lease lost stops the window; the others finish their call first.
      const lanes = await Promise.allSettled(
        Array.from({ length: Math.max(1, config.concurrency) }, (_, i) => lane(i)),
      )
      for (const l of lanes) if (l.status === 'rejected') throw l.reason
      return counts
    }

    const checkpoint = async (counts: JobCounts, patch: Record<string, unknown>) => {
      if (recovery.orphans) {
        counts = { ...counts, unknown: counts.unknown + (await recovery.orphans) }
        recovery.orphans = null
      }
      const inc = Object.fromEntries(
        Object.entries(counts)
          .filter(([, v]) => v > 0)
          .map(([k, v]) => [k, _.inc(v)]),
      )
      const stored = await write(job, {
        ...patch,
        ...(Object.keys(inc).length ? { counts: inc } : {}),
      })
      job = { ...job, ...(patch as Partial<JobRecord>), status: stored.status }
      for (const k of Object.keys(counts) as (keyof JobCounts)[]) job.counts[k] += counts[k]
      expired = false
    }

    const pause = async (reason: string) => {
      const pausedConfigVersion = reason.startsWith('config') ? config.version : null
      await write(job, { status: 'paused', pauseReason: reason, pausedConfigVersion })
      job = { ...job, status: 'paused', pauseReason: reason, pausedConfigVersion }
    }

    const tooManyErrors = () =>
      recent.length >= errorWindow / 2 &&
      recent.filter(Boolean).length / recent.length > errorRateLimit

    /**
     * Sends one batch (while freezing the next page of recipients, if any are left) and
     * checkpoints both; false when the job had to pause.
     */
    const sendBatch = async (
      batch: DeliveryRecord[],
      patch: () => Record<string, unknown>,
    ): Promise<boolean> => {
      const page = job.status === 'freezing' ? freezePage(job) : Promise.resolve({})
      // Awaited below; a window that fails first must not leave its failure unhandled.
      page.catch(() => undefined)
      // No claim before the orphans are marked: the scan must not catch this run's own claims.
      await recovery.orphans
      const counts = await processWindow(batch)
      const frozen = await page
      if (configError !== null) {
        await checkpoint(counts, frozen)
        await pause(`config:${configError}`)
        return false
      }
      // A window cut short by an expired lease leaves the cursor: what it skipped is still pending.
      await checkpoint(counts, { ...frozen, ...(expired ? {} : patch()) })
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

    /** The first-pass recipients with `from ≤ seq < to`, in order. */
    const firstPassWindow = async (from: number, to: number) =>
      (
        await deliveries
          .where({ jobId: job._id, seq: _.and(_.gte(from), _.lt(to)) })
          .orderBy('seq', 'asc')
          .get()
      ).data
    /**
     * The next first-pass window, read while the current one is sent, so the pause between
     * windows is the checkpoint alone. Safe however stale: a claim takes a delivery only in the
     * state it was read in.
     */
    let ahead: { from: number; to: number; batch: Promise<DeliveryRecord[]> } | null = null

    let windows = 0
    while (timeLeft() > 0) {
      const freezing = job.status === 'freezing'
      const firstPass = job.cursor < job.total
      // Retries fall due during the first pass too: taking them every few windows keeps the tail short.
      if ((!firstPass && !freezing) || ++windows % RETRY_EVERY_WINDOWS === 0) {
        const due = await dueRetries()
        if (due.length > 0) {
          if (!(await sendBatch(due, () => ({})))) return job
          continue
        }
      }
      if (firstPass || freezing) {
        // First pass, in recipient order, up to what is frozen so far.
        const cursor = Math.min(job.cursor + windowSize, job.total)
        const read = ahead?.from === job.cursor && ahead.to === cursor ? ahead.batch : null
        const batch = firstPass ? await (read ?? firstPassWindow(job.cursor, cursor)) : []
        const following = Math.min(cursor + windowSize, job.total)
        ahead =
          firstPass && following > cursor
            ? { from: cursor, to: following, batch: firstPassWindow(cursor, following) }
            : null
        // Awaited by the next window, if it is that one; a read it never uses must not go unhandled.
        ahead?.batch.catch(() => undefined)
        if (!(await sendBatch(batch, () => ({ cursor })))) return job
        continue
      }
      const { data: waiting } = await deliveries
        .where({ jobId: job._id, state: _.in(['retry', 'pending']) })
        .orderBy('nextAttemptAt', 'asc')
        .limit(1)
        .get()
      if (waiting.length === 0) return finish()
      if (waiting[0].state === 'pending') {
        // Left behind the cursor (a window cut short by a pause or a lost lease): go back to it.
        await checkpoint(emptyCounts(), { cursor: waiting[0].seq })
        continue
      }
      const wait = Date.parse(waiting[0].nextAttemptAt) - deps.now().getTime()
      if (wait >= timeLeft()) break
      job = await write(job, {})
      await deps.sleep(Math.max(10, Math.min(wait, leaseMs / 2)))
    }
    // Out of time before any checkpoint: the orphans found are still counted.
    if (recovery.orphans) await checkpoint(emptyCounts(), {})
    return job

    /**
     * Counts every outcome from the delivery records (exact even after crashes), then closes the
     * job and gives up its lease in the same write, so nothing writes a finished job again.
     */
    async function finish(): Promise<JobRecord> {
      // A claim a run left behind while this one held the job (it died undoing it) ends unknown.
      await recovery.orphans
      await recoverOrphans(job)
      const count = async (state: DeliveryState) =>
        (await deliveries.where({ jobId: job._id, state }).count()).total
      const counts: JobCounts = {
        sent: await count('sent'),
        failed: await count('failed'),
        noGrant: await count('no_grant'),
        unknown: await count('unknown'),
        retried: job.counts.retried,
      }
      const { stats } = await jobs
        .where({ _id: job._id, leaseOwner: deps.runId, status: job.status })
        .update({
          data: {
            status: 'done',
            counts: _.set(counts),
            leaseOwner: '',
            leaseUntil: NO_LEASE,
            updatedAt: deps.now().toISOString(),
          },
        })
      if (stats.updated === 0) throw new JobLost()
      return { ...job, status: 'done', counts }
    }
  }
}
