import type { JobView } from '@core/api/notify'
import type { PublishResults } from '@core/api/publish'
import type { QrcodeResult } from '@core/api/qrcode'
import type { ApiResponse } from '@core/api/response'

import { safeCall, type Transport } from './transport'

type Result<T> = Promise<ApiResponse<T>>

/** What a preview was made from: pasted text, or an uploaded file by its cloud file id. */
export type PublishSource = { text: string } | { fileID: string; fileName: string }

/**
 * Typed calls of the editors' functions (`publish`, `notify`, `qrcode`). The server checks the
 * caller on every action; the client only decides what to show.
 */
export class EditorApi {
  constructor(private readonly transport: Transport) {}

  editorStatus(): Result<PublishResults['editor.status']> {
    return safeCall<'publish', 'editor.status'>(this.transport, 'publish', {
      action: 'editor.status',
    })
  }

  /** Parses pasted export text on the server (the same parser as the CLI). */
  previewText(text: string): Result<PublishResults['issues.preview']> {
    return safeCall<'publish', 'issues.preview'>(this.transport, 'publish', {
      action: 'issues.preview',
      text,
    })
  }

  /** Parses an uploaded file (text export, DOCX or PDF) on the server, by its cloud file id. */
  previewFile(fileID: string, fileName: string): Result<PublishResults['issues.preview']> {
    return safeCall<'publish', 'issues.preview'>(this.transport, 'publish', {
      action: 'issues.preview',
      fileID,
      fileName,
    })
  }

  /** Publishes what was previewed; the server parses it again, so an issue of any size fits. */
  publish(
    source: PublishSource,
    confirmRemoved?: number,
  ): Result<PublishResults['issues.publish']> {
    return safeCall<'publish', 'issues.publish'>(this.transport, 'publish', {
      action: 'issues.publish',
      ...source,
      ...(confirmRemoved !== undefined ? { confirmRemoved } : {}),
    })
  }

  unpublish(id: string): Result<PublishResults['issues.unpublish']> {
    return safeCall<'publish', 'issues.unpublish'>(this.transport, 'publish', {
      action: 'issues.unpublish',
      id,
    })
  }

  auditList(cursor?: string): Result<PublishResults['audit.list']> {
    return safeCall<'publish', 'audit.list'>(this.transport, 'publish', {
      action: 'audit.list',
      ...(cursor ? { cursor } : {}),
    })
  }

  jobs(): Result<{ items: JobView[] }> {
    return safeCall<'notify', 'jobs.list'>(this.transport, 'notify', { action: 'jobs.list' })
  }

  resumeJob(id: string): Result<JobView> {
    return safeCall<'notify', 'jobs.resume'>(this.transport, 'notify', {
      action: 'jobs.resume',
      id,
    })
  }

  issueQrcode(id: string): Result<QrcodeResult> {
    return safeCall<'qrcode', 'qrcode.issue'>(this.transport, 'qrcode', {
      action: 'qrcode.issue',
      id,
    })
  }
}
