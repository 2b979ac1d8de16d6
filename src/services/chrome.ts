import Taro from '@tarojs/taro'

import theme from '../theme.json'

/** The tab pages in tab bar order, as named in theme.json (`latestIcon`, `latestActiveIcon`…). */
const TABS = ['latest', 'regions', 'search', 'me'] as const

/** The tab bar's colours and icon files (package paths) for a theme: theme.json's values. */
export function tabBarLook(dark: boolean) {
  const t = theme[dark ? 'dark' : 'light']
  return {
    style: {
      color: t.tabColor,
      selectedColor: t.tabSelectedColor,
      backgroundColor: t.tabBackground,
      borderStyle: t.tabBorder as 'black' | 'white',
    },
    icons: TABS.map((tab) => ({
      iconPath: t[`${tab}Icon`],
      selectedIconPath: t[`${tab}ActiveIcon`],
    })),
    windowBackground: t.windowBackground,
  }
}

/**
 * An icon as the tab bar takes it: a package path on weapp, the bundled file's URL on h5 (only h5
 * bundles them; the weapp build copies the files).
 */
function iconSrc(packagePath: string): string {
  if (process.env.TARO_ENV !== 'h5') return `/${packagePath}`
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const bundled = require(`../assets/tab/${packagePath.split('/').pop()}`) as
    string | { default: string }
  return typeof bundled === 'string' ? bundled : bundled.default
}

/** Colours of what surrounds the page (window background, tab bar) for the theme in effect. */
export function applyThemeChrome(dark: boolean, isTabPage: boolean): void {
  const look = tabBarLook(dark)
  const background = look.windowBackground
  if (process.env.TARO_ENV === 'h5') {
    document.documentElement.style.backgroundColor = background
    document.body.style.backgroundColor = background
    document.documentElement.style.colorScheme = dark ? 'dark' : 'light'
    // Pages scroll inside their own element there: keyboard users must be able to reach it.
    for (const el of document.querySelectorAll('.taro_page, taro-scroll-view-core'))
      if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '0')
  } else {
    Taro.setBackgroundColor({
      backgroundColor: background,
      backgroundColorTop: background,
      backgroundColorBottom: background,
    })?.catch?.(() => {})
  }
  if (!isTabPage) return
  // The reader's own theme choice may differ from the system's that theme.json follows.
  Taro.setTabBarStyle(look.style)?.catch?.(() => {})
  look.icons.forEach((icon, index) =>
    Taro.setTabBarItem({
      index,
      iconPath: iconSrc(icon.iconPath),
      selectedIconPath: iconSrc(icon.selectedIconPath),
    })?.catch?.(() => {}),
  )
}
