import { readFileSync, readdirSync } from 'fs'
import path from 'path'
import { parseIssueText } from '../core/index'
import { publishIssue } from '../cloudfunctions/lib/publishing/publish-issue'
import { ISSUES } from '../cloudfunctions/lib/content/records'
import type { Database } from '../cloudfunctions/lib/ports/database'

export const DEMO_ISSUES_DIR = path.resolve(__dirname, '../demo/issues')

/**
 * Publishes the demo issues into a new store: one in a data folder that holds no store files at
 * all (`isNewStore`), or in memory. A store with files is never given demo issues, even when it
 * lists none (its files may be damaged, and the demo must not be published over the archive).
 */
export async function loadDemoIssues(db: Database, now: Date): Promise<number> {
  const { total } = await db.collection(ISSUES).count()
  if (total > 0) return 0
  const files = readdirSync(DEMO_ISSUES_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
  for (const file of files) {
    const parsed = parseIssueText(readFileSync(path.join(DEMO_ISSUES_DIR, file), 'utf8'))
    if (!parsed.ok) throw new Error(`demo issue ${file}: ${parsed.error.message}`)
    await publishIssue(db, parsed.data, now)
  }
  return files.length
}
