import type { ApiResponse } from '@core/api/response'
import type {
  Canvas2D,
  DrawingSurface,
  PickedFile,
  Platform,
  SaveOutcome,
} from '@/services/platform'

import { glyphWidth } from '../../../scripts/weapp-runtime/glyph-widths'

/**
 * A 2D context that records what is drawn; text is measured with the real glyph widths of the
 * Chinese system font (scripts/weapp-runtime/glyph-widths.ts: CJK full width, ASCII per glyph).
 */
export class RecordingContext implements Canvas2D {
  fillStyle: string = '#000'
  strokeStyle: string = '#000'
  lineWidth = 1
  font = '10px sans-serif'
  textAlign: CanvasTextAlign = 'left'
  textBaseline: CanvasTextBaseline = 'alphabetic'
  texts: { text: string; x: number; y: number; font: string; align: CanvasTextAlign }[] = []
  images: { x: number; y: number; w: number; h: number }[] = []

  fillRect(): void {}
  fillText(text: string, x: number, y: number): void {
    this.texts.push({ text, x, y, font: this.font, align: this.textAlign })
  }
  measureText(text: string): { width: number } {
    return { width: glyphWidth(this.font, text) }
  }
  beginPath(): void {}
  moveTo(): void {}
  lineTo(): void {}
  stroke(): void {}
  drawImage(_image: never, x: number, y: number, w: number, h: number): void {
    this.images.push({ x, y, w, h })
  }
  scale(): void {}
}

export class FakeSurface implements DrawingSurface {
  readonly ctx = new RecordingContext()
  loaded: string[] = []
  constructor(
    readonly width: number,
    readonly height: number,
    private readonly exportAs: string | Error,
  ) {}
  async loadImage(src: string): Promise<unknown> {
    this.loaded.push(src)
    return { src }
  }
  async toImage(): Promise<string> {
    if (this.exportAs instanceof Error) throw this.exportAs
    return this.exportAs
  }
}

/** The platform port with every call recorded and every answer chosen by the test. */
export class FakePlatform implements Platform {
  singlePage = false
  canDraw = true
  failExport = false
  confirmAnswer = true
  picked: PickedFile | null = null
  textOfFile: string | null = null
  uploadResult: ApiResponse<{ fileID: string }> = {
    ok: true,
    data: { fileID: 'cloud://local/uploads/file' },
  }
  saveOutcome: SaveOutcome = 'downloaded'

  shareMenus = 0
  copied: string[] = []
  toasts: string[] = []
  confirms: string[] = []
  uploads: PickedFile[] = []
  textFiles: { name: string; text: string }[] = []
  saved: { image: string; fileName: string }[] = []
  surfaces: FakeSurface[] = []

  constructor(readonly kind: 'weapp' | 'h5' = 'weapp') {}

  isSinglePageMode(): boolean {
    return this.singlePage
  }
  launchScene(): string | null {
    return null
  }
  showShareMenu(): void {
    this.shareMenus++
  }
  deepLink(path: string): string {
    return `https://reader.example/#/${path.replace(/^\//, '')}`
  }
  async copyText(text: string): Promise<boolean> {
    this.copied.push(text)
    return true
  }
  toast(title: string): void {
    this.toasts.push(title)
  }
  async confirm(title: string): Promise<boolean> {
    this.confirms.push(title)
    return this.confirmAnswer
  }
  async pickIssueFile(): Promise<PickedFile | null> {
    return this.picked
  }
  async readTextFile(file: PickedFile): Promise<string | null> {
    return /\.(txt|md)$/.test(file.name) ? this.textOfFile : null
  }
  fileOfText(name: string, text: string): PickedFile {
    this.textFiles.push({ name, text })
    return { name, size: new Blob([text]).size, blob: new Blob([text]) }
  }
  async uploadFile(file: PickedFile): Promise<ApiResponse<{ fileID: string }>> {
    this.uploads.push(file)
    return this.uploadResult
  }
  imageSrc(fileID: string): string {
    return `/storage/${fileID.replace(/^cloud:\/\/[^/]+\//, '')}`
  }
  createSurface(width: number, height: number): DrawingSurface | null {
    if (!this.canDraw) return null
    const n = this.surfaces.length
    const surface = new FakeSurface(
      width,
      height,
      this.failExport ? new Error('canvasToTempFilePath:fail') : `wxfile://tmp/drawing-${n}.png`,
    )
    this.surfaces.push(surface)
    return surface
  }
  async saveImage(image: string, fileName: string): Promise<SaveOutcome> {
    this.saved.push({ image, fileName })
    return this.saveOutcome
  }
}
