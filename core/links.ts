/**
 * Every way into the reader names an issue or an article: QR `scene`s, share paths, notification
 * pages and h5 URLs. This module turns each into a target and back, and rejects anything else.
 */
import { articleIdOf, issueIdOf, parseArticleId } from './ids'

export type LinkTarget = { kind: 'issue'; issueId: string } | { kind: 'article'; articleId: string }

export const ISSUE_PAGE = 'packages/reader/issue/index'
export const ARTICLE_PAGE = 'packages/reader/article/index'

/** Scene format version 1: `1i<total>` or `1a<total>.<position>`, numbers in lowercase base 36. */
const SCENE_V1 = /^1(i|a)([1-9a-z][0-9a-z]{0,3})(?:\.([1-9a-z][0-9a-z]?))?$/
const MAX_TOTAL = 999999
const MAX_POSITION = 999
/** WeChat's limits on `scene`: ≤ 32 characters from this set. */
export const SCENE_CHARSET = /^[0-9A-Za-z!#$&'()*+,/:;=?@._~-]{1,32}$/

const issueNumberOf = (issueId: string): number | null => {
  const m = /^i([1-9]\d{0,5})$/.exec(issueId)
  return m ? Number(m[1]) : null
}

/** The scene for a target; null when the target is not a valid issue or article id. */
export function sceneFor(target: LinkTarget): string | null {
  if (target.kind === 'issue') {
    const total = issueNumberOf(target.issueId)
    return total === null ? null : `1i${total.toString(36)}`
  }
  const ref = parseArticleId(target.articleId)
  const total = ref ? issueNumberOf(ref.issueId) : null
  if (!ref || total === null || ref.position < 1 || ref.position > MAX_POSITION) return null
  if (articleIdOf(ref.issueId, ref.position) !== target.articleId) return null
  return `1a${total.toString(36)}.${ref.position.toString(36)}`
}

/** The target a scene names; null for anything that is not a scene this codec wrote. */
export function parseScene(scene: string): LinkTarget | null {
  const m = SCENE_V1.exec(scene)
  if (!m) return null
  const [, kind, totalPart, positionPart] = m
  const total = parseInt(totalPart, 36)
  if (total < 1 || total > MAX_TOTAL) return null
  const issueId = issueIdOf(total)
  let target: LinkTarget
  if (kind === 'i') {
    if (positionPart !== undefined) return null
    target = { kind: 'issue', issueId }
  } else {
    if (positionPart === undefined) return null
    const position = parseInt(positionPart, 36)
    if (position < 1 || position > MAX_POSITION) return null
    target = { kind: 'article', articleId: articleIdOf(issueId, position) }
  }
  // Canonical form only, so one target has exactly one scene.
  return sceneFor(target) === scene ? target : null
}

/** Page path (no leading slash) with its query, as used in shares, notifications and QR codes. */
export function pathFor(target: LinkTarget): string {
  return target.kind === 'issue'
    ? `${ISSUE_PAGE}?id=${target.issueId}`
    : `${ARTICLE_PAGE}?id=${target.articleId}`
}

/**
 * Where a launch should land, from the page's query: `scene` (already URI-decoded once by the
 * caller, as WeChat requires), or an `id` on the issue or article page. Null: land on the latest issue.
 */
export function targetFromQuery(
  page: string,
  query: Record<string, string | undefined>,
): LinkTarget | null {
  if (query.scene !== undefined) {
    let scene = query.scene
    try {
      scene = decodeURIComponent(scene)
    } catch {
      return null
    }
    return parseScene(scene)
  }
  const id = query.id
  if (!id) return null
  const clean = page.replace(/^\//, '')
  if (clean === ISSUE_PAGE)
    return issueNumberOf(id) !== null ? { kind: 'issue', issueId: id } : null
  if (clean === ARTICLE_PAGE)
    return sceneFor({ kind: 'article', articleId: id }) ? { kind: 'article', articleId: id } : null
  return null
}
