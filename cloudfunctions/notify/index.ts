/** Deployable `notify` function: the timer-driven notification worker and the editors' job view. */
import { randomBytes } from 'crypto'
import cloud from 'wx-server-sdk'
import { notifyFunction } from '../lib/notify/handlers'
import { notifyDefaults, RUN_BUDGET_MS } from '../lib/notify/defaults'
import { SOURCE } from '../lib/ports/context'
import type { Database } from '../lib/ports/database'
import {
  adminsCollection,
  callContext,
  clientInput,
  startNotifyRun,
  wxSendApi,
  type WxCloud,
} from '../lib/ports/wx-binding'

const wx = cloud as unknown as WxCloud
wx.init({ env: wx.DYNAMIC_CURRENT_ENV })
const db = wx.database() as Database
const admins = adminsCollection(db)
const send = wxSendApi(wx)
const defaults = notifyDefaults(process.env.NOTIFY_TEMPLATE_ID ?? '')

const worker = () => ({
  send,
  defaults,
  runId: randomBytes(6).toString('hex'),
  now: () => new Date(),
  sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
  budgetMs: RUN_BUDGET_MS,
})

/**
 * A timer trigger (SOURCE `wx_trigger`, whatever its event says) runs the worker. A run that stops
 * at its time budget with work left invokes the function again, so sending does not wait for the
 * next tick.
 */
export const main = async (event: unknown) => {
  const ctx = callContext(wx)
  const result = await notifyFunction(
    ctx.source === SOURCE.timer ? { action: 'notify.run' } : clientInput(event),
    ctx,
    { db, admins, worker },
  )
  if (result.ok && (result.data as { idle?: boolean }).idle === false) {
    startNotifyRun(cloud)
  }
  return result
}
