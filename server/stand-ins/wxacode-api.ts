import { mkdirSync, readFileSync, writeFileSync } from 'fs'
import path from 'path'
import QRCode from 'qrcode'
import { SCENE_CHARSET } from '../../core/links'
import type {
  FileStorage,
  UnlimitedCodeRequest,
  WxacodeApi,
} from '../../cloudfunctions/lib/ports/wxacode'

/** What the local code encodes: the page and its scene, as the real code leads WeChat to open. */
export const localCodePayload = (r: UnlimitedCodeRequest): string =>
  `${r.page}?scene=${encodeURIComponent(r.scene)}`

/**
 * Stand-in for `wxacode.getUnlimited`: same checks (40169 for a scene over 32 characters or outside
 * the allowed set, 41030 for a page not in the released version when checkPath is on), and a real,
 * scannable QR PNG of the same payload instead of WeChat's round code.
 */
export class WxacodeStandIn implements WxacodeApi {
  calls = 0

  constructor(private readonly releasedPages: string[]) {}

  async getUnlimited(r: UnlimitedCodeRequest) {
    this.calls++
    if (!SCENE_CHARSET.test(r.scene))
      return { errCode: 40169, errMsg: 'getUnlimited:fail invalid scene' }
    if (r.checkPath !== false && !this.releasedPages.includes(r.page))
      return { errCode: 41030, errMsg: 'getUnlimited:fail invalid page' }
    const buffer = await QRCode.toBuffer(localCodePayload(r), {
      type: 'png',
      width: r.width ?? 430,
      margin: 2,
      errorCorrectionLevel: 'M',
    })
    return { errCode: 0, errMsg: 'ok', contentType: 'image/png', buffer }
  }
}

/** Stand-in for cloud storage: files under `<dir>/storage`, ids `cloud://local/<path>`. */
export class LocalFileStorage implements FileStorage {
  constructor(private readonly dir: string) {}

  async upload(cloudPath: string, content: Uint8Array) {
    const safe = path.posix.normalize(cloudPath).replace(/^(\.\.\/)+/, '')
    const file = path.join(this.dir, 'storage', safe)
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, content)
    return { fileID: `cloud://local/${safe}` }
  }

  async download(fileID: string): Promise<Uint8Array> {
    const file = this.pathOf(fileID)
    if (!file) throw new Error(`downloadFile:fail invalid fileID ${fileID}`)
    return readFileSync(file)
  }

  /** The file behind a local file id, or null. */
  pathOf(fileID: string): string | null {
    const m = /^cloud:\/\/local\/(.+)$/.exec(fileID)
    return m
      ? path.join(this.dir, 'storage', path.posix.normalize(m[1]).replace(/^(\.\.\/)+/, ''))
      : null
  }
}
