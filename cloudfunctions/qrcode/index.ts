/** Deployable `qrcode` function (editors only): stored mini-program codes for issues and articles. */
import cloud from 'wx-server-sdk'
import { qrcodeFunction } from '../lib/qrcode/handlers'
import type { Database } from '../lib/ports/database'
import type { WxacodeApi } from '../lib/ports/wxacode'
import {
  adminsCollection,
  callContext,
  clientInput,
  wxFileStorage,
  type WxCloud,
} from '../lib/ports/wx-binding'

const wx = cloud as unknown as WxCloud
wx.init({ env: wx.DYNAMIC_CURRENT_ENV })
const db = wx.database() as Database
const admins = adminsCollection(db)
const sdk = cloud as unknown as {
  openapi: {
    wxacode: {
      getUnlimited(
        r: object,
      ): Promise<{ contentType?: string; buffer?: Uint8Array; errCode?: number; errMsg?: string }>
    }
  }
}

const wxacode: WxacodeApi = {
  async getUnlimited(request) {
    try {
      const r = await sdk.openapi.wxacode.getUnlimited(request)
      return {
        errCode: r.errCode ?? 0,
        errMsg: r.errMsg ?? 'ok',
        contentType: r.contentType,
        buffer: r.buffer,
      }
    } catch (e) {
      const code = (e as { errCode?: unknown }).errCode
      return {
        errCode: typeof code === 'number' ? code : -1,
        errMsg: String((e as { errMsg?: unknown }).errMsg ?? e),
      }
    }
  },
}
const storage = wxFileStorage(cloud)

export const main = (event: unknown) =>
  qrcodeFunction(clientInput(event), callContext(wx), { db, admins, wxacode, storage })
