/** Who may publish. Production reads the `admins` collection; locally `ADMIN_OPENIDS` configures it. */
export interface AdminDirectory {
  isAdmin(openid: string | null): Promise<boolean>
}

/** A fixed allowlist (local mode and tests). */
export const allowlist = (openids: Iterable<string>): AdminDirectory => {
  const set = new Set(openids)
  return { isAdmin: async (openid) => openid !== null && set.has(openid) }
}
