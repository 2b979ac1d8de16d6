import type { Canvas2D } from '../platform/types'

/** The system Chinese fonts, as the app's CSS lists them (canvas text uses no web fonts). */
export const CANVAS_FONTS =
  "'PingFang SC', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', sans-serif"

export const font = (size: number, weight: 400 | 600 | 700 = 400): string =>
  `${weight} ${size}px ${CANVAS_FONTS}`

/**
 * Breaks text into lines no wider than `maxWidth` (character by character, as Chinese wraps),
 * at most `maxLines`; a cut last line ends with …. A last line of one character (…措 / 施) takes
 * the character before it along, as print does. Uses the context's current font.
 */
export function wrapText(
  ctx: Pick<Canvas2D, 'measureText'>,
  text: string,
  maxWidth: number,
  maxLines = Infinity,
): string[] {
  const chars = [...text.replace(/\s+/g, ' ').trim()]
  const lines: string[] = []
  let line = ''
  for (let i = 0; i < chars.length; i++) {
    const next = line + chars[i]
    if (line && ctx.measureText(next).width > maxWidth) {
      lines.push(line)
      line = chars[i]
      if (lines.length === maxLines) {
        // No room for the rest: end the last line with an ellipsis that fits.
        lines[lines.length - 1] = fitText(ctx, `${lines[lines.length - 1]}…`, maxWidth)
        return lines
      }
    } else {
      line = next
    }
  }
  if (line) lines.push(line)
  const n = lines.length
  if (n > 1 && [...lines[n - 1]].length === 1 && [...lines[n - 2]].length > 2) {
    const prev = [...lines[n - 2]]
    lines[n - 1] = `${prev.pop()}${lines[n - 1]}`
    lines[n - 2] = prev.join('')
  }
  return lines
}

/**
 * The text itself when it fits in `maxWidth` with the context's current font, otherwise its longest
 * beginning that fits followed by … (never wider than `maxWidth`).
 */
export function fitText(
  ctx: Pick<Canvas2D, 'measureText'>,
  text: string,
  maxWidth: number,
): string {
  if (ctx.measureText(text).width <= maxWidth) return text
  let chars = [...text.replace(/…$/, '')]
  while (chars.length > 0 && ctx.measureText(`${chars.join('')}…`).width > maxWidth)
    chars = chars.slice(0, -1)
  return chars.length > 0 ? `${chars.join('').trimEnd()}…` : ''
}
