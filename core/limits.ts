/** Limits shared by every way an issue file comes in (CLI, local server, cloud function). */
export const MAX_ISSUE_FILE_BYTES = 5 * 1024 * 1024
