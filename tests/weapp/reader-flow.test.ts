import { countChars, readingMinutes } from '@core/reading'
import { content, expectHealthy, harnessOfFile, squash } from './support'

const harness = harnessOfFile()

describe('the weapp build, run: reading an issue', () => {
  it('launch → 最新 → the cover → the issue → an article, then previous and next', async () => {
    const mp = await harness.launch()
    const [latest] = (await content(harness, { action: 'issues.list', limit: 1 })).items
    expect(mp.current.route).toBe('pages/latest/index')
    const cover = squash(mp.text())
    expect(cover).toContain(squash(latest.title))
    expect(cover).toContain(squash(latest.firstTitles[0]))

    await mp.tap(latest.firstTitles[0])
    expect(mp.current.route).toBe('packages/reader/issue/index')
    expect(mp.current.query.id).toBe(latest.id)
    const issue = await content(harness, { action: 'issues.get', id: latest.id })
    const contents = squash(mp.text())
    const titles = issue.sections.flatMap((s) => s.articles)
    expect(titles.length).toBeGreaterThan(2)
    for (const a of titles) expect(contents).toContain(squash(a.title))

    const chosen = titles[1]
    await mp.tap(chosen.title)
    expect(mp.current.route).toBe('packages/reader/article/index')
    expect(mp.current.query.id).toBe(chosen.id)
    const detail = await content(harness, { action: 'articles.get', id: chosen.id })
    const page = squash(mp.text())
    expect(page).toContain(squash(detail.article.title))
    for (const block of detail.article.blocks) expect(page).toContain(squash(block.text))
    // The reading aid: time and length, counted as the h5 reader counts them.
    const chars = countChars(detail.article.blocks.map((b) => b.text))
    expect(page).toContain(squash(`约 ${readingMinutes(chars)} 分钟`))
    expect(page).toContain(squash(`${chars} 字`))
    expect(detail.prevId && detail.nextId).toBeTruthy()

    await mp.tap('下一篇')
    expect(mp.current.route).toBe('packages/reader/article/index')
    expect(mp.current.query.id).toBe(detail.nextId)
    const next = await content(harness, { action: 'articles.get', id: detail.nextId! })
    expect(squash(mp.text())).toContain(squash(next.article.blocks[0].text))

    await mp.tap('上一篇')
    expect(mp.current.query.id).toBe(chosen.id)
    expect(squash(mp.text())).toContain(squash(detail.article.blocks[0].text))

    // The article turned both share menus on, and WeChat received them as asked.
    for (const call of mp.wx.callsOf('showShareMenu'))
      expect(call.menus).toEqual(['shareAppMessage', 'shareTimeline'])
    expect(mp.wx.callsOf('showShareMenu').length).toBeGreaterThan(0)
    expectHealthy(mp)
  })
})
