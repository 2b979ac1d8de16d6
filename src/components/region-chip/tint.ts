import { ownEntry } from '@core/own-entry'

/** Number of muted tints region chips use. */
export const TINT_COUNT = 12

/**
 * Sections of the publication with a fixed tint each, all different: the regions the issues
 * publish under (and the next most common ones), so no two of them share a tint in one issue.
 */
const FIXED: Record<string, number> = {
  区域: 7,
  上海: 0,
  江苏: 1,
  广东: 2,
  浙江: 3,
  天津: 4,
  安徽: 5,
  北京: 6,
  山东: 8,
  四川: 9,
  湖北: 10,
  福建: 11,
}

/** The tint index of a region: fixed for known sections, a stable hash of the name for others. */
export function regionTint(region: string): number {
  const fixed = ownEntry(FIXED, region)
  if (fixed !== undefined) return fixed
  let h = 0
  for (let i = 0; i < region.length; i++) h = (h * 31 + region.charCodeAt(i)) >>> 0
  return h % TINT_COUNT
}
