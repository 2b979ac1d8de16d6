import { makeAutoObservable, runInAction } from 'mobx'

import type { IssueSummary } from '@core/api/content'
import type { JobView } from '@core/api/notify'
import type { AuditView } from '@core/api/publish'
import type { ContentApi } from '@/services/content-api'
import type { EditorApi } from '@/services/editor-api'
import type { Platform } from '@/services/platform'

import { editorErrorText, failed, loading, ready, type EditorOptions } from './editor-state'
import { idleState, type LoadState } from './load-state'

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

/**
 * The editors' desk beside publishing: the published issues (to unpublish), the notification jobs
 * and the audit log. The server checks the caller on every action.
 */
export class EditorDeskStore {
  issues: IssueSummary[] = []
  issuesState: LoadState = idleState()
  /** One line about the last unpublish / resume action. */
  notice: string | null = null

  audit: AuditView[] = []
  auditCursor: string | null = null
  auditState: LoadState = idleState()
  auditLoadingMore = false

  jobs: JobView[] = []
  jobsState: LoadState = idleState()

  constructor(
    private readonly api: EditorApi,
    private readonly content: ContentApi,
    private readonly platform: Platform,
    private readonly options: EditorOptions = {},
  ) {
    makeAutoObservable<this, 'api' | 'content' | 'platform' | 'options'>(this, {
      api: false,
      content: false,
      platform: false,
      options: false,
    })
  }

  /** Everything the desk lists, again (after a publish, replace or unpublish). */
  refresh(): void {
    void this.loadIssues()
    void this.loadAudit()
    void this.loadJobs()
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
    if (res.ok) {
      this.options.onContentChanged?.()
      this.refresh()
    }
    return res.ok
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
}
