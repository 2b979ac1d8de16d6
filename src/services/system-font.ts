import Taro from '@tarojs/taro'

/** The body size (px) the reader's system asks for when nothing is set: 17 at the default. */
const DEFAULT_BODY = 17

/**
 * The text size the reader chose outside the app, as a body size in px: WeChat's own setting
 * (`wx.getAppBaseInfo().fontSizeSetting`, 关怀模式 included) on weapp, the browser's default font
 * size on h5 (16 px unless changed, read as 17 px body). Null when it cannot be read.
 */
export function readSystemFontSize(): number | null {
  try {
    if (process.env.TARO_ENV === 'h5') {
      if (typeof document === 'undefined' || !document.body) return null
      // `medium` is the browser's default font size; the root's own size is set by the app.
      const probe = document.createElement('div')
      probe.style.cssText = 'position:absolute;visibility:hidden;font-size:medium'
      document.body.appendChild(probe)
      const medium = parseFloat(getComputedStyle(probe).fontSize)
      probe.remove()
      return medium > 0 ? Math.round((medium / 16) * DEFAULT_BODY) : null
    }
    const info = Taro.getAppBaseInfo?.() as { fontSizeSetting?: number } | undefined
    return typeof info?.fontSizeSetting === 'number' && info.fontSizeSetting > 0
      ? info.fontSizeSetting
      : null
  } catch {
    return null
  }
}
