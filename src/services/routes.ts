import Taro from '@tarojs/taro'

/** Paths of the reader's pages; ids travel as query parameters so links and shares can carry them. */
export const ROUTES = {
  issue: '/packages/reader/issue/index',
  article: '/packages/reader/article/index',
  region: '/packages/reader/region/index',
} as const

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

/** The placeholder of "下期提醒" until subscription messages are wired. */
export function showComingSoon(): void {
  Taro.showToast({ title: '即将开放', icon: 'none' }).catch(() => {})
}
