/** A reader's one-time grants for the notification template (collection `grants`, _id = OPENID). */
export interface GrantRecord {
  _id: string
  templateId: string
  /** Grants left: each accepted tap adds one; each message sent uses one. */
  count: number
  /** When the count last rose from zero: a job includes readers who held a grant when it was created. */
  since: string
  updatedAt: string
}

export const GRANTS = 'grants'
