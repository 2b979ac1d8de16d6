/** Deployable `publish` function (editors only): the shared handlers bound to wx-server-sdk. */
import cloud from 'wx-server-sdk'
import { publishFunction } from '../lib/publishing/handlers'
import type { Database } from '../lib/ports/database'
import {
  adminsCollection,
  callContext,
  clientInput,
  startNotifyRun,
  wxFileStorage,
  type WxCloud,
} from '../lib/ports/wx-binding'

const wx = cloud as unknown as WxCloud
wx.init({ env: wx.DYNAMIC_CURRENT_ENV })
const db = wx.database() as Database
const admins = adminsCollection(db)
const storage = wxFileStorage(cloud)
const kickNotify = (): void => startNotifyRun(cloud)

export const main = (event: unknown) =>
  publishFunction(clientInput(event), callContext(wx), { db, admins, kickNotify, storage })
