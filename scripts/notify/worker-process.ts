/**
 * The notification worker as a function process of the local cloud: started with an IPC channel
 * by the process that owns the store and the send-message stand-in (see `server/ipc`), it reaches
 * both through that channel, as a deployed function reaches the cloud database and the send API.
 * Runs of bounded length go back to back while work remains (a run that ends with work left
 * re-invokes the function, as the deployed one does), until it is idle; then it prints the last
 * run's summary as JSON and exits. Used by `bench:notify`, which bundles it as a function is
 * bundled and kills it at random points.
 */
import { randomBytes } from 'crypto'
import { runNotifyWorker } from '../../cloudfunctions/lib/notify/worker'
import { notifyDefaults, RUN_BUDGET_MS } from '../../cloudfunctions/lib/notify/defaults'
import { RemoteCloud, type Channel } from '../../server/ipc/remote-cloud'

const num = (name: string, fallback: number): number => Number(process.env[name] ?? fallback)

async function main(): Promise<void> {
  if (!process.send) throw new Error('start the worker with an IPC channel to the local cloud')
  const templateId = process.env.NOTIFY_TEMPLATE_ID
  if (!templateId) throw new Error('NOTIFY_TEMPLATE_ID is not set')
  // Without the local cloud there is no store to work on.
  process.on('disconnect', () => process.exit(1))
  const cloud = new RemoteCloud(process as unknown as Channel)
  const db = cloud.database()
  const send = cloud.sendApi()
  let runs = 0
  for (;;) {
    const summary = await runNotifyWorker({
      db,
      send,
      defaults: notifyDefaults(templateId),
      runId: randomBytes(6).toString('hex'),
      now: () => new Date(),
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      budgetMs: num('RUN_BUDGET_MS', RUN_BUDGET_MS),
    })
    runs++
    if (summary.idle || runs >= num('MAX_RUNS', 1000)) {
      process.stdout.write(`${JSON.stringify({ ...summary, runs })}\n`)
      break
    }
  }
  process.disconnect()
}

main().catch((e) => {
  process.stderr.write(`error: ${(e as Error).message}\n`)
  process.exit(1)
})
