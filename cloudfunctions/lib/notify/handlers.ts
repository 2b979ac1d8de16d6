import { notifyInput, type JobView } from '../../../core/api/notify'
import { requireEditor } from '../authorize'
import { ApiFailure, createFunction } from '../dispatch'
import type { AdminDirectory } from '../ports/admins'
import type { CallContext } from '../ports/context'
import type { Database } from '../ports/database'
import { JOBS, resumedStatus, type JobRecord } from './records'
import { runNotifyWorker, type RunSummary, type WorkerDeps } from './worker'

export interface NotifyDeps {
  db: Database
  admins: AdminDirectory
  worker: () => Omit<WorkerDeps, 'db'>
}

const present = (j: JobRecord): JobView => ({
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
 * The `notify` function: `notify.run` is what the timer trigger and the publish kick invoke (no
 * caller: a client calling it gets permission_denied); editors list and resume jobs.
 */
export const notifyFunction = createFunction(notifyInput, {
  async 'notify.run'(_input, ctx, deps: NotifyDeps): Promise<RunSummary> {
    // Triggers and server-side calls carry no OPENID; a reader's call does.
    if (ctx.openid !== null && !(await deps.admins.isAdmin(ctx.openid)))
      throw new ApiFailure('permission_denied', 'the worker runs on its timer')
    return runNotifyWorker({ db: deps.db, ...deps.worker() })
  },

  async 'jobs.list'(_input, ctx, deps: NotifyDeps): Promise<{ items: JobView[] }> {
    await requireAdmin(ctx, deps)
    const { data } = await deps.db
      .collection<JobRecord>(JOBS)
      .orderBy('createdAt', 'desc')
      .limit(50)
      .get()
    return { items: data.map(present) }
  },

  async 'jobs.resume'(input, ctx, deps: NotifyDeps): Promise<JobView> {
    await requireAdmin(ctx, deps)
    const jobs = deps.db.collection<JobRecord>(JOBS)
    const { data } = await jobs.where({ _id: input.id }).limit(1).get()
    const job = data[0]
    if (!job) throw new ApiFailure('not_found', `job ${input.id} not found`)
    if (job.status !== 'paused') return present(job)
    const status = resumedStatus(job)
    await jobs
      .doc(job._id)
      .update({ data: { status, pauseReason: null, pausedConfigVersion: null } })
    return present({ ...job, status, pauseReason: null })
  },
})
