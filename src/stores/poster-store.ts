import { makeAutoObservable, runInAction } from 'mobx'

import type { IssueDetail } from '@core/api/content'
import type { QrcodeResult } from '@core/api/qrcode'
import { drawPoster, layoutPoster, POSTER_WIDTH, type PosterModel } from '@/services/drawing/poster'
import type { EditorApi } from '@/services/editor-api'
import type { Platform } from '@/services/platform'

import { failed, loading, ready } from './editor-state'
import { idleState, type LoadState } from './load-state'

/** Issues' QR posters: the code made once on the server, drawn with the contents and saved. */
export class PosterStore {
  posters = new Map<string, QrcodeResult>()
  posterStates = new Map<string, LoadState>()
  savingPoster = false
  /** One line about the last poster save. */
  posterNotice: string | null = null

  constructor(
    private readonly api: EditorApi,
    private readonly platform: Platform,
  ) {
    makeAutoObservable<this, 'api' | 'platform'>(this, { api: false, platform: false })
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
