/**
 * `npm run notify:status`: the notification jobs of the local store (`DATA_DIR`) and their counts,
 * through the running server when there is one (one writer per store), else from the store.
 */
import path from 'path'
import type { JobView } from '@core/api/notify'
import type { ApiResponse } from '@core/api/response'
import { createLocalCloud } from '../../server/local-cloud'
import { newOperatorOpenid, runningServer } from '../../server/operator-file'
import { lockStore } from '../../server/store/store-lock'

const ROOT = path.resolve(__dirname, '../..')

async function listJobs(dataDir: string): Promise<ApiResponse<{ items: JobView[] }>> {
  const server = runningServer(dataDir)
  if (server) {
    const res = await fetch(`http://127.0.0.1:${server.port}/api/notify`, {
      method: 'POST',
      headers: { 'x-wx-openid': server.operatorOpenid },
      body: JSON.stringify({ action: 'jobs.list' }),
    })
    return (await res.json()) as ApiResponse<{ items: JobView[] }>
  }
  const unlock = lockStore(dataDir)
  try {
    const operator = newOperatorOpenid()
    const cloud = createLocalCloud(dataDir, [operator])
    return (await cloud.functions.notify({ action: 'jobs.list' }, { openid: operator, now: () => new Date() })) as ApiResponse<{ items: JobView[] }>
  } finally {
    unlock()
  }
}

async function main(): Promise<void> {
  const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(ROOT, '.data'))
  const result = await listJobs(dataDir)
  if (!result.ok) throw new Error(result.error.message)
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(result.data.items, null, 2)}\n`)
    return
  }
  if (result.data.items.length === 0) console.log('no notification jobs')
  for (const j of result.data.items) {
    const c = j.counts
    const pause = j.pauseReason ? ` (paused: ${j.pauseReason})` : ''
    console.log(`${j.issueId}  ${j.status}${pause}  recipients ${j.total}  sent ${c.sent}  failed ${c.failed}  no grant ${c.noGrant}  unknown ${c.unknown}  retries ${c.retried}  updated ${j.updatedAt}`)
  }
}

main().catch((e) => {
  console.error(`error: ${(e as Error).message}`)
  process.exit(1)
})
