import Taro from '@tarojs/taro'
import { act } from 'react'

import ArticlePage from '@/packages/reader/article/index'
import IssuePage from '@/packages/reader/issue/index'
import LatestPage from '@/pages/latest/index'
import { NOTICE_MISSING_ARTICLE, NOTICE_UNREADABLE } from '@/services/entry'
import { DEFAULT_SHARE_IMAGES } from '@/services/share'
import { createMemoryStorage } from '@/services/storage'
import { StoresContext } from '@/stores/context'
import { RootStore } from '@/stores/root-store'

import { archive, contentService } from '../../fixtures/content'
import { subscriptionService } from '../support/fake-functions'
import { FakePlatform } from '../support/fake-platform'
import { FakeTransport } from '../support/fake-transport'
import { byText, render, tap } from '../support/render'
import { pageState, setRouterParams } from '../support/taro-page-hooks'

const settle = () =>
  act(async () => {
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0))
  })

function setup(kind: 'weapp' | 'h5' = 'weapp') {
  const platform = new FakePlatform(kind)
  const subscription = subscriptionService()
  const transport = new FakeTransport(contentService(archive(2)), {
    subscription: subscription.handler,
  })
  const stores = new RootStore({ transport, storage: createMemoryStorage(), platform })
  const navigation = {
    switchTab: jest.spyOn(Taro, 'switchTab').mockImplementation(async () => ({ errMsg: 'ok' })),
    redirectTo: jest.spyOn(Taro, 'redirectTo').mockImplementation(async () => ({ errMsg: 'ok' })),
    navigateTo: jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'ok' })),
  }
  const show = async (ui: React.ReactElement) => {
    const view = render(<StoresContext.Provider value={stores}>{ui}</StoresContext.Provider>)
    await settle()
    return view
  }
  return { platform, transport, stores, navigation, subscription, show }
}

afterEach(() => {
  jest.restoreAllMocks()
})

describe('the article page', () => {
  it('shares the article by title and path with its id; the drawn card once ready (weapp)', async () => {
    const { show, platform, stores } = setup('weapp')
    setRouterParams({ id: 'i280-03' })
    const view = await show(<ArticlePage />)
    const title = stores.articles.articles.get('i280-03')!.article.title
    expect(platform.shareMenus).toBeGreaterThan(0)
    // Before the card is drawn: the default image.
    expect(pageState.shareAppMessage?.()).toMatchObject({
      title,
      path: '/packages/reader/article/index?id=i280-03',
      imageUrl: DEFAULT_SHARE_IMAGES.chat,
    })
    // The card is drawn shortly after the page is on screen.
    await act(async () => {
      await new Promise((r) => setTimeout(r, 450))
    })
    await settle()
    expect(pageState.shareAppMessage?.()).toEqual({
      title,
      path: '/packages/reader/article/index?id=i280-03',
      imageUrl: 'wxfile://tmp/drawing-0.png',
    })
    expect(pageState.shareTimeline?.()).toEqual({
      title,
      query: 'id=i280-03',
      imageUrl: 'wxfile://tmp/drawing-1.png',
    })
    // weapp shares from the menu: no copy-link button.
    expect(byText(view.container, '分享')).toBeNull()
    view.unmount()
  })

  it('on h5 copies the deep link and says so', async () => {
    const { show, platform } = setup('h5')
    setRouterParams({ id: 'i280-03' })
    const view = await show(<ArticlePage />)
    tap(byText(view.container, '分享'))
    await settle()
    expect(platform.copied).toEqual([
      'https://reader.example/#/packages/reader/article/index?id=i280-03',
    ])
    expect(platform.toasts).toEqual(['链接已复制'])
    view.unmount()
  })

  it('renders fully in Moments single-page mode: no navigation, no reminders, a hint', async () => {
    const { show, platform, stores, navigation, transport } = setup('weapp')
    platform.singlePage = true
    setRouterParams({ id: 'i280-05' })
    const view = await show(<ArticlePage />)
    const detail = stores.articles.articles.get('i280-05')!
    const text = view.container.textContent ?? ''
    expect(text).toContain(detail.article.title)
    for (const block of detail.article.blocks) expect(text).toContain(block.text)
    expect(view.container.querySelector('.source-line')).not.toBeNull()
    expect(view.container.querySelector('.single-page-hint')?.textContent).toContain('前往小程序')
    for (const selector of [
      '.remind-button',
      '.article-pager',
      '.article-toolbar',
      '.article-page__issue',
    ])
      expect(view.container.querySelector(selector)).toBeNull()
    tap(view.container.querySelector('.article-header__issue'))
    expect(navigation.navigateTo).not.toHaveBeenCalled()
    expect(navigation.switchTab).not.toHaveBeenCalled()
    expect(platform.shareMenus).toBe(0)
    // Read from the public content function only; nothing recorded in a storage that is not the app's.
    expect(new Set(transport.calls.map((c) => c.fn))).toEqual(new Set(['content']))
    expect(stores.library.history.size).toBe(0)
    view.unmount()
  })

  it('opens the article a QR scene names', async () => {
    const { show, stores } = setup()
    setRouterParams({ scene: encodeURIComponent('1a7s.4') })
    const view = await show(<ArticlePage />)
    expect(view.container.querySelector('.article-header__title')?.textContent).toBe(
      stores.articles.articles.get('i280-04')!.article.title,
    )
    view.unmount()
  })

  it('lands a tampered scene on 最新 with a notice, never an error screen', async () => {
    const { show, stores, navigation } = setup()
    setRouterParams({ scene: '1a7s.zz' })
    const view = await show(<ArticlePage />)
    expect(navigation.switchTab).toHaveBeenCalledWith({ url: '/pages/latest/index' })
    expect(stores.launch.notice).toBe(NOTICE_UNREADABLE)
    expect(view.container.querySelector('.state-view--error')).toBeNull()
    view.unmount()

    const latest = await show(<LatestPage />)
    expect(latest.container.querySelector('.landing-notice')?.textContent).toContain(
      NOTICE_UNREADABLE,
    )
    expect(latest.container.querySelector('.issue-cover')).not.toBeNull()
    tap(byText(latest.container, '知道了'))
    expect(latest.container.querySelector('.landing-notice')).toBeNull()
    latest.unmount()
  })

  it('lands an unknown (well-formed) article on 最新 with its own notice', async () => {
    const { show, stores, navigation } = setup()
    setRouterParams({ id: 'i280-55' })
    const view = await show(<ArticlePage />)
    expect(navigation.switchTab).toHaveBeenCalledTimes(1)
    expect(stores.launch.notice).toBe(NOTICE_MISSING_ARTICLE)
    view.unmount()
  })

  it('sends an issue scene opened on the article page to the issue page', async () => {
    const { show, navigation } = setup()
    setRouterParams({ scene: '1i7s' })
    const view = await show(<ArticlePage />)
    expect(navigation.redirectTo).toHaveBeenCalledWith({
      url: '/packages/reader/issue/index?id=i280',
    })
    view.unmount()
  })
})

describe('reading aids and ways on', () => {
  const firstIssue = () => archive(2)[0]

  it('an article shows its reading time and length, and names previous and next without its issue loaded', async () => {
    const { show, stores } = setup('weapp')
    const { articles } = firstIssue()
    const [, second, third] = articles
    setRouterParams({ id: second.id })
    const view = await show(<ArticlePage />)
    expect(stores.issues.details.size).toBe(0)
    const chars = second.blocks.map((b) => b.text.replace(/\s+/g, '')).join('').length
    expect(view.container.querySelector('.article-header__reading')?.textContent).toBe(
      `约 ${Math.max(1, Math.round(chars / 400))} 分钟 · ${chars} 字`,
    )
    const pager = view.container.querySelector('.article-pager')?.textContent ?? ''
    expect(pager).toContain(articles[0].title)
    expect(pager).toContain(third.title)
    expect(view.container.querySelector('.reading-progress')).not.toBeNull()
    view.unmount()
  })

  it('an article opened cold from a link on h5 offers 最新, 搜索 and 我的', async () => {
    const { show, navigation } = setup('h5')
    jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([{}] as never)
    setRouterParams({ id: firstIssue().articles[0].id })
    const view = await show(<ArticlePage />)
    const links = [...view.container.querySelectorAll('.tab-links__link')]
    expect(links.map((l) => l.textContent)).toEqual(['最新', '搜索', '我的'])
    tap(links[1])
    expect(navigation.switchTab).toHaveBeenCalledWith({ url: '/pages/search/index' })
    view.unmount()
  })

  it('an article opened from within the app shows no tab links', async () => {
    const { show } = setup('h5')
    jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([{}, {}] as never)
    setRouterParams({ id: firstIssue().articles[0].id })
    const view = await show(<ArticlePage />)
    expect(view.container.querySelector('.tab-links')).toBeNull()
    view.unmount()
  })

  it('the issue and the cover say how much of the issue was read, and the issue how long it reads', async () => {
    const { show, stores } = setup('weapp')
    const { issue, articles } = firstIssue()
    await stores.readArticle(articles[0].id)
    await stores.readArticle(articles[3].id)
    setRouterParams({ id: issue.id })
    const page = await show(<IssuePage />)
    const line = page.container.querySelector('.issue-page__reading')?.textContent ?? ''
    expect(line).toContain(`本期已读 2/${articles.length}`)
    const chars = articles
      .flatMap((a) => a.blocks.map((b) => b.text.replace(/\s+/g, '')))
      .join('').length
    expect(line).toContain(`约 ${Math.round(chars / 400)} 分钟 · ${chars} 字`)
    page.unmount()
    setRouterParams({})
    const latest = await show(<LatestPage />)
    expect(latest.container.querySelector('.issue-cover')?.textContent).toContain(
      `本期已读 2/${articles.length}`,
    )
    latest.unmount()
  })

  it('a cached article that the server no longer has is not shown: 不存在或已下线', async () => {
    const { show, stores, navigation, transport } = setup('weapp')
    const id = firstIssue().articles[1].id
    await stores.readArticle(id)
    // The issue is withdrawn; the article page opens on the cached copy and the server says no.
    jest.spyOn(transport, 'call').mockImplementation(async () => ({
      ok: false,
      error: { code: 'not_found', message: 'gone' },
    }))
    setRouterParams({ id })
    const view = await show(<ArticlePage />)
    expect(view.container.querySelector('.article-body')).toBeNull()
    expect(navigation.switchTab).toHaveBeenCalled()
    expect(stores.launch.notice).toBe(NOTICE_MISSING_ARTICLE)
    view.unmount()
  })
})

describe('the issue page', () => {
  it('shares as 《双周决策观察》2024 年第 6 期 with the id', async () => {
    const { show } = setup()
    setRouterParams({ id: 'i280' })
    const view = await show(<IssuePage />)
    expect(pageState.shareAppMessage?.()).toMatchObject({
      title: '《双周决策观察》2024 年第 6 期',
      path: '/packages/reader/issue/index?id=i280',
    })
    expect(pageState.shareTimeline?.()).toMatchObject({
      title: '《双周决策观察》2024 年第 6 期',
      query: 'id=i280',
    })
    view.unmount()
  })

  it('asks for a reminder from its 下期提醒 on h5 with the simulated dialog', async () => {
    const { show, subscription } = setup('h5')
    setRouterParams({ id: 'i280' })
    const view = await show(<IssuePage />)
    tap(view.container.querySelector('.remind-button'))
    expect(view.container.querySelector('.consent-dialog')).not.toBeNull()
    tap(byText(view.container, '允许'))
    await settle()
    expect(view.container.querySelector('.consent-dialog')).toBeNull()
    expect(subscription.state.remaining).toBe(1)
    expect(view.container.querySelector('.remind-note')?.textContent).toContain('已开启提醒')
    expect(view.container.querySelector('.remind-button__hint')?.textContent).toBe(
      '接下来 1 期发布时会通知你',
    )
    view.unmount()
  })
})
