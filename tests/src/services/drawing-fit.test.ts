import { drawPoster, layoutPoster, POSTER_WIDTH, type PosterModel } from '@/services/drawing/poster'
import { drawShareCard, SHARE_SIZES, type ShareCardSpec } from '@/services/drawing/share-card'
import { fitText } from '@/services/drawing/text'

import { FakeSurface, RecordingContext } from '../support/fake-platform'
import { glyphWidth } from '../../../scripts/weapp-runtime/glyph-widths'

/** Every text drawn, with its extent: x from the alignment, y from the `middle` baseline. */
function extents(ctx: RecordingContext) {
  return ctx.texts.map((t) => {
    const width = glyphWidth(t.font, t.text)
    const size = Number(/(\d+)px/.exec(t.font)![1])
    const left = t.align === 'center' ? t.x - width / 2 : t.align === 'right' ? t.x - width : t.x
    return { text: t.text, left, right: left + width, top: t.y - size / 2, bottom: t.y + size / 2 }
  })
}

function expectInside(
  ctx: RecordingContext,
  box: { left: number; right: number; top: number; bottom: number },
) {
  const outside = extents(ctx).filter(
    (e) =>
      e.left < box.left - 0.01 ||
      e.right > box.right + 0.01 ||
      e.top < box.top ||
      e.bottom > box.bottom,
  )
  expect(outside).toEqual([])
}

const FOOTER = '《双周决策观察》2024 年第 5 期 · 总第 279 期'

describe('text on share cards and posters fits its box', () => {
  it('measures with real glyph widths: CJK full width, ASCII narrower', () => {
    expect(glyphWidth('400 20px sans-serif', '双周')).toBe(40)
    expect(glyphWidth('400 20px sans-serif', '2024')).toBeCloseTo(44.4)
    expect(glyphWidth('700 20px sans-serif', '2024')).toBeCloseTo(47.2)
    // The issue line at 22 px is wider than the card's 428 px between its margins.
    expect(glyphWidth('400 22px sans-serif', FOOTER)).toBeGreaterThan(500 - 72)
  })

  it('shortens a line that does not fit with …, and leaves one that fits alone', () => {
    const ctx = new RecordingContext()
    ctx.font = '400 20px sans-serif'
    expect(fitText(ctx, '双周决策观察', 120)).toBe('双周决策观察')
    expect(fitText(ctx, '双周决策观察', 119)).toBe('双周决策…')
    expect(fitText(ctx, 'Binhai Research Institute', 100)).toBe('Binhai R…')
    expect(ctx.measureText(fitText(ctx, 'Binhai Research Institute', 100)).width).toBeLessThan(100)
  })

  const specs: [string, ShareCardSpec][] = [
    ['an article', { kicker: '广东', title: '深圳前海推进现代服务业合作区建设', footer: FOOTER }],
    [
      'an issue',
      { kicker: '', title: '双周决策观察', footer: '2024 年第 5 期（总第 279 期） · 共 12 篇' },
    ],
    [
      'long everything',
      {
        kicker: '粤港澳大湾区与长三角一体化示范区联合调研组专题报告',
        title:
          '关于进一步优化营商环境、推动民营经济高质量发展的若干措施的实施情况跟踪与评估'.repeat(2),
        footer: '《双周决策观察（地方工作亮点追踪）》2024 年第 15 期 · 总第 1279 期 · 特刊',
      },
    ],
  ]
  for (const [name, spec] of specs)
    for (const [kind, size] of Object.entries(SHARE_SIZES))
      it(`share card (${kind}) for ${name}: every line inside the margins, the issue line kept`, () => {
        const surface = new FakeSurface(size.width, size.height, 'x.png')
        drawShareCard(surface, spec)
        const pad = 36
        expectInside(surface.ctx, {
          left: pad,
          right: size.width - pad,
          top: 0,
          bottom: size.height,
        })
        const texts = surface.ctx.texts.map((t) => t.text)
        if (name !== 'long everything') {
          // Split at its ` · ` when too long, never cut: the whole line is still there.
          expect(texts.join(' · ')).toContain(spec.footer)
          if (spec.kicker) expect(texts).toContain(spec.kicker)
        } else {
          expect(texts.some((t) => t.endsWith('…'))).toBe(true)
        }
      })

  it('poster: every line inside the margins, whatever the length of its parts', () => {
    const model: PosterModel = {
      title: '双周决策观察（地方工作亮点追踪）增刊',
      subtitle: '天津滨海综合发展研究院 Binhai Research Institute for Comprehensive Development',
      numberLine: '2024 年第 15 期（总第 1279 期）',
      dateLine: '2024 年 12 月 28 日印发',
      sections: [
        { region: '粤港澳大湾区与长三角一体化示范区联合调研组', titles: ['深圳前海'.repeat(20)] },
        { region: '天津', titles: ['滨海新区 AI+ manufacturing pilot zone 2024 report'] },
      ],
      caption: '长按识别小程序码，阅读本期全部文章并订阅更新提醒，每期出版第一时间收到通知',
    }
    const scratch = new RecordingContext()
    const layout = layoutPoster(scratch, model)
    const surface = new FakeSurface(POSTER_WIDTH, layout.height, 'x.png')
    drawPoster(surface, layout, null)
    // The poster's margin is 24 px; region labels hang 6 px into it.
    expectInside(surface.ctx, { left: 18, right: POSTER_WIDTH - 24, top: 0, bottom: layout.height })
    expect(surface.ctx.texts.map((t) => t.text)).toContain('2024 年 12 月 28 日印发')
  })
})
