/**
 * Reading comfort in Chromium against `npm start` with the demo issues: lines never split a number
 * or a Latin word, CJK lines stay evenly justified, sizes hold on a desktop window, the pre-boot
 * article text uses the reader's size and theme, and small controls are full tap targets.
 */
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { BrowserContext, Page } from 'playwright-core'

import { parseIssueText, type ParsedIssue } from '@core/index'
import { renderIssueText } from '@core/issue-text/render'

import {
  freePort,
  callFunction,
  presetIdentity,
  presetSettings,
  publish,
  requireChromium,
  shot,
  startServer,
  suitePage,
  tab,
  tearDown,
} from './support/browser'
import { DEMO_DIR, demoFiles, demoIssues } from '../fixtures/demo-issues'

jest.setTimeout(600_000)

const demos = demoIssues()

/**
 * An issue of our own whose paragraphs are dense with numbers and Latin words (the tokens readers
 * saw split: years, NC-Link, XR, 1000 万), appended to the first demo issue's articles.
 */
function tokenIssue(): ParsedIssue {
  const base = demos[0]
  const dense =
    '腾讯研究院2023年的报告显示，NC-Link协议已接入1000万台设备，XR与AI应用带动GDP增长3.5%，' +
    'ESG评级、5G基站、API接口和IPv6地址的规模在2024年继续扩大，SaaS企业达到12000家。'
  const articles = base.articles.slice(0, 4).map((a, i) => ({
    ...a,
    title: `${a.title}（数字与英文 ${i + 1}）`,
    tocTitle: undefined,
    blocks: a.blocks.map((b) =>
      b.type === 'paragraph' ? { ...b, text: b.text + dense.repeat(2) } : b,
    ),
  }))
  const issue = {
    ...base.issue,
    totalNumber: 901,
    number: 20,
    toc: articles.map((a) => ({ region: a.region, title: a.title })),
  }
  const r = parseIssueText(renderIssueText(issue, articles))
  if (!r.ok) throw new Error(r.error.message)
  return r.data
}

const dense = tokenIssue()
const articles = [...demos, dense].flatMap((d) => d.articles)
const EDITOR = 'h5-0000000000e1'

/** Opens an article and waits until its page shows that title. */
async function openArticle(page: Page, base: string, id: string, title: string): Promise<void> {
  await page.goto(`${base}#/packages/reader/article/index?id=${id}`)
  await page.locator('.article-header__title:visible', { hasText: title }).first().waitFor()
}

/**
 * In the shown article: every run of digits or Latin letters (with inner `.` and `,`, a trailing
 * `%`; a hyphen may end a line, as in print) that the layout put on more than one line, and the widest space justification added to one CJK
 * character (its advance beyond 1 em), in em.
 */
const measureArticle = (page: Page, title: string) =>
  page.evaluate((wanted) => {
    const header = [...document.querySelectorAll('.article-header__title')].find(
      (el) => el.textContent === wanted && (el as HTMLElement).offsetParent !== null,
    )
    const root = header?.closest('.taro_page') ?? document
    const splits: string[] = []
    let widestGap = 0
    let fontPx = 0
    for (const para of root.querySelectorAll<HTMLElement>('.article-body__para')) {
      fontPx = parseFloat(getComputedStyle(para).fontSize)
      const walker = document.createTreeWalker(para, NodeFilter.SHOW_TEXT)
      const range = document.createRange()
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? ''
        for (const m of text.matchAll(/[0-9A-Za-z]+(?:[.,][0-9A-Za-z]+)*%?/g)) {
          range.setStart(node, m.index!)
          range.setEnd(node, m.index! + m[0].length)
          const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)))
          if (lines.size > 1) splits.push(m[0])
        }
        // Justification widens CJK characters' advances; the last line of a paragraph is not
        // justified and lines ending in punctuation may compress, so only the widening counts.
        for (let i = 0; i < text.length; i++) {
          if (!/[\u4e00-\u9fff]/.test(text[i])) continue
          range.setStart(node, i)
          range.setEnd(node, i + 1)
          const extra = range.getBoundingClientRect().width - fontPx
          if (extra > widestGap) widestGap = extra
        }
      }
    }
    return { splits, widestGapEm: fontPx ? widestGap / fontPx : 0, fontPx }
  }, title)

describe('reading comfort', () => {
  let server: ChildProcess | null = null
  let dataDir = ''
  let base = ''
  const contexts: BrowserContext[] = []
  const problems: string[] = []

  beforeAll(async () => {
    requireChromium()
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'reading-'))
    for (const f of demoFiles()) publish(path.join(DEMO_DIR, f), dataDir)
    const denseFile = path.join(dataDir, 'dense.txt')
    writeFileSync(denseFile, renderIssueText(dense.issue, dense.articles))
    publish(denseFile, dataDir)
    const started = await startServer(await freePort(), dataDir, { ADMIN_OPENIDS: EDITOR })
    server = started.child
    base = started.url
  })

  afterAll(async () => {
    await tearDown(contexts, server, dataDir)
  })

  afterEach(() => {
    expect(problems).toEqual([])
  })

  const newPage = (
    scheme: 'light' | 'dark' = 'light',
    options: { desktop?: boolean; watched?: boolean } = {},
  ): Promise<Page> => suitePage(contexts, problems, scheme, options)

  it.each([
    [1, 17],
    [3, 22],
  ])(
    'at font step %i (%i px) no line splits a number or a Latin word, and CJK lines justify without wide gaps',
    async (fontStep, px) => {
      const page = await newPage()
      await page.goto(base)
      await presetSettings(page, { fontStep, theme: 'system' })
      await page.reload()
      const found: string[] = []
      let widest = 0
      for (const a of articles) {
        await openArticle(page, base, a.id, a.title)
        const m = await measureArticle(page, a.title)
        expect(m.fontPx).toBeCloseTo(px, 0)
        found.push(...m.splits.map((s) => `${a.id}: ${s}`))
        widest = Math.max(widest, m.widestGapEm)
      }
      expect(found).toEqual([])
      // Justified CJK spreads the slack a whole token leaves over the line's characters: never more
      // than 0.6 em on one (measured: 0.15 em on the demo issues, 0.51 em on the dense fixture).
      expect(widest).toBeLessThan(0.6)
      await shot(page, `reading-${px}px`)
    },
  )

  it('keeps body text at the chosen size in a desktop window', async () => {
    const page = await newPage('light', { desktop: true })
    const a = articles[0]
    await page.goto(base)
    await openArticle(page, base, a.id, a.title)
    const size = await page
      .locator('.article-body:visible')
      .first()
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    expect(size).toBeCloseTo(17, 0)
    await shot(page, 'reading-desktop')
  })

  it('shows the pre-boot article text in the reader’s size and theme', async () => {
    // Script errors are the point here (no app script loads), so the page is not watched.
    const page = await newPage('light', { watched: false })
    await page.goto(base)
    await presetSettings(page, { fontStep: 3, theme: 'dark' })
    // The app's scripts never arrive: the text fetched before them is what the reader sees.
    await page.route('**/*.js', (route) => route.abort())
    const a = articles[1]
    await page.goto(`${base}#/packages/reader/article/index?id=${a.id}`)
    await page.reload()
    const early = page.locator('#early-article')
    await early.locator('h1', { hasText: a.title }).waitFor()
    const look = await early.evaluate((el) => {
      const s = getComputedStyle(el)
      return { size: parseFloat(s.fontSize), background: s.backgroundColor }
    })
    expect(look.size).toBe(22)
    expect(look.background).toBe('rgb(18, 20, 23)')
    await shot(page, 'reading-early-dark-22')
  })

  it('makes 清除 (history) and 刷新 (editor desk) tap targets of 44 px or more', async () => {
    const page = await newPage()
    await presetIdentity(page.context(), EDITOR)
    const a = articles[2]
    await page.goto(base)
    await openArticle(page, base, a.id, a.title)
    await page.goto(`${base}#/pages/me/index`)
    const clear = page.locator('.me-page__clear:visible')
    await clear.waitFor()
    const box = await clear.boundingBox()
    expect(box!.width).toBeGreaterThanOrEqual(44)
    expect(box!.height).toBeGreaterThanOrEqual(44)
    await page.goto(`${base}#/packages/editor/index/index`)
    const refresh = page.locator('.editor-page__refresh:visible', { hasText: '刷新' })
    await refresh.waitFor()
    const r = await refresh.boundingBox()
    expect(r!.width).toBeGreaterThanOrEqual(44)
    expect(r!.height).toBeGreaterThanOrEqual(44)
  })

  it('sets the editors’ paste box in the page font, inside its frame', async () => {
    const page = await newPage()
    await presetIdentity(page.context(), EDITOR)
    await page.goto(`${base}#/packages/editor/index/index`)
    const box = page.locator('.import-panel__text:visible textarea').first()
    await box.waitFor()
    await box.fill(readFileSync(path.join(DEMO_DIR, demoFiles()[0]), 'utf8'))
    const m = await box.evaluate((el) => {
      const s = getComputedStyle(el)
      const frame = el.closest('.import-panel__text')!.getBoundingClientRect()
      const own = el.getBoundingClientRect()
      return {
        family: s.fontFamily,
        size: parseFloat(s.fontSize),
        inside: own.left >= frame.left - 0.5 && own.right <= frame.right + 0.5,
        pageWide: document.documentElement.scrollWidth <= window.innerWidth,
      }
    })
    expect(m.family).not.toMatch(/monospace/)
    expect(m.size).toBeGreaterThanOrEqual(13)
    expect(m.inside).toBe(true)
    expect(m.pageWide).toBe(true)
    await shot(page, 'reading-editor-paste')
  })

  it('follows the browser’s font size setting until the reader picks a size', async () => {
    const page = await newPage()
    // As a reader who set the browser's default font to 20 px (Chrome's 大).
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 20, fixed: 16 } })
    const a = articles[0]
    await page.goto(base)
    await openArticle(page, base, a.id, a.title)
    const body = () =>
      page
        .locator('.article-body:visible')
        .first()
        .evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    expect(await body()).toBeCloseTo(22, 0)
    await expect(page.locator('.article-toolbar__size:visible').innerText()).resolves.toBe('22')
    await page.locator('.article-toolbar__button:visible').first().click()
    expect(await body()).toBeCloseTo(19, 0)
  })

  // Last: it unpublishes the dense issue.
  it('an open session stops listing an unpublished issue, and its cached article turns 已下线', async () => {
    const page = await newPage()
    const a = dense.articles[0]
    const label = `${dense.issue.year} 年第 ${dense.issue.number} 期`
    await page.goto(base)
    await page.locator('.issue-cover', { hasText: label }).waitFor()
    await openArticle(page, base, a.id, a.title)
    await page.locator('.article-toolbar__fav:visible').click()
    await page.goto(`${base}#/pages/latest/index`)
    await page.locator('.issue-cover', { hasText: label }).waitFor()
    await tab(page, '我的')
    await page.locator('.me-page__favourites .article-row', { hasText: a.title }).waitFor()
    const r = await callFunction(
      base,
      'publish',
      { action: 'issues.unpublish', id: dense.issue.id },
      EDITOR,
    )
    expect(r.ok).toBe(true)
    // Back on 最新 without a reload: the list was fetched again.
    await tab(page, '最新')
    const newestDemo = demos[0].issue
    await page
      .locator('.issue-cover:visible', {
        hasText: `${newestDemo.year} 年第 ${newestDemo.number} 期`,
      })
      .waitFor()
    await expect(page.locator('.issue-cover:visible').innerText()).resolves.not.toContain(label)
    // The cached copy is not shown: the reader lands on 最新 with the notice.
    await page.goto(`${base}#/packages/reader/article/index?id=${a.id}`)
    await page.locator('.landing-notice:visible', { hasText: '不存在或已下线' }).waitFor()
    await tab(page, '我的')
    const row = page.locator('.me-page__favourites .article-row:visible', { hasText: a.title })
    await expect(row.innerText()).resolves.toContain('已下线')
    await shot(page, 'reading-withdrawn-favourite')
  })
})
