/** Deployable `subscription` function: a reader's own notification grants. */
import cloud from 'wx-server-sdk'
import { subscriptionFunction } from '../lib/subscription/handlers'
import type { Database } from '../lib/ports/database'
import { callContext, clientInput, type WxCloud } from '../lib/ports/wx-binding'

const wx = cloud as unknown as WxCloud
wx.init({ env: wx.DYNAMIC_CURRENT_ENV })
const db = wx.database() as Database
const templateId = process.env.NOTIFY_TEMPLATE_ID ?? ''

export const main = (event: unknown) =>
  subscriptionFunction(clientInput(event), callContext(wx), { db, templateId })
