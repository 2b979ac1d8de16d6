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

/** `来源：文汇报 证券时报 · 2024-03-25`; null when the article names no source. */
export function sourceText(sources: string[], date: string | null): string | null {
  if (sources.length === 0 && !date) return null
  const names = sources.join(' ')
  return `来源：${[names, date].filter(Boolean).join(' · ')}`
}

/** The share title of an issue: `《双周决策观察》2024 年第 6 期`. */
export const issueShareTitle = (issue: { title: string; year: number; number: number }): string =>
  `《${issue.title}》${issueLabel(issue)}`

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
