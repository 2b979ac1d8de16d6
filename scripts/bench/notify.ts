/**
 * `npm run --silent bench:notify -- --json --subscribers N --rate R --kills K`: the real worker on
 * the local cloud against N subscribers, the send stand-in capped at R messages/s with 1% transient
 * errors, 5% 43101 and 0.1% no answer, the worker killed K times at random points and restarted as
 * the trigger would. Prints one JSON object of outcomes (see `NotifyBenchResult`).
 */
import { spawn } from 'child_process'
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
import { LOCAL_INDEXES } from '../../server/local-cloud'
import { MESSAGES } from '../../server/stand-ins/subscribe-message-api'
import { seededRandom } from '../corpus/prng'
import { seedIssues } from './content-corpus'

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

async function seedStore(dir: string, subscribers: number, rate: number): Promise<void> {
  const db = new EmbeddedDatabase(dir, LOCAL_INDEXES)
  const since = new Date(Date.now() - 60000).toISOString()
  const grants = await db.store(GRANTS)
  for (let i = 0; i < subscribers; i += 10000) {
    const batch = Array.from({ length: Math.min(10000, subscribers - i) }, (_, k) => ({
      _id: `o${String(i + k).padStart(7, '0')}`,
      templateId: 'local-new-issue',
      count: 1,
      since,
      updatedAt: since,
    }))
    await grants.insertAsync(batch)
  }
  await saveNotifyConfig(db, { ratePerSecond: rate, concurrency: 8 })
  const [parsed] = seedIssues()
  const r = await publishFunction(
    { action: 'issues.publish', parsed: { issue: parsed.issue, articles: parsed.articles } },
    { openid: 'bench-editor', now: () => new Date() },
    { db, admins: allowlist(['bench-editor']) },
  )
  if (!r.ok) throw new Error(r.error.message)
  await db.compact()
  await db.close()
}

interface RunOutcome {
  killed: boolean
  idle: boolean
  calls: number
}

function runWorker(dir: string, rate: number, killAfterMs: number | null): Promise<RunOutcome> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/notify/worker-process.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dir,
      SEND_RATE_CAP: String(rate),
      SEND_TRANSIENT_RATE: '0.01',
      SEND_NO_GRANT_RATE: '0.05',
      SEND_NO_ANSWER_RATE: '0.001',
      SEND_LATENCY_MS: '5',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let out = ''
  child.stdout.on('data', (c: Buffer) => (out += c.toString()))
  const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs)
  return new Promise((resolve) => {
    child.on('exit', (_code, signal) => {
      if (timer) clearTimeout(timer)
      if (signal === 'SIGKILL') return resolve({ killed: true, idle: false, calls: 0 })
      try {
        const summary = JSON.parse(out.trim().split('\n').pop() ?? '{}') as {
          idle?: boolean
          calls?: number
        }
        resolve({ killed: false, idle: summary.idle === true, calls: summary.calls ?? 0 })
      } catch {
        resolve({ killed: false, idle: false, calls: 0 })
      }
    })
  })
}

async function measure(
  dir: string,
  subscribers: number,
  rate: number,
  seconds: number,
  kills: number,
  runs: number,
): Promise<NotifyBenchResult> {
  const db = new EmbeddedDatabase(dir, LOCAL_INDEXES)
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
  const attempts = deliveries.reduce((n, d) => n + d.attempts, 0) + byState('unknown').length
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
    ratePerSecond: Number((attempts / seconds).toFixed(1)),
    rateCap: rate,
    sentPerSecond: Number((byState('sent').length / seconds).toFixed(1)),
    noAnswerInjected: messages.filter((m) => m.answered === false).length,
    noGrant: byState('no_grant').length,
    kills,
    runs,
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
  try {
    await seedStore(dir, subscribers, rate)
    const random = seededRandom(subscribers + kills)
    const expectedMs = (subscribers / rate) * 1000
    const killAt = Array.from({ length: kills }, () => 2000 + random() * expectedMs * 0.8).sort(
      (a, b) => a - b,
    )
    const t0 = performance.now()
    let runs = 0
    let killed = 0
    for (;;) {
      const elapsed = performance.now() - t0
      const nextKill = killed < killAt.length ? Math.max(500, killAt[killed] - elapsed) : null
      const run = await runWorker(dir, rate, nextKill)
      runs++
      if (run.killed) killed++
      else if (run.idle) break
      if (runs > 500) throw new Error('the worker does not finish')
    }
    return await measure(dir, subscribers, rate, (performance.now() - t0) / 1000, killed, runs)
  } finally {
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
