import { readFileSync } from 'node:fs'
import path from 'node:path'

import { DEMO_ISSUES_DIR } from '../../server/demo'
import { EDITOR_OPENID, type MiniProgram } from '../../scripts/weapp-runtime'
import { withClass } from '../../scripts/weapp-runtime/mini-program'
import type { VNode } from '../../scripts/weapp-runtime/view'
import { content, expectHealthy, harnessOfFile, squash } from './support'

const harness = harnessOfFile()

/** The class of the page's outermost element (the theme and font step live there). */
function pageClass(mp: MiniProgram): string {
  const root = mp.render() as Exclude<VNode, string>
  const first = (root.children ?? []).find((c) => typeof c !== 'string') as Exclude<VNode, string>
  return String(first?.attr?.class ?? '')
}

describe('the weapp build, run: dark system theme', () => {
  it('follows the system theme at launch and when it changes', async () => {
    const mp = await harness.launch({ theme: 'dark' })
    expect(pageClass(mp)).toContain('theme-dark')
    expect(mp.wx.callsOf('setBackgroundColor').at(-1)).toMatchObject({
      backgroundColor: '#121417',
    })
    expect(mp.wx.callsOf('setTabBarStyle').at(-1)).toMatchObject({ backgroundColor: '#1c1f24' })

    mp.wx.setTheme('light')
    await mp.settle()
    expect(pageClass(mp)).toContain('theme-light')
    expect(mp.wx.callsOf('setTabBarStyle').at(-1)).toMatchObject({ backgroundColor: '#ffffff' })
    expectHealthy(mp)
  })
})

describe('the weapp build, run: the editors’ desk', () => {
  it('an editor picks a file from a chat, previews it, publishes it and saves its poster', async () => {
    // A new issue made from a demo one: the next number, one day later.
    const text = readFileSync(path.join(DEMO_ISSUES_DIR, '279.txt'), 'utf8')
      .replace('2024 年第 5 期', '2024 年第 9 期')
      .replace('(总第 279 期)', '(总第 901 期)')
      .replace('3 月 14 日印发', '3 月 15 日印发')
    const mp = await harness.launch({
      openid: EDITOR_OPENID,
      pickFile: { name: '总第901期.txt', content: text },
    })
    await mp.tapTab('我的')
    await mp.tap(withClass('me-page__editor'))
    expect(mp.current.route).toBe('packages/editor/index/index')

    await mp.tap('从聊天中选择文件')
    expect(mp.wx.callsOf('chooseMessageFile')).toHaveLength(1)
    const [upload] = mp.wx.callsOf('cloud.uploadFile')
    // Its storage path carries 128 bits from WeChat's secure random source, not Math.random.
    expect(mp.wx.callsOf('getRandomValues')).toEqual([expect.objectContaining({ length: 16 })])
    expect(upload).toMatchObject({
      filePath: 'http://tmp/总第901期.txt',
      cloudPath: expect.stringMatching(/^uploads\/[0-9a-f]{32}-总第901期\.txt$/),
    })
    expect(mp.current.route).toBe('packages/editor/preview/index')
    expect(mp.text()).toContain('首次发布')

    await mp.tap(withClass('action-button--primary'))
    expect(mp.text()).toContain('已发布')
    const [latest] = (await content(harness, { action: 'issues.list', limit: 1 })).items
    expect(latest).toMatchObject({ id: 'i901', totalNumber: 901 })
    const issue = await content(harness, { action: 'issues.get', id: 'i901' })
    const page = squash(mp.text())
    for (const a of issue.sections.flatMap((s) => s.articles))
      expect(page).toContain(squash(a.title))

    // The issue's poster: its QR code from the qrcode function, drawn and saved to the album.
    await mp.tap('生成二维码海报')
    expect(mp.current.route).toBe('packages/editor/poster/index')
    await mp.tap('保存到相册')
    expect(mp.wx.callsOf('cloud.downloadFile')).toHaveLength(1)
    expect(mp.wx.callsOf('saveImageToPhotosAlbum')).toHaveLength(1)
    expect(mp.text()).toContain('海报已保存到相册')
    const poster = mp.wx.drawn.filter((t) => t.canvasWidth === 375)
    expect(poster.map((t) => t.text)).toContain('本期目录')
    // Every line inside the poster's margins (24 px; region labels hang 6 px into it).
    expect(poster.filter((t) => t.left < 18 - 0.01 || t.right > 375 - 24 + 0.01)).toEqual([])
    expectHealthy(mp)
  })

  it('a reader who opens the desk is refused', async () => {
    const mp = await harness.launch({
      openid: 'weapp-reader-curious',
      launch: { path: 'packages/editor/index/index' },
    })
    expect(mp.text()).toContain('只有编辑可以使用编辑台')
    expect(mp.text()).not.toContain('从聊天中选择文件')
    expectHealthy(mp)
  })

  it('a WeChat without a secure random source uploads no Word file and says to upgrade', async () => {
    const mp = await harness.launch({
      openid: EDITOR_OPENID,
      without: ['getRandomValues'],
      pickFile: { name: '总第902期.docx', content: 'PK' },
      launch: { path: 'packages/editor/index/index' },
    })
    await mp.tap('从聊天中选择文件')
    expect(mp.wx.callsOf('cloud.uploadFile')).toEqual([])
    expect(mp.text()).toContain('当前微信版本过低，不能上传文件')
    expect(mp.current.route).toBe('packages/editor/index/index')
    expect([...mp.wx.missing]).toEqual(['getRandomValues'])
  })
})
