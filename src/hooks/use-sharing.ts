import { useShareAppMessage, useShareTimeline } from '@tarojs/taro'
import { useEffect } from 'react'

import type { ShareCardSpec } from '@/services/drawing/share-card'
import { shareMessage, shareTimeline } from '@/services/share'
import { useStores } from '@/stores/context'

export interface SharingOptions {
  /** Names the page's share images, e.g. `article:i280-03`. */
  key: string
  /** The id the Moments query carries. */
  id: string
  title: string
  /** `/packages/reader/article/index?id=…`. */
  path: string
  /** The card to draw once the content is known; null before. */
  card: ShareCardSpec | null
  /** Off in single-page mode (Moments): nothing to share from there. */
  enabled: boolean
}

/**
 * A page's sharing: both share menus, the chat and Moments handlers (title, path with the id,
 * the drawn card or the default image), the card drawn once the page is on screen, and on h5 a
 * copy-link action (undefined on weapp, where the share menu does it).
 */
export function useSharing(options: SharingOptions): { copyLink?: () => void } {
  const { share, platform } = useStores()
  const { key, id, title, path, card, enabled } = options

  useEffect(() => {
    if (enabled) platform.showShareMenu()
  }, [platform, enabled])

  useEffect(() => {
    if (!enabled || !card) return
    // After the first screen has settled, so drawing never delays reading.
    const timer = setTimeout(() => void share.prepare(key, card), 400)
    return () => clearTimeout(timer)
  }, [share, key, card, enabled])

  useShareAppMessage(() => shareMessage(title, path, share.imagesFor(key), share.pending(key)))
  useShareTimeline(() => shareTimeline(title, id, share.imagesFor(key)))

  if (platform.kind !== 'h5' || !enabled) return {}
  return {
    copyLink: () =>
      void platform.copyText(platform.deepLink(path)).then((ok) => {
        platform.toast(ok ? '链接已复制' : '复制失败，请复制地址栏')
      }),
  }
}
