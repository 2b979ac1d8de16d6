/**
 * Subscriptions, publishing and every way in, in Chromium against `npm start` on a fresh
 * DATA_DIR (the sample issue, 总第 280 期, published first) with one editor in ADMIN_OPENIDS:
 * a reader subscribes through the simulated consent dialog, the editor publishes a new issue from
 * the editor pages, the worker sends that reader exactly one message opening the new issue; share
 * paths, QR scenes (decoded from the PNGs the app makes) and tampered scenes land where they should.
 * Screenshots go to test-results/screens/.
 */
import type { ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { BrowserContext, Page } from 'playwright-core'

import type { JobView } from '@core/api/notify'

import { parsedSample } from '../fixtures/content'
import { decodeQr } from '../fixtures/qr'
import { SAMPLE_ISSUE_PATH } from '../fixtures/sample-issue'
import { issueDocx } from '../scripts/import/support/issue-docx'

import {
  callFunction,
  freePort,
  openContext,
  publish,
  ROOT,
  SCREENS,
  shot,
  startServer,
  presetIdentity,
  watch,
  requireChromium,
  tearDown,
  firstPage,
} from './support/browser'

jest.setTimeout(420_000)

const EDITOR = 'h5-e2eeditor001'
const READER = 'h5-e2ereader001'
const sample = parsedSample()
const articleTitle = (id: string) => sample.articles.find((a) => a.id === id)!.title
/** A new issue for the editor to publish: demo issue 279 renumbered as 总第 281 期. */
const NEW_ISSUE_TEXT = readFileSync(path.join(ROOT, 'demo/issues/279.txt'), 'utf8').replace(
  '总第 279 期',
  '总第 281 期',
)

describe('reminders, publishing and links in a browser', () => {
  let server: ChildProcess | null = null
  let base = ''
  let dataDir = ''
  const contexts: BrowserContext[] = []
  const problems: string[] = []
  let reader: Page
  let editor: Page

  const fresh = async (
    identity?: string,
    options: { permissions?: string[] } = {},
  ): Promise<Page> => {
    const context = await openContext('light', options)
    contexts.push(context)
    if (identity) await presetIdentity(context, identity)
    const page = await firstPage(context)
    watch(page, problems)
    return page
  }

  beforeAll(async () => {
    requireChromium()
    mkdirSync(SCREENS, { recursive: true })
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'reader-data-'))
    publish(SAMPLE_ISSUE_PATH, dataDir)
    const started = await startServer(await freePort(), dataDir, { ADMIN_OPENIDS: EDITOR })
    server = started.child
    base = started.url
    reader = await fresh(READER)
    editor = await fresh(EDITOR, { permissions: ['clipboard-read', 'clipboard-write'] })
  })

  afterAll(async () => {
    await tearDown(contexts, server, dataDir)
  })

  afterEach(() => {
    expect(problems).toEqual([])
  })

  it('a reader asks to be reminded through the consent dialog: 拒绝, then 允许', async () => {
    await reader.goto(base)
    await reader.locator('.issue-cover:visible').waitFor()
    await reader.locator('.issue-cover__remind:visible').click()
    await reader.locator('.consent-dialog:visible').waitFor()
    await shot(reader, '20-consent-dialog')
    await reader.locator('.consent-dialog__button:visible', { hasText: /^拒绝$/ }).click()
    await reader.locator('.remind-note:visible', { hasText: '暂不提醒' }).waitFor()
    await shot(reader, '21-remind-rejected')

    await reader.locator('.issue-cover__remind:visible').click()
    await reader.locator('.consent-dialog__button:visible', { hasText: /^允许$/ }).click()
    await reader.locator('.remind-note--ok:visible', { hasText: '已开启提醒' }).waitFor()
    await expect(reader.locator('.issue-cover__remind-hint:visible').innerText()).resolves.toBe(
      '接下来 1 期发布时会通知你',
    )
    await shot(reader, '22-remind-accepted')
    const status = await callFunction<{ remaining: number }>(
      base,
      'subscription',
      { action: 'subscription.status' },
      READER,
    )
    expect(status).toEqual({ ok: true, data: { remaining: 1, templateId: 'local-new-issue' } })

    await reader.goto(`${base}#/pages/me/index`)
    await reader.locator('.subscribe-card__count:visible', { hasText: '1 期' }).waitFor()
    await expect(reader.locator('.subscribe-card:visible').innerText()).resolves.toContain(
      '接下来 1 期发布时会通知你',
    )
    await expect(reader.locator('.me-page__identity:visible').innerText()).resolves.toContain(
      READER,
    )
    // A reader is no editor.
    await expect(reader.locator('.me-page__editor:visible').count()).resolves.toBe(0)
    await shot(reader, '23-me-reminders')
  })

  it('总是拒绝 is explained with a way back in settings', async () => {
    const other = await fresh('h5-e2eother0001')
    await other.goto(`${base}#/packages/reader/issue/index?id=i280`)
    await other.locator('.remind-button:visible').click()
    await other.locator('.consent-dialog__button:visible', { hasText: '总是拒绝' }).click()
    const note = other.locator('.remind-note:visible', { hasText: '总是拒绝' })
    await note.waitFor()
    await shot(other, '24-remind-always-rejected')
    // Asked again: no dialog (the choice is kept), the same line.
    await other.locator('.remind-note__action:visible').click()
    await other.locator('.remind-note:visible').waitFor({ state: 'detached' })
    await other.locator('.remind-button:visible').click()
    await other.locator('.consent-dialog:visible').waitFor()
    await other.locator('.consent-dialog__button:visible', { hasText: /^拒绝$/ }).click()
    await other.locator('.remind-note:visible', { hasText: '暂不提醒' }).waitFor()
  })

  it('the editor finds 编辑台 in 我的; a file that is not an issue gets one clear line', async () => {
    await editor.goto(`${base}#/pages/me/index`)
    await editor.locator('.me-page__editor:visible').click()
    await editor.locator('.import-panel:visible').waitFor()
    await editor.locator('.editor-issue:visible').first().waitFor()
    await shot(editor, '25-editor-home')
    await editor.locator('.import-panel__text textarea').fill('会议纪要：今天讨论了下半年预算。')
    await editor.locator('.action-button:visible', { hasText: /^预览$/ }).click()
    const error = editor.locator('.inline-message--error:visible')
    await error.waitFor()
    await expect(error.innerText()).resolves.toMatch(/^不是可识别的期刊文件：/)
    await shot(editor, '26-editor-not-an-issue')
  })

  it('the editor uploads the new issue as a Word file, previews it and reads an article as readers will', async () => {
    const file = path.join(dataDir, '双周决策观察-总第281期.docx')
    writeFileSync(file, await issueDocx(NEW_ISSUE_TEXT))
    const chooser = editor.waitForEvent('filechooser')
    await editor.locator('.action-button:visible', { hasText: '选择文件' }).click()
    await (await chooser).setFiles(file)
    await editor.locator('.editor-page__banner:visible').waitFor()
    await expect(editor.locator('.issue-masthead:visible').innerText()).resolves.toContain(
      '2024 年第 5 期（总第 281 期）',
    )
    await expect(editor.locator('.editor-page__banner:visible').innerText()).resolves.toContain(
      '首次发布 2024 年第 5 期（总第 281 期）',
    )
    await expect(editor.locator('.editor-page__banner:visible').innerText()).resolves.toContain(
      '来源：双周决策观察-总第281期.docx（按 Word 解析）',
    )
    await expect(
      editor.locator('.editor-page__count-value:visible').allInnerTexts(),
    ).resolves.toEqual(['7', '6', '0'])
    await shot(editor, '27-editor-preview')
    await editor.locator('.toc-section__item:visible').nth(2).click()
    await editor.locator('.preview-article .article-header__title').waitFor()
    await expect(
      editor.locator('.preview-article .article-body__para').count(),
    ).resolves.toBeGreaterThan(0)
    await shot(editor, '28-editor-preview-article')
    await editor.goBack()
    await editor.locator('.editor-page__banner:visible').waitFor()
  })

  it('the editor publishes it and sees the issue as a reader', async () => {
    await editor.locator('.action-button:visible', { hasText: '发布 2024 年第 5 期' }).click()
    const done = editor.locator('.inline-message--ok:visible')
    await done.waitFor()
    await expect(done.innerText()).resolves.toContain(
      '已发布 2024 年第 5 期（总第 281 期）：共 7 篇',
    )
    await shot(editor, '29-editor-published')
    await editor.locator('.action-button:visible', { hasText: '以读者身份查看' }).click()
    // The editor's preview shows the same masthead, so wait for the reader's page itself.
    await editor.waitForURL(/reader\/issue\/index\?id=i281/)
    await editor.locator('.issue-masthead:visible', { hasText: '总第 281 期' }).waitFor()
    await editor.locator('.toc-section__item:visible').nth(6).waitFor()
    await expect(editor.locator('.toc-section__item:visible').count()).resolves.toBe(7)
    await shot(editor, '30-published-issue-as-reader')
  })

  it('the worker sends the subscribed reader exactly one message, opening the new issue', async () => {
    let job: JobView | undefined
    for (let i = 0; i < 100 && job?.status !== 'done'; i++) {
      const jobs = await callFunction<{ items: JobView[] }>(
        base,
        'notify',
        { action: 'jobs.list' },
        EDITOR,
      )
      if (!jobs.ok) throw new Error(jobs.error.message)
      job = jobs.data.items.find((j) => j.issueId === 'i281')
      if (job?.status !== 'done') await new Promise((r) => setTimeout(r, 200))
    }
    expect(job).toMatchObject({
      status: 'done',
      total: 1,
      counts: { sent: 1, failed: 0, unknown: 0 },
    })
    // The send stand-in records each message in the store (one JSON document per line).
    const messages = readFileSync(path.join(dataDir, 'messages.db'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map(
        (l) =>
          JSON.parse(l) as {
            touser: string
            page: string
            data: Record<string, { value: string }>
          },
      )
    expect(messages.map((m) => [m.touser, m.page])).toEqual([
      [READER, 'packages/reader/issue/index?id=i281'],
    ])
    expect(messages[0].data.thing1.value).toBe('双周决策观察2024年第5期')
    const status = await callFunction<{ remaining: number }>(
      base,
      'subscription',
      { action: 'subscription.status' },
      READER,
    )
    expect(status).toMatchObject({ ok: true, data: { remaining: 0 } })

    // The editor sees the job and its counts.
    await editor.goto(`${base}#/packages/editor/index/index`)
    const row = editor.locator('.job-row:visible', { hasText: '总第 281 期' })
    await row.locator('.job-row__status:visible', { hasText: '已完成' }).waitFor()
    await expect(row.innerText()).resolves.toContain('共 1 人 · 已发送 1')
    await shot(editor, '31-editor-jobs')

    // The notification's page, opened cold: the new issue.
    const tapped = await fresh(READER)
    await tapped.goto(`${base}#/${messages[0].page}`)
    await tapped.locator('.issue-masthead:visible', { hasText: '总第 281 期' }).waitFor()
    await tapped.goto(`${base}#/pages/me/index`)
    await tapped.locator('.subscribe-card__count:visible', { hasText: '未开启' }).waitFor()
  })

  it('the audit log shows who published what, and when', async () => {
    await editor.goto(`${base}#/packages/editor/audit/index`)
    const first = editor.locator('.audit-row:visible').first()
    await first.waitFor()
    const text = await first.innerText()
    expect(text).toContain('发布')
    expect(text).toContain('总第 281 期')
    expect(text).toContain(EDITOR)
    expect(text).toContain('共 7 篇')
    await shot(editor, '32-editor-audit')
  })

  it('a corrected file replaces the issue: same ids, no second notification', async () => {
    // The first article's title corrected in the contents and in the body.
    const corrected =
      NEW_ISSUE_TEXT.split('多地出台举措发展银发经济').join('多地出台举措加快发展银发经济')
    const file = path.join(dataDir, '双周决策观察-总第281期-更正.docx')
    writeFileSync(file, await issueDocx(corrected))
    await editor.goto(`${base}#/packages/editor/index/index`)
    const chooser = editor.waitForEvent('filechooser')
    await editor.locator('.action-button:visible', { hasText: '选择文件' }).click()
    await (await chooser).setFiles(file)
    const banner = editor.locator('.editor-page__banner:visible')
    await banner.waitFor()
    await expect(banner.innerText()).resolves.toContain(
      '替换已发布的 2024 年第 5 期（总第 281 期）',
    )
    await expect(banner.innerText()).resolves.toContain('保留 7 篇文章的编号，新增 0 篇')
    await shot(editor, '38-editor-replace-preview')
    await editor.locator('.action-button:visible', { hasText: '替换 2024 年第 5 期' }).click()
    await editor.locator('.inline-message--ok:visible', { hasText: '没有再次通知订阅者' }).waitFor()
    const jobs = await callFunction<{ items: JobView[] }>(
      base,
      'notify',
      { action: 'jobs.list' },
      EDITOR,
    )
    expect(jobs.ok && jobs.data.items.filter((j) => j.issueId === 'i281')).toHaveLength(1)
    const lines = readFileSync(path.join(dataDir, 'messages.db'), 'utf8')
      .split('\n')
      .filter(Boolean)
    expect(lines).toHaveLength(1)
    // Readers' links keep working and show the correction.
    const page = await fresh()
    await page.goto(`${base}#/packages/reader/article/index?id=i281-01`)
    await page
      .locator('.article-header__title:visible', { hasText: '多地出台举措加快发展银发经济' })
      .waitFor()
    await editor.goto(`${base}#/packages/editor/audit/index`)
    await editor.locator('.audit-row:visible', { hasText: '替换' }).first().waitFor()
  })

  it('an article’s share path and a QR scene URL open that article cold; the share button copies the link', async () => {
    const title = articleTitle('i280-03')
    for (const url of [
      `${base}#/packages/reader/article/index?id=i280-03`,
      `${base}#/pages/latest/index?scene=1a7s.3`,
      `${base}#/packages/reader/article/index?scene=1a7s.3`,
    ]) {
      const page = await fresh()
      await page.goto(url)
      await page.locator('.article-header__title:visible', { hasText: title }).waitFor()
      expect(page.url()).toMatch(/id=i280-03|scene=1a7s\.3/)
    }
    await editor.goto(`${base}#/packages/reader/article/index?id=i280-03`)
    await editor.locator('.article-toolbar__share:visible').click()
    await editor.getByText('链接已复制').waitFor()
    await shot(editor, '33-share-link-copied')
    const link = await editor.evaluate(() => navigator.clipboard.readText())
    expect(link).toBe(`${base}#/packages/reader/article/index?id=i280-03`)
    const opened = await fresh()
    await opened.goto(link)
    await opened.locator('.article-header__title:visible', { hasText: title }).waitFor()
    await shot(opened, '34-shared-link-opened')
  })

  it('an article’s QR code from the qrcode function decodes to a payload that opens that article cold', async () => {
    const made = await callFunction<{ fileID: string }>(
      base,
      'qrcode',
      { action: 'qrcode.article', id: 'i280-03' },
      EDITOR,
    )
    if (!made.ok) throw new Error(made.error.message)
    const res = await fetch(`${base}storage/${made.data.fileID.replace(/^cloud:\/\/local\//, '')}`)
    expect(res.status).toBe(200)
    const payload = decodeQr(Buffer.from(await res.arrayBuffer()))
    expect(payload).toBe('packages/reader/article/index?scene=1a7s.3')
    const scanned = await fresh()
    await scanned.goto(`${base}#/${payload}`)
    await scanned
      .locator('.article-header__title:visible', { hasText: articleTitle('i280-03') })
      .waitFor()
    await shot(scanned, '39-article-qr-opened')
  })

  it('a tampered scene lands on the latest issue with a one-line notice', async () => {
    const page = await fresh()
    await page.goto(`${base}#/packages/reader/article/index?scene=1a7s.zz`)
    await page.locator('.landing-notice:visible').waitFor()
    await expect(page.locator('.landing-notice__text:visible').innerText()).resolves.toBe(
      '链接或二维码无法识别，已为你打开最新一期',
    )
    await expect(page.locator('.issue-cover:visible').innerText()).resolves.toContain('总第 281 期')
    await expect(page.locator('.state-view--error:visible').count()).resolves.toBe(0)
    await shot(page, '35-tampered-scene')
    const missing = await fresh()
    await missing.goto(`${base}#/packages/reader/article/index?id=i280-55`)
    await missing
      .locator('.landing-notice:visible', { hasText: '这篇文章不存在或已下线' })
      .waitFor()
  })

  it('the issue poster shows its QR code and downloads as a PNG whose code opens the issue', async () => {
    await editor.goto(`${base}#/packages/editor/index/index`)
    await editor
      .locator('.editor-issue:visible', { hasText: '总第 280 期' })
      .locator('.action-button:visible', { hasText: '海报' })
      .click()
    await editor.locator('img.poster-card__qr, .poster-card__qr img').first().waitFor()
    await editor.waitForFunction(() =>
      [...document.querySelectorAll('.poster-card__qr img, img.poster-card__qr')].some(
        (i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0,
      ),
    )
    await shot(editor, '36-editor-poster')
    const download = editor.waitForEvent('download')
    await editor.locator('.action-button:visible', { hasText: '下载海报图片' }).click()
    const file = await download
    expect(file.suggestedFilename()).toBe('双周决策观察-总第280期.png')
    const saved = path.join(dataDir, 'poster.png')
    await file.saveAs(saved)
    const png = readFileSync(saved)
    writeFileSync(path.join(SCREENS, '37-poster-download.png'), png)
    const payload = decodeQr(png)
    expect(payload).toBe('packages/reader/issue/index?scene=1i7s')
    await editor.locator('.inline-message:visible', { hasText: '海报图片已下载' }).waitFor()

    // What the code opens, in a fresh browser: the issue it was made for.
    const scanned = await fresh()
    await scanned.goto(`${base}#/${payload}`)
    await scanned.locator('.issue-masthead:visible', { hasText: '总第 280 期' }).waitFor()
  })
})
