import { notifyInput, type JobView } from '../../../core/api/notify'
import { requireEditor } from '../authorize'
import { ApiFailure, createFunction } from '../dispatch'
import type { AdminDirectory } from '../ports/admins'
import { fromTimerOrFunction, type CallContext } from '../ports/context'
import type { Database } from '../ports/database'
import { JOBS, resumedStatus, type JobRecord } from './records'
import { runNotifyWorker, type RunSummary, type WorkerDeps } from './worker'

export interface NotifyDeps {
  db: Database
  admins: AdminDirectory
  worker: () => Omit<WorkerDeps, 'db'>
}

/** Jobs editors see: not one whose first publish is still under way. */
type ShownJob = JobRecord & { status: JobView['status'] }

const present = (j: ShownJob): JobView => ({
  id: j._id,
  issueId: j.issueId,
  status: j.status,
  total: j.total,
  counts: j.counts,
  pauseReason: j.pauseReason,
  createdAt: j.createdAt,
  updatedAt: j.updatedAt,
})

const requireAdmin = (ctx: CallContext, deps: NotifyDeps): Promise<string> =>
  requireEditor(deps.admins, ctx, 'only editors may manage notifications')

/**
 * The `notify` function: `notify.run` is what the timer trigger, the publish kick and the worker's
 * own re-invocation start (any other caller, editors included, gets permission_denied); editors
 * list and resume jobs.
 */
export const notifyFunction = createFunction(notifyInput, {
  async 'notify.run'(_input, ctx, deps: NotifyDeps): Promise<RunSummary> {
    // The platform's call chain, not the caller's OPENID: an anonymous client call has none either.
    if (!fromTimerOrFunction(ctx))
      throw new ApiFailure('permission_denied', 'the worker runs on its timer')
    return runNotifyWorker({ db: deps.db, ...deps.worker() })
  },

  async 'jobs.list'(_input, ctx, deps: NotifyDeps): Promise<{ items: JobView[] }> {
    await requireAdmin(ctx, deps)
    const { data } = await deps.db
      .collection<JobRecord>(JOBS)
      .where({ status: deps.db.command.neq('publishing') })
      .orderBy('createdAt', 'desc')
      .limit(50)
      .get()
    return { items: (data as ShownJob[]).map(present) }
  },

  async 'jobs.resume'(input, ctx, deps: NotifyDeps): Promise<JobView> {
    await requireAdmin(ctx, deps)
    const jobs = deps.db.collection<JobRecord>(JOBS)
    const { data } = await jobs.where({ _id: input.id }).limit(1).get()
    const job = data[0] as ShownJob | undefined
    if (!job || (job.status as JobRecord['status']) === 'publishing')
      throw new ApiFailure('not_found', `job ${input.id} not found`)
    if (job.status !== 'paused') return present(job)
    const status = resumedStatus(job)
    // Only the paused job read here: one a run has since resumed (and maybe finished) stays as it is.
    const { stats } = await jobs
      .where({ _id: job._id, status: 'paused' })
      .update({ data: { status, pauseReason: null, pausedConfigVersion: null } })
    if (stats.updated === 0) {
      const { data: now } = await jobs.where({ _id: job._id }).limit(1).get()
      return present(now[0] as ShownJob)
    }
    return present({ ...job, status, pauseReason: null })
  },
})
