/** Number of muted tints region chips cycle through. */
export const TINT_COUNT = 8

/** Sections of the publication with a fixed tint, so the common ones never collide. */
const FIXED: Record<string, number> = {
  区域: 7,
  上海: 0,
  广东: 2,
  北京: 6,
  江苏: 1,
  浙江: 3,
  天津: 4,
  安徽: 5,
}

/** The tint index of a region: fixed for known sections, a stable hash of the name for others. */
export function regionTint(region: string): number {
  if (region in FIXED) return FIXED[region]
  let h = 0
  for (let i = 0; i < region.length; i++) h = (h * 31 + region.charCodeAt(i)) >>> 0
  return h % TINT_COUNT
}
