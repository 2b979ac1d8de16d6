import {
  subscriptionInput,
  type GrantAnswer,
  type SubscriptionResults,
} from '../../../core/api/subscription'
import { ApiFailure, createFunction } from '../dispatch'
import type { CallContext } from '../ports/context'
import type { Database } from '../ports/database'
import { GRANTS, type GrantRecord } from './records'

export interface SubscriptionDeps {
  db: Database
  templateId: string
}

const requireCaller = (ctx: CallContext): string => {
  if (!ctx.openid)
    throw new ApiFailure('permission_denied', 'sign in to WeChat to get notifications')
  return ctx.openid
}

async function remaining(db: Database, openid: string): Promise<number> {
  const { data } = await db.collection<GrantRecord>(GRANTS).where({ _id: openid }).limit(1).get()
  return data[0]?.count ?? 0
}

const ANSWERS = new Set(['accept', 'reject', 'ban', 'filter'])

/** The `subscription` function: the caller's own grants only; the caller comes from the context. */
export const subscriptionFunction = createFunction(subscriptionInput, {
  async 'subscription.grant'(
    input,
    ctx,
    deps: SubscriptionDeps,
  ): Promise<SubscriptionResults['subscription.grant']> {
    const openid = requireCaller(ctx)
    if (input.templateId !== deps.templateId)
      throw new ApiFailure('invalid_argument', 'templateId: not this service’s template')
    const raw = input.result[deps.templateId]
    const answer: GrantAnswer = raw && ANSWERS.has(raw) ? (raw as GrantAnswer) : 'missing'
    if (answer === 'accept') {
      const grants = deps.db.collection<GrantRecord>(GRANTS)
      const now = ctx.now().toISOString()
      // One tap, one grant. Atomic increment; the record is created on a reader's first grant.
      const _ = deps.db.command
      const { stats } = await grants
        .where({ _id: openid, count: _.gt(0) })
        .update({ data: { count: _.inc(1), updatedAt: now } })
      if (stats.updated === 0) {
        const existing = await grants.where({ _id: openid }).limit(1).get()
        if (existing.data.length === 0) {
          await grants
            .add({
              data: {
                _id: openid,
                templateId: deps.templateId,
                count: 1,
                since: now,
                updatedAt: now,
              },
            })
            .catch(async () => {
              await grants.doc(openid).update({ data: { count: _.inc(1), updatedAt: now } })
            })
        } else {
          await grants.doc(openid).update({ data: { count: _.inc(1), since: now, updatedAt: now } })
        }
      }
    }
    return { remaining: await remaining(deps.db, openid), templateId: deps.templateId, answer }
  },

  async 'subscription.status'(
    _input,
    ctx,
    deps: SubscriptionDeps,
  ): Promise<SubscriptionResults['subscription.status']> {
    return { remaining: await remaining(deps.db, requireCaller(ctx)), templateId: deps.templateId }
  },

  async 'subscription.cancel'(
    _input,
    ctx,
    deps: SubscriptionDeps,
  ): Promise<SubscriptionResults['subscription.cancel']> {
    const openid = requireCaller(ctx)
    await deps.db
      .collection<GrantRecord>(GRANTS)
      .doc(openid)
      .update({ data: { count: 0, updatedAt: ctx.now().toISOString() } })
    return { remaining: 0, templateId: deps.templateId }
  },
})
