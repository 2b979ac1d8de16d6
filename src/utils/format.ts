import { readingMinutes } from '@core/reading'

/** Display formats shared by the screens; pure functions of domain values. */

const parts = (iso: string): [number, number, number] | null => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null
}

/** `2024-03-28` → `2024 年 3 月 28 日`. */
export function formatDate(iso: string): string {
  const p = parts(iso)
  return p ? `${p[0]} 年 ${p[1]} 月 ${p[2]} 日` : iso
}

/** `2024-03-28` → `3 月 28 日`, as the cover prints it. */
export function formatMonthDay(iso: string): string {
  const p = parts(iso)
  return p ? `${p[1]} 月 ${p[2]} 日` : iso
}

/** `2024 年第 6 期`. */
export const issueLabel = (issue: { year: number; number: number }): string =>
  `${issue.year} 年第 ${issue.number} 期`

/** `总第 280 期`. */
export const totalLabel = (issue: { totalNumber: number }): string => `总第 ${issue.totalNumber} 期`

/** An issue id as editors read it: `i280` → `总第 280 期` (anything else as it is). */
export function issueIdLabel(id: string): string {
  const m = /^i(\d+)$/.exec(id)
  return m ? `总第 ${m[1]} 期` : id
}

/** `约 4 分钟 · 1576 字`: reading time at about 400 characters a minute, and the length. */
export const readingText = (chars: number): string =>
  `约 ${readingMinutes(chars)} 分钟 · ${chars} 字`

/** `本期已读 3/10`. */
export const readProgressText = (read: number, total: number): string =>
  `本期已读 ${Math.min(read, total)}/${total}`

/** `来源：文汇报 证券时报 · 2024-03-25`; null when the article names no source. */
export function sourceText(sources: string[], date: string | null): string | null {
  if (sources.length === 0 && !date) return null
  const names = sources.join(' ')
  return `来源：${[names, date].filter(Boolean).join(' · ')}`
}

/** An ISO timestamp in the device's time zone: `2024-03-28 16:05`. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const two = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`
}

/** A notification job's state as editors read it. */
export const JOB_STATUS: Record<string, string> = {
  freezing: '准备名单',
  sending: '发送中',
  paused: '已暂停',
  done: '已完成',
}

/** A reader-facing explanation of a failed request. */
export function errorText(error: { code: string } | null): string {
  switch (error?.code) {
    case 'unavailable':
      return '网络不可用，请检查网络后重试'
    case 'not_found':
      return '内容不存在或已下线'
    case 'rate_limited':
      return '请求过于频繁，请稍后再试'
    default:
      return '加载失败，请稍后重试'
  }
}
