import { makeAutoObservable, runInAction } from 'mobx'

import type { IssueDetail, IssueSummary, TocArticle } from '@core/api/content'
import type { JobView } from '@core/api/notify'
import type { AuditView, DiffArticle, PreviewResult, PublishResults } from '@core/api/publish'
import type { QrcodeResult } from '@core/api/qrcode'
import { MAX_BODY_BYTES, type ApiError } from '@core/api/response'
import {
  MAX_ISSUE_FILE_BYTES,
  MAX_ISSUE_TEXT_CHARS,
  NOT_AN_ISSUE_FILE,
  utf8Bytes,
} from '@core/limits'
import type { ContentApi } from '@/services/content-api'
import { drawPoster, layoutPoster, POSTER_WIDTH, type PosterModel } from '@/services/drawing/poster'
import type { EditorApi, PublishSource } from '@/services/editor-api'
import type { PickedFile, Platform } from '@/services/platform'

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

/** One clear line for a failed editor action. */
export function editorErrorText(error: ApiError | null): string {
  if (!error) return ''
  if (error.message.startsWith(NOT_AN_ISSUE_FILE) || (error as LocalError).plain)
    return error.message
  switch (error.code) {
    case 'permission_denied':
      return '只有编辑可以执行这个操作：当前身份不在编辑名单中'
    case 'unavailable':
      return '网络不可用，请稍后重试'
    case 'payload_too_large':
      return '文件太大：期刊文件不能超过 5 MB'
    case 'rate_limited':
      return '操作太频繁，请稍后再试'
    case 'not_found':
      return `没有找到：${error.message}`
    default:
      return `操作失败：${error.message}`
  }
}

const failed = (error: ApiError): LoadState => ({
  status: 'error',
  error,
  offline: error.code === 'unavailable',
})
const loading = (): LoadState => ({ status: 'loading', error: null, offline: false })
const ready = (): LoadState => ({ status: 'ready', error: null, offline: false })
/** A problem found on the device, already worded for the editor. */
type LocalError = ApiError & { plain?: true }
const localError = (message: string): LocalError => ({
  code: 'invalid_argument',
  message,
  plain: true,
})

/** Labels of the audit log's actions. */
export const AUDIT_ACTIONS: Record<string, string> = {
  'issues.publish': '发布',
  'issues.replace': '替换',
  'issues.unpublish': '下线',
}

/** The server's audit detail in the editors' language (unknown details are shown as they are). */
export function auditDetailText(detail: string): string {
  let m = /^(\d+) articles; subscribers notified$/.exec(detail)
  if (m) return `共 ${m[1]} 篇；通知订阅者`
  m = /^(\d+) articles \((\d+) kept their ids, (\d+) new\)$/.exec(detail)
  if (m) return `共 ${m[1]} 篇（${m[2]} 篇保留编号，新增 ${m[3]} 篇）`
  return detail
}

export interface EditorStoreOptions {
  /** Called after the published content changed, so the reader's lists refresh. */
  onContentChanged?: () => void
}

/**
 * The editors' desk: who may use it, import (paste or file) → server-side preview → publish or
 * replace, unpublish, notification jobs, QR posters and the audit log. The server checks the
 * caller on every action; `isEditor` only decides what the app shows.
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

  issues: IssueSummary[] = []
  issuesState: LoadState = idleState()
  /** One line about the last unpublish / resume / poster action. */
  notice: string | null = null

  audit: AuditView[] = []
  auditCursor: string | null = null
  auditState: LoadState = idleState()
  auditLoadingMore = false

  jobs: JobView[] = []
  jobsState: LoadState = idleState()

  posters = new Map<string, QrcodeResult>()
  posterStates = new Map<string, LoadState>()
  savingPoster = false
  /** One line about the last poster save. */
  posterNotice: string | null = null

  private statusInFlight: Promise<void> | null = null

  constructor(
    private readonly api: EditorApi,
    private readonly content: ContentApi,
    private readonly platform: Platform,
    private readonly options: EditorStoreOptions = {},
  ) {
    makeAutoObservable<this, 'api' | 'content' | 'platform' | 'options' | 'statusInFlight'>(this, {
      api: false,
      content: false,
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
    const trimmed = text.trim()
    if (!trimmed) return this.failPreview(localError('先粘贴一期的导出文本'))
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
    const res = await this.api.publish(from)
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
    if (res.ok) this.afterChange()
    return res.ok
  }

  /** Takes an issue off the reader (after the editor confirms); it can be published again. */
  async unpublish(issue: Pick<IssueSummary, 'id' | 'year' | 'number'>): Promise<boolean> {
    const sure = await this.platform.confirm(
      `下线 ${issue.year} 年第 ${issue.number} 期？`,
      '读者将看不到这一期；已发出的通知不会撤回，可以重新发布。',
      '下线',
    )
    if (!sure) return false
    const res = await this.api.unpublish(issue.id)
    runInAction(() => {
      this.notice = res.ok
        ? `已下线 ${issue.year} 年第 ${issue.number} 期`
        : editorErrorText(res.error)
    })
    if (res.ok) this.afterChange()
    return res.ok
  }

  /** The editor backed out of a replacement that removes articles. */
  cancelRemoval(): void {
    this.removalAsked = false
  }

  private afterChange(): void {
    this.options.onContentChanged?.()
    void this.loadIssues()
    void this.loadAudit()
    void this.loadJobs()
  }

  /** The published issues (newest first), for unpublish and posters. */
  async loadIssues(): Promise<void> {
    if (this.issues.length === 0) this.issuesState = loading()
    const res = await this.content.listIssues(undefined, 20)
    runInAction(() => {
      if (res.ok) {
        this.issues = res.data.items
        this.issuesState = ready()
      } else {
        this.issuesState = failed(res.error)
      }
    })
  }

  async loadAudit(): Promise<void> {
    if (this.audit.length === 0) this.auditState = loading()
    const res = await this.api.auditList()
    runInAction(() => {
      if (res.ok) {
        this.audit = res.data.items
        this.auditCursor = res.data.nextCursor
        this.auditState = ready()
      } else {
        this.auditState = failed(res.error)
      }
    })
  }

  async loadMoreAudit(): Promise<void> {
    const cursor = this.auditCursor
    if (!cursor || this.auditLoadingMore) return
    this.auditLoadingMore = true
    const res = await this.api.auditList(cursor)
    runInAction(() => {
      this.auditLoadingMore = false
      if (!res.ok) return
      const seen = new Set(this.audit.map((e) => `${e.at}|${e.action}|${e.issueId}`))
      for (const e of res.data.items)
        if (!seen.has(`${e.at}|${e.action}|${e.issueId}`)) this.audit.push(e)
      this.auditCursor = res.data.nextCursor
    })
  }

  async loadJobs(): Promise<void> {
    if (this.jobs.length === 0) this.jobsState = loading()
    const res = await this.api.jobs()
    runInAction(() => {
      if (res.ok) {
        this.jobs = res.data.items
        this.jobsState = ready()
      } else {
        this.jobsState = failed(res.error)
      }
    })
  }

  /** Resumes a paused notification job (after its configuration was fixed). */
  async resumeJob(id: string): Promise<void> {
    const res = await this.api.resumeJob(id)
    runInAction(() => {
      if (res.ok) {
        this.jobs = this.jobs.map((j) => (j.id === id ? res.data : j))
        this.notice = '通知任务已恢复发送'
      } else {
        this.notice = editorErrorText(res.error)
      }
    })
  }

  posterState(issueId: string): LoadState {
    return this.posterStates.get(issueId) ?? idleState()
  }

  /** The issue's QR code (made once on the server and reused). */
  async loadPoster(issueId: string): Promise<void> {
    if (this.posters.has(issueId)) return
    this.posterStates.set(issueId, loading())
    const res = await this.api.issueQrcode(issueId)
    runInAction(() => {
      if (res.ok) {
        this.posters.set(issueId, res.data)
        this.posterStates.set(issueId, ready())
      } else {
        this.posterStates.set(issueId, failed(res.error))
      }
    })
  }

  /** The image source of an issue's QR code, once made. */
  qrcodeSrc(issueId: string): string | null {
    const code = this.posters.get(issueId)
    return code ? this.platform.imageSrc(code.fileID) : null
  }

  /** Draws the poster (cover line, contents, QR code) and saves it: album on weapp, download on h5. */
  async savePoster(issue: IssueDetail): Promise<void> {
    const code = this.posters.get(issue.id)
    if (!code || this.savingPoster) return
    this.savingPoster = true
    this.posterNotice = null
    let text: string
    try {
      text = await this.drawAndSave(issue, code)
    } catch {
      text = '海报没有画出来，请稍后再试'
    }
    runInAction(() => {
      this.savingPoster = false
      this.posterNotice = text
    })
  }

  private async drawAndSave(issue: IssueDetail, code: QrcodeResult): Promise<string> {
    const model = posterModel(issue)
    const scratch = this.platform.createSurface(POSTER_WIDTH, 10)
    if (!scratch) return '这台设备不能生成图片，请截屏保存海报'
    const layout = layoutPoster(scratch.ctx, model)
    const surface = this.platform.createSurface(POSTER_WIDTH, layout.height)
    if (!surface) return '这台设备不能生成图片，请截屏保存海报'
    const qr = await surface.loadImage(code.fileID)
    drawPoster(surface, layout, qr)
    const image = await surface.toImage()
    const outcome = await this.platform.saveImage(
      image,
      `双周决策观察-总第${issue.totalNumber}期.png`,
    )
    switch (outcome) {
      case 'saved':
        return '海报已保存到相册'
      case 'downloaded':
        return '海报图片已下载'
      case 'denied':
        return '没有保存到相册的权限：请在设置中允许后再试'
      default:
        return '海报没有保存，请稍后再试'
    }
  }
}

/** An upload the server does not parse yet answers with a schema error rather than a parse error. */
const serverLacksFiles = (error: ApiError): boolean =>
  error.code === 'invalid_argument' || error.code === 'not_found'

/** What the poster prints for an issue. */
export function posterModel(issue: IssueDetail): PosterModel {
  const [y, m, d] = issue.publishedOn.split('-').map(Number)
  return {
    title: issue.title,
    subtitle: issue.subtitle,
    numberLine: `${issue.year} 年第 ${issue.number} 期（总第 ${issue.totalNumber} 期）`,
    dateLine: `${y} 年 ${m} 月 ${d} 日印发`,
    sections: issue.sections.map((s) => ({
      region: s.region,
      titles: s.articles.map((a) => a.title),
    })),
    caption: '微信扫码，阅读本期全文',
  }
}
