/**
 * `npm run notify:status`: the notification jobs of the local store (`DATA_DIR`) and their counts,
 * through the running server when there is one (one writer per store), else from the store.
 */
import path from 'path'
import type { JobView } from '@core/api/notify'
import { callAsOperator } from '../../server/local-call'

const ROOT = path.resolve(__dirname, '../..')

async function main(): Promise<void> {
  const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(ROOT, '.data'))
  const result = await callAsOperator<{ items: JobView[] }>(dataDir, 'notify', {
    action: 'jobs.list',
  })
  if (!result.ok) throw new Error(result.error.message)
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(result.data.items, null, 2)}\n`)
    return
  }
  if (result.data.items.length === 0) console.log('no notification jobs')
  for (const j of result.data.items) {
    const c = j.counts
    const pause = j.pauseReason ? ` (paused: ${j.pauseReason})` : ''
    console.log(
      `${j.issueId}  ${j.status}${pause}  recipients ${j.total}  sent ${c.sent}  failed ${c.failed}  no grant ${c.noGrant}  unknown ${c.unknown}  retries ${c.retried}  updated ${j.updatedAt}`,
    )
  }
}

main().catch((e) => {
  console.error(`error: ${(e as Error).message}`)
  process.exit(1)
})
