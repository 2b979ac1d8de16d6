import { mkdirSync } from 'fs'
import path from 'path'
import type { ApiResponse } from '@core/api/response'
import type { PublishResults } from '@core/api/publish'
import type { ParsedIssue } from '@core/index'
import { createLocalCloud } from '../../server/local-cloud'
import { newOperatorOpenid, runningServer } from '../../server/operator-file'
import { delayWrites } from '../../server/store/slow-writes'
import { lockStore } from '../../server/store/store-lock'

type Outcome = ApiResponse<PublishResults['issues.publish']>

/**
 * Publishes through the same `publish` function the cloud runs: via the local server when one owns
 * the store (one writer per store), else directly on the store.
 */
export async function publishLocally(parsed: ParsedIssue, root: string): Promise<Outcome> {
  const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(root, '.data'))
  const event = { action: 'issues.publish', parsed: { issue: parsed.issue, articles: parsed.articles } }
  const server = runningServer(dataDir)
  if (server) {
    const res = await fetch(`http://127.0.0.1:${server.port}/api/publish`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': server.operatorOpenid },
      body: JSON.stringify(event),
    })
    return (await res.json()) as Outcome
  }
  mkdirSync(dataDir, { recursive: true })
  const unlock = lockStore(dataDir)
  try {
    const operator = newOperatorOpenid()
    // Without a server, messages go out when it next starts (its timer picks the job up).
    const cloud = createLocalCloud(dataDir, [operator], { kickOnPublish: false })
    const delay = Number(process.env.LOCAL_STORE_WRITE_DELAY_MS ?? 0)
    if (delay > 0) delayWrites(cloud.db, delay)
    return (await cloud.functions.publish(event, { openid: operator, now: () => new Date() })) as Outcome
  } finally {
    unlock()
  }
}
