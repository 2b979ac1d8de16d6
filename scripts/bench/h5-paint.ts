import { createServer, type Server } from 'http'
import type { AddressInfo } from 'net'
import { mkdtempSync, rmSync } from 'fs'
import os from 'os'
import path from 'path'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium'
import { chromium, type Browser } from 'playwright-core'
import type { Article } from '@core/index'
import { markBold } from '@core/issue-text/render'
import { createLocalServer } from '../../server/http/server'
import { createLocalCloud } from '../../server/local-cloud'
import { publishIssue } from '../../cloudfunctions/lib/publishing/publish-issue'
import { ensureH5Build } from '../start/ensure-build'
import { seedIssues } from './content-corpus'
import { median, ms } from './machine'

const ROOT = path.resolve(__dirname, '../..')
const RUNS = 7

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)

/** The floor: the same article as one static HTML page with the same typography. */
function staticArticle(a: Article): string {
  const blocks = a.blocks
    .map((b) => {
      const html = escapeHtml(markBold(b)).replace(/\*\*(.+?)\*\*/g, '<b>$1</b>')
      return b.type === 'heading' ? `<h2>${html}</h2>` : `<p>${html}</p>`
    })
    .join('')
  return `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(a.title)}</title>
<style>body{margin:0;padding:20px;font:17px/1.8 "PingFang SC","Noto Sans CJK SC",sans-serif;color:#1f2328}h1{font-size:22px}h2{font-size:18px}p{margin:0 0 .8em;text-align:justify}</style>
<h1>${escapeHtml(a.title)}</h1>${blocks}</html>`
}

/**
 * Milliseconds from navigation start until the title and the first paragraph are on screen,
 * anywhere in the page or, given `within`, inside that element (the app's own article page).
 */
async function timeToContent(
  browser: Browser,
  url: string,
  title: string,
  firstWords: string,
  within?: string,
): Promise<number> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 3,
  })
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
  await page.goto(url, { waitUntil: 'commit' })
  const painted = await page.waitForFunction(
    ([t, w, sel]) => {
      const root = sel ? document.querySelector<HTMLElement>(sel) : document.body
      const text = root?.innerText ?? ''
      return text.includes(t) && text.includes(w) ? performance.now() : false
    },
    [title, firstWords, within] as const,
    { polling: 'raf', timeout: 30000 },
  )
  const at = (await painted.jsonValue()) as number
  await context.close()
  return at
}

/**
 * h5 article page cold load on the local server under 4× CPU throttling, beside the same article
 * as a static HTML page (the floor).
 */
export async function benchH5Paint(): Promise<Record<string, number>> {
  const staticRoot = await ensureH5Build(ROOT)
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-paint-'))
  const cloud = createLocalCloud(dataDir, [])
  const [sample] = seedIssues()
  await publishIssue(cloud.db, sample, new Date())
  const article = sample.articles[1]
  const firstWords = article.blocks.find((b) => b.type === 'paragraph')!.text.slice(0, 12)

  const app = createLocalServer({ cloud, staticRoot, rateLimitPerMinute: 0 })
  const floor: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
    res.end(staticArticle(article))
  })
  await Promise.all([app, floor].map((s) => new Promise<void>((r) => s.listen(0, '127.0.0.1', r))))
  const port = (s: Server) => (s.address() as AddressInfo).port
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  })
  try {
    const appTimes: number[] = []
    const appRenderedTimes: number[] = []
    const floorTimes: number[] = []
    const articleUrl = `http://127.0.0.1:${port(app)}/#/packages/reader/article/index?id=${article.id}`
    for (let i = 0; i < RUNS; i++) {
      appTimes.push(await timeToContent(browser, articleUrl, article.title, firstWords))
      appRenderedTimes.push(
        await timeToContent(browser, articleUrl, article.title, firstWords, '#app'),
      )
      floorTimes.push(
        await timeToContent(browser, `http://127.0.0.1:${port(floor)}/`, article.title, firstWords),
      )
    }
    const appMedian = median(appTimes)
    const renderedMedian = median(appRenderedTimes)
    const floorMedian = median(floorTimes)
    const ratio = appMedian / floorMedian
    console.log(
      `h5: article cold load, 4× CPU throttling, title + first paragraph painted: ${ms(appMedian)} vs static HTML ${ms(floorMedian)} → ${ratio.toFixed(2)}× the floor (target ≤ 2×: ${ratio <= 2 ? 'met' : 'MISSED'})`,
    )
    console.log(
      `h5: the same article rendered by the app itself (interactive): ${ms(renderedMedian)} → ${(renderedMedian / floorMedian).toFixed(2)}× the floor`,
    )
    return { appMs: appMedian, appRenderedMs: renderedMedian, floorMs: floorMedian, ratio }
  } finally {
    await browser.close()
    await Promise.all([app, floor].map((s) => new Promise<void>((r) => s.close(() => r()))))
    await cloud.db.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

if (require.main === module) {
  benchH5Paint().catch((e) => {
    console.error(`error: ${(e as Error).message}`)
    process.exit(1)
  })
}
