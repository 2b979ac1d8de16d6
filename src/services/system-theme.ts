import Taro from '@tarojs/taro'

/**
 * Reports whether the system is in dark mode now and on every change: `prefers-color-scheme` on
 * h5, the system theme on weapp (needs `darkmode: true` in app.json). Returns an unsubscribe.
 */
export function watchSystemDark(onChange: (dark: boolean) => void): () => void {
  if (process.env.TARO_ENV === 'h5') {
    if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return () => {}
    const query = window.matchMedia('(prefers-color-scheme: dark)')
    const listener = (e: { matches: boolean }) => onChange(e.matches)
    onChange(query.matches)
    query.addEventListener?.('change', listener)
    return () => query.removeEventListener?.('change', listener)
  }
  try {
    onChange(Taro.getSystemInfoSync().theme === 'dark')
  } catch {
    onChange(false)
  }
  const listener = (res: { theme: string }) => onChange(res.theme === 'dark')
  Taro.onThemeChange?.(listener)
  return () => Taro.offThemeChange?.(listener)
}
