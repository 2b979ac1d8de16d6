import { withClass } from '../../scripts/weapp-runtime/mini-program'
import { textOf } from '../../scripts/weapp-runtime/view'
import { content, expectHealthy, harnessOfFile, squash } from './support'

const harness = harnessOfFile()

describe('the weapp build, run: the tabs', () => {
  it('地区 lists every region; a region page lists its articles', async () => {
    const mp = await harness.launch()
    await mp.tapTab('地区')
    expect(mp.current.route).toBe('pages/regions/index')
    const { items: regions } = await content(harness, { action: 'regions.list' })
    expect(regions.length).toBeGreaterThan(1)
    const text = squash(mp.text())
    for (const r of regions) expect(text).toContain(squash(r.region))

    const region = regions[0].region
    await mp.tap((el) => withClass('region-row')(el) && textOf(el).includes(region))
    expect(mp.current.route).toBe('packages/reader/region/index')
    const { items } = await content(harness, { action: 'articles.byRegion', region })
    const page = squash(mp.text())
    for (const a of items) expect(page).toContain(squash(a.title))
    expectHealthy(mp)
  })

  it('搜索: a query typed into the box (input events) and submitted shows what the server finds', async () => {
    const mp = await harness.launch()
    await mp.tapTab('搜索')
    expect(mp.current.route).toBe('pages/search/index')
    const [latest] = (await content(harness, { action: 'issues.list', limit: 1 })).items
    const query = [...latest.firstTitles[0]].slice(2, 4).join('')
    await mp.type('搜索全部期刊的文章', query)
    await mp.tap(withClass('search-bar__submit'))
    const found = await content(harness, { action: 'search', q: query })
    expect(found.items.length).toBeGreaterThan(0)
    const page = squash(mp.text())
    for (const hit of found.items) expect(page).toContain(squash(hit.title))
    expectHealthy(mp)
  })

  it('我的 shows the reading settings and no editors’ desk to a reader', async () => {
    const mp = await harness.launch()
    const cover = mp.current
    await mp.tapTab('我的')
    expect(mp.current.route).toBe('pages/me/index')
    const page = mp.text()
    expect(page).toContain('阅读设置')
    expect(page).not.toContain('编辑台')
    // Back to 最新: the tab page is shown again, not loaded anew.
    await mp.tapTab('最新')
    expect(mp.current).toBe(cover)
    expect(mp.pages.map((p) => p.route)).toEqual(['pages/latest/index'])
    expectHealthy(mp)
  })
})
