import path from 'path'
import type { ApiResponse } from '@core/api/response'
import type { PublishResults } from '@core/api/publish'
import type { ParsedIssue } from '@core/index'
import { callAsOperator } from '../../server/local-call'

/** Publishes through the same `publish` function the cloud runs, into the store in `DATA_DIR`. */
export function publishLocally(parsed: ParsedIssue, root: string): Promise<ApiResponse<PublishResults['issues.publish']>> {
  const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(root, '.data'))
  return callAsOperator(dataDir, 'publish', { action: 'issues.publish', parsed: { issue: parsed.issue, articles: parsed.articles } })
}
