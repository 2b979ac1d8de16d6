import { useShareAppMessage, useShareTimeline } from '@tarojs/taro'
import { useEffect, useRef } from 'react'

import { shareMessage, shareTimeline, type ShareTarget } from '@/services/share'
import { useStores } from '@/stores/context'

/**
 * A page's sharing: both share menus, the chat and Moments handlers (title, path with the id,
 * the drawn card or the default image), the card drawn once the page is on screen, and on h5 a
 * copy-link action (undefined on weapp, where the share menu does it). Off in single-page mode
 * (Moments), where there is nothing to share from, and while the page has no id.
 */
export function useSharing(target: ShareTarget, singlePage: boolean): { copyLink?: () => void } {
  const { share, platform } = useStores()
  const { key, id, title, path, card } = target
  const enabled = Boolean(id) && !singlePage

  useEffect(() => {
    if (enabled) platform.showShareMenu()
  }, [platform, enabled])

  // The card object is rebuilt on every render; what to draw changes only with the page (key)
  // and once its content is known, and is drawn once per page anyway.
  const latestCard = useRef(card)
  latestCard.current = card
  const cardKnown = card !== null
  useEffect(() => {
    if (!enabled || !cardKnown) return
    // After the first screen has settled, so drawing never delays reading.
    const timer = setTimeout(() => {
      if (latestCard.current) void share.prepare(key, latestCard.current)
    }, 400)
    return () => clearTimeout(timer)
  }, [share, key, cardKnown, enabled])

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
