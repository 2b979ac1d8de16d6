/**
 * Shared by the browser tests: the local server started as `npm start` does (own process group,
 * fresh DATA_DIR), Chromium contexts with a fresh profile each, and screenshot and error helpers.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'

import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { CLIENT_HEADER } from '../../../core/api/response'

import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../scripts/chromium'

export const ROOT = path.resolve(__dirname, '../../..')
export const CHROMIUM = CHROMIUM_PATH
export const SCREENS = path.join(ROOT, 'test-results', 'screens')

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      const port = typeof address === 'object' && address ? address.port : 0
      srv.close(() => resolve(port))
    })
  })

/** Publishes an issue file into a store with the ingest CLI (before the server owns the store). */
export function publish(file: string, dataDir: string): void {
  const r = spawnSync('npx', ['tsx', 'scripts/ingest.ts', file, '--publish'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir },
    encoding: 'utf8',
  })
  if (r.status !== 0) throw new Error(`publishing ${file} failed (exit ${r.status}):\n${r.stderr}`)
}

/** Starts `npm start`'s script in its own process group; resolves once it says it is ready. */
export function startServer(
  port: number,
  dataDir: string,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'scripts/start.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    })
    let output = ''
    const timer = setTimeout(
      () => reject(new Error(`the server did not start within 300 s:\n${output}`)),
      300_000,
    )
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const m = /ready: (http:\/\/\S+)/.exec(output)
      if (m) {
        clearTimeout(timer)
        resolve({ child, url: m[1].endsWith('/') ? m[1] : `${m[1]}/` })
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`the server exited with ${code}:\n${output}`))
    })
  })
}

export function stopServer(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.pid === undefined) return Promise.resolve()
  return new Promise((resolve) => {
    child.removeAllListeners('exit')
    child.once('exit', () => resolve())
    try {
      // The process group started above: npx, tsx and the server under it.
      process.kill(-child.pid!, 'SIGTERM')
    } catch {
      resolve()
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL')
      } catch {
        // already gone
      }
      resolve()
    }, 5000)
    child.once('exit', () => clearTimeout(timer))
  })
}

/** A phone-sized Chromium with a fresh profile (its own storage, as a new device has). */
export const openContext = (
  colorScheme: 'light' | 'dark' = 'light',
  options: { permissions?: string[]; desktop?: boolean; bypassCSP?: boolean } = {},
): Promise<BrowserContext> =>
  chromium.launchPersistentContext(mkdtempSync(path.join(os.tmpdir(), 'reader-e2e-')), {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    // `desktop`: a laptop's browser window instead.
    viewport: options.desktop ? { width: 1280, height: 800 } : { width: 390, height: 844 },
    deviceScaleFactor: options.desktop ? 1 : 3,
    isMobile: !options.desktop,
    hasTouch: !options.desktop,
    colorScheme,
    locale: 'zh-CN',
    acceptDownloads: true,
    permissions: options.permissions,
    // Only for a test that injects its own script (axe): the app's CSP is tested with it on.
    bypassCSP: options.bypassCSP ?? false,
  })

/** The page a persistent context opens with (a new one if it opened none). */
export const firstPage = async (context: BrowserContext): Promise<Page> =>
  context.pages()[0] ?? (await context.newPage())

/**
 * A fresh context's page for a suite that closes its contexts at the end (`contexts`), its script
 * errors and dialogs collected in `problems` unless `watched: false`; `openid` presets the h5
 * identity.
 */
export async function suitePage(
  contexts: BrowserContext[],
  problems: string[],
  scheme: 'light' | 'dark' = 'light',
  options: { desktop?: boolean; watched?: boolean; openid?: string; bypassCSP?: boolean } = {},
): Promise<Page> {
  const context = await openContext(scheme, {
    desktop: options.desktop,
    bypassCSP: options.bypassCSP,
  })
  contexts.push(context)
  if (options.openid) await presetIdentity(context, options.openid)
  const page = await firstPage(context)
  if (options.watched !== false) watch(page, problems)
  return page
}

/** Collects what must never happen on a page: script errors and dialogs (alert from injected text). */
export function watch(page: Page, problems: string[]): void {
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`)
    void d.dismiss()
  })
}

export const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SCREENS, `${name}.png`) })

/** Scrolls the page's own scroller (Taro h5 scrolls `.taro_page`, not the window). */
export const scrollPage = (page: Page, y: number) =>
  page.evaluate((top) => {
    const pages = document.querySelectorAll<HTMLElement>('.taro_page')
    const current =
      [...pages].reverse().find((p) => p.offsetParent !== null || p.style.display !== 'none') ??
      pages[0]
    current.scrollTo({ top })
    current.dispatchEvent(new Event('scroll'))
  }, y)

export const tab = (page: Page, label: string) =>
  page.locator('.weui-tabbar__item', { hasText: label }).click()

/**
 * Gives a fresh context the h5 identity (`x-wx-openid`) before any page loads, in Taro's storage
 * format (`{ data }` under the key), as a developer would after copying it from 我的.
 */
export const presetIdentity = (context: BrowserContext, openid: string) =>
  context.addInitScript((id) => {
    if (!localStorage.getItem('dev.openid'))
      localStorage.setItem('dev.openid', JSON.stringify({ data: id }))
  }, openid)

/** Saves the reader's settings as the app stores them (Taro's `{ data }` format); reload to apply. */
export const presetSettings = (page: Page, settings: { fontStep: number; theme: string }) =>
  page.evaluate((s) => localStorage.setItem('settings', JSON.stringify({ data: s })), settings)

/** POSTs to a function of the local server as the given caller. */
export async function callFunction<T>(
  base: string,
  fn: string,
  body: object,
  openid?: string,
): Promise<{ ok: true; data: T } | { ok: false; error: { code: string; message: string } }> {
  const res = await fetch(`${base}api/${fn}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [CLIENT_HEADER]: 'test',
      ...(openid ? { 'x-wx-openid': openid } : {}),
    },
    body: JSON.stringify(body),
  })
  return (await res.json()) as never
}

/** Fails, before anything starts, with the command that installs Chromium when it is missing. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (as root)`,
    )
}

/** Ends what a suite started: its browser contexts, its server and its data folder. */
export async function tearDown(
  contexts: (BrowserContext | undefined)[],
  server: ChildProcess | null,
  dataDir: string,
): Promise<void> {
  for (const c of contexts) await c?.close()
  await stopServer(server)
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
}
