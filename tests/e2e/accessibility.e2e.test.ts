/**
 * Every screen in Chromium, light and dark, at 17 and 22 px: axe-core (run in the page) finds no
 * serious or critical violation; a cold-opened article offers the tabs; the progress bar fills; an
 * unknown route lands on 最新. Screenshots of each go to test-results/screens/.
 */
import type { ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { BrowserContext, Page } from 'playwright-core'

import { renderIssueText } from '@core/issue-text/render'

import {
  callFunction,
  freePort,
  presetSettings,
  requireChromium,
  SCREENS,
  scrollPage,
  shot,
  startServer,
  suitePage,
  tearDown,
} from './support/browser'
import { demoIssues } from '../fixtures/demo-issues'

jest.setTimeout(900_000)

const demos = demoIssues()
const newest = demos[0]
const EDITOR = 'h5-0000000000a1'
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

/** The screens to check: a hash route and what shows once it is ready. */
const SCREEN_LIST: { name: string; route: string; ready: string }[] = [
  { name: 'latest', route: '#/pages/latest/index', ready: '.issue-cover' },
  { name: 'regions', route: '#/pages/regions/index', ready: '.region-row' },
  { name: 'search', route: '#/pages/search/index', ready: '.search-bar' },
  { name: 'me', route: '#/pages/me/index', ready: '.subscribe-card' },
  {
    name: 'issue',
    route: `#/packages/reader/issue/index?id=${newest.issue.id}`,
    ready: '.toc-section',
  },
  {
    name: 'article',
    route: `#/packages/reader/article/index?id=${newest.articles[1].id}`,
    ready: '.article-body',
  },
  {
    name: 'region',
    route: `#/packages/reader/region/index?region=${encodeURIComponent(newest.articles[0].region)}`,
    ready: '.article-row',
  },
  { name: 'editor', route: '#/packages/editor/index/index', ready: '.import-panel' },
]

/** Serious and critical axe violations on the page as it is now (rule: targets). */
async function axeProblems(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE })
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (o: object) => Promise<unknown> } }).axe
    return (await axe.run({ resultTypes: ['violations'] })) as {
      violations: { id: string; impact: string; nodes: { target: string[] }[] }[]
    }
  })
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 5)
          .join(', ')}`,
    )
}

describe('accessibility of every screen', () => {
  let server: ChildProcess | null = null
  let dataDir = ''
  let base = ''
  const contexts: BrowserContext[] = []
  const problems: string[] = []

  beforeAll(async () => {
    requireChromium()
    mkdirSync(SCREENS, { recursive: true })
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'a11y-'))
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

  const newPage = (scheme: 'light' | 'dark'): Promise<Page> =>
    // axe-core is injected as an inline script, which the app's own CSP rightly refuses.
    suitePage(contexts, problems, scheme, { openid: EDITOR, bypassCSP: true })

  it.each([
    ['light', 1, 17],
    ['dark', 1, 17],
    ['light', 3, 22],
    ['dark', 3, 22],
  ] as const)(
    'has no serious or critical axe violation on any screen (%s, step %i = %i px)',
    async (scheme, fontStep, _px) => {
      const page = await newPage(scheme)
      await page.goto(base)
      await presetSettings(page, { fontStep, theme: 'system' })
      await page.reload()
      const found: string[] = []
      for (const screen of SCREEN_LIST) {
        await page.goto(`${base}${screen.route}`)
        await page.locator(`${screen.ready}:visible`).first().waitFor()
        await page.waitForTimeout(200)
        for (const p of await axeProblems(page)) found.push(`${screen.name}: ${p}`)
        await shot(page, `a11y-${screen.name}-${scheme}-${fontStep}`)
      }
      expect(found).toEqual([])
    },
  )

  it('gives a cold-opened article the tabs, previous/next titles and a filling progress bar', async () => {
    const page = await newPage('light')
    const [first, second, third] = newest.articles
    await page.goto(`${base}#/packages/reader/article/index?id=${second.id}`)
    await page.locator('.article-body').waitFor()
    const links = page.locator('.tab-links__link')
    await expect(links.allInnerTexts()).resolves.toEqual(['最新', '搜索', '我的'])
    const pager = await page.locator('.article-pager').innerText()
    expect(pager).toContain(first.title)
    expect(pager).toContain(third.title)
    await expect(page.locator('.article-header__reading').innerText()).resolves.toMatch(
      /^约 \d+ 分钟 · \d+ 字$/,
    )
    await shot(page, 'a11y-cold-article')
    const width = () =>
      page.locator('.reading-progress__bar').evaluate((el) => el.getBoundingClientRect().width)
    expect(await width()).toBe(0)
    await scrollPage(page, 1e6)
    await page.waitForTimeout(400)
    expect(await width()).toBeGreaterThan(300)
    await links.filter({ hasText: '搜索' }).click()
    await page.locator('.search-bar:visible').waitFor()
    expect(page.url()).toContain('/pages/search/index')
  })

  it('lands an unknown route on 最新 with a notice instead of a blank page', async () => {
    const page = await newPage('light')
    await page.goto(`${base}#/pages/nowhere/index`)
    await page.locator('.issue-cover').waitFor()
    await expect(page.locator('.landing-notice').innerText()).resolves.toContain('没有这个页面')
    await shot(page, 'a11y-unknown-route')
  })

  it.each(['light', 'dark'] as const)(
    'previews a replacement that drops articles: the difference by title, then a named confirmation (%s)',
    async (scheme) => {
      const page = await newPage(scheme)
      await page.goto(`${base}#/packages/editor/index/index`)
      await page.locator('.import-panel:visible').waitFor()
      const shorter = renderIssueText(newest.issue, newest.articles.slice(0, 1))
      await page.locator('.import-panel__text:visible textarea').fill(shorter)
      await page.locator('.action-button:visible', { hasText: /^预览$/ }).click()
      const diff = page.locator('.replace-diff:visible')
      await diff.waitFor()
      const removed = newest.articles.length - 1
      const text = await diff.innerText()
      expect(text).toContain(`删除 ${removed} 篇`)
      for (const a of newest.articles.slice(1)) expect(text).toContain(a.title)
      expect(await axeProblems(page)).toEqual([])
      await shot(page, `a11y-editor-replace-diff-${scheme}`)
      await page.locator('.action-button:visible', { hasText: `删除 ${removed} 篇` }).click()
      await page
        .locator('.action-button:visible', { hasText: `确认替换并删除 ${removed} 篇` })
        .waitFor()
      await scrollPage(page, 1e6)
      expect(await axeProblems(page)).toEqual([])
      await shot(page, `a11y-editor-replace-confirm-${scheme}`)
      await page.locator('.action-button:visible', { hasText: '不替换' }).click()
      // Nothing was replaced: the issue still has all its articles.
      const issue = await callFunction<{ articleCount: number }>(base, 'content', {
        action: 'issues.get',
        id: newest.issue.id,
      })
      expect(issue.ok && issue.data.articleCount).toBe(newest.articles.length)
    },
  )
})
