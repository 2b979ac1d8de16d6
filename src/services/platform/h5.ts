import Taro from '@tarojs/taro'
import { CLIENT_HEADER, UPLOAD_CONTENT_TYPE } from '@core/api/response'

import type { Canvas2D, DrawingSurface, PickedFile, Platform } from './types'

const TEXT_FILE = /\.(txt|md)$/i
const ISSUE_FILES = '.txt,.md,.docx,.pdf,text/plain,application/pdf'
const PIXEL_RATIO = 2

/** `cloud://local/<path>` (the local cloud's file ids) is served at `/storage/<path>`. */
export function localFileUrl(fileID: string): string {
  const m = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileID)
  return m ? `/storage/${m[1]}` : fileID
}

/** Copies with the async clipboard API, or with a selected textarea where that is unavailable. */
async function copyToClipboard(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text)
      return true
    }
  } catch {
    // Denied or not a secure context: try the older way.
  }
  try {
    const area = document.createElement('textarea')
    area.value = text
    area.setAttribute('readonly', '')
    area.style.position = 'fixed'
    area.style.opacity = '0'
    document.body.appendChild(area)
    area.select()
    const ok = document.execCommand('copy')
    area.remove()
    return ok
  } catch {
    return false
  }
}

/** Opens the browser's file dialog; resolves with the file, or null when the dialog is cancelled. */
function pickFile(accept: string): Promise<PickedFile | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = accept
    input.style.display = 'none'
    const done = (file: File | null) => {
      input.remove()
      resolve(file ? { name: file.name, size: file.size, blob: file } : null)
    }
    input.addEventListener('change', () => done(input.files?.[0] ?? null))
    input.addEventListener('cancel', () => done(null))
    document.body.appendChild(input)
    input.click()
  })
}

function createCanvasSurface(width: number, height: number): DrawingSurface | null {
  const canvas = document.createElement('canvas')
  canvas.width = width * PIXEL_RATIO
  canvas.height = height * PIXEL_RATIO
  let ctx: CanvasRenderingContext2D | null = null
  try {
    ctx = canvas.getContext('2d')
  } catch {
    ctx = null
  }
  if (!ctx) return null
  ctx.scale(PIXEL_RATIO, PIXEL_RATIO)
  return {
    width,
    height,
    ctx: ctx as unknown as Canvas2D,
    loadImage: (src) =>
      new Promise((resolve, reject) => {
        const image = new Image()
        image.onload = () => resolve(image)
        image.onerror = reject
        image.src = localFileUrl(src)
      }),
    toImage: async () => canvas.toDataURL('image/png'),
  }
}

/** The browser host (local development and the h5 build): DOM APIs, the local server's storage. */
export function createH5Platform(openid: () => string | null = () => null): Platform {
  return {
    kind: 'h5',
    isSinglePageMode: () => false,
    launchScene() {
      try {
        return new URLSearchParams(window.location.search).get('scene')
      } catch {
        return null
      }
    },
    showShareMenu() {},
    deepLink(path) {
      const { origin, pathname } = window.location
      return `${origin}${pathname}#/${path.replace(/^\//, '')}`
    },
    copyText: copyToClipboard,
    toast(title, kind = 'none') {
      Taro.showToast({ title, icon: kind })?.catch?.(() => {})
    },
    confirm: (title, content, confirmText = '确定') =>
      Taro.showModal({ title, content, confirmText }).then(
        (r) => r.confirm,
        () => false,
      ),
    pickIssueFile: () => pickFile(ISSUE_FILES),
    async readTextFile(file) {
      if (!TEXT_FILE.test(file.name) || !file.blob) return null
      try {
        return await file.blob.text()
      } catch {
        return null
      }
    },
    fileOfText(name, text) {
      const blob = new Blob([text], { type: 'text/plain;charset=utf-8' })
      return { name, size: blob.size, blob }
    },
    async uploadFile(file) {
      if (!file.blob) return { ok: false, error: { code: 'invalid_argument', message: '没有文件' } }
      const caller = openid()
      try {
        const res = await fetch('/storage/upload', {
          method: 'POST',
          headers: {
            'content-type': UPLOAD_CONTENT_TYPE,
            [CLIENT_HEADER]: 'h5',
            'x-file-name': encodeURIComponent(file.name),
            ...(caller ? { 'x-wx-openid': caller } : {}),
          },
          body: file.blob,
        })
        const body = (await res.json()) as { ok: boolean }
        if (body && typeof body.ok === 'boolean') return body as never
        return { ok: false, error: { code: 'internal', message: `上传失败（${res.status}）` } }
      } catch {
        return { ok: false, error: { code: 'unavailable', message: '网络不可用' } }
      }
    },
    imageSrc: localFileUrl,
    createSurface: createCanvasSurface,
    async saveImage(image, fileName) {
      try {
        const a = document.createElement('a')
        a.href = image
        a.download = fileName
        document.body.appendChild(a)
        a.click()
        a.remove()
        return 'downloaded'
      } catch {
        return 'failed'
      }
    },
  }
}
