import { ARTICLE_PAGE, ISSUE_PAGE, pathFor, targetFromQuery, type LinkTarget } from '@core/links'

/** The pages a launch can land on: the 最新 tab, an issue, an article. */
export type EntryPage = 'latest' | 'issue' | 'article'

/** What a page does with the query it was opened with. */
export type EntryDecision =
  /** Nothing to route (the 最新 tab opened plainly). */
  | { kind: 'none' }
  /** This page shows this id. */
  | { kind: 'show'; id: string }
  /** The target belongs on another page (an issue scene on the article page, a scene on 最新). */
  | { kind: 'redirect'; url: string; target: LinkTarget }
  /** Nothing usable: land on the latest issue with a one-line notice. */
  | { kind: 'latest'; notice: string }

export const NOTICE_UNREADABLE = '链接或二维码无法识别，已为你打开最新一期'
export const NOTICE_MISSING_ARTICLE = '这篇文章不存在或已下线，已为你打开最新一期'
export const NOTICE_MISSING_ISSUE = '这一期不存在或已下线，已为你打开最新一期'

const PAGE_PATHS: Record<Exclude<EntryPage, 'latest'>, string> = {
  issue: ISSUE_PAGE,
  article: ARTICLE_PAGE,
}

/**
 * The launch router: every way in (QR `scene`, share paths, notification pages, plain h5 URLs)
 * arrives as a page and its query; this decides what that page shows or where it sends the reader.
 * `scene` is URI-decoded here, as WeChat requires.
 */
export function decideEntry(
  page: EntryPage,
  params: Record<string, string | undefined>,
): EntryDecision {
  const hasScene = typeof params.scene === 'string' && params.scene !== ''
  if (page === 'latest') {
    if (!hasScene) return { kind: 'none' }
    const target = targetFromQuery('', { scene: params.scene })
    return target
      ? { kind: 'redirect', url: `/${pathFor(target)}`, target }
      : { kind: 'latest', notice: NOTICE_UNREADABLE }
  }
  const query = hasScene ? { scene: params.scene } : { id: readId(params.id) }
  const target = targetFromQuery(PAGE_PATHS[page], query)
  if (!target) return { kind: 'latest', notice: NOTICE_UNREADABLE }
  if (target.kind === page)
    return { kind: 'show', id: target.kind === 'issue' ? target.issueId : target.articleId }
  return { kind: 'redirect', url: `/${pathFor(target)}`, target }
}

/** An id as it arrives in a query: possibly still URI-encoded once. */
function readId(value: string | undefined): string | undefined {
  if (!value) return undefined
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

export const NOTICE_UNKNOWN_PAGE = '没有这个页面，已为你打开最新一期'

/**
 * h5: the page a URL's hash route names, when it names one the app does not have (a mistyped or
 * outdated link would otherwise show a blank page); null for known pages and for no route at all.
 */
export function unknownRoute(hash: string, known: readonly string[]): string | null {
  const m = /^#(\/[^?]*)/.exec(hash)
  if (!m || m[1] === '/') return null
  const page = m[1].replace(/\/+$/, '')
  return known.includes(page) ? null : page
}

/** The notice for a target that parsed but is not (or no longer) published. */
export const missingNotice = (page: Exclude<EntryPage, 'latest'>): string =>
  page === 'article' ? NOTICE_MISSING_ARTICLE : NOTICE_MISSING_ISSUE
