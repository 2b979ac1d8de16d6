import { ApiFailure } from '../dispatch'

/** Opaque page cursors: a keyset (`280` or `280.3`) or an offset (`@20`), validated on the way in. */
export const issueCursor = (totalNumber: number): string => String(totalNumber)

export function readIssueCursor(cursor: string | undefined): number | null {
  if (cursor === undefined) return null
  if (!/^\d{1,7}$/.test(cursor))
    throw new ApiFailure('invalid_argument', 'cursor: not a cursor from this list')
  return Number(cursor)
}

export const articleCursor = (a: { totalNumber: number; position: number }): string =>
  `${a.totalNumber}.${a.position}`

export function readArticleCursor(
  cursor: string | undefined,
): { totalNumber: number; position: number } | null {
  if (cursor === undefined) return null
  const m = /^(\d{1,7})\.(\d{1,3})$/.exec(cursor)
  if (!m) throw new ApiFailure('invalid_argument', 'cursor: not a cursor from this list')
  return { totalNumber: Number(m[1]), position: Number(m[2]) }
}

export const offsetCursor = (offset: number): string => `@${offset}`

export function readOffsetCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0
  const m = /^@(\d{1,6})$/.exec(cursor)
  if (!m) throw new ApiFailure('invalid_argument', 'cursor: not a cursor from this list')
  return Number(m[1])
}
