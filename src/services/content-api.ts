import type { ContentAction, ContentInput, ContentResults } from '@core/api/content'
import type { ApiResponse } from '@core/api/response'

import { safeCall, type Transport } from './transport'

type Result<A extends ContentAction> = Promise<ApiResponse<ContentResults[A]>>

/** Typed calls of the `content` function; every method resolves to an envelope and never throws. */
export class ContentApi {
  constructor(private readonly transport: Transport) {}

  private send<A extends ContentAction>(input: Extract<ContentInput, { action: A }>): Result<A> {
    return safeCall<'content', A>(this.transport, 'content', input)
  }

  listIssues(cursor?: string, limit?: number): Result<'issues.list'> {
    return this.send<'issues.list'>({ action: 'issues.list', ...defined({ cursor, limit }) })
  }

  getIssue(id: string): Result<'issues.get'> {
    return this.send<'issues.get'>({ action: 'issues.get', id })
  }

  getArticle(id: string): Result<'articles.get'> {
    return this.send<'articles.get'>({ action: 'articles.get', id })
  }

  listRegions(): Result<'regions.list'> {
    return this.send<'regions.list'>({ action: 'regions.list' })
  }

  listArticlesByRegion(
    region: string,
    cursor?: string,
    limit?: number,
  ): Result<'articles.byRegion'> {
    return this.send<'articles.byRegion'>({
      action: 'articles.byRegion',
      region,
      ...defined({ cursor, limit }),
    })
  }

  search(
    q: string,
    options: { region?: string; cursor?: string; limit?: number } = {},
  ): Result<'search'> {
    return this.send<'search'>({ action: 'search', q, ...defined(options) })
  }
}

/** Drops undefined fields: the server's schemas are strict and JSON would drop them anyway. */
export function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  const out: Partial<T> = {}
  for (const [k, v] of Object.entries(o))
    if (v !== undefined) (out as Record<string, unknown>)[k] = v
  return out
}
