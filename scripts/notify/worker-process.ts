/**
 * The notification worker in its own process, on the local store in DATA_DIR: runs of bounded
 * length back to back while work remains (a run that ends with work left re-invokes the function,
 * as the deployed one does), until it is idle. Prints the last run's summary as JSON. Used by
 * `bench:notify`, which kills it at random points; send-API failure injection comes from the
 * environment.
 */
import { randomBytes } from 'crypto'
import path from 'path'
import { runNotifyWorker } from '../../cloudfunctions/lib/notify/worker'
import { notifyDefaults, RUN_BUDGET_MS } from '../../cloudfunctions/lib/notify/defaults'
import { EmbeddedDatabase } from '../../server/store/embedded-database'
import { LOCAL_INDEXES, LOCAL_TEMPLATE_ID, RELEASED_PAGES } from '../../server/local-cloud'
import { SubscribeMessageStandIn } from '../../server/stand-ins/subscribe-message-api'
import { lockStore } from '../../server/store/store-lock'

const num = (name: string, fallback: number): number => Number(process.env[name] ?? fallback)

async function main(): Promise<void> {
  const dataDir = path.resolve(process.env.DATA_DIR ?? '.data')
  const unlock = lockStore(dataDir)
  try {
    const db = new EmbeddedDatabase(dataDir, LOCAL_INDEXES)
    const send = new SubscribeMessageStandIn(db, {
      templateIds: [LOCAL_TEMPLATE_ID],
      pages: RELEASED_PAGES,
      rateCap: num('SEND_RATE_CAP', 0),
      transientRate: num('SEND_TRANSIENT_RATE', 0),
      noGrantRate: num('SEND_NO_GRANT_RATE', 0),
      noAnswerRate: num('SEND_NO_ANSWER_RATE', 0),
      latencyMs: num('SEND_LATENCY_MS', 0),
    })
    let runs = 0
    for (;;) {
      const summary = await runNotifyWorker({
        db,
        send,
        defaults: notifyDefaults(LOCAL_TEMPLATE_ID),
        runId: randomBytes(6).toString('hex'),
        now: () => new Date(),
        sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
        budgetMs: num('RUN_BUDGET_MS', RUN_BUDGET_MS),
      })
      runs++
      if (summary.idle || runs >= num('MAX_RUNS', 1000)) {
        process.stdout.write(`${JSON.stringify({ ...summary, runs, calls: send.calls })}\n`)
        break
      }
    }
  } finally {
    unlock()
  }
}

main().catch((e) => {
  process.stderr.write(`error: ${(e as Error).message}\n`)
  process.exit(1)
})
