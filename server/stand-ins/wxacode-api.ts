import { lstatSync, mkdirSync, readFileSync, writeFileSync } from 'fs'
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

/**
 * Stand-in for cloud storage: files under `<dir>/storage`, ids `cloud://local/<path>`. Folders are
 * made 0700 and files 0600 (the data folder holds editors' drafts), and a symlink placed inside
 * storage is never followed out of it.
 */
export class LocalFileStorage implements FileStorage {
  constructor(private readonly dir: string) {}

  private get root(): string {
    return path.resolve(this.dir, 'storage')
  }

  /** The file a cloud path names, or null when it would fall outside storage (`..`, absolute). */
  private fileAt(cloudPath: string): string | null {
    const file = path.resolve(this.root, cloudPath)
    return file.startsWith(this.root + path.sep) ? file : null
  }

  /** False when the file or a folder on the way to it (below storage) is a symlink. */
  private withoutLinks(file: string): boolean {
    let at = this.root
    for (const part of path.relative(this.root, file).split(path.sep)) {
      at = path.join(at, part)
      try {
        if (lstatSync(at).isSymbolicLink()) return false
      } catch {
        return true // missing: nothing to follow
      }
    }
    return true
  }

  private write(cloudPath: string, content: Uint8Array, flag: 'w' | 'wx') {
    const file = this.fileAt(cloudPath)
    // cloud.uploadFile refuses a cloudPath it cannot store, with an errMsg like this one.
    if (!file || !this.withoutLinks(file))
      throw new Error(`uploadFile:fail invalid cloudPath ${cloudPath}`)
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
    writeFileSync(file, content, { flag, mode: 0o600 })
    return { fileID: `cloud://local/${path.relative(this.root, file).split(path.sep).join('/')}` }
  }

  /** Like `cloud.uploadFile`: writes the file, replacing one at the same path. */
  async upload(cloudPath: string, content: Uint8Array) {
    return this.write(cloudPath, content, 'w')
  }

  /** Writes a new file; fails rather than replace one already at that path. */
  async create(cloudPath: string, content: Uint8Array) {
    return this.write(cloudPath, content, 'wx')
  }

  async download(fileID: string): Promise<Uint8Array> {
    const file = this.pathOf(fileID)
    if (!file) throw new Error(`downloadFile:fail invalid fileID ${fileID}`)
    return readFileSync(file)
  }

  /** The file behind a local file id, or null (outside storage, or reached through a symlink). */
  pathOf(fileID: string): string | null {
    const m = /^cloud:\/\/local\/(.+)$/.exec(fileID)
    const file = m ? this.fileAt(m[1]) : null
    return file && this.withoutLinks(file) ? file : null
  }
}
