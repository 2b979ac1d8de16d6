import Taro from '@tarojs/taro'

/** Paths of the reader's pages; ids travel as query parameters so links and shares can carry them. */
export const ROUTES = {
  issue: '/packages/reader/issue/index',
  article: '/packages/reader/article/index',
  region: '/packages/reader/region/index',
} as const

/** The editors' pages (their own subpackage). */
export const EDITOR_ROUTES = {
  home: '/packages/editor/index/index',
  preview: '/packages/editor/preview/index',
  article: '/packages/editor/article/index',
  poster: '/packages/editor/poster/index',
  audit: '/packages/editor/audit/index',
} as const

/** The 最新 tab: where every unusable link lands. */
export const LATEST_TAB = '/pages/latest/index'

export const articlePath = (id: string): string => `${ROUTES.article}?id=${encodeURIComponent(id)}`
export const issuePath = (id: string): string => `${ROUTES.issue}?id=${encodeURIComponent(id)}`
export const regionPath = (region: string): string =>
  `${ROUTES.region}?region=${encodeURIComponent(region)}`

/** Opens a page on top of the current one; navigation failures (stack full) fall back to redirect. */
export function open(url: string): void {
  Taro.navigateTo({ url }).catch(() => Taro.redirectTo({ url }).catch(() => {}))
}

/** Replaces the current page (previous / next article), so the back button returns to the issue. */
export function replace(url: string): void {
  Taro.redirectTo({ url }).catch(() => {})
}

/** A route parameter, URL-decoded when it still is encoded. */
export function readParam(value: string | undefined): string {
  if (!value) return ''
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

export const posterPath = (issueId: string): string =>
  `${EDITOR_ROUTES.poster}?id=${encodeURIComponent(issueId)}`
export const editorArticlePath = (id: string): string =>
  `${EDITOR_ROUTES.article}?id=${encodeURIComponent(id)}`

/** The tab pages, by name. */
export const TAB_PAGES = {
  latest: LATEST_TAB,
  regions: '/pages/regions/index',
  search: '/pages/search/index',
  me: '/pages/me/index',
} as const

export type TabName = keyof typeof TAB_PAGES

/** Every page of the app, as routes name them. */
export const ALL_PAGES: readonly string[] = [
  ...Object.values(TAB_PAGES),
  ...Object.values(ROUTES),
  ...Object.values(EDITOR_ROUTES),
]

/** Shows a tab (from any page, including one opened cold from a link). */
export function switchToTab(tab: TabName): void {
  const url = TAB_PAGES[tab]
  Taro.switchTab({ url }).catch(() => Taro.reLaunch({ url }).catch(() => {}))
}

/** Shows the 最新 tab (from any page, including one opened cold from a link). */
export const switchToLatest = (): void => switchToTab('latest')

/**
 * Whether this page was opened cold (a link, a QR code) with nothing under it: h5 then has no tab
 * bar and no back button, so the page offers the tabs itself. WeChat adds its own home button.
 */
export function openedCold(): boolean {
  if (process.env.TARO_ENV !== 'h5') return false
  try {
    return Taro.getCurrentPages().length <= 1
  } catch {
    // No router (yet): not known to be cold.
    return false
  }
}
