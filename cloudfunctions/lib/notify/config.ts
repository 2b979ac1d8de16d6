import type { Database } from '../ports/database'
import type { NotifyConfig } from './message'

export const SETTINGS = 'settings'
const NOTIFY_SETTINGS_ID = 'notify'

/**
 * The notification settings: the `settings/notify` document over deployment defaults. Editing the
 * document (and bumping `version`) is how an operator fixes a configuration error that paused a job.
 */
export async function loadNotifyConfig(
  db: Database,
  defaults: NotifyConfig,
): Promise<NotifyConfig> {
  const { data } = await db
    .collection<{ _id: string } & Partial<NotifyConfig>>(SETTINGS)
    .where({ _id: NOTIFY_SETTINGS_ID })
    .limit(1)
    .get()
  const { _id: _ignored, ...stored } = data[0] ?? { _id: NOTIFY_SETTINGS_ID }
  return { ...defaults, ...stored }
}

export async function saveNotifyConfig(db: Database, patch: Partial<NotifyConfig>): Promise<void> {
  const current = await loadNotifyConfig(db, {
    templateId: '',
    issuePage: '',
    miniprogramState: 'formal',
    ratePerSecond: 0,
    concurrency: 0,
    version: 0,
  })
  await db
    .collection(SETTINGS)
    .doc(NOTIFY_SETTINGS_ID)
    .set({ data: { ...stripEmpty(current), ...patch, version: (current.version ?? 0) + 1 } })
}

const stripEmpty = (c: Partial<NotifyConfig>): Partial<NotifyConfig> =>
  Object.fromEntries(
    Object.entries(c).filter(([, v]) => v !== '' && v !== 0),
  ) as Partial<NotifyConfig>
