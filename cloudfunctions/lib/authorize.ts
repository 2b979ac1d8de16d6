import { ApiFailure } from './dispatch'
import type { AdminDirectory } from './ports/admins'
import type { CallContext } from './ports/context'

/** The caller's OPENID when they are an editor; permission_denied with `refusal` otherwise. */
export async function requireEditor(
  admins: AdminDirectory,
  ctx: CallContext,
  refusal: string,
): Promise<string> {
  if (!ctx.openid || !(await admins.isAdmin(ctx.openid)))
    throw new ApiFailure('permission_denied', refusal)
  return ctx.openid
}
