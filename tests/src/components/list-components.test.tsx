import { ArticleToolbar } from '@/components/article-toolbar'
import { HighlightedText } from '@/components/highlighted-text'
import { OfflineNotice } from '@/components/offline-notice'
import { RegionChip } from '@/components/region-chip'
import { regionTint, TINT_COUNT } from '@/components/region-chip/tint'
import { SourceLine } from '@/components/source-line'
import { StateView } from '@/components/state-view'
import { TocSection } from '@/components/toc-section'

import { byText, render, tap } from '../support/render'

describe('presentational components', () => {
  it('HighlightedText marks each hit range and keeps the rest plain', () => {
    const { container, unmount } = render(
      <HighlightedText text="张江、临港和大零号湾等" ranges={[[6, 10]]} />,
    )
    expect([...container.querySelectorAll('.highlight')].map((e) => e.textContent)).toEqual([
      '大零号湾',
    ])
    expect(container.textContent).toBe('张江、临港和大零号湾等')
    unmount()
  })

  it('RegionChip gives a region the same tint everywhere, and the known sections distinct ones', () => {
    const a = render(<RegionChip region="广东" />)
    const b = render(<RegionChip region="广东" size="large" />)
    const tintOf = (el: Element | null) => /region-chip--t(\d+)/.exec(el?.className ?? '')?.[1]
    expect(tintOf(a.container.querySelector('.region-chip'))).toBe(
      tintOf(b.container.querySelector('.region-chip')),
    )
    const known = ['区域', '上海', '广东', '北京', '江苏', '浙江', '天津', '安徽'].map(regionTint)
    expect(new Set(known).size).toBe(known.length)
    expect(regionTint('重庆')).toBe(regionTint('重庆'))
    expect(regionTint('重庆')).toBeLessThan(TINT_COUNT)
    for (const word of ['constructor', 'toString', '__proto__'])
      expect(regionTint(word)).toEqual(expect.any(Number))
    a.unmount()
    b.unmount()
  })

  it('SourceLine prints sources and date, and nothing without them', () => {
    const { container, unmount } = render(
      <SourceLine sources={['文汇报', '证券时报']} date="2024-03-25" />,
    )
    expect(container.textContent).toBe('来源：文汇报 证券时报 · 2024-03-25')
    unmount()
    const none = render(<SourceLine sources={[]} date={null} />)
    expect(none.container.textContent).toBe('')
    none.unmount()
  })

  it('StateView offers the retry it is given', () => {
    const retry = jest.fn()
    const { container, unmount } = render(
      <StateView kind="error" title="加载失败" actionText="重试" onAction={retry} />,
    )
    tap(byText(container, '重试'))
    expect(retry).toHaveBeenCalledTimes(1)
    unmount()
  })

  it('OfflineNotice says 离线', () => {
    const { container, unmount } = render(<OfflineNotice what="已缓存的文章" />)
    expect(container.textContent).toContain('离线')
    expect(container.textContent).toContain('已缓存的文章')
    unmount()
  })

  it('ArticleToolbar steps the font within bounds and toggles the favourite', () => {
    const grow = jest.fn()
    const shrink = jest.fn()
    const fav = jest.fn()
    const { container, unmount } = render(
      <ArticleToolbar
        favourite={false}
        fontSize={22}
        canShrink
        canGrow={false}
        onGrow={grow}
        onShrink={shrink}
        onToggleFavourite={fav}
      />,
    )
    tap(byText(container, 'A+'))
    tap(byText(container, 'A-'))
    tap(byText(container, '收藏'))
    expect(grow).not.toHaveBeenCalled()
    expect(shrink).toHaveBeenCalledTimes(1)
    expect(fav).toHaveBeenCalledTimes(1)
    unmount()
  })

  it('TocSection lists a region group and opens the tapped article', () => {
    const onOpen = jest.fn()
    const { container, unmount } = render(
      <TocSection
        region="广东"
        onOpen={onOpen}
        articles={[
          { id: 'i280-06', title: '深圳推动高端装备产业集群高质量发展', region: '广东' },
          { id: 'i280-07', title: '前海发布关于促进大宗商品贸易高质量发展措施', region: '广东' },
        ]}
      />,
    )
    expect(container.textContent).toContain('2 篇')
    tap(byText(container, '前海发布关于促进大宗商品贸易高质量发展措施'))
    expect(onOpen).toHaveBeenCalledWith('i280-07')
    unmount()
  })
})
