import type { NotifyConfig } from './message'

/** The issue page a notification opens (a subpackage page of the mini-program). */
export const ISSUE_PAGE = 'packages/reader/issue/index'

/** Deployment defaults; the `settings/notify` document overrides them. */
export const notifyDefaults = (templateId: string): NotifyConfig => ({
  templateId,
  issuePage: ISSUE_PAGE,
  miniprogramState: 'formal',
  ratePerSecond: 200,
  concurrency: 8,
  version: 0,
})

/** Worker run budget: well inside the 60 s function timeout, leaving time for the last checkpoint. */
export const RUN_BUDGET_MS = 45000
