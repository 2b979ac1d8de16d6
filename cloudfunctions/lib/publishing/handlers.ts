import { publishInput, type PublishResults } from '../../../core/api/publish'
import type { ParsedIssue } from '../../../core/types'
import { ApiFailure, createFunction } from '../dispatch'
import type { AdminDirectory } from '../ports/admins'
import type { CallContext } from '../ports/context'
import type { Database } from '../ports/database'
import { createJobOnce } from '../notify/jobs'
import { publishIssue, unpublishIssue } from './publish-issue'

export interface PublishDeps {
  db: Database
  admins: AdminDirectory
  /** Starts the notification worker now rather than at its next timer tick (fire and forget). */
  kickNotify?: () => void
}

async function requireAdmin(ctx: CallContext, deps: PublishDeps): Promise<void> {
  if (!(await deps.admins.isAdmin(ctx.openid))) throw new ApiFailure('permission_denied', 'only editors may publish')
}

/** The admin-only `publish` function: publish (or replace) and unpublish issues. */
export const publishFunction = createFunction(publishInput, {
  async 'issues.publish'(input, ctx, deps: PublishDeps): Promise<PublishResults['issues.publish']> {
    await requireAdmin(ctx, deps)
    const parsed = { warnings: [], ...input.parsed } as ParsedIssue
    const { issueId, firstPublish, replaced, articleCount } = await publishIssue(deps.db, parsed, ctx.now())
    // After the issue is visible, so a notification never opens a missing page. Once per issue:
    // a corrected republish finds the job and notifies nobody again.
    const jobCreated = await createJobOnce(deps.db, parsed, ctx.now())
    if (jobCreated) deps.kickNotify?.()
    return { issueId, firstPublish, replaced, articleCount, jobCreated }
  },

  async 'issues.unpublish'(input, ctx, deps: PublishDeps): Promise<PublishResults['issues.unpublish']> {
    await requireAdmin(ctx, deps)
    const unpublished = await unpublishIssue(deps.db, input.id, ctx.now())
    if (!unpublished) throw new ApiFailure('not_found', `issue ${input.id} not found`)
    return { issueId: input.id, unpublished }
  },
})
