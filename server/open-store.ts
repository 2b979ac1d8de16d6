import { loadDemoIssues } from './demo'
import { createLocalCloud, type LocalCloud } from './local-cloud'
import { sweepOrphanArticles } from '../cloudfunctions/lib/publishing/publish-issue'
import { isNewStore } from './store/integrity'

export interface OpenedStore {
  cloud: LocalCloud
  /** Demo issues published (only into a folder that held no store at all). */
  demoIssues: number
  /** Article records of interrupted first publishes removed. */
  swept: number
}

/**
 * Opens the local cloud on a data folder as the server starts it: every store file is checked
 * and loaded now (a damaged one stops the start, naming file, lines and count, unless `repair`),
 * article records left by interrupted publishes are swept (nothing else writes yet), and the demo
 * issues go only into a folder that held no store files at all.
 */
export async function openLocalStore(
  dataDir: string,
  adminOpenids: string[],
  {
    repair = false,
    now = new Date(),
    log,
  }: { repair?: boolean; now?: Date; log?: (line: string) => void } = {},
): Promise<OpenedStore> {
  const fresh = isNewStore(dataDir)
  const cloud = createLocalCloud(dataDir, adminOpenids, { repair, log })
  await cloud.db.openAll()
  const swept = await sweepOrphanArticles(cloud.db, now)
  const demoIssues = fresh ? await loadDemoIssues(cloud.db, now) : 0
  return { cloud, demoIssues, swept }
}

/** `--repair` or `STORE_REPAIR=1`: move damaged store lines to quarantine files and start. */
export const repairRequested = (args: string[], env: NodeJS.ProcessEnv): boolean =>
  args.includes('--repair') || /^(1|true|yes)$/i.test(env.STORE_REPAIR ?? '')
