import { createH5Platform } from './h5'
import type { Platform } from './types'
import { createWeappPlatform } from './weapp'

export type {
  Canvas2D,
  CanvasImage,
  DrawingSurface,
  PickedFile,
  Platform,
  SaveOutcome,
  SubscribePort,
  SubscribeResult,
  SubscribeSetting,
} from './types'

/** The host of the platform this bundle was built for (TARO_ENV is inlined at build time). */
export function createPlatform(openid: () => string | null = () => null): Platform {
  return process.env.TARO_ENV === 'weapp' ? createWeappPlatform() : createH5Platform(openid)
}
