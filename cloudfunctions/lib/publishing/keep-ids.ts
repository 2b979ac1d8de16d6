import { articleIdOf } from '../../../core/ids'
import { titleSimilarity, SAME_TITLE } from '../../../core/issue-text/title-match'
import type { ReplaceDiff } from '../../../core/api/publish'
import type { ParsedIssue } from '../../../core/types'

export interface PublishedArticleRef {
  id: string
  title: string
  region: string
}

/**
 * A corrected file keeps the ids of the articles it still has, so readers' favourites, shared
 * links and QR codes keep working: each new article takes the id of the best-matching published one
 * (same region first, tolerant title match); articles that are really new get unused ids.
 */
export function keepArticleIds(
  previous: PublishedArticleRef[],
  parsed: ParsedIssue,
): { parsed: ParsedIssue; kept: number; added: number } {
  const free = new Set(previous.map((p) => p.id))
  const ids: (string | null)[] = parsed.articles.map(() => null)
  // Best pairs first, so a slightly edited title never steals the id of an unchanged one.
  const pairs = parsed.articles
    .flatMap((a, i) =>
      previous.map((p) => ({
        i,
        id: p.id,
        score: titleSimilarity(a.title, p.title) + (a.region === p.region ? 0.01 : 0),
      })),
    )
    .filter((pair) => pair.score >= SAME_TITLE)
    .sort((x, y) => y.score - x.score)
  for (const { i, id } of pairs) {
    if (ids[i] === null && free.has(id)) {
      ids[i] = id
      free.delete(id)
    }
  }
  const taken = new Set([
    ...previous.map((p) => p.id),
    ...ids.filter((id): id is string => id !== null),
  ])
  let next = 1
  const unused = (): string => {
    while (taken.has(articleIdOf(parsed.issue.id, next))) next++
    const id = articleIdOf(parsed.issue.id, next)
    taken.add(id)
    return id
  }
  let kept = 0
  const articles = parsed.articles.map((a, i) => {
    if (ids[i] !== null) kept++
    return { ...a, id: ids[i] ?? unused() }
  })
  return { parsed: { ...parsed, articles }, kept, added: articles.length - kept }
}

/**
 * The difference a replacement makes, article by article, once the new articles carry their kept
 * ids: what stays, what was retitled, what is new, and what readers lose.
 */
export function replaceDiff(
  previous: PublishedArticleRef[],
  next: { id: string; title: string; region: string }[],
): ReplaceDiff {
  const before = new Map(previous.map((p) => [p.id, p]))
  const now = new Set(next.map((a) => a.id))
  const diff: ReplaceDiff = { kept: [], changed: [], added: [], removed: [] }
  for (const { id, title, region } of next) {
    const old = before.get(id)
    if (!old) diff.added.push({ id, title, region })
    else if (old.title === title && old.region === region) diff.kept.push({ id, title, region })
    else diff.changed.push({ id, title, region, before: old.title })
  }
  for (const p of previous)
    if (!now.has(p.id)) diff.removed.push({ id: p.id, title: p.title, region: p.region })
  return diff
}
