import {
  publishingLimitsProblem,
  publishInput,
  type PublishResults,
} from '../../../core/api/publish'
import { notAnIssueFile } from '../../../core/limits'
import { parseIssueText } from '../../../core/issue-text/parse'
import type { ParsedIssue } from '../../../core/types'
import { ISSUES, type IssueRecord } from '../content/records'
import { requireEditor } from '../authorize'
import { ApiFailure, createFunction } from '../dispatch'
import type { AdminDirectory } from '../ports/admins'
import type { CallContext } from '../ports/context'
import type { Database } from '../ports/database'
import { activateJob, prepareJob, repairPublishes } from '../notify/jobs'
import { audit, auditPage } from './audit'
import { keepArticleIds, replaceDiff } from './keep-ids'
import { publishIssue, unpublishIssue } from './publish-issue'
import { importIssueFile } from '../import'
import type { FileStorage } from '../ports/wxacode'

export interface PublishDeps {
  db: Database
  admins: AdminDirectory
  /** Where the mini-program uploads an editor's file before asking for a preview. */
  storage?: FileStorage
  /** Starts the notification worker now rather than at its next timer tick (fire and forget). */
  kickNotify?: () => void
  /**
   * Reads an uploaded file (by default here, with the importer's limits); the local host reads
   * them in a worker thread so a hostile file never holds up other requests.
   */
  importFile?: (bytes: Uint8Array, fileName: string) => ReturnType<typeof importIssueFile>
}

const AUDIT_PAGE = 50

/** Pasted text or an uploaded file, as preview and publish take them. */
type IssueSource = { text?: string; fileID?: string; fileName?: string }

const requireAdmin = (ctx: CallContext, deps: PublishDeps): Promise<string> =>
  requireEditor(deps.admins, ctx, 'only editors may publish')

async function existingIssue(db: Database, id: string): Promise<IssueRecord | null> {
  const { data } = await db.collection<IssueRecord>(ISSUES).where({ _id: id }).limit(1).get()
  return data[0] ?? null
}

/** The parse with the ids it will be published under: a replacement keeps its articles' ids. */
function withKeptIds(parsed: ParsedIssue, existing: IssueRecord | null) {
  if (!existing) return { parsed, kept: 0, added: parsed.articles.length }
  return keepArticleIds(
    existing.sections.flatMap((s) => s.articles),
    parsed,
  )
}

/** The export text of a request: pasted, or read from the uploaded file in any format. */
async function issueText(
  input: IssueSource,
  deps: PublishDeps,
): Promise<{ text: string; format: 'text' | 'docx' | 'pdf' }> {
  if (input.text !== undefined) return { text: input.text, format: 'text' }
  if (!deps.storage) throw new ApiFailure('unavailable', 'file uploads are not available here')
  let bytes: Uint8Array
  try {
    bytes = await deps.storage.download(input.fileID!)
  } catch {
    throw new ApiFailure('not_found', `fileID: no such uploaded file`)
  }
  const imported = await (deps.importFile ?? importIssueFile)(bytes, input.fileName ?? '')
  if (!imported.ok) throw new ApiFailure('invalid_argument', imported.error.message)
  return imported.data
}

/** Exactly one of the named inputs, or a failure naming them. */
function requireOne(input: Record<string, unknown>, names: string[]): void {
  if (names.filter((n) => input[n] !== undefined).length !== 1)
    throw new ApiFailure('invalid_argument', `give exactly one of ${names.join(', ')}`)
}

/**
 * Reads and parses the issue of a request: text that is no issue gets the editor's one line, and
 * a parse gets the same checks as a parsed issue sent whole (e.g. a paragraph over 20,000
 * characters), so preview shows what publishing would refuse.
 */
async function parseRequested(input: IssueSource, deps: PublishDeps) {
  const { text, format } = await issueText(input, deps)
  const result = parseIssueText(text)
  if (!result.ok) throw new ApiFailure('invalid_argument', notAnIssueFile(result.error.message))
  const problem = publishingLimitsProblem(result.data)
  if (problem) throw new ApiFailure('invalid_argument', problem)
  return { parsed: result.data, format }
}

/** The admin-only `publish` function: preview, publish or replace, unpublish, and the audit log. */
export const publishFunction = createFunction(publishInput, {
  async 'issues.preview'(input, ctx, deps: PublishDeps): Promise<PublishResults['issues.preview']> {
    await requireAdmin(ctx, deps)
    requireOne(input, ['text', 'fileID'])
    const { parsed: read, format } = await parseRequested(input, deps)
    const existing = await existingIssue(deps.db, read.issue.id)
    const { parsed, kept, added } = withKeptIds(read, existing)
    return {
      format,
      parsed,
      existing: existing
        ? { published: existing.published, articleCount: existing.articleCount }
        : null,
      kept,
      added,
      diff: existing
        ? replaceDiff(
            existing.sections.flatMap((s) => s.articles),
            parsed.articles,
          )
        : null,
    }
  },

  async 'issues.publish'(input, ctx, deps: PublishDeps): Promise<PublishResults['issues.publish']> {
    const openid = await requireAdmin(ctx, deps)
    requireOne(input, ['parsed', 'text', 'fileID'])
    const given = input.parsed
      ? ({ warnings: [], ...input.parsed } as ParsedIssue)
      : (await parseRequested(input, deps)).parsed
    const existing = await existingIssue(deps.db, given.issue.id)
    const { parsed, kept, added } = withKeptIds(given, existing)
    if (input.confirmRemoved !== undefined) {
      const removing = existing
        ? replaceDiff(
            existing.sections.flatMap((s) => s.articles),
            parsed.articles,
          ).removed.length
        : 0
      if (removing !== input.confirmRemoved)
        throw new ApiFailure(
          'invalid_argument',
          `这次替换会删除 ${removing} 篇文章，与确认的 ${input.confirmRemoved} 篇不符：这一期已有变动，请重新预览`,
        )
    }
    const first = existing === null
    // Before the switch: the job waits, holding the audit entry, so a publish killed at any point
    // ends with exactly one job and one audit entry (the next publish or worker run repairs it).
    if (first)
      await prepareJob(deps.db, parsed, ctx.now(), {
        openid,
        at: ctx.now().toISOString(),
        detail: `${parsed.articles.length} articles; subscribers notified`,
      })
    const { issueId, firstPublish, replaced, articleCount } = await publishIssue(
      deps.db,
      parsed,
      ctx.now(),
    )
    // After the issue is visible, so a notification never opens a missing page. Once per issue:
    // a corrected republish finds the job and notifies nobody again.
    const jobCreated = first && (await activateJob(deps.db, issueId, ctx.now()))
    // A first publish of this issue killed after its switch: finish it now.
    const repaired = first ? 0 : await repairPublishes(deps.db, ctx.now(), issueId)
    if (jobCreated || repaired > 0) deps.kickNotify?.()
    if (!jobCreated || replaced)
      await audit(deps.db, {
        at: ctx.now().toISOString(),
        openid,
        action: replaced ? 'issues.replace' : 'issues.publish',
        issueId,
        detail: replaced
          ? `${articleCount} articles (${kept} kept their ids, ${added} new)`
          : `${articleCount} articles`,
      })
    return { issueId, firstPublish, replaced, articleCount, jobCreated }
  },

  async 'issues.unpublish'(
    input,
    ctx,
    deps: PublishDeps,
  ): Promise<PublishResults['issues.unpublish']> {
    const openid = await requireAdmin(ctx, deps)
    const unpublished = await unpublishIssue(deps.db, input.id, ctx.now())
    if (!unpublished) throw new ApiFailure('not_found', `issue ${input.id} not found`)
    await audit(deps.db, {
      at: ctx.now().toISOString(),
      openid,
      action: 'issues.unpublish',
      issueId: input.id,
      detail: '',
    })
    return { issueId: input.id, unpublished }
  },

  async 'editor.status'(_input, ctx, deps: PublishDeps): Promise<PublishResults['editor.status']> {
    return { isEditor: ctx.openid !== null && (await deps.admins.isAdmin(ctx.openid)) }
  },

  async 'audit.list'(input, ctx, deps: PublishDeps): Promise<PublishResults['audit.list']> {
    await requireAdmin(ctx, deps)
    const rows = await auditPage(deps.db, input.cursor ?? null, AUDIT_PAGE + 1)
    const items = rows.slice(0, AUDIT_PAGE).map(({ _id: _ignored, ...entry }) => entry)
    return { items, nextCursor: rows.length > AUDIT_PAGE ? items[items.length - 1].at : null }
  },
})
