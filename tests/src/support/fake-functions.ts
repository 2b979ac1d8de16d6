import type { PublishInput } from '@core/api/publish'
import type { ApiResponse } from '@core/api/response'
import type { SubscriptionInput } from '@core/api/subscription'
import { parseIssueText, type ParsedIssue } from '@core/index'
import { notAnIssueFile } from '@core/limits'

import {
  keepArticleIds,
  replaceDiff,
  type PublishedArticleRef,
} from '../../../cloudfunctions/lib/publishing/keep-ids'

const ok = <T>(data: T): ApiResponse<T> => ({ ok: true, data })
const fail = (code: 'invalid_argument' | 'permission_denied' | 'not_found', message: string) => ({
  ok: false as const,
  error: { code, message },
})

/**
 * The `subscription` function for one caller, as the server answers: one grant per `accept` of
 * its template, cancel sets the count to zero.
 */
export function subscriptionService(templateId = 'local-new-issue') {
  const state = { remaining: 0, grants: [] as Record<string, string>[] }
  const handler = (input: SubscriptionInput): ApiResponse<unknown> => {
    switch (input.action) {
      case 'subscription.grant': {
        if (input.templateId !== templateId) return fail('invalid_argument', 'templateId')
        state.grants.push(input.result)
        const raw = input.result[templateId]
        const answer = ['accept', 'reject', 'ban', 'filter'].includes(raw) ? raw : 'missing'
        if (answer === 'accept') state.remaining++
        return ok({ remaining: state.remaining, templateId, answer })
      }
      case 'subscription.status':
        return ok({ remaining: state.remaining, templateId })
      case 'subscription.cancel':
        state.remaining = 0
        return ok({ remaining: 0, templateId })
    }
  }
  return { state, handler }
}

/**
 * The `publish` function with the real parser: editors only, previews with kept/added ids
 * against what it has published, publish and unpublish, and an audit log.
 */
export function publishService(options: { isEditor: boolean; supportsFiles?: boolean }) {
  const published = new Map<
    string,
    { articleCount: number; published: boolean; articles: PublishedArticleRef[] }
  >()
  const audit: { at: string; openid: string; action: string; issueId: string; detail: string }[] =
    []
  const files = new Map<string, string>()
  let clock = Date.parse('2024-03-28T08:00:00Z')
  const preview = (text: string, format: 'text' | 'docx' | 'pdf'): ApiResponse<unknown> => {
    const r = parseIssueText(text)
    if (!r.ok) return fail('invalid_argument', notAnIssueFile(r.error.message))
    const before = published.get(r.data.issue.id)
    if (!before)
      return ok({
        format,
        parsed: r.data,
        existing: null,
        kept: 0,
        added: r.data.articles.length,
        diff: null,
      })
    // The server's own id keeping and difference.
    const { parsed, kept, added } = keepArticleIds(before.articles, r.data)
    return ok({
      format,
      parsed,
      existing: { articleCount: before.articleCount, published: before.published },
      kept,
      added,
      diff: replaceDiff(before.articles, parsed.articles),
    })
  }
  const handler = (input: PublishInput): ApiResponse<unknown> => {
    if (input.action === 'editor.status') return ok({ isEditor: options.isEditor })
    if (!options.isEditor) return fail('permission_denied', 'only editors may publish')
    switch (input.action) {
      case 'issues.preview': {
        if (input.fileID !== undefined) {
          if (!options.supportsFiles) return fail('invalid_argument', 'text: Required')
          return preview(
            files.get(input.fileID) ?? '',
            input.fileName?.endsWith('.docx') ? 'docx' : 'text',
          )
        }
        return preview(input.text ?? '', 'text')
      }
      case 'issues.publish': {
        // As the server: exactly one source; what the preview was made from is parsed again.
        const given = [input.parsed, input.text, input.fileID].filter((x) => x !== undefined)
        if (given.length !== 1)
          return fail('invalid_argument', 'give exactly one of parsed, text, fileID')
        if (input.fileID !== undefined && !files.has(input.fileID))
          return fail('not_found', 'fileID: no such uploaded file')
        const text = input.fileID !== undefined ? files.get(input.fileID) : input.text
        const reparsed = text === undefined ? null : parseIssueText(text)
        if (reparsed && !reparsed.ok)
          return fail('invalid_argument', notAnIssueFile(reparsed.error.message))
        const parsed = reparsed?.ok ? reparsed.data : input.parsed!
        const { id } = parsed.issue
        const replaced = published.has(id)
        const before = published.get(id)?.articles ?? []
        const articles = keepArticleIds(before, parsed as ParsedIssue).parsed.articles.map(
          ({ id, title, region }) => ({ id, title, region }),
        )
        // As the server: a confirmed removal count must still be what the replacement removes.
        const removing = replaceDiff(before, articles).removed.length
        if (input.confirmRemoved !== undefined && input.confirmRemoved !== removing)
          return fail('invalid_argument', `removes ${removing}, confirmed ${input.confirmRemoved}`)
        published.set(id, { articleCount: parsed.articles.length, published: true, articles })
        audit.unshift({
          at: new Date((clock += 60_000)).toISOString(),
          openid: 'editor-1',
          action: replaced ? 'issues.replace' : 'issues.publish',
          issueId: id,
          detail: `${parsed.articles.length} articles; subscribers notified`,
        })
        return ok({
          issueId: id,
          firstPublish: !replaced,
          replaced,
          articleCount: parsed.articles.length,
          jobCreated: !replaced,
        })
      }
      case 'issues.unpublish': {
        const known = published.get(input.id)
        if (!known) return fail('not_found', `issue ${input.id} not found`)
        known.published = false
        audit.unshift({
          at: new Date((clock += 60_000)).toISOString(),
          openid: 'editor-1',
          action: 'issues.unpublish',
          issueId: input.id,
          detail: '',
        })
        return ok({ issueId: input.id, unpublished: true })
      }
      case 'audit.list': {
        const start = input.cursor ? audit.findIndex((e) => e.at === input.cursor) + 1 : 0
        const items = audit.slice(start, start + 2)
        return ok({
          items,
          nextCursor: start + 2 < audit.length ? items[items.length - 1].at : null,
        })
      }
    }
    return fail('invalid_argument', 'unknown action')
  }
  return { handler, published, audit, files }
}
