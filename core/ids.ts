/** Stable ids. Article ids must fit a QR `scene` (≤ 32 chars) together with a version prefix. */

export const issueIdOf = (totalNumber: number): string => `i${totalNumber}`

export const articleIdOf = (issueId: string, position: number): string =>
  `${issueId}-${String(position).padStart(2, '0')}`

const ARTICLE_ID = /^i(\d{1,6})-(\d{2,3})$/

/** Splits an article id into its issue id and position; null when it is not one. */
export function parseArticleId(id: string): { issueId: string; position: number } | null {
  const m = ARTICLE_ID.exec(id)
  if (!m) return null
  return { issueId: `i${m[1]}`, position: Number(m[2]) }
}
