import type { AdminDirectory } from './admins'
import type { CallContext } from './context'
import type { Database } from './database'
import type { SendApi, SubscribeMessage } from './subscribe-message'
import type { FileStorage } from './wxacode'

/** The parts of `wx-server-sdk` an entry uses (the SDK module itself in production). */
export interface WxCloud {
  init(options: { env: unknown }): void
  DYNAMIC_CURRENT_ENV: unknown
  database(): unknown
  getWXContext(): { OPENID?: string; SOURCE?: string }
  openapi?: {
    subscribeMessage: {
      send(message: SubscribeMessage): Promise<{ errCode?: number; errMsg?: string }>
    }
  }
}

/**
 * The send port over `cloud.openapi.subscribeMessage.send`: API errors (which the SDK throws with an
 * errCode) come back as codes; anything else (timeout, network) rejects, meaning outcome unknown.
 */
export const wxSendApi = (cloud: WxCloud): SendApi => ({
  async send(message) {
    if (!cloud.openapi) throw new Error('openapi is not available to this function')
    try {
      const r = await cloud.openapi.subscribeMessage.send(message)
      return { errCode: r.errCode ?? 0, errMsg: r.errMsg ?? 'ok' }
    } catch (e) {
      const code = (e as { errCode?: unknown }).errCode
      if (typeof code === 'number' && code > -500000)
        return { errCode: code, errMsg: String((e as { errMsg?: unknown }).errMsg ?? '') }
      throw e
    }
  },
})

/** Fields WeChat adds to the event of a call from the mini-program; never client input. */
const PLATFORM_FIELDS = ['userInfo'] as const

/** The client's own input: the event without what the platform added. */
export function clientInput(event: unknown): unknown {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return event
  const copy: Record<string, unknown> = { ...(event as Record<string, unknown>) }
  for (const field of PLATFORM_FIELDS) delete copy[field]
  return copy
}

/** The caller and the call chain from the WeChat context only: nothing in the input is trusted. */
export const callContext = (cloud: WxCloud): CallContext => {
  const { OPENID, SOURCE } = cloud.getWXContext()
  return { openid: OPENID || null, now: () => new Date(), source: SOURCE || undefined }
}

/** Production admin directory: the `admins` collection, one document per editor OPENID. */
export const adminsCollection = (db: Database): AdminDirectory => ({
  async isAdmin(openid) {
    if (!openid) return false
    const { data } = await db.collection('admins').where({ _id: openid }).limit(1).get()
    return data.length > 0
  },
})

/** Cloud storage over `cloud.uploadFile` / `cloud.downloadFile`. */
export const wxFileStorage = (cloud: unknown): FileStorage => {
  const sdk = cloud as {
    uploadFile(o: { cloudPath: string; fileContent: Uint8Array }): Promise<{ fileID: string }>
    downloadFile(o: { fileID: string }): Promise<{ fileContent: Uint8Array }>
  }
  return {
    upload: (cloudPath, fileContent) => sdk.uploadFile({ cloudPath, fileContent }),
    download: async (fileID) => (await sdk.downloadFile({ fileID })).fileContent,
  }
}

/**
 * Starts a `notify.run` of the notify function without waiting for it (best effort: its timer
 * trigger runs within a minute anyway).
 */
export const startNotifyRun = (cloud: unknown): void => {
  const sdk = cloud as { callFunction(options: { name: string; data: unknown }): Promise<unknown> }
  sdk.callFunction({ name: 'notify', data: { action: 'notify.run' } }).catch(() => undefined)
}
