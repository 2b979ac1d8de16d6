import { sceneFor } from '../../core/links'
import { SINGLE_PAGE_SCENE } from '../../scripts/weapp-runtime/mini-program'
import { content, expectHealthy, harnessOfFile, squash } from './support'

const harness = harnessOfFile()

/** WeChat's scene for a scanned mini-program code (wxacode.getUnlimited). */
const QR_SCENE = 1047
const NAVIGATION = ['navigateTo', 'redirectTo', 'switchTab', 'reLaunch', 'navigateBack']

async function latestIssue() {
  const [latest] = (await content(harness, { action: 'issues.list', limit: 1 })).items
  return content(harness, { action: 'issues.get', id: latest.id })
}

describe('the weapp build, run: launched from a QR code', () => {
  it('an issue’s code opens that issue’s contents', async () => {
    const issue = await latestIssue()
    const scene = sceneFor({ kind: 'issue', issueId: issue.id })!
    // WeChat hands the page the scene URI-encoded, as the code carried it.
    const mp = await harness.launch({
      launch: {
        path: 'pages/latest/index',
        query: { scene: encodeURIComponent(scene) },
        scene: QR_SCENE,
      },
    })
    expect(mp.current.route).toBe('packages/reader/issue/index')
    expect(mp.current.query.id).toBe(issue.id)
    const text = squash(mp.text())
    for (const a of issue.sections.flatMap((s) => s.articles))
      expect(text).toContain(squash(a.title))
    expectHealthy(mp)
  })

  it('an article’s code opens the article, on the article page itself', async () => {
    const issue = await latestIssue()
    const id = issue.sections[0].articles[0].id
    const detail = await content(harness, { action: 'articles.get', id })
    const mp = await harness.launch({
      launch: {
        path: 'packages/reader/article/index',
        query: { scene: encodeURIComponent(sceneFor({ kind: 'article', articleId: id })!) },
        scene: QR_SCENE,
      },
    })
    expect(mp.current.route).toBe('packages/reader/article/index')
    const text = squash(mp.text())
    expect(text).toContain(squash(detail.article.title))
    for (const b of detail.article.blocks) expect(text).toContain(squash(b.text))
    expectHealthy(mp)
  })

  it('a code that is not ours lands on 最新 with the friendly notice', async () => {
    const issue = await latestIssue()
    const mp = await harness.launch({
      launch: {
        path: 'packages/reader/article/index',
        query: { scene: '1a7s.zz' },
        scene: QR_SCENE,
      },
    })
    expect(mp.current.route).toBe('pages/latest/index')
    const text = mp.text()
    expect(text).toContain('链接或二维码无法识别，已为你打开最新一期')
    expect(squash(text)).toContain(squash(issue.title))
    expectHealthy(mp)
  })
})

describe('the weapp build, run: sharing', () => {
  it('an article opened from Moments renders alone: no navigation, no tab bar, its own storage', async () => {
    const issue = await latestIssue()
    const id = issue.sections.flatMap((s) => s.articles)[1].id
    const detail = await content(harness, { action: 'articles.get', id })
    const storage = new Map<string, string>([['probe', JSON.stringify('from the full app')]])
    const mp = await harness.launch({
      storage,
      launch: { path: 'packages/reader/article/index', query: { id }, scene: SINGLE_PAGE_SCENE },
    })
    expect(mp.singlePage).toBe(true)
    expect(mp.pages.map((p) => p.route)).toEqual(['packages/reader/article/index'])
    const text = squash(mp.text())
    expect(text).toContain(squash(detail.article.title))
    for (const b of detail.article.blocks) expect(text).toContain(squash(b.text))
    for (const api of NAVIGATION) expect(mp.wx.callsOf(api)).toEqual([])
    expect(mp.wx.storage.has('probe')).toBe(false)
    expect(storage.get('probe')).toBe(JSON.stringify('from the full app'))
    expectHealthy(mp)
  })

  it('onShareAppMessage and onShareTimeline give the article’s path, query and title', async () => {
    const issue = await latestIssue()
    const id = issue.sections[0].articles[0].id
    const detail = await content(harness, { action: 'articles.get', id })
    const mp = await harness.launch({
      launch: { path: 'packages/reader/article/index', query: { id } },
    })
    expect(mp.share('onShareAppMessage')).toMatchObject({
      title: detail.article.title,
      path: `/packages/reader/article/index?id=${id}`,
    })
    expect(mp.share('onShareTimeline')).toMatchObject({
      title: detail.article.title,
      query: `id=${id}`,
    })
    // Both menus reached WeChat as asked (Taro's adapter would have dropped `menus`).
    expect(mp.wx.callsOf('showShareMenu')).toContainEqual(
      expect.objectContaining({ menus: ['shareAppMessage', 'shareTimeline'] }),
    )
    // The share cards drawn on WeChat's offscreen canvas (chat and Moments): every line inside
    // the 36 px margins, the issue line split rather than run past the edge.
    expect(mp.wx.drawn.length).toBeGreaterThan(0)
    const outside = mp.wx.drawn.filter(
      (t) => t.left < 36 - 0.01 || t.right > t.canvasWidth - 36 + 0.01,
    )
    expect(outside).toEqual([])
    expect(mp.wx.drawn.map((t) => t.text)).toContain(`总第 ${issue.totalNumber} 期`)
    expectHealthy(mp)
  })

  it('the issue page shares the issue', async () => {
    const issue = await latestIssue()
    const mp = await harness.launch({
      launch: { path: 'packages/reader/issue/index', query: { id: issue.id } },
    })
    const message = mp.share('onShareAppMessage') as { title: string; path: string }
    expect(message.path).toBe(`/packages/reader/issue/index?id=${issue.id}`)
    expect(message.title).toContain(issue.title)
    expect(mp.share('onShareTimeline')).toMatchObject({ query: `id=${issue.id}` })
    expectHealthy(mp)
  })
})
