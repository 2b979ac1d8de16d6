/**
 * The `publish` function's contract (admin only): an issue's text, uploaded file or parse in, its
 * preview or publishing outcome out.
 */
import { z } from 'zod'

import { articleIdOf, issueIdOf } from '../ids'
import { MAX_ISSUE_TEXT_CHARS } from '../limits'
import type { ParsedIssue, ParseWarning } from '../types'

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO date')
const shortText = z.string().max(200)

const block = z
  .object({
    type: z.enum(['heading', 'paragraph']),
    text: z.string().min(1).max(20000),
    bold: z.array(z.tuple([z.number().int().min(0), z.number().int().min(0)])).max(200),
  })
  .strict()

const article = z
  .object({
    id: z.string().regex(/^i\d{1,6}-\d{2,3}$/),
    issueId: z.string().regex(/^i\d{1,6}$/),
    position: z.number().int().min(1).max(999),
    region: z.string().min(1).max(12),
    title: z.string().min(1).max(200),
    tocTitle: z.string().min(1).max(200).optional(),
    blocks: z.array(block).min(1).max(500),
    sources: z.array(shortText).max(20),
    sourceDate: isoDate.nullable(),
  })
  .strict()

export const parsedIssueSchema = z
  .object({
    issue: z
      .object({
        id: z.string().regex(/^i\d{1,6}$/),
        year: z.number().int().min(1990).max(2100),
        number: z.number().int().min(1).max(99),
        totalNumber: z.number().int().min(1).max(999999),
        publishedOn: isoDate,
        title: z.string().min(1).max(40),
        subtitle: z.string().max(40),
        publishers: z.array(shortText).max(20),
        editors: z.array(shortText).max(50),
        coordinators: z.array(shortText).max(50),
        phone: shortText.nullable(),
        fax: shortText.nullable(),
        toc: z
          .array(
            z
              .object({ region: z.string().min(1).max(12), title: z.string().min(1).max(200) })
              .strict(),
          )
          .max(200),
      })
      .strict(),
    articles: z.array(article).min(1).max(200),
    warnings: z
      .array(
        z
          .object({
            code: z.string(),
            message: z.string(),
            line: z.number().int().min(1).optional(),
          })
          .strict(),
      )
      .max(500)
      .optional(),
  })
  .strict()
  // Ids as the parser derives them, so a parse sent whole is held to what parsing text gives:
  // the issue's from its total number, each article's from the issue and its place. Any other id
  // would collide (a duplicate), point into another issue (`i279-01` inside `i503`), or break the
  // order pages and "latest" are read in.
  .superRefine((value, ctx) => {
    const issueId = issueIdOf(value.issue.totalNumber)
    if (value.issue.id !== issueId)
      ctx.addIssue({
        code: 'custom',
        path: ['issue', 'id'],
        message: `must be ${issueId} (from totalNumber)`,
      })
    value.articles.forEach((a, i) => {
      if (a.issueId !== value.issue.id)
        ctx.addIssue({
          code: 'custom',
          path: ['articles', i, 'issueId'],
          message: '与 issue.id 不一致',
        })
      if (a.position !== i + 1)
        ctx.addIssue({
          code: 'custom',
          path: ['articles', i, 'position'],
          message: `must be ${i + 1} (articles are numbered in order from 1)`,
        })
      const id = articleIdOf(value.issue.id, i + 1)
      if (a.id !== id)
        ctx.addIssue({
          code: 'custom',
          path: ['articles', i, 'id'],
          message: `must be ${id} (from the issue and the article's place)`,
        })
    })
  })

/** Pasted export text, or a file uploaded to cloud storage (text export, .docx or .pdf). */
const issueSource = {
  text: z.string().min(1).max(MAX_ISSUE_TEXT_CHARS).optional(),
  fileID: z.string().min(1).max(300).optional(),
  fileName: z.string().max(120).optional(),
}

export const publishInput = z.discriminatedUnion('action', [
  z
    .object({
      action: z.literal('issues.publish'),
      /**
       * What the preview was made from (text or an uploaded file), parsed again on the server, so
       * an issue publishes whatever its size; or an issue already parsed, when it fits a request.
       */
      parsed: parsedIssueSchema.optional(),
      /**
       * How many published articles the editor confirmed the replacement removes (the preview's
       * count). When given, the server publishes only if that is still what it would remove, so a
       * preview gone stale (the issue changed since) cannot remove more than the editor saw.
       */
      confirmRemoved: z.number().int().min(0).max(1000).optional(),
      ...issueSource,
    })
    .strict(),
  z.object({ action: z.literal('issues.unpublish'), id: z.string().regex(/^i\d{1,6}$/) }).strict(),
  z
    .object({
      action: z.literal('issues.preview'),
      ...issueSource,
    })
    .strict(),
  z.object({ action: z.literal('audit.list'), cursor: z.string().max(40).optional() }).strict(),
  z.object({ action: z.literal('editor.status') }).strict(),
])

export type PublishInput = z.input<typeof publishInput>

export interface AuditView {
  at: string
  openid: string
  action: string
  issueId: string | null
  detail: string
}

/** One article in a replacement's difference, by its id and title. */
export interface DiffArticle {
  id: string
  title: string
  region: string
}

/** What replacing a published issue does to its articles, by title. */
export interface ReplaceDiff {
  /** Same id, same title and region. */
  kept: DiffArticle[]
  /** Same id (the article matched), but its title or region was corrected. */
  changed: (DiffArticle & { before: string })[]
  /** New articles, under new ids. */
  added: DiffArticle[]
  /** Published articles the file no longer has: readers lose them (favourites turn 已下线). */
  removed: DiffArticle[]
}

export interface PreviewResult {
  /** What the file was read as. */
  format: 'text' | 'docx' | 'pdf'
  /** The parse, with the ids it will publish under (kept from the published issue when replacing). */
  parsed: {
    issue: ParsedIssueInput['issue']
    articles: ParsedIssueInput['articles']
    warnings: ParseWarning[]
  }
  existing: { published: boolean; articleCount: number } | null
  kept: number
  added: number
  /** Article by article, when this replaces an issue already in the store. */
  diff: ReplaceDiff | null
}

export type ParsedIssueInput = z.infer<typeof parsedIssueSchema>

export interface PublishResults {
  'issues.preview': PreviewResult
  'audit.list': { items: AuditView[]; nextCursor: string | null }
  /** Whether the caller may use the editor pages (the server checks again on every action). */
  'editor.status': { isEditor: boolean }
  'issues.publish': {
    issueId: string
    firstPublish: boolean
    replaced: boolean
    articleCount: number
    jobCreated: boolean
  }
  'issues.unpublish': { issueId: string; unpublished: boolean }
}

/** The first way a value breaks the schema, in Chinese: `articles.0.blocks.3.text: 长度超过 20000 个字符的上限`. */
export function describeLimit(error: z.ZodError): string {
  const issue = error.issues[0]
  const field = issue.path.join('.') || '内容'
  const what = (() => {
    switch (issue.code) {
      case 'too_big':
        if (issue.type === 'string') return `长度超过 ${issue.maximum} 个字符的上限`
        if (issue.type === 'array') return `超过 ${issue.maximum} 项的上限`
        return `超过上限 ${issue.maximum}`
      case 'too_small':
        if (issue.type === 'string')
          return issue.minimum === 1 ? '不能为空' : `至少 ${issue.minimum} 个字符`
        if (issue.type === 'array') return `至少需要 ${issue.minimum} 项`
        return `不能小于 ${issue.minimum}`
      case 'invalid_type':
        return '类型不对'
      case 'unrecognized_keys':
        return `多出了字段 ${issue.keys.join('、')}`
      case 'custom':
        return issue.message
      default:
        return '格式不对'
    }
  })()
  return `${field}: ${what}`
}

/**
 * The one line for a parse that publishing would refuse (a paragraph over 20,000 characters, more
 * than 200 articles, …), or null. Preview, publish and `ingest --dry-run` all give this same line.
 */
export function publishingLimitsProblem(
  parsed: Pick<ParsedIssue, 'issue' | 'articles'>,
): string | null {
  const checked = parsedIssueSchema.safeParse({ issue: parsed.issue, articles: parsed.articles })
  return checked.success ? null : `这一期超出了发布的限制：${describeLimit(checked.error)}`
}
