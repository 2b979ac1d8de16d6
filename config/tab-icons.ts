/**
 * Draws the four tab bar icons (normal and selected, light and dark) as small PNGs into
 * src/assets/tab/, in the colours of src/theme.json. The selected icon is drawn with a heavier
 * stroke, so the active tab reads as active by shape as well as colour.
 * Run once after changing a shape or colour: `npx tsx config/tab-icons.ts`.
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'

import { PNG } from 'pngjs'

import theme from '../src/theme.json'

const SIZE = 81
const SUPERSAMPLE = 4

type Shape = (x: number, y: number) => boolean

const dist = (ax: number, ay: number, bx: number, by: number) => Math.hypot(ax - bx, ay - by)

/** Inside a stroke of width w along segment a–b. */
const segment =
  (ax: number, ay: number, bx: number, by: number, w: number): Shape =>
  (x, y) => {
    const dx = bx - ax
    const dy = by - ay
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
    return dist(x, y, ax + t * dx, ay + t * dy) <= w / 2
  }

const ring =
  (cx: number, cy: number, r: number, w: number): Shape =>
  (x, y) =>
    Math.abs(dist(x, y, cx, cy) - r) <= w / 2

/** Outline of a rounded rectangle. */
const roundedRect =
  (x0: number, y0: number, x1: number, y1: number, r: number, w: number): Shape =>
  (x, y) => {
    const qx = Math.max(x0 + r - x, 0, x - (x1 - r))
    const qy = Math.max(y0 + r - y, 0, y - (y1 - r))
    const outside = Math.hypot(qx, qy) - r
    const inside = Math.min(Math.max(x0 - x, x - x1, y0 - y, y - y1), 0)
    return Math.abs(qx > 0 || qy > 0 ? outside : inside) <= w / 2
  }

const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((s) => s(x, y))

/** Stroke widths of the normal and the selected icons. */
const NORMAL = 5
const SELECTED = 7

const icons = (W: number): Record<string, Shape> => ({
  // 最新: a printed page with lines of text.
  latest: union(
    roundedRect(18, 12, 63, 69, 6, W),
    segment(28, 28, 53, 28, W),
    segment(28, 40, 53, 40, W),
    segment(28, 52, 44, 52, W),
  ),
  // 地区: a map pin.
  regions: union(ring(40.5, 33, 8, W), (x, y) => {
    const cx = 40.5
    const cy = 33
    const r = 21
    const d = dist(x, y, cx, cy)
    if (y <= cy + 6) return Math.abs(d - r) <= W / 2
    // The two sides running down to the tip at (cx, 71).
    return (
      segment(cx - 18.2, cy + 10.5, cx, 71, W)(x, y) ||
      segment(cx + 18.2, cy + 10.5, cx, 71, W)(x, y) ||
      (Math.abs(d - r) <= W / 2 && y <= cy + 11)
    )
  }),
  // 搜索: a magnifier.
  search: union(ring(35, 35, 19, W), segment(49, 49, 66, 66, W + 2)),
  // 我的: a person.
  me: union(
    ring(40.5, 27, 13, W),
    (x, y) => y <= 68 && Math.abs(Math.hypot((x - 40.5) / 25, (y - 70) / 23) - 1) <= W / 2 / 24,
  ),
})

function draw(shape: Shape, hex: string): Buffer {
  const png = new PNG({ width: SIZE, height: SIZE })
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16))
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      let hits = 0
      for (let sy = 0; sy < SUPERSAMPLE; sy++)
        for (let sx = 0; sx < SUPERSAMPLE; sx++)
          if (shape(x + (sx + 0.5) / SUPERSAMPLE, y + (sy + 0.5) / SUPERSAMPLE)) hits++
      const i = (y * SIZE + x) * 4
      png.data[i] = r
      png.data[i + 1] = g
      png.data[i + 2] = b
      png.data[i + 3] = Math.round((255 * hits) / (SUPERSAMPLE * SUPERSAMPLE))
    }
  }
  return PNG.sync.write(png)
}

const out = path.resolve(__dirname, '../src/assets/tab')
const normal = icons(NORMAL)
const selected = icons(SELECTED)
for (const name of Object.keys(normal)) {
  for (const [mode, suffix] of [
    ['light', ''],
    ['dark', '-dark'],
  ] as const) {
    const colours = theme[mode]
    writeFileSync(path.join(out, `${name}${suffix}.png`), draw(normal[name], colours.tabColor))
    writeFileSync(
      path.join(out, `${name}-active${suffix}.png`),
      draw(selected[name], colours.tabSelectedColor),
    )
  }
}
console.log(`wrote ${Object.keys(normal).length * 4} icons to ${out}`)
