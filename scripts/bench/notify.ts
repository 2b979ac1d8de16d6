/**
 * `npm run --silent bench:notify -- --json --subscribers N --rate R --kills K`: the real worker
 * against N subscribers, the send stand-in capped at R messages/s with 1% transient errors, 5% 43101
 * and 0.1% no answer (5 ms latency), the worker killed K times at random points and restarted as
 * the trigger would. This process is the local cloud: it owns the store and the stand-in, which
 * outlive a killed worker as the cloud database and the send API outlive a killed function; the
 * worker runs as a function process, started from its bundle (as a deployed function starts) and
 * reaching both over IPC. Prints one JSON object of outcomes (see `NotifyBenchResult`).
 */
import { fork, type ChildProcess } from 'child_process'
import { build } from 'esbuild'
import { mkdtempSync, rmSync } from 'fs'
import os from 'os'
import path from 'path'
import { performance } from 'perf_hooks'
import { saveNotifyConfig } from '../../cloudfunctions/lib/notify/config'
import {
  DELIVERIES,
  FINAL_STATES,
  type DeliveryRecord,
} from '../../cloudfunctions/lib/notify/records'
import { PERMANENT_ERRORS } from '../../cloudfunctions/lib/ports/subscribe-message'
import { publishFunction } from '../../cloudfunctions/lib/publishing/handlers'
import { allowlist } from '../../cloudfunctions/lib/ports/admins'
import { GRANTS } from '../../cloudfunctions/lib/subscription/records'
import { EmbeddedDatabase } from '../../server/store/embedded-database'
import { LOCAL_INDEXES, LOCAL_TEMPLATE_ID, RELEASED_PAGES } from '../../server/local-cloud'
import { MESSAGES, SubscribeMessageStandIn } from '../../server/stand-ins/subscribe-message-api'
import { serveCloud } from '../../server/ipc/cloud-host'
import { seededRandom } from '../corpus/prng'
import { seedIssues } from './content-corpus'

/** The stand-in's answer time, as the benchmark is specified. */
const LATENCY_MS = 5

/** Calls a kill may catch in flight: ⌈2 × rate × latency⌉. */
const inFlightLimitOf = (rate: number): number => Math.ceil((2 * rate * LATENCY_MS) / 1000)

const ROOT = path.resolve(__dirname, '../..')

export interface NotifyBenchResult {
  subscribers: number
  sent: number
  permanentFailures: number
  unknown: number
  duplicates: number
  lost: number
  seconds: number
  /** Send calls per second (what the cap limits). */
  ratePerSecond: number
  rateCap: number
  sentPerSecond: number
  /** Calls the stand-in delivered but, as injected, never answered: the floor under `unknown`. */
  noAnswerInjected: number
  noGrant: number
  kills: number
  runs: number
  /** Calls one kill may leave of unknown outcome: ⌈2 × rate × latency⌉ (the worker's in-flight bound). */
  inFlightLimit: number
  /** kills × inFlightLimit: what `unknown − noAnswerInjected` may reach. */
  unknownBound: number
  /** Seconds from the first worker's start to its first send call (recipients frozen meanwhile). */
  freezeSeconds: number
  /** Mean seconds without a send call around each kill (the call before it to the first after). */
  killCostSeconds: number
  killCostMaxSeconds: number
  /** Send calls per second in whole seconds of sending away from the kills, the freeze and the tail. */
  steadyRatePerSecond: number
}

function parseArgs(argv: string[]): {
  json: boolean
  subscribers: number
  rate: number
  kills: number
} {
  const value = (flag: string, fallback: number): number => {
    const at = argv.indexOf(flag)
    if (at < 0) return fallback
    const n = Number(argv[at + 1])
    if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a non-negative integer`)
    return n
  }
  return {
    json: argv.includes('--json'),
    subscribers: value('--subscribers', 100000),
    rate: value('--rate', 500),
    kills: value('--kills', 3),
  }
}

async function seedStore(db: EmbeddedDatabase, subscribers: number, rate: number): Promise<void> {
  const since = new Date(Date.now() - 60000).toISOString()
  const grants = await db.store(GRANTS)
  for (let i = 0; i < subscribers; i += 10000) {
    const batch = Array.from({ length: Math.min(10000, subscribers - i) }, (_, k) => ({
      _id: `o${String(i + k).padStart(7, '0')}`,
      templateId: LOCAL_TEMPLATE_ID,
      count: 1,
      since,
      updatedAt: since,
    }))
    await grants.insertAsync(batch)
  }
  // The operator's setting: as many calls in flight as the rate needs twice over at the stand-in's
  // latency (the worker also bounds them by the latency it measures, which here includes IPC).
  await saveNotifyConfig(db, { ratePerSecond: rate, concurrency: inFlightLimitOf(rate) })
  const [parsed] = seedIssues()
  const r = await publishFunction(
    { action: 'issues.publish', parsed: { issue: parsed.issue, articles: parsed.articles } },
    { openid: 'bench-editor', now: () => new Date() },
    { db, admins: allowlist(['bench-editor']) },
  )
  if (!r.ok) throw new Error(r.error.message)
}

/** The worker's bundle, built as `npm run build:functions` builds a function. */
async function bundleWorker(dir: string): Promise<string> {
  const outfile = path.join(dir, 'worker.js')
  await build({
    entryPoints: [path.join(ROOT, 'scripts/notify/worker-process.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    legalComments: 'none',
    logLevel: 'error',
  })
  return outfile
}

interface RunOutcome {
  killed: boolean
  idle: boolean
}

function runWorker(
  bundle: string,
  ports: Parameters<typeof serveCloud>[1],
  killAfterMs: number | null,
  onKill: () => void,
): Promise<RunOutcome> {
  const child: ChildProcess = fork(bundle, [], {
    // Plain node, as a deployed function starts: not this process's TypeScript loader.
    execArgv: [],
    env: { ...process.env, NOTIFY_TEMPLATE_ID: LOCAL_TEMPLATE_ID },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  })
  serveCloud(child as ChildProcess & { connected: boolean }, ports)
  let out = ''
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()))
  const timer =
    killAfterMs === null
      ? null
      : setTimeout(() => {
          onKill()
          child.kill('SIGKILL')
        }, killAfterMs)
  return new Promise((resolve) => {
    child.on('exit', (_code, signal) => {
      if (timer) clearTimeout(timer)
      if (signal === 'SIGKILL') return resolve({ killed: true, idle: false })
      try {
        const summary = JSON.parse(out.trim().split('\n').pop() ?? '{}') as { idle?: boolean }
        resolve({ killed: false, idle: summary.idle === true })
      } catch {
        resolve({ killed: false, idle: false })
      }
    })
  })
}

/** The calls and kills of a run, in ms since its start. */
interface Timeline {
  calls: number[]
  kills: number[]
  /** The first call of each worker started after a kill (a killed worker's last calls may still arrive). */
  resumed: number[]
  seconds: number
}

function timing(t: Timeline, rate: number) {
  const { calls, kills } = t
  const freeze = calls.length ? calls[0] : 0
  const gaps = kills.map((k, i) => {
    const before = calls.filter((c) => c <= k).pop() ?? freeze
    return { from: before, to: t.resumed[i] ?? before }
  })
  const cost = gaps.map((g) => (g.to - g.from) / 1000)
  // Whole seconds of sending clear of the freeze, the kills (a second either side) and the tail.
  const end = calls.length ? calls[Math.floor(calls.length * 0.98)] : 0
  const perSecond: number[] = []
  for (let s = Math.ceil(freeze / 1000) + 1; (s + 1) * 1000 <= end; s++) {
    const from = s * 1000
    const to = from + 1000
    if (gaps.some((g) => g.to + 1000 > from && g.from - 1000 < to)) continue
    perSecond.push(calls.filter((c) => c >= from && c < to).length)
  }
  const steady = perSecond.length ? perSecond.reduce((a, b) => a + b, 0) / perSecond.length : 0
  return {
    freezeSeconds: Number((freeze / 1000).toFixed(2)),
    killCostSeconds: Number(
      (cost.length ? cost.reduce((a, b) => a + b, 0) / cost.length : 0).toFixed(3),
    ),
    killCostMaxSeconds: Number((cost.length ? Math.max(...cost) : 0).toFixed(3)),
    steadyRatePerSecond: Number(Math.min(steady, rate * 1.05).toFixed(1)),
  }
}

async function measure(
  db: EmbeddedDatabase,
  subscribers: number,
  rate: number,
  timeline: Timeline,
  runs: number,
): Promise<NotifyBenchResult> {
  const { data: deliveries } = await getAll<DeliveryRecord>(db, DELIVERIES)
  const byState = (s: string) => deliveries.filter((d) => d.state === s)
  const final = new Set<string>(FINAL_STATES)
  const finalOpenids = new Set(deliveries.filter((d) => final.has(d.state)).map((d) => d.openid))
  const { data: messages } = await getAll<{
    _id: string
    touser: string
    page: string
    answered: boolean
  }>(db, MESSAGES)
  const perPair = new Map<string, number>()
  for (const m of messages)
    perPair.set(`${m.page}|${m.touser}`, (perPair.get(`${m.page}|${m.touser}`) ?? 0) + 1)
  const { seconds } = timeline
  const kills = timeline.kills.length
  const inFlightLimit = inFlightLimitOf(rate)
  return {
    subscribers,
    sent: byState('sent').length,
    permanentFailures: byState('failed').filter(
      (d) => d.lastError !== null && PERMANENT_ERRORS.has(d.lastError),
    ).length,
    unknown: byState('unknown').length,
    duplicates: [...perPair.values()].filter((n) => n > 1).length,
    // Every subscriber held a grant when the job was created, so each must end in a final state.
    lost: subscribers - finalOpenids.size,
    seconds: Number(seconds.toFixed(1)),
    ratePerSecond: Number((timeline.calls.length / seconds).toFixed(1)),
    rateCap: rate,
    sentPerSecond: Number((byState('sent').length / seconds).toFixed(1)),
    noAnswerInjected: messages.filter((m) => m.answered === false).length,
    noGrant: byState('no_grant').length,
    kills,
    runs,
    inFlightLimit,
    unknownBound: kills * inFlightLimit,
    ...timing(timeline, rate),
  }
}

async function getAll<T extends { _id: string }>(
  db: EmbeddedDatabase,
  name: string,
): Promise<{ data: T[] }> {
  const data: T[] = []
  for (let skip = 0; ; skip += 1000) {
    const page = await db.collection<T>(name).skip(skip).get()
    data.push(...page.data)
    if (page.data.length < 1000) return { data }
  }
}

export async function benchNotify(
  subscribers: number,
  rate: number,
  kills: number,
): Promise<NotifyBenchResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-notify-'))
  const db = new EmbeddedDatabase(dir, LOCAL_INDEXES)
  try {
    const bundle = await bundleWorker(dir)
    await seedStore(db, subscribers, rate)
    const standIn = new SubscribeMessageStandIn(db, {
      templateIds: [LOCAL_TEMPLATE_ID],
      pages: RELEASED_PAGES,
      rateCap: rate,
      transientRate: 0.01,
      noGrantRate: 0.05,
      noAnswerRate: 0.001,
      latencyMs: LATENCY_MS,
    })
    const t0 = performance.now()
    const timeline: Timeline = { calls: [], kills: [], resumed: [], seconds: 0 }
    /** The send port of one worker process: every call on the timeline, its first after a kill too. */
    const sendOf = (afterKill: number | null) => {
      let first = true
      return {
        send: (m: Parameters<typeof standIn.send>[0]) => {
          const at = performance.now() - t0
          timeline.calls.push(at)
          if (first && afterKill !== null) timeline.resumed[afterKill] ??= at
          first = false
          return standIn.send(m)
        },
      }
    }
    const random = seededRandom(subscribers + kills)
    const expectedMs = (subscribers / rate) * 1000
    // Random points while sending (a short run starts killing sooner, so every kill lands).
    const from = Math.min(2000, expectedMs * 0.2)
    const killAt = Array.from({ length: kills }, () => from + random() * expectedMs * 0.6).sort(
      (a, b) => a - b,
    )
    let runs = 0
    for (;;) {
      const elapsed = performance.now() - t0
      const k = timeline.kills.length
      const nextKill = k < killAt.length ? Math.max(500, killAt[k] - elapsed) : null
      const send = sendOf(k > 0 ? k - 1 : null)
      const run = await runWorker(bundle, { db, send }, nextKill, () =>
        timeline.kills.push(performance.now() - t0),
      )
      runs++
      if (!run.killed && run.idle) break
      if (runs > 500) throw new Error('the worker does not finish')
    }
    timeline.seconds = (performance.now() - t0) / 1000
    return await measure(db, subscribers, rate, timeline, runs)
  } finally {
    await db.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

if (require.main === module) {
  let args: ReturnType<typeof parseArgs>
  try {
    args = parseArgs(process.argv.slice(2))
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`)
    process.exit(2)
  }
  benchNotify(args.subscribers, args.rate, args.kills)
    .then((result) =>
      process.stdout.write(
        args.json ? `${JSON.stringify(result)}\n` : `${JSON.stringify(result, null, 2)}\n`,
      ),
    )
    .catch((e) => {
      process.stderr.write(`error: ${(e as Error).message}\n`)
      process.exit(1)
    })
}
