import { contentFunction } from '../cloudfunctions/lib/content/handlers'
import { publishFunction } from '../cloudfunctions/lib/publishing/handlers'
import { allowlist, type AdminDirectory } from '../cloudfunctions/lib/ports/admins'
import type { CallContext } from '../cloudfunctions/lib/ports/context'
import type { ApiResponse } from '../core/api/response'
import { EmbeddedDatabase } from './store/embedded-database'

export type CloudFunction = (event: unknown, ctx: CallContext) => Promise<ApiResponse<unknown>>

export interface LocalCloud {
  db: EmbeddedDatabase
  admins: AdminDirectory
  functions: Record<string, CloudFunction>
}

/** Reads `ADMIN_OPENIDS` (comma-separated): who may publish on the local cloud. */
export const adminOpenidsFromEnv = (env: NodeJS.ProcessEnv): string[] =>
  (env.ADMIN_OPENIDS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)

/**
 * The local stand-in for WeChat's cloud: the deployable functions' own handlers, bound to the
 * embedded store instead of wx-server-sdk. One code path; only the ports differ.
 */
export function createLocalCloud(dataDir: string | null, adminOpenids: string[]): LocalCloud {
  const db = new EmbeddedDatabase(dataDir)
  const admins = allowlist(adminOpenids)
  return {
    db,
    admins,
    functions: {
      content: (event, ctx) => contentFunction(event, ctx, { db }),
      publish: (event, ctx) => publishFunction(event, ctx, { db, admins }),
    },
  }
}
