import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs'
import { randomBytes } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'

import type { LocalCloud } from '../../server/local-cloud'
import { glyphWidth } from './glyph-widths'
import type { AppContext } from './context'

type Fn = (...args: unknown[]) => unknown
type Options = Record<string, unknown> & {
  success?: Fn
  fail?: Fn
  complete?: Fn
}

/** The reader's answer to WeChat's subscription dialog. */
export type SubscribeAnswer = 'accept' | 'reject' | 'ban'

export interface WxOptions {
  /** OPENID the cloud sees for this user; null when anonymous (single-page mode). */
  openid: string | null
  theme?: 'light' | 'dark'
  subscribe?: SubscribeAnswer
  /** The file `chooseMessageFile` picks (none: the reader cancels). */
  pickFile?: { name: string; content: string | Uint8Array }
  /** Storage of this run; pass one map to several runs to keep storage across launches. */
  storage?: Map<string, string>
  /** APIs this WeChat lacks (an older base library): absent from `wx` as WeChat leaves them. */
  without?: string[]
  /** Single-page mode (opened from Moments): no navigation, no tab bar. */
  singlePage?: boolean
  tabPages: string[]
  navigation: {
    navigateTo(url: string): string | null
    redirectTo(url: string): string | null
    switchTab(url: string): string | null
    reLaunch(url: string): string | null
    navigateBack(delta?: number): string | null
    launch(): { path: string; query: Record<string, string>; scene: number }
    /** The page on top of the stack (the one a cloud call is made for). */
    currentRoute(): string | null
  }
}

/** A text drawn on an offscreen canvas, with the box it needs (measured like the share tests). */
export interface DrawnText {
  text: string
  left: number
  right: number
  canvasWidth: number
}

/** Keys the app may probe on `wx` that WeChat itself lacks too (not worth reporting). */
const PROBED = new Set(['then', 'toJSON', 'constructor', 'webpackJsonp', 'asymmetricMatch'])

/**
 * A complete `wx` for the harness: every API the app and Taro's runtime call, with WeChat's
 * calling convention (options with success/fail/complete called asynchronously, results carrying
 * `errMsg`), values made in the app's realm, and `wx.cloud` calling the local cloud's real
 * handlers on the embedded store. Every call is recorded; any other key the app reads is reported
 * in `missing` (Taro wraps only the APIs present when taro.js starts, so an API missing here fails
 * in the app as an unsupported one does in WeChat).
 */
export function createWx(app: AppContext, cloud: LocalCloud, options: WxOptions) {
  const calls: { name: string; options: Record<string, unknown> }[] = []
  /** Each function's answer: the page that asked and the UTF-8 size of the result's JSON. */
  const answers: { route: string | null; name: string; bytes: number }[] = []
  const missing = new Set<string>()
  const storage = options.storage ?? new Map<string, string>()
  const files = mkdtempSync(path.join(os.tmpdir(), 'weapp-files-'))
  const drawn: DrawnText[] = []
  const themeListeners: Fn[] = []
  const subscriptions: Record<string, string> = {}
  let theme = options.theme ?? 'light'
  let fileCount = 0
  const api: Record<string, unknown> = {}

  /** `wxfile://usr/x` and `http://tmp/x` paths of the mini-program, kept in a temp folder. */
  const local = (p: string) => {
    const m = /^(?:wxfile|http):\/\/(usr|tmp)\/(.+)$/.exec(p)
    if (!m) throw new Error(`no such file or directory ${p}`)
    const file = path.join(files, m[1], m[2])
    mkdirSync(path.dirname(file), { recursive: true })
    return file
  }

  const record = (name: string, o: unknown) =>
    calls.push({ name, options: JSON.parse(JSON.stringify(o ?? {})) as Record<string, unknown> })

  /**
   * An asynchronous API: `impl` gives the result or throws the failure's reason. As in WeChat,
   * callbacks run later, and a call with none of success/fail/complete returns a Promise instead.
   */
  const asyncApi = (name: string, impl: (o: Options) => unknown) => {
    api[name] = (o: Options = {}) => {
      record(name, o)
      const promised = !o.success && !o.fail && !o.complete
      let settle!: (ok: boolean, r: unknown) => void
      const result = promised
        ? app.promise<unknown>((resolve, reject) => {
            settle = (ok, r) => (ok ? resolve(r) : reject(r))
          })
        : undefined
      void app.track(
        Promise.resolve()
          .then(() => impl(o))
          .then(
            (res) => () => {
              const r = app.toApp({ errMsg: `${name}:ok`, ...(res as object) })
              // Binary results cannot take the JSON round trip: handed over as the app's buffers.
              for (const [key, value] of Object.entries(res as object))
                if (value instanceof Uint8Array)
                  (r as Record<string, unknown>)[key] = app.bufferToApp(value)
              if (promised) settle(true, r)
              o.success?.(r)
              o.complete?.(r)
            },
            (e: unknown) => () => {
              const reason = e instanceof Error ? e.message : String(e)
              const r = app.toApp({ errMsg: `${name}:fail ${reason}` })
              if (promised) settle(false, r)
              o.fail?.(r)
              o.complete?.(r)
            },
          )
          .then((done) => app.later(done)),
      )
      return result
    }
  }
  const syncApi = (name: string, impl: (...args: unknown[]) => unknown) => {
    api[name] = (...args: unknown[]) => {
      record(name, args[0])
      return app.toApp(impl(...args))
    }
  }
  const noop = (name: string) => {
    api[name] = (o?: unknown) => {
      record(name, typeof o === 'function' ? {} : o)
    }
  }

  const systemInfo = () => ({
    brand: 'harness',
    model: 'harness',
    pixelRatio: 2,
    screenWidth: 375,
    screenHeight: 812,
    windowWidth: 375,
    windowHeight: 729,
    statusBarHeight: 44,
    language: 'zh_CN',
    version: '8.0.50',
    system: 'Android 14',
    platform: 'android',
    fontSizeSetting: 16,
    SDKVersion: '3.7.0',
    theme,
    safeArea: { left: 0, right: 375, top: 44, bottom: 778, width: 375, height: 734 },
  })
  for (const name of [
    'getSystemInfoSync',
    'getWindowInfo',
    'getDeviceInfo',
    'getAppBaseInfo',
    'getSystemSetting',
  ])
    syncApi(name, systemInfo)
  asyncApi('getSystemInfo', systemInfo)
  syncApi('getLaunchOptionsSync', () => ({ ...options.navigation.launch(), referrerInfo: {} }))
  syncApi('getEnterOptionsSync', () => ({ ...options.navigation.launch(), referrerInfo: {} }))
  syncApi('getAccountInfoSync', () => ({
    miniProgram: { appId: 'wx0000000000000000', envVersion: 'release', version: '' },
  }))
  syncApi('getMenuButtonBoundingClientRect', () => ({
    width: 87,
    height: 32,
    top: 48,
    right: 368,
    bottom: 80,
    left: 281,
  }))
  syncApi('canIUse', () => true)
  api.onThemeChange = (fn: Fn) => themeListeners.push(fn)
  api.offThemeChange = (fn: Fn) => {
    const i = themeListeners.indexOf(fn)
    if (i >= 0) themeListeners.splice(i, 1)
  }
  for (const name of [
    'onAppShow',
    'offAppShow',
    'onAppHide',
    'offAppHide',
    'onError',
    'offError',
    'onUnhandledRejection',
    'offUnhandledRejection',
    'onPageNotFound',
    'offPageNotFound',
    'onMemoryWarning',
    'onNetworkStatusChange',
    'offNetworkStatusChange',
    'onWindowResize',
    'offWindowResize',
    'reportAnalytics',
    'hideKeyboard',
  ])
    noop(name)
  api.nextTick = (fn: Fn) => app.later(() => fn())
  api.getUpdateManager = () =>
    Object.assign(app.object(), {
      onCheckForUpdate() {},
      onUpdateReady() {},
      onUpdateFailed() {},
      applyUpdate() {},
    })
  asyncApi('getNetworkType', () => ({ networkType: 'wifi' }))
  // Secure random bytes (base library 2.15.0; `length` ≤ 1,048,576, the documented limit).
  asyncApi('getRandomValues', (o) => {
    const length = Number(o.length)
    if (!Number.isInteger(length) || length < 1 || length > 1_048_576)
      throw new Error('invalid length')
    return { randomValues: new Uint8Array(randomBytes(length)) }
  })

  // Navigation: WeChat's page stack, kept by the runtime. Single-page mode has none.
  const nav = (name: string, run: (o: Options) => string | null) =>
    asyncApi(name, (o) => {
      if (options.singlePage) throw new Error('not supported in single page mode')
      const error = run(o)
      if (error) throw new Error(error.replace(/^\w+:fail /, ''))
      return {}
    })
  nav('navigateTo', (o) => options.navigation.navigateTo(String(o.url)))
  nav('redirectTo', (o) => options.navigation.redirectTo(String(o.url)))
  nav('switchTab', (o) => options.navigation.switchTab(String(o.url)))
  nav('reLaunch', (o) => options.navigation.reLaunch(String(o.url)))
  nav('navigateBack', (o) => options.navigation.navigateBack(Number(o.delta ?? 1)))

  // Interface.
  const tabBar = (name: string) =>
    asyncApi(name, () => {
      if (options.singlePage || options.tabPages.length === 0) throw new Error('not TabBar page')
      return {}
    })
  for (const name of [
    'setTabBarStyle',
    'setTabBarItem',
    'showTabBar',
    'hideTabBar',
    'showTabBarRedDot',
    'hideTabBarRedDot',
  ])
    tabBar(name)
  for (const name of [
    'showToast',
    'hideToast',
    'showLoading',
    'hideLoading',
    'setNavigationBarTitle',
    'setNavigationBarColor',
    'setBackgroundColor',
    'setBackgroundTextStyle',
    'stopPullDownRefresh',
    'startPullDownRefresh',
    'pageScrollTo',
    'showShareMenu',
    'hideShareMenu',
    'updateShareMenu',
    'vibrateShort',
    'saveImageToPhotosAlbum',
  ])
    asyncApi(name, () => ({}))
  asyncApi('showModal', () => ({ confirm: true, cancel: false }))
  asyncApi('showActionSheet', () => ({ tapIndex: 0 }))
  let clipboard = ''
  asyncApi('setClipboardData', (o) => {
    clipboard = String(o.data)
    return {}
  })
  asyncApi('getClipboardData', () => ({ data: clipboard }))

  // Storage (kept per run unless a map is shared).
  syncApi('getStorageSync', (key) =>
    storage.has(String(key)) ? JSON.parse(storage.get(String(key))!) : '',
  )
  syncApi('setStorageSync', (key, value) => {
    storage.set(String(key), JSON.stringify(value))
  })
  syncApi('removeStorageSync', (key) => {
    storage.delete(String(key))
  })
  syncApi('clearStorageSync', () => storage.clear())
  syncApi('getStorageInfoSync', () => ({
    keys: [...storage.keys()],
    currentSize: 0,
    limitSize: 10240,
  }))
  asyncApi('getStorage', (o) => {
    if (!storage.has(String(o.key))) throw new Error('data not found')
    return { data: JSON.parse(storage.get(String(o.key))!) }
  })
  asyncApi('setStorage', (o) => {
    storage.set(String(o.key), JSON.stringify(o.data))
    return {}
  })
  asyncApi('removeStorage', (o) => {
    storage.delete(String(o.key))
    return {}
  })

  // Subscription messages: the dialog's answer, and the settings it leaves.
  asyncApi('requestSubscribeMessage', (o) => {
    const answer = options.subscribe ?? 'accept'
    const result: Record<string, string> = {}
    for (const id of (o.tmplIds as string[]) ?? []) result[id] = subscriptions[id] = answer
    return result
  })
  asyncApi('getSetting', () => ({
    authSetting: {},
    subscriptionsSetting: { mainSwitch: true, itemSettings: {} },
  }))
  asyncApi('openSetting', () => ({ authSetting: {} }))

  // Files.
  api.env = Object.assign(app.object(), { USER_DATA_PATH: 'wxfile://usr' })
  asyncApi('chooseMessageFile', () => {
    if (!options.pickFile) throw new Error('cancel')
    const file = `http://tmp/${options.pickFile.name}`
    writeFileSync(local(file), options.pickFile.content)
    const size = readFileSync(local(file)).length
    return { tempFiles: [{ path: file, name: options.pickFile.name, size, type: 'file', time: 0 }] }
  })
  api.getFileSystemManager = () =>
    Object.assign(app.object(), {
      readFileSync: (p: string, encoding?: string) => {
        record('fs.readFileSync', { path: p })
        const data = readFileSync(local(p))
        return encoding ? data.toString(encoding as BufferEncoding) : data
      },
      writeFileSync: (p: string, data: string, encoding?: string) => {
        record('fs.writeFileSync', { path: p })
        writeFileSync(local(p), data, (encoding ?? 'utf8') as BufferEncoding)
      },
      accessSync: (p: string) => {
        if (!existsSync(local(p))) throw new Error(`accessSync:fail no such file ${p}`)
      },
      unlinkSync: (p: string) => unlinkSync(local(p)),
    })

  // Offscreen canvases record their texts and measure them with real glyph widths.
  api.createOffscreenCanvas = (o: { width: number; height: number }) => {
    record('createOffscreenCanvas', o)
    let scale = 1
    const canvas = Object.assign(app.object(), {
      width: o.width,
      height: o.height,
      getContext: () => ctx,
      createImage: () => {
        const image = Object.assign(app.object(), { onload: null, onerror: null }) as Record<
          string,
          unknown
        >
        Object.defineProperty(image, 'src', {
          set: () => app.later(() => (image.onload as Fn | null)?.()),
        })
        return image
      },
      toDataURL: () => 'data:image/png;base64,',
    })
    const ctx: Record<string, unknown> = Object.assign(app.object(), {
      font: '10px sans-serif',
      textAlign: 'left',
      textBaseline: 'alphabetic',
      fillStyle: '#000',
      strokeStyle: '#000',
      lineWidth: 1,
      scale: (x: number) => {
        scale = x
      },
      measureText: (text: string) =>
        Object.assign(app.object(), { width: glyphWidth(String(ctx.font), text) }),
      fillText: (text: string, x: number) => {
        const width = glyphWidth(String(ctx.font), text)
        const left =
          ctx.textAlign === 'center' ? x - width / 2 : ctx.textAlign === 'right' ? x - width : x
        drawn.push({ text, left, right: left + width, canvasWidth: o.width / scale })
      },
      fillRect() {},
      beginPath() {},
      moveTo() {},
      lineTo() {},
      stroke() {},
      drawImage() {},
    })
    return canvas
  }
  asyncApi('canvasToTempFilePath', () => ({ tempFilePath: `http://tmp/canvas-${++fileCount}.png` }))

  api.createSelectorQuery = () => {
    const results: unknown[] = []
    const query: Record<string, unknown> = Object.assign(app.object(), {
      in: () => query,
      select: () => node,
      selectAll: () => node,
      selectViewport: () => node,
      exec: (cb?: Fn) => app.later(() => cb?.(app.toApp(results))),
    })
    const node = Object.assign(app.object(), {
      boundingClientRect: () => (results.push(null), query),
      scrollOffset: () => (results.push({ scrollTop: 0, scrollLeft: 0 }), query),
      fields: () => (results.push(null), query),
      node: () => (results.push(null), query),
    })
    return query
  }
  api.createIntersectionObserver = () =>
    Object.assign(app.object(), {
      relativeTo: function (this: unknown) {
        return this
      },
      relativeToViewport: function (this: unknown) {
        return this
      },
      observe() {},
      disconnect() {},
    })

  // Cloud development: the deployable functions' own handlers on the local cloud's store.
  const cloudCall = <T>(
    name: string,
    o: Options,
    run: () => Promise<T>,
  ): Promise<T> | undefined => {
    record(`cloud.${name}`, o)
    const result = app.track(
      run().then(
        (res) => app.toApp({ errMsg: `cloud.${name}:ok`, ...res }) as T,
        (e: unknown) => {
          const err = e as { errCode?: number; message?: string }
          throw Object.assign(new Error(`cloud.${name}:fail ${err.message ?? e}`), {
            errCode: err.errCode ?? -1,
            errMsg: `cloud.${name}:fail ${err.message ?? e}`,
          })
        },
      ),
    )
    if (!o.success && !o.fail && !o.complete) return result
    result.then(
      (r) => app.later(() => (o.success?.(r), o.complete?.(r))),
      (e) => app.later(() => (o.fail?.(app.toApp({ errMsg: e.errMsg })), o.complete?.(e))),
    )
    return undefined
  }
  api.cloud = Object.assign(app.object(), {
    init: (o?: unknown) => record('cloud.init', o),
    callFunction: (o: Options) =>
      cloudCall('callFunction', o, async () => {
        const fn = cloud.functions[String(o.name)]
        if (!fn)
          throw Object.assign(new Error('FunctionName parameter could not be found'), {
            errCode: -501000,
          })
        const result = await fn(JSON.parse(JSON.stringify(o.data ?? {})), {
          openid: options.openid,
          now: () => new Date(),
        })
        answers.push({
          route: options.navigation.currentRoute(),
          name: String(o.name),
          bytes: Buffer.byteLength(JSON.stringify(result), 'utf8'),
        })
        return { result, requestID: `local-${calls.length}` }
      }),
    uploadFile: (o: Options) =>
      cloudCall('uploadFile', o, async () => {
        const content = readFileSync(local(String(o.filePath)))
        const { fileID } = await cloud.storage.upload(String(o.cloudPath), content)
        return { fileID, statusCode: 200 }
      }),
    downloadFile: (o: Options) =>
      cloudCall('downloadFile', o, async () => {
        const content = await cloud.storage.download(String(o.fileID))
        const tempFilePath = `http://tmp/download-${++fileCount}`
        writeFileSync(local(tempFilePath), content)
        return { tempFilePath, statusCode: 200 }
      }),
    getTempFileURL: (o: Options) =>
      cloudCall('getTempFileURL', o, async () => ({
        fileList: ((o.fileList as string[]) ?? []).map((fileID) => ({
          fileID,
          tempFileURL: `https://local.invalid/${encodeURIComponent(fileID)}`,
          status: 0,
        })),
      })),
  })

  for (const name of options.without ?? []) delete api[name]

  const proxy = new Proxy(api, {
    get(target, key) {
      if (typeof key === 'string' && !(key in target) && !PROBED.has(key)) missing.add(key)
      return target[key as string]
    },
  })

  return {
    api,
    proxy,
    calls,
    answers,
    missing,
    drawn,
    storage,
    subscriptions,
    /** Changes the system theme and tells the listeners, as WeChat does. */
    setTheme(next: 'light' | 'dark') {
      theme = next
      for (const fn of themeListeners.slice()) app.later(() => fn(app.toApp({ theme: next })))
    },
    callsOf: (name: string) => calls.filter((c) => c.name === name).map((c) => c.options),
    /** Removes the run's files (user data and temp files). */
    dispose: () => rmSync(files, { recursive: true, force: true }),
  }
}
