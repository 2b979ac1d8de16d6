import { useDidShow } from '@tarojs/taro'
import { useEffect } from 'react'

import { applyThemeChrome } from '@/services/chrome'
import { useStores } from '@/stores/context'

/**
 * The class names a page puts on its root (theme, font step); keeps the window and tab bar in the
 * same theme. Call from an observer page.
 */
export function usePageTheme(isTabPage = false): string {
  const { settings } = useStores()
  const dark = settings.isDark
  useEffect(() => applyThemeChrome(dark, isTabPage), [dark, isTabPage])
  useDidShow(() => applyThemeChrome(settings.isDark, isTabPage))
  return `page ${settings.pageClass}`
}
