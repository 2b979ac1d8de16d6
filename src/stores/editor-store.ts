import { makeAutoObservable, runInAction } from 'mobx'

import type { TocArticle } from '@core/api/content'
import type { DiffArticle, PreviewResult, PublishResults } from '@core/api/publish'
import { MAX_BODY_BYTES, type ApiError } from '@core/api/response'
import {
  MAX_ISSUE_FILE_BYTES,
  MAX_ISSUE_TEXT_CHARS,
  NOT_AN_ISSUE_FILE,
  utf8Bytes,
} from '@core/limits'
import type { EditorApi, PublishSource } from '@/services/editor-api'
import type { PickedFile, Platform } from '@/services/platform'
import { localError } from '@/services/local-error'

import { failed, loading, ready, type EditorOptions } from './editor-state'
import { idleState, type LoadState } from './load-state'

/** Whether text goes in one function request: under the body limit, JSON escapes counted. */
const fitsOneRequest = (text: string): boolean =>
  text.length <= MAX_ISSUE_TEXT_CHARS && utf8Bytes(JSON.stringify(text)) <= MAX_BODY_BYTES - 1024

type PreviewArticle = PreviewResult['parsed']['articles'][number]

/** Where the previewed issue came from. */
export interface ImportSource {
  kind: 'text' | 'file'
  /** The file's name, or 粘贴的文本. */
  name: string
}

/**
 * The editors' import and publishing: who may use the desk, import (paste or file) → server-side
 * preview (with a replacement's difference) → publish or replace. The server checks the caller on
 * every action; `isEditor` only decides what the app shows. The rest of the desk (published
 * issues, jobs, audit log) is EditorDeskStore's, the QR posters PosterStore's.
 */
export class EditorStore {
  isEditor = false
  statusState: LoadState = idleState()

  draftText = ''
  source: ImportSource | null = null
  preview: PreviewResult | null = null
  /** The text or uploaded file the preview was made from: publishing sends it again. */
  private previewedFrom: PublishSource | null = null
  previewState: LoadState = idleState()

  publishState: LoadState = idleState()
  published: PublishResults['issues.publish'] | null = null
  /** A replacement would remove articles and the editor has not confirmed that count yet. */
  removalAsked = false

  private statusInFlight: Promise<void> | null = null

  constructor(
    private readonly api: EditorApi,
    private readonly platform: Platform,
    private readonly options: EditorOptions = {},
  ) {
    makeAutoObservable<this, 'api' | 'platform' | 'options' | 'statusInFlight'>(this, {
      api: false,
      platform: false,
      options: false,
      statusInFlight: false,
    })
  }

  /** Asks the server whether this reader is an editor (safe for anyone to ask). */
  checkEditor(): Promise<void> {
    if (this.statusInFlight) return this.statusInFlight
    if (this.statusState.status !== 'ready') this.statusState = loading()
    const p = this.api
      .editorStatus()
      .then((res) =>
        runInAction(() => {
          if (res.ok) {
            this.isEditor = res.data.isEditor
            this.statusState = ready()
          } else {
            this.statusState = failed(res.error)
          }
        }),
      )
      .finally(() => {
        this.statusInFlight = null
      })
    this.statusInFlight = p
    return p
  }

  setDraftText(text: string): void {
    this.draftText = text
  }

  /**
   * Sends the pasted text to the server's parser; true when a preview is ready. Text too large for
   * one function request goes up as a file instead, as a picked file would.
   */
  previewText(text: string = this.draftText): Promise<boolean> {
    // Leading blank lines stay, so the line numbers of the parse's warnings are the paste's own.
    const trimmed = text.trimEnd()
    if (!trimmed.trim()) return this.failPreview(localError('先粘贴一期的导出文本'))
    const source: ImportSource = { kind: 'text', name: '粘贴的文本' }
    if (!fitsOneRequest(trimmed)) {
      const file = this.platform.fileOfText('粘贴的文本.txt', trimmed)
      if (file) return this.importFile(file, source)
      return this.failPreview(localError('文本太长：请把导出文件作为文件导入'))
    }
    this.startPreview(source)
    return this.api.previewText(trimmed).then((res) => this.takePreview(res, { text: trimmed }))
  }

  /**
   * Previews a picked file: uploaded to cloud storage and parsed on the server by its file id. A
   * plain text file is read on the device when the server cannot parse uploads.
   */
  async importFile(
    file: PickedFile,
    source: ImportSource = { kind: 'file', name: file.name },
  ): Promise<boolean> {
    if (file.size > MAX_ISSUE_FILE_BYTES)
      return this.failPreview(localError('文件太大：期刊文件不能超过 5 MB'))
    if (file.size === 0) return this.failPreview(localError('文件是空的'))
    this.startPreview(source)
    const uploaded = await this.platform.uploadFile(file)
    if (uploaded.ok) {
      const uploadedFile = { fileID: uploaded.data.fileID, fileName: file.name.slice(0, 120) }
      const res = await this.api.previewFile(uploadedFile.fileID, uploadedFile.fileName)
      if (res.ok || res.error.message.startsWith(NOT_AN_ISSUE_FILE) || !serverLacksFiles(res.error))
        return this.takePreview(res, uploadedFile)
    }
    // The upload failed or the server cannot read uploads: a text export that fits one request
    // can still be sent as text.
    const text = await this.platform.readTextFile(file)
    if (text !== null && fitsOneRequest(text))
      return this.takePreview(await this.api.previewText(text), { text })
    if (!uploaded.ok) return this.failPreview(uploaded.error)
    return this.failPreview(
      localError(
        text === null
          ? '服务器暂时还不能解析 DOCX/PDF：请选择 .txt 导出文本，或把文本粘贴进来'
          : '文本太长：服务器暂时只能直接接收 100 KB 以内的文本',
      ),
    )
  }

  private startPreview(source: ImportSource): void {
    this.source = source
    this.preview = null
    this.published = null
    this.publishState = idleState()
    this.removalAsked = false
    this.previewState = loading()
  }

  private takePreview(
    res: Awaited<ReturnType<EditorApi['previewText']>>,
    from: PublishSource,
  ): boolean {
    runInAction(() => {
      if (res.ok) {
        this.preview = res.data
        this.previewedFrom = from
        this.previewState = ready()
      } else {
        this.preview = null
        this.previewState = failed(res.error)
      }
    })
    return res.ok
  }

  private async failPreview(error: ApiError): Promise<boolean> {
    runInAction(() => {
      this.preview = null
      this.previewState = failed(error)
    })
    return false
  }

  /** The previewed table of contents, grouped by region in issue order. */
  get previewSections(): { region: string; articles: TocArticle[] }[] {
    const sections: { region: string; articles: TocArticle[] }[] = []
    for (const a of this.preview?.parsed.articles ?? []) {
      let s = sections.find((x) => x.region === a.region)
      if (!s) sections.push((s = { region: a.region, articles: [] }))
      s.articles.push({ id: a.id, title: a.title, region: a.region })
    }
    return sections
  }

  /** Whether publishing replaces an issue already in the store. */
  get isReplacement(): boolean {
    return this.preview?.existing != null
  }

  previewArticle(id: string): PreviewArticle | undefined {
    return this.preview?.parsed.articles.find((a) => a.id === id)
  }

  /** Published articles the previewed replacement would take from readers. */
  get removedArticles(): DiffArticle[] {
    return this.preview?.diff?.removed ?? []
  }

  /**
   * Publishes (or replaces) the previewed issue; the server creates the notification job once. A
   * replacement that removes articles goes out only with `confirmRemoved` equal to how many it
   * removes (what the editor confirmed); otherwise it asks first and publishes nothing.
   */
  async publish(confirmRemoved = 0): Promise<boolean> {
    const from = this.previewedFrom
    if (!this.preview || !from || this.publishState.status === 'loading') return false
    const removing = this.removedArticles.length
    if (removing > 0 && confirmRemoved !== removing) {
      this.removalAsked = true
      return false
    }
    this.removalAsked = false
    this.publishState = loading()
    // A replacement tells the server what the editor confirmed it removes (0 included).
    const res = await this.api.publish(from, this.preview.existing ? removing : undefined)
    runInAction(() => {
      if (res.ok) {
        this.published = res.data
        this.publishState = ready()
        // The pasted text went out as this issue; a correction starts from the file again.
        if (this.source?.kind === 'text') this.draftText = ''
      } else {
        this.publishState = failed(res.error)
      }
    })
    if (res.ok) this.options.onContentChanged?.()
    return res.ok
  }

  /** The editor backed out of a replacement that removes articles. */
  cancelRemoval(): void {
    this.removalAsked = false
  }
}

/** An upload the server does not parse yet answers with a schema error rather than a parse error. */
const serverLacksFiles = (error: ApiError): boolean =>
  error.code === 'invalid_argument' || error.code === 'not_found'
