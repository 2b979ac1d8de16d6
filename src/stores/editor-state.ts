import type { ApiError } from '@core/api/response'
import { NOT_AN_ISSUE_FILE } from '@core/limits'
import type { LocalError } from '@/services/local-error'

import type { LoadState } from './load-state'

/** One clear line for a failed editor action (the editors' stores and pages share it). */
export function editorErrorText(error: ApiError | null): string {
  if (!error) return ''
  if (error.message.startsWith(NOT_AN_ISSUE_FILE) || (error as LocalError).plain)
    return error.message
  switch (error.code) {
    case 'permission_denied':
      return '只有编辑可以执行这个操作：当前身份不在编辑名单中'
    case 'unavailable':
      return '网络不可用，请稍后重试'
    case 'payload_too_large':
      return '文件太大：期刊文件不能超过 5 MB'
    case 'rate_limited':
      return '操作太频繁，请稍后再试'
    case 'not_found':
      return `没有找到：${error.message}`
    default:
      return `操作失败：${error.message}`
  }
}

export const failed = (error: ApiError): LoadState => ({
  status: 'error',
  error,
  offline: error.code === 'unavailable',
})
export const loading = (): LoadState => ({ status: 'loading', error: null, offline: false })
export const ready = (): LoadState => ({ status: 'ready', error: null, offline: false })

/** What the editors' stores tell the rest of the app. */
export interface EditorOptions {
  /** Called after the published content changed, so the reader's lists refresh. */
  onContentChanged?: () => void
}
