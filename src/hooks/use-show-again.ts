import { useDidShow } from '@tarojs/taro'
import { useRef } from 'react'

/**
 * Runs `fn` each time the page is shown again (back on its tab, back from another page), not on
 * its first show, when the page's own effects load it.
 */
export function useShowAgain(fn: () => void): void {
  const shownOnce = useRef(false)
  useDidShow(() => {
    if (shownOnce.current) fn()
    shownOnce.current = true
  })
}
