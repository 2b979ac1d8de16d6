/** Deployable `content` function: the shared handlers bound to wx-server-sdk. */
import cloud from 'wx-server-sdk'
import { contentFunction } from '../lib/content/handlers'
import type { Database } from '../lib/ports/database'
import { callContext, clientInput, type WxCloud } from '../lib/ports/wx-binding'

const wx = cloud as unknown as WxCloud
wx.init({ env: wx.DYNAMIC_CURRENT_ENV })
const db = wx.database() as Database

export const main = (event: unknown) => contentFunction(clientInput(event), callContext(wx), { db })
