import type { Database } from '../ports/database'
import type { ParsedIssue } from '../../../core/types'
import { emptyCounts, jobIdOf, JOBS, type JobRecord } from './records'

/**
 * Creates the issue's notification job, once: the job id is derived from the issue id and the store
 * rejects a second document with the same id, so a republish (or a race of two) never adds another.
 * Returns true when this call created it.
 */
export async function createJobOnce(
  db: Database,
  parsed: ParsedIssue,
  now: Date,
): Promise<boolean> {
  const stamp = now.toISOString()
  const { issue, articles } = parsed
  const job: JobRecord = {
    _id: jobIdOf(issue.id),
    issueId: issue.id,
    status: 'freezing',
    createdAt: stamp,
    updatedAt: stamp,
    frozenAt: stamp,
    freezeCursor: '',
    total: 0,
    cursor: 0,
    counts: emptyCounts(),
    pauseReason: null,
    pausedConfigVersion: null,
    leaseUntil: new Date(0).toISOString(),
    leaseOwner: '',
    message: {
      year: issue.year,
      number: issue.number,
      publishedOn: issue.publishedOn,
      firstTitle: articles[0]?.title ?? '',
    },
  }
  try {
    await db.collection<JobRecord>(JOBS).add({ data: job })
    return true
  } catch (e) {
    const { data } = await db.collection<JobRecord>(JOBS).where({ _id: job._id }).limit(1).get()
    if (data.length > 0) return false
    throw e
  }
}
