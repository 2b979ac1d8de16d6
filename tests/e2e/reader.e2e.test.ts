/**
 * The reader in Chromium (390×844 at 3×) against `npm start` on a fresh DATA_DIR into which the
 * sample issue (and one issue with hostile text) is published first. Screenshots of every screen
 * go to test-results/screens/.
 *
 * E2E_BASE_URL=http://host:port/ runs the same flow against a server that is already running with
 * that content; the offline step then blocks /api in the browser instead of stopping the server.
 */
import type { ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { BrowserContext, Page } from 'playwright-core'

import {
  HOSTILE_ARTICLE_ID,
  HOSTILE_PARAGRAPHS,
  HOSTILE_TITLE,
  hostileIssueText,
} from '../fixtures/hostile-issue'
import { parsedSample } from '../fixtures/content'
import { readSampleIssue, SAMPLE_ISSUE_PATH } from '../fixtures/sample-issue'

import {
  freePort,
  openContext,
  publish,
  ROOT,
  SCREENS,
  scrollPage,
  shot,
  startServer,
  tab,
  watch,
  requireChromium,
  stopServer,
  tearDown,
  firstPage,
} from './support/browser'

jest.setTimeout(420_000)

const sample = parsedSample()
const articleTitle = (id: string) => sample.articles.find((a) => a.id === id)!.title

/** The paragraphs of an article that the export cut with a page break (two printed lines joined). */
function pageBreakJoined(articleId: string): string[] {
  const lines = readSampleIssue()
    .split('\n')
    .map((l) =>
      l
        .trim()
        .replace(/\*\*/g, '')
        .replace(/（[^（）]*\d{8}）$/, ''),
    )
    .filter(Boolean)
  const article = sample.articles.find((a) => a.id === articleId)!
  return article.blocks
    .filter((b) => b.type === 'paragraph')
    .map((b) => b.text)
    .filter((text) => {
      const at = lines.findIndex((l) => text.startsWith(l))
      return at >= 0 && lines[at] !== text && text === lines[at] + lines[at + 1]
    })
}

describe('the reader in a browser', () => {
  let server: ChildProcess | null = null
  let base = process.env.E2E_BASE_URL ?? ''
  let dataDir = ''
  let context: BrowserContext
  let page: Page
  const problems: string[] = []

  beforeAll(async () => {
    requireChromium()
    mkdirSync(SCREENS, { recursive: true })
    if (!base) {
      if (!existsSync(path.join(ROOT, 'scripts/start.ts')))
        throw new Error('scripts/start.ts (npm start) is missing')
      dataDir = mkdtempSync(path.join(os.tmpdir(), 'reader-data-'))
      const hostile = path.join(dataDir, 'hostile-issue.txt')
      writeFileSync(hostile, hostileIssueText())
      publish(SAMPLE_ISSUE_PATH, dataDir)
      publish(hostile, dataDir)
      const started = await startServer(await freePort(), dataDir)
      server = started.child
      base = started.url
    }
    context = await openContext()
    page = await firstPage(context)
    watch(page, problems)
  })

  afterAll(async () => {
    await tearDown([context], server, dataDir)
  })

  afterEach(() => {
    expect(problems).toEqual([])
  })

  it('opens on the latest issue: 2024 年第 6 期', async () => {
    await page.goto(base)
    const cover = page.locator('.issue-cover')
    await cover.waitFor()
    await expect(cover.innerText()).resolves.toContain('2024 年第 6 期')
    await expect(cover.innerText()).resolves.toContain('总第 280 期')
    await shot(page, '01-latest')
  })

  it('lists the issue’s ten articles under 区域, 上海, 广东, 北京, 江苏', async () => {
    await page.locator('.issue-cover').click()
    await page.locator('.toc-section').first().waitFor()
    const groups = await page.locator('.toc-section .region-chip').allInnerTexts()
    expect(groups.map((g) => g.trim())).toEqual(['区域', '上海', '广东', '北京', '江苏'])
    await expect(page.locator('.toc-section__item').count()).resolves.toBe(10)
    await shot(page, '02-issue')
  })

  it('shows an article with its sub-headings, bold phrase, source and whole sentences', async () => {
    await page.locator('.toc-section__item', { hasText: articleTitle('i280-01') }).click()
    await page.locator('.article-header__title', { hasText: articleTitle('i280-01') }).waitFor()
    await shot(page, '03-article')
    const headings = sample.articles[0].blocks
      .filter((b) => b.type === 'heading')
      .map((b) => b.text)
    await expect(page.locator('.article-body__heading').allInnerTexts()).resolves.toEqual(headings)
    const bold = page.locator('.article-body__bold').first()
    await expect(bold.innerText()).resolves.toBe('建设一批低空飞行服务站和起降点')
    await expect(
      bold.evaluate((el) => Number(getComputedStyle(el).fontWeight)),
    ).resolves.toBeGreaterThanOrEqual(600)
    await expect(page.locator('.source-line').innerText()).resolves.toBe(
      '来源：经济参考报 · 2024-03-22',
    )
    const joined = pageBreakJoined('i280-01')
    expect(joined.length).toBeGreaterThan(0)
    const paragraphs = await page.locator('.article-body__para').allTextContents()
    for (const text of joined) expect(paragraphs).toContain(text)
    await bold.evaluate((el) => el.scrollIntoView({ block: 'center' }))
    await shot(page, '03b-article-bold')
    await scrollPage(page, 1e6)
    await page.locator('.remind-button:visible').waitFor()
    await shot(page, '03c-article-end')
    // 下期提醒 asks for consent (h5: the simulated dialog); 拒绝 is explained in one line.
    await page.locator('.remind-button:visible').click()
    await page.locator('.consent-dialog').waitFor()
    await page.locator('.consent-dialog__button', { hasText: /^拒绝$/ }).click()
    await page.locator('.remind-note:visible', { hasText: '暂不提醒' }).waitFor()
    // Leave the reader partway down, to find the same place later.
    await scrollPage(page, 1200)
    await page.waitForTimeout(300)
  })

  it('goes on to the next article in the issue', async () => {
    await page.locator('.article-pager__link--next').click()
    await page.locator('.article-header__title', { hasText: articleTitle('i280-02') }).waitFor()
    expect(page.url()).toContain('id=i280-02')
    await expect(page.locator('.source-line').innerText()).resolves.toContain('来源：上海证券报')
    await shot(page, '04-next-article')
  })

  it('opens an article URL cold in a fresh browser (deep link), here in dark mode', async () => {
    const fresh = await openContext('dark')
    try {
      const p = await firstPage(fresh)
      watch(p, problems)
      // Slow answers, to see the loading state: a skeleton shaped like the article.
      const articleGets: string[] = []
      await p.route('**/api/**', async (route) => {
        const body = route.request().postData() ?? ''
        if (body.includes('"articles.get"')) articleGets.push(body)
        await new Promise((r) => setTimeout(r, 1500))
        await route.continue()
      })
      await p.goto(`${base}#/packages/reader/article/index?id=i280-05`)
      await p.locator('.skeleton__article').waitFor()
      await shot(p, '05a-article-loading-dark')
      await p.locator('.article-header__title', { hasText: articleTitle('i280-05') }).waitFor()
      // index.html fetched the article before the app ran; the app took that answer over, and
      // the plain-text first paint has made way for the app.
      expect(articleGets).toHaveLength(1)
      await expect(p.locator('#early-article').count()).resolves.toBe(0)
      await expect(p.locator('.page.theme-dark').count()).resolves.toBeGreaterThan(0)
      await shot(p, '05-deep-link-dark')
    } finally {
      await fresh.close()
    }
  })

  it('keeps a deep-linked article readable when the app cannot load, with a way to retry', async () => {
    const fresh = await openContext()
    try {
      const p = await firstPage(fresh)
      const title = articleTitle('i280-03')
      await p.route('**/*.js', (route) => route.abort())
      await p.goto(`${base}#/packages/reader/article/index?id=i280-03`)
      const retry = p.locator('#early-article.stuck button')
      await retry.waitFor()
      await expect(p.locator('#early-article h1').innerText()).resolves.toBe(title)
      await shot(p, '05b-article-app-failed')
      await p.unroute('**/*.js')
      await retry.click()
      await p.locator('.article-header__title', { hasText: title }).waitFor()
      await expect(p.locator('#early-article').count()).resolves.toBe(0)
    } finally {
      await fresh.close()
    }
  })

  it('地区 → 广东 lists its three articles', async () => {
    await page.goto(`${base}#/pages/latest/index`)
    await page.locator('.issue-cover').waitFor()
    await tab(page, '地区')
    const row = page.locator('.region-row', { hasText: '广东' })
    await row.waitFor()
    await expect(row.innerText()).resolves.toContain('3 篇')
    await shot(page, '06-regions')
    await row.click()
    await page.locator('.article-row').first().waitFor()
    const titles = await page.locator('.article-row__title').allInnerTexts()
    expect(titles).toEqual(sample.articles.filter((a) => a.region === '广东').map((a) => a.title))
    await shot(page, '07-region-guangdong')
  })

  it('搜索 “大零号湾” finds the articles that mention it, with the hit highlighted', async () => {
    await page.goto(`${base}#/pages/search/index`)
    const input = page.locator('.search-bar input')
    await input.waitFor()
    await input.fill('大零号湾')
    await input.press('Enter')
    await page.locator('.article-row').first().waitFor()
    const expected = sample.articles
      .filter(
        (a) => a.title.includes('大零号湾') || a.blocks.some((b) => b.text.includes('大零号湾')),
      )
      .map((a) => a.title)
    const titles = await page.locator('.article-row__title').allInnerTexts()
    expect([...titles].sort()).toEqual([...expected].sort())
    const marks = await page.locator('.article-row .highlight').allInnerTexts()
    expect(marks.length).toBeGreaterThan(0)
    for (const m of marks) expect(m).toBe('大零号湾')
    await shot(page, '08-search')
    // The region filter narrows the same query to one region.
    await page.locator('.filter-chips__chip', { hasText: /^上海$/ }).click()
    await page.locator('.filter-chips__pill--on', { hasText: '上海' }).waitFor()
    await page.locator('.article-row').first().waitFor()
    const shanghai = sample.articles
      .filter((a) => a.region === '上海' && expected.includes(a.title))
      .map((a) => a.title)
    await expect(page.locator('.article-row__title').allInnerTexts()).resolves.toEqual(shanghai)
    await shot(page, '08b-search-region')
    await page.locator('.filter-chips__chip', { hasText: /^全部$/ }).click()
    await page.locator('.filter-chips__pill--on', { hasText: '全部' }).waitFor()
    await page.waitForFunction(
      (n) => document.querySelectorAll('.article-row__title').length === n,
      expected.length,
    )
  })

  it('favourites an article and finds it under 我的', async () => {
    const title = articleTitle('i280-05')
    await page.locator('.article-row', { hasText: title }).click()
    await page.locator('.article-header__title', { hasText: title }).waitFor()
    await page.locator('.article-toolbar__fav').click()
    await page.locator('.article-toolbar__fav--on').waitFor()
    await page.goto(`${base}#/pages/me/index`)
    const favourites = page.locator('.me-page__favourites .article-row')
    await favourites.first().waitFor()
    await expect(favourites.allInnerTexts()).resolves.toEqual([expect.stringContaining(title)])
    await shot(page, '09-me')
  })

  it('keeps the font size after a reload', async () => {
    await page.locator('.segmented__item', { hasText: /^大$/ }).click()
    await page.reload()
    await page.locator('.segmented__item--on', { hasText: /^大$/ }).waitFor()
    await page.goto(`${base}#/packages/reader/article/index?id=i280-01`)
    await page.locator('.article-header__title').waitFor()
    await expect(page.locator('.page.font-step-2').count()).resolves.toBeGreaterThan(0)
    const size = await page
      .locator('.article-body')
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    expect(size).toBeGreaterThanOrEqual(19)
    await shot(page, '10-font-large')
  })

  it('returns to where the reader left an article', async () => {
    await page.waitForTimeout(500)
    const top = await page.evaluate(() => {
      const pages = [...document.querySelectorAll<HTMLElement>('.taro_page')]
      return Math.max(...pages.map((p) => p.scrollTop))
    })
    expect(top).toBeGreaterThan(600)
  })

  it('shows hostile text literally and runs none of it', async () => {
    await page.goto(`${base}#/packages/reader/article/index?id=${HOSTILE_ARTICLE_ID}`)
    await page.locator('.article-header__title').waitFor()
    await expect(page.locator('.article-header__title').innerText()).resolves.toBe(HOSTILE_TITLE)
    const paragraphs = await page.locator('.article-body__para').allTextContents()
    expect(paragraphs).toEqual(HOSTILE_PARAGRAPHS)
    await expect(
      page.locator('.article-page script, .article-page img, .article-page b').count(),
    ).resolves.toBe(0)
    await expect(
      page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
    ).resolves.toBeUndefined()
    await shot(page, '11-hostile-text')
  })

  it('opens an article already read when the server is gone, with the 离线 notice', async () => {
    await page.goto(`${base}#/pages/me/index`)
    await page.locator('.me-page__history .article-row').first().waitFor()
    if (server) {
      await stopServer(server)
      server = null
    } else {
      await context.route('**/api/**', (route) => route.abort('internetdisconnected'))
    }
    await page
      .locator('.me-page__history .article-row', { hasText: articleTitle('i280-02') })
      .click()
    await page.locator('.article-header__title', { hasText: articleTitle('i280-02') }).waitFor()
    await page.locator('.offline-notice').waitFor()
    await expect(page.locator('.offline-notice').innerText()).resolves.toContain('离线')
    await shot(page, '12-offline-article')
    // An article never opened cannot be shown: an error with a retry.
    // (The app is already loaded: only the hash changes, as a tap would do.)
    await page.evaluate(() => (location.hash = '#/packages/reader/article/index?id=i280-08'))
    await page.locator('.state-view--error').waitFor()
    await expect(page.locator('.state-view__action').innerText()).resolves.toBe('重试')
    await shot(page, '13-offline-error')
  })
})
