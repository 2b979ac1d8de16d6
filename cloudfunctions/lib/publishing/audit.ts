import type { Database } from '../ports/database'

/** Who did what to which issue, and when (collection `audit`, newest first on the admin page). */
export interface AuditEntry {
  _id: string
  at: string
  openid: string
  action: string
  issueId: string | null
  detail: string
}

export const AUDIT = 'audit'

export async function audit(db: Database, entry: Omit<AuditEntry, '_id'>): Promise<void> {
  await db.collection<AuditEntry>(AUDIT).add({ data: entry })
}

export async function auditPage(
  db: Database,
  before: string | null,
  limit: number,
): Promise<AuditEntry[]> {
  const _ = db.command
  const where = before ? { at: _.lt(before) } : {}
  const { data } = await db
    .collection<AuditEntry>(AUDIT)
    .where(where)
    .orderBy('at', 'desc')
    .limit(limit)
    .get()
  return data
}
