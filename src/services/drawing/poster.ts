import type { Canvas2D, CanvasImage, DrawingSurface } from '../platform/types'

import { fitText, font, wrapText } from './text'

/** What an issue poster prints: the cover line, the contents by region, and the QR code. */
export interface PosterModel {
  title: string
  subtitle: string
  /** `2024 年第 6 期（总第 280 期）`. */
  numberLine: string
  /** `2024 年 3 月 28 日印发`. */
  dateLine: string
  sections: { region: string; titles: string[] }[]
  caption: string
}

export const POSTER_WIDTH = 375
const PAD = 24
const BAND = 150
const QR = 150
const TITLE_SIZE = 15
const TITLE_LINE = 23
const REGION_SIZE = 13

/** One drawing step, in CSS px; computed once so the height is known before the canvas exists. */
type Op =
  | {
      type: 'text'
      text: string
      x: number
      y: number
      size: number
      weight: 400 | 600 | 700
      color: string
      align?: 'left' | 'center'
    }
  | { type: 'rule'; y: number }

export interface PosterLayout {
  height: number
  ops: Op[]
  qr: { x: number; y: number; size: number }
}

/** Lays the poster out with the context's text metrics (wrapping titles to two lines at most). */
export function layoutPoster(
  measure: Pick<Canvas2D, 'measureText' | 'font'>,
  model: PosterModel,
): PosterLayout {
  const ops: Op[] = []
  const center = POSTER_WIDTH / 2
  // Every line stays inside the margins: centred lines span the width less both margins, left
  // aligned ones run from their x to the right margin; longer text is shortened with ….
  const pushText = (op: Extract<Op, { type: 'text' }>) => {
    measure.font = font(op.size, op.weight)
    const room = op.align === 'center' ? POSTER_WIDTH - PAD * 2 : POSTER_WIDTH - PAD - op.x
    ops.push({ ...op, text: fitText(measure, op.text, room) })
  }
  pushText({
    type: 'text',
    text: model.title,
    x: center,
    y: 46,
    size: 28,
    weight: 700,
    color: '#ffffff',
    align: 'center',
  })
  pushText({
    type: 'text',
    text: model.subtitle,
    x: center,
    y: 76,
    size: 13,
    weight: 400,
    color: '#dfe6ef',
    align: 'center',
  })
  pushText({
    type: 'text',
    text: model.numberLine,
    x: center,
    y: 106,
    size: 15,
    weight: 600,
    color: '#ffffff',
    align: 'center',
  })
  pushText({
    type: 'text',
    text: model.dateLine,
    x: center,
    y: 128,
    size: 12,
    weight: 400,
    color: '#dfe6ef',
    align: 'center',
  })
  let y = BAND + 28
  pushText({ type: 'text', text: '本期目录', x: PAD, y, size: 13, weight: 400, color: '#5c6570' })
  y += 26
  for (const section of model.sections) {
    pushText({
      type: 'text',
      text: `【${section.region}】`,
      x: PAD - 6,
      y,
      size: REGION_SIZE,
      weight: 700,
      color: '#1d3557',
    })
    y += 22
    measure.font = font(TITLE_SIZE)
    for (const title of section.titles) {
      for (const line of wrapText(measure, title, POSTER_WIDTH - PAD * 2 - 12, 2)) {
        pushText({
          type: 'text',
          text: line,
          x: PAD + 12,
          y,
          size: TITLE_SIZE,
          weight: 400,
          color: '#1f2328',
        })
        y += TITLE_LINE
      }
    }
    y += 8
  }
  y += 8
  ops.push({ type: 'rule', y })
  y += 24
  const qr = { x: center - QR / 2, y, size: QR }
  y += QR + 22
  pushText({
    type: 'text',
    text: model.caption,
    x: center,
    y,
    size: 13,
    weight: 400,
    color: '#5c6570',
    align: 'center',
  })
  y += 30
  return { height: Math.ceil(y), ops, qr }
}

/** Draws a laid-out poster and its QR image onto a surface of the layout's size. */
export function drawPoster(
  surface: DrawingSurface,
  layout: PosterLayout,
  qrImage: CanvasImage | null,
): void {
  const { ctx, width } = surface
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, width, layout.height)
  ctx.fillStyle = '#1d3557'
  ctx.fillRect(0, 0, width, BAND)
  ctx.textBaseline = 'middle'
  for (const op of layout.ops) {
    if (op.type === 'rule') {
      ctx.strokeStyle = '#e4e4df'
      ctx.lineWidth = 1
      ctx.beginPath()
      ctx.moveTo(PAD, op.y)
      ctx.lineTo(width - PAD, op.y)
      ctx.stroke()
      continue
    }
    ctx.font = font(op.size, op.weight)
    ctx.fillStyle = op.color
    ctx.textAlign = op.align ?? 'left'
    ctx.fillText(op.text, op.x, op.y)
  }
  if (qrImage)
    ctx.drawImage(qrImage as never, layout.qr.x, layout.qr.y, layout.qr.size, layout.qr.size)
}
