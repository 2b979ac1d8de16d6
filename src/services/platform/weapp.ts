import Taro from '@tarojs/taro'
import { utf8Bytes } from '@core/limits'
import { hexOf, UPLOAD_TOKEN_BYTES, uploadCloudPath } from '@core/uploads'

import { localError } from '../local-error'

import type {
  Canvas2D,
  DrawingSurface,
  PickedFile,
  Platform,
  SaveOutcome,
  SubscribePort,
  SubscribeResult,
} from './types'

/** WeChat's global API object (present in the mini-program, absent elsewhere). */
declare const wx:
  | {
      showShareMenu?(options: {
        withShareTicket: boolean
        menus: string[]
        fail?: (e: unknown) => void
      }): void
      getRandomValues?(options: {
        length: number
        success: (res: { randomValues: ArrayBuffer }) => void
        fail: () => void
      }): void
    }
  | undefined

/** Launch scene of a page opened from Moments (朋友圈) in single-page mode. */
export const SINGLE_PAGE_SCENE = 1154
const TEXT_FILE = /\.(txt|md)$/i
const PIXEL_RATIO = 2

const errMsgOf = (e: unknown): string =>
  typeof e === 'object' && e !== null && typeof (e as { errMsg?: unknown }).errMsg === 'string'
    ? (e as { errMsg: string }).errMsg
    : String(e)

/**
 * An upload token from WeChat's secure random source (`wx.getRandomValues`, base library 2.15.0),
 * or null where there is none: an upload path must not be guessable, so there is no weak fallback.
 */
function secureUploadToken(): Promise<string | null> {
  const source = typeof wx === 'undefined' ? undefined : wx
  if (!source?.getRandomValues) return Promise.resolve(null)
  return new Promise((resolve) =>
    source.getRandomValues!({
      length: UPLOAD_TOKEN_BYTES,
      success: (res) => resolve(hexOf(new Uint8Array(res.randomValues))),
      fail: () => resolve(null),
    }),
  )
}

/** weapp consent: WeChat's own dialog and settings. */
export function createWeappSubscribePort(): SubscribePort {
  return {
    // No await before this call: WeChat accepts it only synchronously inside a tap.
    request: (tmplIds) =>
      Taro.requestSubscribeMessage({ tmplIds } as Taro.requestSubscribeMessage.Option).then(
        (res) => res as unknown as SubscribeResult,
      ),
    async setting(templateId) {
      try {
        const res = await Taro.getSetting({ withSubscriptions: true })
        const s = res.subscriptionsSetting as
          { mainSwitch?: boolean; itemSettings?: Record<string, string> } | undefined
        if (s?.mainSwitch === false) return 'off'
        const item = s?.itemSettings?.[templateId]
        return item === 'accept' || item === 'reject' || item === 'ban' ? item : null
      } catch {
        return null
      }
    },
    async openSettings() {
      await Taro.openSetting({ withSubscriptions: true } as Taro.openSetting.Option).catch(
        () => undefined,
      )
    },
  }
}

interface WeappCanvas {
  width: number
  height: number
  getContext(type: '2d'): Canvas2D
  createImage(): {
    src: string
    onload: (() => void) | null
    onerror: ((e: unknown) => void) | null
  }
  toDataURL(type?: string): string
}

/** A 2D offscreen canvas (base library ≥ 2.16.1); null on older clients. */
function createOffscreenSurface(width: number, height: number): DrawingSurface | null {
  let canvas: WeappCanvas
  try {
    canvas = Taro.createOffscreenCanvas({
      type: '2d',
      width: width * PIXEL_RATIO,
      height: height * PIXEL_RATIO,
    }) as unknown as WeappCanvas
  } catch {
    return null
  }
  const ctx = canvas?.getContext?.('2d')
  if (!ctx) return null
  ctx.scale(PIXEL_RATIO, PIXEL_RATIO)
  return {
    width,
    height,
    ctx,
    async loadImage(src) {
      // Cloud files are downloaded first: the canvas image loads local or https paths only.
      const path = src.startsWith('cloud://')
        ? (await Taro.cloud.downloadFile({ fileID: src })).tempFilePath
        : src
      const image = canvas.createImage()
      await new Promise<void>((resolve, reject) => {
        image.onload = () => resolve()
        image.onerror = reject
        image.src = path
      })
      return image
    },
    async toImage() {
      try {
        const res = await Taro.canvasToTempFilePath({
          canvas,
          fileType: 'png',
        } as unknown as Taro.canvasToTempFilePath.Option)
        return res.tempFilePath
      } catch {
        // iOS cannot export an offscreen canvas that way: write its data URL to a file instead.
        const data = canvas.toDataURL('image/png').replace(/^data:image\/\w+;base64,/, '')
        const file = `${Taro.env.USER_DATA_PATH}/drawing-${Date.now().toString(36)}.png`
        Taro.getFileSystemManager().writeFileSync(file, data, 'base64')
        return file
      }
    },
  }
}

/** The mini-program's host: WeChat APIs through Taro. */
export function createWeappPlatform(): Platform {
  return {
    kind: 'weapp',
    isSinglePageMode() {
      try {
        const enter = Taro.getEnterOptionsSync?.() ?? Taro.getLaunchOptionsSync()
        return enter?.scene === SINGLE_PAGE_SCENE
      } catch {
        return false
      }
    },
    // WeChat hands a QR code's scene to the page it opens (useRouter().params.scene).
    launchScene: () => null,
    showShareMenu() {
      // Taro 4.2.1's weapp adapter overwrites `menus` with a mapping of `showShareItems`, so WeChat
      // would get `menus: undefined` (chats only): WeChat's own API gets both menus as given.
      const options = { withShareTicket: false, menus: ['shareAppMessage', 'shareTimeline'] }
      if (typeof wx !== 'undefined' && typeof wx.showShareMenu === 'function')
        wx.showShareMenu({ ...options, fail: () => {} })
      else Taro.showShareMenu(options as Taro.showShareMenu.Option)?.catch?.(() => {})
    },
    deepLink: (path) => `/${path.replace(/^\//, '')}`,
    copyText: (text) =>
      Taro.setClipboardData({ data: text }).then(
        () => true,
        () => false,
      ),
    toast(title, kind = 'none') {
      Taro.showToast({ title, icon: kind })?.catch?.(() => {})
    },
    confirm: (title, content, confirmText = '确定') =>
      Taro.showModal({ title, content, confirmText }).then(
        (r) => r.confirm,
        () => false,
      ),
    async pickIssueFile() {
      try {
        const res = await Taro.chooseMessageFile({
          count: 1,
          type: 'file',
          extension: ['txt', 'md', 'docx', 'pdf'],
        })
        const f = res.tempFiles[0]
        return f ? { name: f.name, size: f.size, path: f.path } : null
      } catch {
        return null
      }
    },
    async readTextFile(file: PickedFile) {
      if (!TEXT_FILE.test(file.name) || !file.path) return null
      try {
        return Taro.getFileSystemManager().readFileSync(file.path, 'utf8') as string
      } catch {
        return null
      }
    },
    fileOfText(name, text) {
      // The user data folder is the one place a mini-program may write files of its own.
      const path = `${Taro.env.USER_DATA_PATH}/${name}`
      try {
        Taro.getFileSystemManager().writeFileSync(path, text, 'utf8')
        return { name, size: utf8Bytes(text), path }
      } catch {
        return null
      }
    },
    async uploadFile(file) {
      if (!file.path) return { ok: false, error: { code: 'invalid_argument', message: '没有文件' } }
      const token = await secureUploadToken()
      if (!token)
        return { ok: false, error: localError('当前微信版本过低，不能上传文件；请升级微信后再试') }
      try {
        const res = await Taro.cloud.uploadFile({
          cloudPath: uploadCloudPath(file.name, token),
          filePath: file.path,
        })
        return { ok: true, data: { fileID: res.fileID } }
      } catch (e) {
        return { ok: false, error: { code: 'unavailable', message: errMsgOf(e) } }
      }
    },
    imageSrc: (fileID) => fileID,
    createSurface: createOffscreenSurface,
    async saveImage(image): Promise<SaveOutcome> {
      try {
        await Taro.saveImageToPhotosAlbum({ filePath: image })
        return 'saved'
      } catch (e) {
        return /auth|deny|denied/i.test(errMsgOf(e)) ? 'denied' : 'failed'
      }
    },
  }
}
