import { readFileSync } from 'node:fs'
import path from 'node:path'

import Taro from '@tarojs/taro'

import { parseIssueText } from '@core/index'
import { renderIssueText } from '@core/issue-text/render'
import { act } from 'react'

import EditorHomePage from '@/packages/editor/index/index'
import PreviewPage from '@/packages/editor/preview/index'
import MePage from '@/pages/me/index'
import { createMemoryStorage } from '@/services/storage'
import { StoresContext } from '@/stores/context'
import { RootStore } from '@/stores/root-store'

import { archive, contentService } from '../../fixtures/content'
import { readSampleIssue } from '../../fixtures/sample-issue'
import { publishService, subscriptionService } from '../support/fake-functions'
import { FakePlatform } from '../support/fake-platform'
import { FakeTransport } from '../support/fake-transport'
import { byText, render, tap } from '../support/render'
import { setRouterParams } from '../support/taro-page-hooks'

const settle = () =>
  act(async () => {
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0))
  })

function setup(isEditor: boolean) {
  const subscription = subscriptionService()
  const publish = publishService({ isEditor })
  const transport = new FakeTransport(contentService(archive(2)), {
    subscription: subscription.handler,
    publish: publish.handler,
    notify: () => ({ ok: true, data: { items: [] } }),
  })
  const stores = new RootStore({
    transport,
    storage: createMemoryStorage({ 'dev.openid': 'h5-0123456789ab' }),
    platform: new FakePlatform('h5'),
  })
  const navigateTo = jest
    .spyOn(Taro, 'navigateTo')
    .mockImplementation(async () => ({ errMsg: 'ok' }))
  const show = async (ui: React.ReactElement) => {
    const view = render(<StoresContext.Provider value={stores}>{ui}</StoresContext.Provider>)
    await settle()
    return view
  }
  return { stores, subscription, publish, transport, navigateTo, show }
}

afterEach(() => jest.restoreAllMocks())

describe('我的', () => {
  it('shows how many issues will be notified, adds one, and stops them', async () => {
    const { show, subscription, stores } = setup(false)
    subscription.state.remaining = 2
    setRouterParams({})
    const view = await show(<MePage />)
    const card = () => view.container.querySelector('.subscribe-card')?.textContent ?? ''
    expect(card()).toContain('接下来 2 期发布时会通知你')
    tap(byText(view.container, '再提醒一期'))
    tap(byText(view.container, '允许'))
    await settle()
    expect(card()).toContain('3 期')
    tap(byText(view.container, '停止提醒'))
    await settle()
    expect(subscription.state.remaining).toBe(0)
    expect(card()).toContain('已停止提醒')
    expect(card()).toContain('未开启')
    expect(byText(view.container, '停止提醒')).toBeNull()
    expect(stores.subscription.remaining).toBe(0)
    view.unmount()
  })

  it('shows the h5 identity, and no 编辑 entry to a reader', async () => {
    const { show } = setup(false)
    const view = await show(<MePage />)
    expect(view.container.textContent).toContain('本机身份：h5-0123456789ab')
    expect(view.container.querySelector('.me-page__editor')).toBeNull()
    expect(byText(view.container, '编辑台')).toBeNull()
    view.unmount()
  })

  it('shows the 编辑 entry to an editor and opens the editor pages', async () => {
    const { show, navigateTo } = setup(true)
    const view = await show(<MePage />)
    tap(view.container.querySelector('.me-page__editor'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/editor/index/index' })
    view.unmount()
  })
  it('asks before clearing the reading history, and keeps it when the reader says no', async () => {
    const { show, stores } = setup(false)
    const platform = stores.platform as FakePlatform
    await stores.readArticle(archive(2)[0].articles[0].id)
    setRouterParams({})
    const view = await show(<MePage />)
    platform.confirmAnswer = false
    tap(view.container.querySelector('.me-page__clear'))
    await settle()
    expect(stores.library.history.size).toBe(1)
    platform.confirmAnswer = true
    tap(view.container.querySelector('.me-page__clear'))
    await settle()
    expect(stores.library.history.size).toBe(0)
    view.unmount()
  })

  it('after 总是拒绝 no longer says issues will be notified', async () => {
    const { show, subscription } = setup(false)
    subscription.state.remaining = 2
    setRouterParams({})
    const view = await show(<MePage />)
    tap(byText(view.container, '再提醒一期'))
    tap(byText(view.container, '总是拒绝'))
    await settle()
    const card = view.container.querySelector('.subscribe-card')?.textContent ?? ''
    expect(card).not.toContain('接下来 2 期发布时会通知你')
    expect(card).toContain('不会通知你')
    view.unmount()
  })

  it('lists a withdrawn favourite as 已下线 and does not open it', async () => {
    const { show, stores, navigateTo } = setup(false)
    const [first] = archive(2)
    const [kept, gone] = first.articles
    await stores.readArticle(kept.id)
    await stores.readArticle(gone.id)
    stores.library.toggleFavourite(stores.articles.articles.get(gone.id)!)
    stores.library.markWithdrawn((e) => e.id === gone.id)
    setRouterParams({})
    const view = await show(<MePage />)
    const rows = [...view.container.querySelectorAll('.me-page__favourites .article-row')]
    expect(rows).toHaveLength(1)
    expect(rows[0].textContent).toContain('已下线')
    tap(rows[0])
    expect(navigateTo).not.toHaveBeenCalled()
    const history = [...view.container.querySelectorAll('.me-page__history .article-row')]
    const row = (title: string) => history.find((r) => r.textContent?.includes(title))!
    expect(row(gone.title).textContent).toContain('已下线')
    expect(row(kept.title).textContent).not.toContain('已下线')
    tap(row(gone.title))
    expect(navigateTo).not.toHaveBeenCalled()
    tap(row(kept.title))
    expect(navigateTo).toHaveBeenCalledTimes(1)
    view.unmount()
  })
})

describe('the editor pages', () => {
  it('turn a reader away even when opened by URL', async () => {
    const { show, transport } = setup(false)
    const view = await show(<EditorHomePage />)
    expect(view.container.textContent).toContain('只有编辑可以使用编辑台')
    expect(view.container.querySelector('.import-panel')).toBeNull()
    expect(transport.countOf('audit.list')).toBe(0)
    view.unmount()
  })

  it('list the audit log on the editor home: who did what to which issue, and when', async () => {
    const { show, stores } = setup(true)
    await stores.editor.previewText(readSampleIssue())
    await stores.editor.publish()
    await stores.desk.unpublish({ id: 'i280', year: 2024, number: 6 })
    const view = await show(<EditorHomePage />)
    const rows = [...view.container.querySelectorAll('.audit-row')].map((r) => r.textContent ?? '')
    expect(rows).toHaveLength(2)
    expect(rows[0]).toMatch(/^下线总第 280 期\d{4}-\d\d-\d\d \d\d:\d\d操作人：editor-1$/)
    expect(rows[1]).toContain('发布总第 280 期')
    expect(rows[1]).toContain('共 10 篇；通知订阅者')
    expect(rows[1]).toContain('操作人：editor-1')
    expect(byText(view.container, '全部记录 ›')).not.toBeNull()
    view.unmount()
  })

  it('preview an issue: masthead, counts, warnings, contents by region, then publish', async () => {
    const { show, stores, publish } = setup(true)
    await stores.editor.previewText(readSampleIssue())
    const view = await show(<PreviewPage />)
    const text = view.container.textContent ?? ''
    expect(view.container.querySelector('.issue-masthead')?.textContent).toContain(
      '2024 年第 6 期（总第 280 期）',
    )
    expect(text).toContain('首次发布 2024 年第 6 期（总第 280 期）')
    expect(
      [...view.container.querySelectorAll('.editor-page__count-value')].map((e) => e.textContent),
    ).toEqual(['10', '5', '0'])
    expect(text).toContain('没有需要注意的地方')
    expect(view.container.querySelectorAll('.toc-section')).toHaveLength(5)
    tap(byText(view.container, '发布 2024 年第 6 期（总第 280 期）'))
    await settle()
    expect(publish.published.get('i280')).toMatchObject({ articleCount: 10, published: true })
    expect(view.container.querySelector('.inline-message--ok')?.textContent).toContain('已发布')
    view.unmount()

    // The same issue again: a replacement that keeps ids and notifies nobody.
    await stores.editor.previewText(readSampleIssue())
    const again = await show(<PreviewPage />)
    expect(again.container.textContent).toContain('替换已发布的 2024 年第 6 期（总第 280 期）')
    expect(again.container.textContent).toContain('保留 10 篇文章的编号，新增 0 篇')
    again.unmount()
  })

  it('preview lists each page-furniture line the parse dropped, by line number', async () => {
    const { show, stores } = setup(true)
    const text = readSampleIssue().replace(
      '争取在新赛道上抢占先机。',
      '争取在新赛道上抢占先机。\n\n双周决策观察 2024 年第 6 期',
    )
    await stores.editor.previewText(text)
    const view = await show(<PreviewPage />)
    const line = text.split('\n').indexOf('双周决策观察 2024 年第 6 期') + 1
    expect(view.container.textContent).toContain(
      `第 ${line} 行“双周决策观察 2024 年第 6 期”是页眉或页脚，已略去`,
    )
    expect(
      [...view.container.querySelectorAll('.editor-page__count-value')].map((e) => e.textContent),
    ).toEqual(['10', '5', '1'])
    view.unmount()
  })

  it('preview a replacement that drops articles: names them, and replaces only after the removal is confirmed', async () => {
    const { show, stores, publish } = setup(true)
    const demo = readFileSync(path.resolve(__dirname, '../../../demo/issues/278.txt'), 'utf8')
    const parsed = parseIssueText(demo)
    if (!parsed.ok) throw new Error(parsed.error.message)
    const { issue, articles } = parsed.data
    await stores.editor.previewText(demo)
    await stores.editor.publish()
    setRouterParams({})
    // A file holding only the first article of the published issue.
    await stores.editor.previewText(renderIssueText(issue, articles.slice(0, 1)))
    const view = await show(<PreviewPage />)
    const diff = view.container.querySelector('.replace-diff')?.textContent ?? ''
    expect(diff).toContain(`删除 ${articles.length - 1} 篇`)
    for (const a of articles.slice(1)) expect(diff).toContain(a.title)
    expect(diff).toContain(`保留 1 篇${articles[0].title}`)
    const replaceButton = [...view.container.querySelectorAll('.action-button')].find((b) =>
      b.textContent?.startsWith('替换'),
    )!
    expect(replaceButton.textContent).toContain(`删除 ${articles.length - 1} 篇`)
    tap(replaceButton)
    await settle()
    // Asked, not published.
    expect(publish.published.get(issue.id)?.articleCount).toBe(articles.length)
    expect(view.container.textContent).toContain(`已发布的 ${articles.length - 1} 篇文章将被删除`)
    tap(byText(view.container, '不替换'))
    await settle()
    expect(publish.published.get(issue.id)?.articleCount).toBe(articles.length)
    tap(replaceButton)
    await settle()
    tap(byText(view.container, `确认替换并删除 ${articles.length - 1} 篇`))
    await settle()
    expect(publish.published.get(issue.id)?.articleCount).toBe(1)
    view.unmount()
  })
})
