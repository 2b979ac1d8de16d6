/**
 * A notification job: one per issue, created on its first publish (collection `jobs`, _id =
 * `job-<issueId>`). `publishing` is a job whose first publish has not finished: no run sends for
 * it until the publish (or the repair after a killed one) makes it `freezing`.
 */
export type JobStatus = 'publishing' | 'freezing' | 'sending' | 'paused' | 'done'

/** The statuses a run works on. */
export const OPEN_STATUSES: JobStatus[] = ['freezing', 'sending', 'paused']

export type DeliveryState =
  'pending' | 'sending' | 'retry' | 'sent' | 'failed' | 'no_grant' | 'unknown'

/** States a delivery never leaves. */
export const FINAL_STATES: DeliveryState[] = ['sent', 'failed', 'no_grant', 'unknown']

export interface JobCounts {
  sent: number
  failed: number
  noGrant: number
  unknown: number
  retried: number
}

export interface JobRecord {
  _id: string
  issueId: string
  status: JobStatus
  createdAt: string
  updatedAt: string
  /** Readers holding a grant at or before this instant are the recipients. */
  frozenAt: string
  /** Last OPENID whose delivery record was created while freezing. */
  freezeCursor: string
  /** True once every recipient has a delivery record (sending starts before: it overlaps). */
  frozen?: boolean
  total: number
  /** Deliveries with seq below this were all attempted at least once. */
  cursor: number
  counts: JobCounts
  pauseReason: string | null
  pausedConfigVersion: number | null
  /** A run holds the job until this instant, so two runs never work on it at once. */
  leaseUntil: string
  leaseOwner: string
  message: { year: number; number: number; publishedOn: string; firstTitle: string }
  /** Who first published the issue, for the audit entry written when the job is activated. */
  publishAudit?: { openid: string; at: string; detail: string }
}

/** One (issue, OPENID) delivery (collection `deliveries`, _id = `<issueId>:<openid>`). */
export interface DeliveryRecord {
  _id: string
  jobId: string
  openid: string
  seq: number
  state: DeliveryState
  attempts: number
  nextAttemptAt: string
  lastError: number | null
  updatedAt: string
}

export const JOBS = 'jobs'
export const DELIVERIES = 'deliveries'

export const jobIdOf = (issueId: string): string => `job-${issueId}`
export const deliveryIdOf = (issueId: string, openid: string): string => `${issueId}:${openid}`
export const emptyCounts = (): JobCounts => ({
  sent: 0,
  failed: 0,
  noGrant: 0,
  unknown: 0,
  retried: 0,
})

/**
 * Where a paused job picks up: sending once every recipient is frozen, else freezing (and sending
 * what is frozen). A job from before `frozen` was recorded froze all before it sent any.
 */
export const resumedStatus = (
  job: Pick<JobRecord, 'total' | 'freezeCursor' | 'frozen'>,
): 'sending' | 'freezing' =>
  (job.frozen ?? (job.total > 0 || job.freezeCursor !== '')) ? 'sending' : 'freezing'
