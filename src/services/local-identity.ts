import { hexOf } from '@core/uploads'

import type { KeyValueStorage } from './storage'

/** Storage key of the h5 device's stand-in OPENID. */
export const LOCAL_OPENID_KEY = 'dev.openid'
const OPENID = /^[A-Za-z0-9_-]{1,64}$/

function randomHex(length: number): string {
  const bytes = new Uint8Array(Math.ceil(length / 2))
  if (typeof crypto !== 'undefined' && typeof crypto.getRandomValues === 'function')
    crypto.getRandomValues(bytes)
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256)
  return hexOf(bytes).slice(0, length)
}

/**
 * h5 only: the identity this browser uses with the local server (header `x-wx-openid`, standing for
 * WeChat's OPENID): `h5-<12 hex>`, made once and kept. 我的 shows it so a developer can put it in
 * ADMIN_OPENIDS; tests may store their own before the page loads.
 */
export function localOpenid(storage: KeyValueStorage, random = randomHex): string {
  const saved = storage.get<unknown>(LOCAL_OPENID_KEY)
  if (typeof saved === 'string' && OPENID.test(saved)) return saved
  const id = `h5-${random(12)}`
  storage.set(LOCAL_OPENID_KEY, id)
  return id
}
