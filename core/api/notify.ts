/** The `notify` function's contract: the worker run (timer or kick) and the editors' job view. */
import { z } from 'zod'

export const notifyInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('notify.run') }).strict(),
  z.object({ action: z.literal('jobs.list') }).strict(),
  z.object({ action: z.literal('jobs.resume'), id: z.string().regex(/^job-i\d{1,6}$/) }).strict(),
])

export type NotifyInput = z.input<typeof notifyInput>

export interface JobView {
  id: string
  issueId: string
  status: 'freezing' | 'sending' | 'paused' | 'done'
  total: number
  counts: { sent: number; failed: number; noGrant: number; unknown: number; retried: number }
  pauseReason: string | null
  createdAt: string
  updatedAt: string
}
