import type { DrawingSurface } from '../platform/types'

import { fitText, font, wrapText } from './text'

/** What a share card shows: a kicker (the region), the title, and the issue line. */
export interface ShareCardSpec {
  kicker: string
  title: string
  footer: string
}

/** Chat cards are 5:4, Moments images 1:1 (CSS px; surfaces scale for sharpness). */
export const SHARE_SIZES = {
  chat: { width: 500, height: 400 },
  timeline: { width: 500, height: 500 },
} as const

const BRAND = '#1d3557'
const PAPER = '#f7f7f5'
const INK = '#1f2328'
const MUTED = '#5c6570'

/** Draws a card in the app's print look: navy masthead band, the kicker chip, the title, the issue. */
export function drawShareCard(surface: DrawingSurface, spec: ShareCardSpec): void {
  const { ctx, width: w, height: h } = surface
  const pad = 36
  ctx.fillStyle = PAPER
  ctx.fillRect(0, 0, w, h)
  const band = Math.round(h * 0.2)
  ctx.fillStyle = BRAND
  ctx.fillRect(0, 0, w, band)
  ctx.fillStyle = '#ffffff'
  ctx.textBaseline = 'middle'
  ctx.textAlign = 'left'
  ctx.font = font(30, 700)
  ctx.fillText('双周决策观察', pad, band / 2)

  let y = band + 40
  if (spec.kicker) {
    ctx.font = font(22, 600)
    const kicker = fitText(ctx, spec.kicker, w - pad * 2 - 28)
    const chipW = ctx.measureText(kicker).width + 28
    ctx.strokeStyle = BRAND
    ctx.lineWidth = 2
    ctx.beginPath()
    ctx.moveTo(pad, y)
    ctx.lineTo(pad + chipW, y)
    ctx.lineTo(pad + chipW, y + 40)
    ctx.lineTo(pad, y + 40)
    ctx.lineTo(pad, y)
    ctx.stroke()
    ctx.fillStyle = BRAND
    ctx.fillText(kicker, pad + 14, y + 20)
    y += 72
  }

  const titleSize = h > w ? 40 : 38
  ctx.font = font(titleSize, 700)
  ctx.fillStyle = INK
  const footerTop = h - 64
  const lineHeight = titleSize * 1.4
  const maxLines = Math.max(1, Math.floor((footerTop - y - 12) / lineHeight))
  for (const line of wrapText(ctx, spec.title, w - pad * 2, maxLines)) {
    ctx.fillText(line, pad, y + lineHeight / 2)
    y += lineHeight
  }

  ctx.strokeStyle = '#e4e4df'
  ctx.lineWidth = 2
  ctx.beginPath()
  ctx.moveTo(pad, footerTop)
  ctx.lineTo(w - pad, footerTop)
  ctx.stroke()
  ctx.font = font(22)
  ctx.fillStyle = MUTED
  const footer = footerLines(ctx, spec.footer, w - pad * 2)
  const footerLine = 28
  let footerY = footerTop + 32 - ((footer.length - 1) * footerLine) / 2
  for (const line of footer) {
    ctx.fillText(line, pad, footerY)
    footerY += footerLine
  }
}

/** The footer on one line, or on two split at its last ` · ` (each shortened with … if need be). */
function footerLines(ctx: DrawingSurface['ctx'], text: string, maxWidth: number): string[] {
  if (ctx.measureText(text).width <= maxWidth) return [text]
  const at = text.lastIndexOf(' · ')
  if (at < 0) return wrapText(ctx, text, maxWidth, 2)
  return [text.slice(0, at), text.slice(at + 3)].map((part) => fitText(ctx, part, maxWidth))
}
