import type { ApiResponse } from '@core/api/response'

/** What `requestSubscribeMessage` resolves with: an answer per template id, and errMsg. */
export type SubscribeResult = Record<string, string>

/** The reader's standing choice for a template: "always" accept/reject, banned, or notices switched off. */
export type SubscribeSetting = 'accept' | 'reject' | 'ban' | 'off' | null

/**
 * The consent step of subscription messages. weapp: `requestSubscribeMessage`, which WeChat only
 * allows synchronously inside a tap handler, so `request` must be the first thing a tap calls.
 * h5: a simulated dialog with the same three answers and the same result shape.
 */
export interface SubscribePort {
  /** Resolves with the answers; rejects like WeChat (`{ errCode, errMsg }`, e.g. 20004 switched off). */
  request(templateIds: string[]): Promise<SubscribeResult>
  /** The standing choice for a template, when the reader set one ("always" / switched off). */
  setting(templateId: string): Promise<SubscribeSetting>
  /** Lets the reader undo a standing "no" (weapp: the settings page; h5: forgets the choice). */
  openSettings(): Promise<void>
}

/** A file the editor picked: a temp path on weapp, a Blob on h5. */
export interface PickedFile {
  name: string
  size: number
  path?: string
  blob?: Blob
}

/** The subset of CanvasRenderingContext2D the drawings use (the weapp 2D context has the same). */
export interface Canvas2D {
  fillStyle: string | CanvasGradient | CanvasPattern
  strokeStyle: string | CanvasGradient | CanvasPattern
  lineWidth: number
  font: string
  textAlign: CanvasTextAlign
  textBaseline: CanvasTextBaseline
  fillRect(x: number, y: number, w: number, h: number): void
  fillText(text: string, x: number, y: number): void
  measureText(text: string): { width: number }
  beginPath(): void
  moveTo(x: number, y: number): void
  lineTo(x: number, y: number): void
  stroke(): void
  drawImage(image: never, x: number, y: number, w: number, h: number): void
  scale(x: number, y: number): void
}

/** An image loaded for drawing (HTMLImageElement on h5, a canvas Image on weapp). */
export type CanvasImage = unknown

/** A canvas to draw into and export as a PNG. Sizes are in CSS px; the surface scales for sharpness. */
export interface DrawingSurface {
  readonly width: number
  readonly height: number
  readonly ctx: Canvas2D
  loadImage(src: string): Promise<CanvasImage>
  /** The drawing as an image: a temp file path on weapp, a data URL on h5. */
  toImage(): Promise<string>
}

export type SaveOutcome = 'saved' | 'downloaded' | 'denied' | 'failed'

/**
 * Everything the app asks of its host beyond the backend: sharing, launch mode, clipboard, toasts,
 * files and canvases. One implementation per platform; tests pass a fake.
 */
export interface Platform {
  readonly kind: 'weapp' | 'h5'
  /** Opened from Moments in single-page mode (scene 1154): no navigation, no login. */
  isSinglePageMode(): boolean
  /** A `scene` given to the whole app rather than a page (h5: `?scene=` before the hash). */
  launchScene(): string | null
  /** Turns on both share menus (chat and Moments) for the current page. */
  showShareMenu(): void
  /** The link that opens a page path (`packages/reader/article/index?id=…`) from outside. */
  deepLink(path: string): string
  copyText(text: string): Promise<boolean>
  toast(title: string, kind?: 'none' | 'success'): void
  confirm(title: string, content: string, confirmText?: string): Promise<boolean>
  /** Lets an editor pick an issue file (weapp: from a chat; h5: the file dialog); null when cancelled. */
  pickIssueFile(): Promise<PickedFile | null>
  /** The file's text when it is a plain text export (.txt/.md); null otherwise. */
  readTextFile(file: PickedFile): Promise<string | null>
  /** Text as a file to upload (pasted text too large for one request); null when it cannot be made. */
  fileOfText(name: string, text: string): PickedFile | null
  /** Uploads a picked file to cloud storage, for a function to read by its file id. */
  uploadFile(file: PickedFile): Promise<ApiResponse<{ fileID: string }>>
  /** An Image `src` for a cloud file id. */
  imageSrc(fileID: string): string
  /** A canvas of the given CSS size; null when the platform cannot draw. */
  createSurface(width: number, height: number): DrawingSurface | null
  /** Saves a drawn image: the photo album on weapp, a download on h5. */
  saveImage(image: string, fileName: string): Promise<SaveOutcome>
}
