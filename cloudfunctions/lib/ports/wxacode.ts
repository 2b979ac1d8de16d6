/**
 * `cloud.openapi.wxacode.getUnlimited` (the unlimited mini-program code: a `scene` ≤ 32 characters
 * and a page) and `cloud.uploadFile`, as the `qrcode` function uses them. Locally: stand-ins with
 * the same parameters and error codes.
 */
export interface UnlimitedCodeRequest {
  scene: string
  page: string
  checkPath?: boolean
  envVersion?: 'release' | 'trial' | 'develop'
  width?: number
}

export interface WxacodeApi {
  /** errCode 0 with the image, or an API error code (40169 invalid scene, 41030 page not released). */
  getUnlimited(
    request: UnlimitedCodeRequest,
  ): Promise<{ errCode: number; errMsg: string; contentType?: string; buffer?: Uint8Array }>
}

export interface FileStorage {
  upload(cloudPath: string, content: Uint8Array): Promise<{ fileID: string }>
  /** `cloud.downloadFile({ fileID })`: rejects when the file does not exist. */
  download(fileID: string): Promise<Uint8Array>
}
