/** The `subscription` function's contract: record one-time grants, report and cancel them. */
import { z } from 'zod'

const templateId = z.string().min(1).max(64)

/** What `requestSubscribeMessage` resolves with: one answer per template id, plus errMsg. */
const subscribeResult = z
  .record(z.string().max(64), z.string().max(64))
  .refine((r) => Object.keys(r).length <= 10, 'at most 10 entries')

export const subscriptionInput = z.discriminatedUnion('action', [
  z
    .object({ action: z.literal('subscription.grant'), templateId, result: subscribeResult })
    .strict(),
  z.object({ action: z.literal('subscription.status') }).strict(),
  z.object({ action: z.literal('subscription.cancel') }).strict(),
])

export type SubscriptionInput = z.input<typeof subscriptionInput>

/** How the reader answered the consent dialog for our template. */
export type GrantAnswer = 'accept' | 'reject' | 'ban' | 'filter' | 'missing'

export interface SubscriptionStatus {
  /** How many upcoming issues this reader will be notified of (one grant per message). */
  remaining: number
  templateId: string
}

export interface SubscriptionResults {
  'subscription.grant': SubscriptionStatus & { answer: GrantAnswer }
  'subscription.status': SubscriptionStatus
  'subscription.cancel': SubscriptionStatus
}
