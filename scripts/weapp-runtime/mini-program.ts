import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

import type { LocalCloud } from '../../server/local-cloud'
import { AppContext, type Problem } from './context'
import {
  applyPath,
  type BuildView,
  type DataNode,
  elements,
  measureTree,
  outlineOfRender,
  type Placed,
  textOf,
  undefinedPaths,
  type VElement,
  type VNode,
} from './view'
import { createWx, type WxOptions } from './wx'

type Fn = (...args: unknown[]) => unknown
type Config = Record<string, unknown>

/** One `setData` call as it reached the view layer. */
export interface SetDataRecord {
  route: string
  /** UTF-8 size of the payload's JSON, what WeChat limits (1 MB) and what crosses to the view. */
  bytes: number
  keys: number
  undefinedAt: string[]
}

/** An open page: WeChat's page instance and the view's data. */
export interface PageInstance {
  route: string
  query: Record<string, string>
  /** The instance WeChat hands the page's methods as `this`. */
  instance: Record<string, unknown>
  /** The view layer's copy of the data, updated by `setData` only. */
  view: { root?: { cn?: DataNode[] } } & Record<string, unknown>
  setData: SetDataRecord[]
}

export interface LaunchOptions {
  /** `pages/latest/index`, or any page route. */
  path: string
  query?: Record<string, string>
  /** WeChat's launch scene (1001 from the chat list; 1047/1048 a QR code; 1154 Moments). */
  scene?: number
}

export interface MiniProgramOptions extends Omit<WxOptions, 'tabPages' | 'navigation'> {
  launch: LaunchOptions
}

/** Limits every run checks: one `setData` payload, nodes of a page, depth of its tree. */
export const MAX_SET_DATA_BYTES = 32 * 1024
export const MAX_NODES = 1000
export const MAX_DEPTH = 30
/** WeChat's scene for a page opened from Moments (朋友圈) in single-page mode. */
export const SINGLE_PAGE_SCENE = 1154

const ROUTE_QUERY = /^\/?([^?]+)(?:\?(.*))?$/

/** `/packages/reader/issue/index?id=i1` → route and decoded query (what onLoad receives). */
export function parseUrl(url: string, from = ''): { route: string; query: Record<string, string> } {
  const m = ROUTE_QUERY.exec(url)
  if (!m) throw new Error(`bad url ${url}`)
  let route = m[1]
  if (!url.startsWith('/') && from) route = path.posix.join(path.posix.dirname(from), route)
  const query: Record<string, string> = {}
  for (const part of (m[2] ?? '').split('&').filter(Boolean)) {
    const [k, v = ''] = part.split('=')
    query[decodeURIComponent(k)] = decodeURIComponent(v)
  }
  return { route, query }
}

/**
 * A simulated WeChat mini-program runtime running a real weapp build: App/Page/Component globals,
 * `require` relative to each file, a complete `wx` (./wx.ts) declared before taro.js loads, a page
 * stack with WeChat's navigation rules, and `setData` applied to a view copy by Taro's paths after
 * a JSON round trip, its callback called later, each payload measured.
 */
export class MiniProgram {
  readonly app = new AppContext()
  readonly pages: PageInstance[] = []
  readonly setDataLog: SetDataRecord[] = []
  /** Broken rules of a healthy page, found after every step (see `inspect`). */
  readonly violations: string[] = []
  /** The most nodes and the deepest tree each route's data reached. */
  readonly pageStats = new Map<string, { nodes: number; depth: number }>()
  readonly wx: ReturnType<typeof createWx>
  private readonly modules = new Map<string, { exports: unknown }>()
  private readonly pageConfigs = new Map<string, Config>()
  private readonly componentConfigs = new Map<string, Config>()
  private readonly tabs = new Map<string, PageInstance>()
  private readonly tabRoutes: string[]
  private readonly appJson: {
    pages: string[]
    subPackages?: { root: string; pages: string[] }[]
    tabBar?: { list: { pagePath: string }[] }
  }
  readonly singlePage: boolean
  private appInstance: Config | null = null
  private registering: string | null = null
  private readonly unregistered = new Set<string>()
  private webviewId = 0

  constructor(
    readonly dir: string,
    readonly build: BuildView,
    readonly cloud: LocalCloud,
    readonly options: MiniProgramOptions,
  ) {
    this.appJson = JSON.parse(readFileSync(path.join(dir, 'app.json'), 'utf8'))
    this.tabRoutes = (this.appJson.tabBar?.list ?? []).map((t) => t.pagePath)
    // Moments' single-page mode (scene 1154): no navigation, no tab bar, storage of its own, no
    // login.
    this.singlePage = options.singlePage ?? options.launch.scene === SINGLE_PAGE_SCENE
    this.wx = createWx(this.app, cloud, {
      ...options,
      // The page runs without the reader's identity: the cloud sees an anonymous caller.
      openid: this.singlePage ? null : options.openid,
      singlePage: this.singlePage,
      storage: this.singlePage ? new Map() : options.storage,
      tabPages: this.tabRoutes,
      navigation: {
        navigateTo: (url) => this.navigateTo(url),
        redirectTo: (url) => this.redirectTo(url),
        switchTab: (url) => this.switchTab(url),
        reLaunch: (url) => this.reLaunch(url),
        navigateBack: (delta) => this.navigateBack(delta),
        currentRoute: () => this.pages.at(-1)?.route ?? null,
        launch: () => ({
          path: options.launch.path,
          query: options.launch.query ?? {},
          scene: options.launch.scene ?? 1001,
        }),
      },
    })
    const g = this.app.context
    g.wx = this.wx.proxy
    g.global = this.app.object()
    g.App = (config: Config) => {
      this.appInstance = config
    }
    g.Page = (config: Config) => {
      if (!this.registering) throw new Error('Page() called outside a page file')
      this.pageConfigs.set(this.registering, config)
    }
    g.Component = (config: Config) => {
      if (!this.registering) throw new Error('Component() called outside a component file')
      this.componentConfigs.set(this.registering, config)
    }
    g.Behavior = (config: Config) => config
    g.getApp = () => this.appInstance
    g.getCurrentPages = () => {
      const list = vmArray(this.app)
      for (const p of this.pages) list.push(p.instance)
      return list
    }
    g.requirePlugin = (name: string) => {
      throw new Error(`requirePlugin: no plugin ${name}`)
    }
  }

  /** Problems seen so far: console errors, throws, pages that never registered. */
  get problems(): Problem[] {
    return this.app.problems
  }

  /** The page on top of the stack. */
  get current(): PageInstance {
    const page = this.pages[this.pages.length - 1]
    if (!page) throw new Error('no page is open')
    return page
  }

  /** Loads a file of the build once, as WeChat's `require` does (relative, `.js` added). */
  require(file: string): unknown {
    const full = path.resolve(this.dir, file.endsWith('.js') ? file : `${file}.js`)
    const cached = this.modules.get(full)
    if (cached) return cached.exports
    if (!existsSync(full))
      throw new Error(`module '${path.relative(this.dir, full)}' is not defined`)
    const module = { exports: this.app.object() }
    this.modules.set(full, module)
    const localRequire = (rel: string) =>
      this.require(path.relative(this.dir, path.resolve(path.dirname(full), rel)))
    this.app.compile(full)(localRequire, module, module.exports)
    return module.exports
  }

  private load(route: string, registry: Map<string, Config>, kind: string): Config | null {
    if (registry.has(route)) return registry.get(route)!
    this.registering = route
    this.app.context.__wxRoute = route
    try {
      this.require(route)
    } catch (e) {
      this.app.report({ kind: 'page', message: `${route}: ${(e as Error).message}` })
      return null
    } finally {
      this.registering = null
      this.app.context.__wxRoute = undefined
    }
    const config = registry.get(route)
    // A page whose webpack chunk callback never fires (a chunk it needs was never required)
    // evaluates without calling Page(): WeChat would show a blank page. Reported once.
    if (!config && !this.unregistered.has(route)) {
      this.unregistered.add(route)
      this.app.report({ kind: 'page', message: `${route}: the file never called ${kind}()` })
    }
    return config ?? null
  }

  private loadPage(route: string): Config | null {
    const known = [
      ...this.appJson.pages,
      ...(this.appJson.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root}/${p}`)),
    ]
    if (!known.includes(route)) {
      this.app.report({ kind: 'page', message: `${route}: not a page of app.json` })
      return null
    }
    // WeChat loads a page's custom components (Taro's recursive `comp`) with it.
    for (const comp of this.build.componentsOf(route).values())
      this.load(comp, this.componentConfigs, 'Component')
    return this.load(route, this.pageConfigs, 'Page')
  }

  /** Starts the app: app.js, App's onLaunch/onShow, then the launch page. */
  async launch(): Promise<void> {
    this.require('app')
    if (!this.appInstance) throw new Error('app.js never called App()')
    const launch = this.app.toApp({
      path: this.options.launch.path,
      query: this.options.launch.query ?? {},
      scene: this.options.launch.scene ?? 1001,
      referrerInfo: {},
    })
    const app = this.appInstance
    this.app.guard('App.onLaunch', () => (app.onLaunch as Fn | undefined)?.call(app, launch))
    this.app.guard('App.onShow', () => (app.onShow as Fn | undefined)?.call(app, launch))
    this.open(this.options.launch.path, this.options.launch.query ?? {})
    await this.settle()
  }

  /** Waits until the app is idle (no pending render, timer or cloud call), then inspects it. */
  async settle(): Promise<void> {
    await this.app.settle()
    this.inspect()
  }

  /**
   * Checks every open page as it now stands: each node resolves to a template of base.wxml, WeChat's
   * `wcc` renders the same elements and texts as the data tree holds, fewer than 1,000 nodes and
   * a depth under 30. What breaks a rule goes to `violations`.
   */
  inspect(): void {
    const warnings = this.build.wccWarnings.splice(0)
    for (const w of warnings) this.violations.push(`wcc: ${w}`)
    for (const page of this.pages) {
      const root = page.view.root ?? {}
      const { nodes, depth } = measureTree(root)
      const seen = this.pageStats.get(page.route)
      this.pageStats.set(page.route, {
        nodes: Math.max(nodes, seen?.nodes ?? 0),
        depth: Math.max(depth, seen?.depth ?? 0),
      })
      if (nodes >= MAX_NODES) this.violations.push(`${page.route}: ${nodes} nodes`)
      if (depth >= MAX_DEPTH) this.violations.push(`${page.route}: depth ${depth}`)
      for (const u of this.build.unresolved(root))
        this.violations.push(`${page.route}: no template for node ${u}`)
      const data = this.build.outlineOfData(root)
      const rendered = outlineOfRender(this.render(page))
      const at = data.findIndex((item, i) => item !== rendered[i])
      if (at >= 0 || data.length !== rendered.length) {
        const i = at >= 0 ? at : Math.min(data.length, rendered.length)
        this.violations.push(
          `${page.route}: wcc renders ${rendered[i] ?? '(nothing)'} where the data has ${data[i] ?? '(nothing)'} (item ${i})`,
        )
      }
      for (const w of this.build.wccWarnings.splice(0)) this.violations.push(`wcc: ${w}`)
    }
  }

  private open(route: string, query: Record<string, string>): PageInstance | null {
    const config = this.loadPage(route)
    if (!config) return null
    const instance = this.app.object()
    for (const [k, v] of Object.entries(config)) instance[k] = k === 'data' ? this.app.toApp(v) : v
    const page: PageInstance = { route, query, instance, view: {}, setData: [] }
    page.view = JSON.parse(JSON.stringify(config.data ?? {}))
    Object.assign(instance, {
      route,
      __route__: route,
      options: this.app.toApp(query),
      __wxWebviewId__: ++this.webviewId,
      __wxExparserNodeId__: `page-${this.webviewId}`,
      setData: (data: Record<string, unknown>, cb?: () => void) => this.setData(page, data, cb),
      getOpenerEventChannel: () => ({ emit() {}, on() {}, once() {}, off() {} }),
      selectComponent: () => null,
      selectAllComponents: () => vmArray(this.app),
      createSelectorQuery: () => (this.wx.api.createSelectorQuery as Fn)(),
      is: route,
    })
    this.pages.push(page)
    if (this.tabRoutes.includes(route)) this.tabs.set(route, page)
    this.call(page, 'onLoad', this.app.toApp(query))
    this.call(page, 'onShow')
    // onReady follows the first render, which React schedules with setTimeout.
    this.app.later(() => this.call(page, 'onReady'))
    return page
  }

  private call(page: PageInstance, method: string, ...args: unknown[]): unknown {
    const fn = page.instance[method] as Fn | undefined
    return this.app.guard(`${page.route}.${method}`, () => fn?.apply(page.instance, args))
  }

  private setData(page: PageInstance, data: Record<string, unknown>, cb?: () => void): void {
    const json = JSON.stringify(data)
    const record: SetDataRecord = {
      route: page.route,
      bytes: Buffer.byteLength(json, 'utf8'),
      keys: Object.keys(data).length,
      undefinedAt: undefinedPaths(data),
    }
    page.setData.push(record)
    this.setDataLog.push(record)
    for (const at of record.undefinedAt)
      this.violations.push(`${page.route}: setData carries undefined at ${at}`)
    if (record.bytes > MAX_SET_DATA_BYTES)
      this.violations.push(`${page.route}: setData of ${record.bytes} bytes`)
    for (const [key, value] of Object.entries(JSON.parse(json) as Record<string, unknown>)) {
      applyPath(page.view, key, value)
      applyPath(page.instance.data as Record<string, unknown>, key, this.app.toApp(value))
    }
    if (typeof cb === 'function') this.app.later(() => cb.call(page.instance))
  }

  private hide(page: PageInstance | undefined): void {
    if (page) this.call(page, 'onHide')
  }

  private unload(page: PageInstance): void {
    this.call(page, 'onUnload')
    if (this.tabs.get(page.route) === page) this.tabs.delete(page.route)
  }

  private navigateTo(url: string): string | null {
    const { route, query } = parseUrl(url, this.pages.at(-1)?.route)
    if (this.tabRoutes.includes(route)) return 'navigateTo:fail can not navigateTo a tabbar page'
    if (this.pages.length >= 10) return 'navigateTo:fail webview count limit exceed'
    if (!this.loadPage(route)) return `navigateTo:fail page "${route}" is not found`
    this.hide(this.pages.at(-1))
    return this.open(route, query) ? null : `navigateTo:fail page "${route}" is not found`
  }

  private redirectTo(url: string): string | null {
    const { route, query } = parseUrl(url, this.pages.at(-1)?.route)
    if (this.tabRoutes.includes(route)) return 'redirectTo:fail can not redirectTo a tabbar page'
    if (!this.loadPage(route)) return `redirectTo:fail page "${route}" is not found`
    const top = this.pages.pop()
    if (top) this.unload(top)
    return this.open(route, query) ? null : `redirectTo:fail page "${route}" is not found`
  }

  private switchTab(url: string): string | null {
    const { route } = parseUrl(url)
    if (!this.tabRoutes.includes(route)) return 'switchTab:fail can not switch to no-tabBar page'
    const top = this.pages.at(-1)
    if (top?.route === route) return null
    // Every page but the tabs closes; a tab page already open is shown again.
    while (this.pages.length > 0) {
      const p = this.pages.pop()!
      if (this.tabRoutes.includes(p.route)) this.hide(p)
      else this.unload(p)
    }
    const tab = this.tabs.get(route)
    if (tab) {
      this.pages.push(tab)
      this.call(tab, 'onShow')
      return null
    }
    return this.open(route, {}) ? null : `switchTab:fail page "${route}" is not found`
  }

  private reLaunch(url: string): string | null {
    const { route, query } = parseUrl(url)
    if (!this.loadPage(route)) return `reLaunch:fail page "${route}" is not found`
    while (this.pages.length > 0) this.unload(this.pages.pop()!)
    for (const tab of this.tabs.values()) this.unload(tab)
    this.tabs.clear()
    return this.open(route, query) ? null : `reLaunch:fail page "${route}" is not found`
  }

  private navigateBack(delta = 1): string | null {
    if (this.pages.length <= 1) return 'navigateBack:fail cannot navigate back at first page.'
    for (let i = 0; i < delta && this.pages.length > 1; i++) this.unload(this.pages.pop()!)
    this.call(this.current, 'onShow')
    return null
  }

  /** The current page rendered by WeChat's `wcc` from its view data. */
  render(page = this.current): VNode {
    return this.build.render(page.route, page.view)
  }

  /** The texts the current page shows, in order (from its data tree). */
  text(page = this.current): string {
    return textOf(this.render(page))
  }

  /**
   * Taps the innermost element whose text contains `label` (or that `pick` chooses), bubbling as
   * WeChat does: every ancestor that binds `tap` gets the event, up to a `catchtap`.
   */
  async tap(label: string | ((el: VElement) => boolean)): Promise<void> {
    const target = this.find(label)
    const chain = [target.el, ...target.ancestors]
    const origin = this.eventTarget(target.el)
    for (const el of chain) {
      const handler = (el.attr?.bindtap ?? el.attr?.catchtap) as string | undefined
      if (handler) this.dispatch(handler, 'tap', el, origin, { x: 0, y: 0 })
      if (el.attr?.catchtap) break
    }
    await this.settle()
  }

  /** Taps a tab of the native tab bar (WeChat switches tabs as `switchTab` does). */
  async tapTab(text: string): Promise<void> {
    const tabs = this.appJson.tabBar?.list ?? []
    const tab = tabs.find((t) => (t as { text?: string }).text === text)
    if (!tab) throw new Error(`no tab "${text}"`)
    if (this.singlePage) throw new Error('single-page mode has no tab bar')
    const error = this.switchTab(`/${tab.pagePath}`)
    if (error) throw new Error(error)
    await this.settle()
  }

  /** Types into the input whose placeholder is `placeholder`, firing its `input` event. */
  async type(placeholder: string, value: string): Promise<void> {
    const target = this.find((el) => el.tag === 'wx-input' && el.attr?.placeholder === placeholder)
    const handler = target.el.attr?.bindinput as string | undefined
    if (!handler) throw new Error(`the input "${placeholder}" binds no input event`)
    const origin = this.eventTarget(target.el)
    this.dispatch(handler, 'input', target.el, origin, { value, cursor: value.length, keyCode: 0 })
    await this.settle()
  }

  /** Confirms the input whose placeholder is `placeholder` (the keyboard's search key). */
  async confirm(placeholder: string, value: string): Promise<void> {
    const target = this.find((el) => el.tag === 'wx-input' && el.attr?.placeholder === placeholder)
    const handler = target.el.attr?.bindconfirm as string | undefined
    if (!handler) throw new Error(`the input "${placeholder}" binds no confirm event`)
    this.dispatch(handler, 'confirm', target.el, this.eventTarget(target.el), { value })
    await this.settle()
  }

  private find(label: string | ((el: VElement) => boolean)) {
    const match = typeof label === 'string' ? (el: VElement) => textOf(el).includes(label) : label
    // The last match in document order: the innermost element of the last branch that matches.
    let found: Placed | undefined
    for (const e of elements(this.render())) if (match(e.el)) found = e
    if (!found)
      throw new Error(
        `nothing on ${this.current.route} matches ${typeof label === 'string' ? `"${label}"` : 'the test'}`,
      )
    return found
  }

  private eventTarget(el: VElement) {
    const sid = el.attr?.['data-sid'] as string | undefined
    return { id: (el.attr?.id as string) ?? sid ?? '', dataset: { sid } }
  }

  private dispatch(
    handler: string,
    type: string,
    current: VElement,
    target: { id: string; dataset: { sid?: string } },
    detail: Record<string, unknown>,
  ): void {
    const page = this.current
    const event = this.app.toApp({
      type,
      timeStamp: Date.now() % 1_000_000,
      target,
      currentTarget: this.eventTarget(current),
      detail,
      touches: [],
      changedTouches: [],
      mark: {},
    })
    this.call(page, handler, event)
  }

  /** Calls a page's share handler as WeChat does when the reader shares. */
  share(kind: 'onShareAppMessage' | 'onShareTimeline', from: 'menu' | 'button' = 'menu') {
    return this.call(this.current, kind, this.app.toApp({ from }))
  }

  /** The largest cloud answer each page received (UTF-8 bytes of its JSON). */
  get answers(): Map<string, number> {
    const out = new Map<string, number>()
    for (const a of this.wx.answers)
      if (a.route) out.set(a.route, Math.max(a.bytes, out.get(a.route) ?? 0))
    return out
  }

  /** Node counts and depth of a page's data tree. */
  measure(page = this.current) {
    return measureTree(page.view.root ?? {})
  }

  /** The outline of the wcc render, for comparing with the data tree. */
  renderedOutline(page = this.current): string[] {
    return outlineOfRender(this.render(page))
  }

  /** Unloads every page and stops the app's timers. */
  close(): void {
    for (const p of this.pages.splice(0).reverse()) this.unload(p)
    this.app.dispose()
    this.wx.dispose()
  }
}

/** Picks elements by one of their classes (for `tap`). */
export const withClass =
  (name: string) =>
  (el: VElement): boolean =>
    String(el.attr?.class ?? '')
      .split(/\s+/)
      .includes(name)

const vmArray = (app: AppContext): unknown[] => app.toApp([]) as unknown[]
