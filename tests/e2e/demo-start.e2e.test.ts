/**
 * `npm start` on an empty store, as after a fresh clone: the demo issues load and the reader shows
 * them, newest on the cover and the others under 往期, each opening to its contents.
 */
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { BrowserContext, Page } from 'playwright-core'

import type { ParsedIssue } from '@core/index'

import {
  freePort,
  openContext,
  shot,
  startServer,
  watch,
  requireChromium,
  tearDown,
  firstPage,
} from './support/browser'
import { demoIssues } from '../fixtures/demo-issues'

jest.setTimeout(420_000)

const demos = demoIssues()
const label = ({ issue }: ParsedIssue) => `${issue.year} 年第 ${issue.number} 期`

describe('npm start on an empty store', () => {
  let server: ChildProcess | null = null
  let dataDir = ''
  let base = ''
  let context: BrowserContext
  let page: Page
  const problems: string[] = []

  beforeAll(async () => {
    requireChromium()
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'demo-start-'))
    const started = await startServer(await freePort(), dataDir)
    server = started.child
    base = started.url
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

  it('shows the newest demo issue on the cover and the others under 往期', async () => {
    expect(demos.length).toBeGreaterThanOrEqual(3)
    await page.goto(base)
    const cover = page.locator('.issue-cover')
    await cover.waitFor()
    await expect(cover.innerText()).resolves.toContain(label(demos[0]))
    await page.locator('.issue-row').first().waitFor()
    const rows = await page.locator('.issue-row').allInnerTexts()
    expect(rows).toHaveLength(demos.length - 1)
    demos.slice(1).forEach((demo, i) => expect(rows[i]).toContain(label(demo)))
    await shot(page, 'demo-01-latest')
  })

  it('opens an earlier demo issue to its contents, every article listed', async () => {
    const oldest = demos[demos.length - 1]
    await page.locator('.issue-row', { hasText: label(oldest) }).click()
    await page.locator('.toc-section').first().waitFor()
    const titles = await page.locator('.toc-section__item').allInnerTexts()
    expect(titles).toHaveLength(oldest.articles.length)
    oldest.articles.forEach((a, i) =>
      expect([a.title, a.tocTitle].some((t) => t && titles[i].includes(t))).toBe(true),
    )
    await shot(page, 'demo-02-issue')
  })
})
