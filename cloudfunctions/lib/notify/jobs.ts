import type { Database } from '../ports/database'
import type { ParsedIssue } from '../../../core/types'
import { ISSUES } from '../content/records'
import { AUDIT, type AuditEntry } from '../publishing/audit'
import { emptyCounts, jobIdOf, JOBS, type JobRecord } from './records'

/** The id of an issue's first-publish audit entry: one per issue, like its job. */
export const publishAuditId = (issueId: string): string => `publish-${issueId}`

/**
 * Step one of a first publish, before the issue goes live: the issue's job, waiting
 * (`publishing`), with the audit entry to write once it is live. The job id is derived from the
 * issue id and the store rejects a second document with the same id, so a republish (or a race of
 * two) never adds another; a waiting job left by a publish killed before the switch takes this
 * publish's message and editor.
 */
export async function prepareJob(
  db: Database,
  parsed: ParsedIssue,
  now: Date,
  publishAudit: NonNullable<JobRecord['publishAudit']>,
): Promise<void> {
  const stamp = now.toISOString()
  const { issue, articles } = parsed
  const message = {
    year: issue.year,
    number: issue.number,
    publishedOn: issue.publishedOn,
    firstTitle: articles[0]?.title ?? '',
  }
  const job: JobRecord = {
    _id: jobIdOf(issue.id),
    issueId: issue.id,
    status: 'publishing',
    createdAt: stamp,
    updatedAt: stamp,
    frozenAt: stamp,
    freezeCursor: '',
    frozen: false,
    total: 0,
    cursor: 0,
    counts: emptyCounts(),
    pauseReason: null,
    pausedConfigVersion: null,
    leaseUntil: new Date(0).toISOString(),
    leaseOwner: '',
    message,
    publishAudit,
  }
  const jobs = db.collection<JobRecord>(JOBS)
  try {
    await jobs.add({ data: job })
  } catch (e) {
    const { data } = await jobs.where({ _id: job._id }).limit(1).get()
    if (data.length === 0) throw e
    await jobs.where({ _id: job._id, status: 'publishing' }).update({
      data: { message: db.command.set(message), publishAudit: db.command.set(publishAudit) },
    })
  }
}

/**
 * The last step of a first publish, once the issue is live (or its repair): the first-publish
 * audit entry, then the job made `freezing` (recipients are those holding a grant now). Both are
 * once per issue, so a retry after a kill between them, or a race, adds neither twice. True when
 * this call activated the job.
 */
export async function activateJob(db: Database, issueId: string, now: Date): Promise<boolean> {
  const jobs = db.collection<JobRecord>(JOBS)
  const { data } = await jobs
    .where({ _id: jobIdOf(issueId), status: 'publishing' })
    .limit(1)
    .get()
  const job = data[0]
  if (!job) return false
  if (job.publishAudit) {
    const entry: AuditEntry = {
      _id: publishAuditId(issueId),
      at: job.publishAudit.at,
      openid: job.publishAudit.openid,
      action: 'issues.publish',
      issueId,
      detail: job.publishAudit.detail,
    }
    const audit = db.collection<AuditEntry>(AUDIT)
    try {
      await audit.add({ data: entry })
    } catch (e) {
      // Already written by an earlier try or a racing run: fine. Any other failure stops the
      // activation, so the job is not started without its entry (the next try writes both).
      const { data: written } = await audit.where({ _id: entry._id }).limit(1).get()
      if (written.length === 0) throw e
    }
  }
  const stamp = now.toISOString()
  const { stats } = await jobs
    .where({ _id: job._id, status: 'publishing' })
    .update({ data: { status: 'freezing', frozenAt: stamp, updatedAt: stamp } })
  return stats.updated > 0
}

/**
 * Finishes first publishes that were killed after their issue went live: every waiting job whose
 * issue is now published gets its audit entry and is activated. A job whose publish died before
 * the switch waits for the next publish of its issue. Returns the jobs activated.
 */
export async function repairPublishes(db: Database, now: Date, issueId?: string): Promise<number> {
  const { data: waiting } = await db
    .collection<JobRecord>(JOBS)
    .where(issueId ? { _id: jobIdOf(issueId), status: 'publishing' } : { status: 'publishing' })
    .get()
  let activated = 0
  for (const job of waiting) {
    const { data: live } = await db.collection(ISSUES).where({ _id: job.issueId }).limit(1).get()
    if (live.length > 0 && (await activateJob(db, job.issueId, now))) activated++
  }
  return activated
}
