import { drawShareCard, SHARE_SIZES } from '@/services/drawing/share-card'
import { wrapText } from '@/services/drawing/text'
import {
  articleCard,
  articleShare,
  DEFAULT_SHARE_IMAGES,
  issueShare,
  shareMessage,
  shareTimeline,
} from '@/services/share'
import { ShareStore } from '@/stores/share-store'

import { archive, contentService } from '../../fixtures/content'
import { FakePlatform, FakeSurface, RecordingContext } from '../support/fake-platform'

const detailOf = (id: string) => {
  const res = contentService(archive(1))({ action: 'articles.get', id })
  if (!res.ok) throw new Error('no article')
  return res.data as Parameters<typeof articleCard>[0]
}
const issueOf = (id: string) => {
  const res = contentService(archive(1))({ action: 'issues.get', id })
  if (!res.ok) throw new Error('no issue')
  return res.data as NonNullable<Parameters<typeof issueShare>[1]>
}

describe('share handlers', () => {
  it('share an article by its title, with its id in the path and a card of it', () => {
    const detail = detailOf('i280-03')
    expect(articleShare('i280-03', detail)).toEqual({
      key: 'article:i280-03',
      id: 'i280-03',
      title: detail.article.title,
      path: '/packages/reader/article/index?id=i280-03',
      card: articleCard(detail),
    })
    // Before it loads: the id already, the publication's name, nothing to draw yet.
    expect(articleShare('i280-03', undefined)).toMatchObject({
      title: '《双周决策观察》',
      path: '/packages/reader/article/index?id=i280-03',
      card: null,
    })
  })

  it('share an issue as 《双周决策观察》2024 年第 6 期', () => {
    const issue = issueOf('i280')
    expect(issueShare('i280', issue)).toMatchObject({
      key: 'issue:i280',
      id: 'i280',
      title: '《双周决策观察》2024 年第 6 期',
      path: '/packages/reader/issue/index?id=i280',
      card: { kicker: '总第 280 期' },
    })
    expect(issueShare('i280', undefined)).toMatchObject({ title: '《双周决策观察》', card: null })
  })

  it('use the drawn card when there is one, else the default image', async () => {
    const drawn = { chat: 'wxfile://tmp/chat.png', timeline: 'wxfile://tmp/moments.png' }
    expect(shareMessage('标题', '/p?id=1', drawn)).toEqual({
      title: '标题',
      path: '/p?id=1',
      imageUrl: drawn.chat,
    })
    expect(shareMessage('标题', '/p?id=1', null).imageUrl).toBe(DEFAULT_SHARE_IMAGES.chat)
    expect(shareTimeline('标题', 'i280-03', drawn)).toEqual({
      title: '标题',
      query: 'id=i280-03',
      imageUrl: drawn.timeline,
    })
    expect(shareTimeline('标题', 'i280-03', null).imageUrl).toBe(DEFAULT_SHARE_IMAGES.timeline)
  })

  it('while the card is being drawn, hand WeChat a promise of it (default if drawing fails)', async () => {
    const late = shareMessage(
      '标题',
      '/p',
      null,
      Promise.resolve({ chat: 'c.png', timeline: 't.png' }),
    )
    expect(late.imageUrl).toBe(DEFAULT_SHARE_IMAGES.chat)
    await expect(late.promise).resolves.toEqual({ title: '标题', path: '/p', imageUrl: 'c.png' })
    const failed = shareMessage('标题', '/p', null, Promise.resolve(null))
    await expect(failed.promise).resolves.toMatchObject({ imageUrl: DEFAULT_SHARE_IMAGES.chat })
  })
})

describe('share cards', () => {
  it('draw the region, the title and the issue on a 5:4 card', () => {
    const surface = new FakeSurface(SHARE_SIZES.chat.width, SHARE_SIZES.chat.height, 'x.png')
    const detail = detailOf('i280-06')
    drawShareCard(surface, articleCard(detail))
    const texts = surface.ctx.texts.map((t) => t.text)
    expect(texts[0]).toBe('双周决策观察')
    expect(texts).toContain('广东')
    expect(texts.join('')).toContain(detail.article.title)
    // Too wide for one line at 22 px: split at its last ` · `.
    expect(texts.slice(-2)).toEqual(['《双周决策观察》2024 年第 6 期', '总第 280 期'])
  })

  it('wrap a long title into lines that fit, ending a cut one with …', () => {
    const ctx = new RecordingContext()
    ctx.font = '10px sans-serif'
    const lines = wrapText(ctx, '一二三四五六七八九十一二三四五六七八九十', 50, 2)
    expect(lines).toEqual(['一二三四五', '六七八九…'])
    expect(wrapText(ctx, '一二三', 50)).toEqual(['一二三'])
  })

  it('are drawn once per page on weapp, and fall back to the defaults when drawing fails', async () => {
    const platform = new FakePlatform('weapp')
    const share = new ShareStore(platform)
    const card = articleCard(detailOf('i280-01'))
    const images = await share.prepare('article:i280-01', card)
    expect(images).toEqual({
      chat: 'wxfile://tmp/drawing-0.png',
      timeline: 'wxfile://tmp/drawing-1.png',
    })
    expect(platform.surfaces.map((s) => [s.width, s.height])).toEqual([
      [500, 400],
      [500, 500],
    ])
    await share.prepare('article:i280-01', card)
    expect(platform.surfaces).toHaveLength(2)
    expect(share.imagesFor('article:i280-01')).toEqual(images)

    const broken = new FakePlatform('weapp')
    broken.failExport = true
    const store = new ShareStore(broken)
    await expect(store.prepare('article:i280-02', card)).resolves.toBeNull()
    expect(shareMessage('t', '/p', store.imagesFor('article:i280-02')).imageUrl).toBe(
      DEFAULT_SHARE_IMAGES.chat,
    )
    const old = new FakePlatform('weapp')
    old.canDraw = false
    await expect(new ShareStore(old).prepare('k', card)).resolves.toBeNull()
  })

  it('are not drawn on h5, which shares a link', async () => {
    const platform = new FakePlatform('h5')
    await expect(
      new ShareStore(platform).prepare('k', articleCard(detailOf('i280-01'))),
    ).resolves.toBeNull()
    expect(platform.surfaces).toHaveLength(0)
  })
})
