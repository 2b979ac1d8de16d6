import { randomBytes } from 'crypto'
import { mkdtempSync } from 'fs'
import os from 'os'
import path from 'path'
import { contentFunction } from '../cloudfunctions/lib/content/handlers'
import { notifyDefaults, RUN_BUDGET_MS } from '../cloudfunctions/lib/notify/defaults'
import { notifyFunction } from '../cloudfunctions/lib/notify/handlers'
import type { RunSummary, WorkerDeps } from '../cloudfunctions/lib/notify/worker'
import { publishFunction } from '../cloudfunctions/lib/publishing/handlers'
import { subscriptionFunction } from '../cloudfunctions/lib/subscription/handlers'
import { qrcodeFunction } from '../cloudfunctions/lib/qrcode/handlers'
import { allowlist, type AdminDirectory } from '../cloudfunctions/lib/ports/admins'
import { SOURCE, type CallContext } from '../cloudfunctions/lib/ports/context'
import type { ApiResponse } from '../core/api/response'
import { SubscribeMessageStandIn } from './stand-ins/subscribe-message-api'
import { LocalFileStorage, WxacodeStandIn } from './stand-ins/wxacode-api'
import { EmbeddedDatabase, type IndexSpec } from './store/embedded-database'
import { isolatedImporter } from './import/isolated-import'

export type CloudFunction = (event: unknown, ctx: CallContext) => Promise<ApiResponse<unknown>>

export interface LocalCloud {
  db: EmbeddedDatabase
  admins: AdminDirectory
  send: SubscribeMessageStandIn
  storage: LocalFileStorage
  functions: Record<string, CloudFunction>
  /**
   * Runs the notification worker in the background until it is idle, as the timer trigger does
   * (`source` is the call chain: the timer's by default, the publish function's for its kick).
   */
  kickNotify: (source?: string) => Promise<void>
}

/** Pages of the released mini-program a message may open (what WeChat checks for 41030). */
export const RELEASED_PAGES = [
  'pages/latest/index',
  'packages/reader/issue/index',
  'packages/reader/article/index',
]

export const LOCAL_TEMPLATE_ID = 'local-new-issue'

/** The indexes a deployment creates in the console (`_id` is always indexed). */
export const LOCAL_INDEXES: Record<string, IndexSpec[]> = {
  deliveries: ['seq'],
  articles: ['issueId', { keys: 'searchKeys' }],
}

/** Reads `ADMIN_OPENIDS` (comma-separated): who may publish on the local cloud. */
export const adminOpenidsFromEnv = (env: NodeJS.ProcessEnv): string[] =>
  (env.ADMIN_OPENIDS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)

/** The chain of the worker's call to itself: ending in `scf` (once is enough to say so). */
const reinvoked = (chain: string): string =>
  chain.endsWith(`,${SOURCE.function}`) ? chain : `${chain},${SOURCE.function}`

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/**
 * The local stand-in for WeChat's cloud: the deployable functions' own handlers, bound to the
 * embedded store and the send-message stand-in instead of wx-server-sdk. One code path.
 */
export function createLocalCloud(
  dataDir: string | null,
  adminOpenids: string[],
  {
    templateId = LOCAL_TEMPLATE_ID,
    kickOnPublish = true,
    repair = false,
    log,
  }: {
    templateId?: string
    kickOnPublish?: boolean
    /** See `StoreOptions`: move damaged store lines to quarantine instead of refusing. */
    repair?: boolean
    /** Where the store's notes on removed lines go (stderr). */
    log?: (line: string) => void
  } = {},
): LocalCloud {
  const db = new EmbeddedDatabase(dataDir, LOCAL_INDEXES, { repair, log })
  const admins = allowlist(adminOpenids)
  const send = new SubscribeMessageStandIn(db, { templateIds: [templateId], pages: RELEASED_PAGES })
  const defaults = notifyDefaults(templateId)
  const storage = new LocalFileStorage(
    dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'local-cloud-')),
  )
  const wxacode = new WxacodeStandIn(RELEASED_PAGES)
  const importFile = isolatedImporter()
  const worker = (): Omit<WorkerDeps, 'db'> => ({
    send,
    defaults,
    runId: randomBytes(6).toString('hex'),
    now: () => new Date(),
    sleep,
    budgetMs: RUN_BUDGET_MS,
  })
  let running: Promise<void> | null = null
  const kickNotify = (source: string = SOURCE.timer): Promise<void> => {
    // One worker at a time, through the notify function with the call chain WeChat would give it
    // (the timer's, or the publish function's call), running back to back while work remains as
    // the deployed function re-invokes itself; a kick during it is picked up by its next run.
    const untilIdle = async (): Promise<void> => {
      for (let chain = source; ; chain = reinvoked(chain)) {
        const r = await functions.notify(
          { action: 'notify.run' },
          { openid: null, now: () => new Date(), source: chain },
        )
        if (!r.ok) throw new Error(r.error.message)
        if ((r.data as RunSummary).idle) return
      }
    }
    running ??= untilIdle()
      .catch((e) => console.error('notify worker failed:', e))
      .finally(() => {
        running = null
      })
    return running
  }
  const functions: Record<string, CloudFunction> = {
    content: (event, ctx) => contentFunction(event, ctx, { db }),
    publish: (event, ctx) =>
      publishFunction(event, ctx, {
        db,
        admins,
        storage,
        importFile,
        kickNotify: kickOnPublish
          ? () => void kickNotify(`${SOURCE.client},${SOURCE.function}`)
          : undefined,
      }),
    subscription: (event, ctx) => subscriptionFunction(event, ctx, { db, templateId }),
    notify: (event, ctx) => notifyFunction(event, ctx, { db, admins, worker }),
    qrcode: (event, ctx) => qrcodeFunction(event, ctx, { db, admins, wxacode, storage }),
  }
  return {
    db,
    admins,
    send,
    storage,
    kickNotify,
    functions,
  }
}
