import type { ParsedIssue } from '@core/index'
import { publishIssue } from '../../cloudfunctions/lib/publishing/publish-issue'
import { LOCAL_INDEXES } from '../../server/local-cloud'
import { EmbeddedDatabase } from '../../server/store/embedded-database'
import { generateIssues } from '../corpus/generate'
import { demoIssues, FIXTURE_ISSUE_PATH, parseIssueFile } from './fixture-issue'

/** The fixture issue and the demo issues: the articles every generated corpus is drawn from. */
export const seedIssues = (): ParsedIssue[] => [parseIssueFile(FIXTURE_ISSUE_PATH), ...demoIssues()]

/** A store (on disk when `dir` is given) holding `issues` generated issues of 10 articles each. */
export async function corpusStore(
  dir: string | null,
  issues: number,
): Promise<{ db: EmbeddedDatabase; corpus: ParsedIssue[] }> {
  const db = new EmbeddedDatabase(dir, LOCAL_INDEXES)
  const corpus = generateIssues(seedIssues(), issues, 42)
  const now = new Date('2024-05-01T00:00:00Z')
  for (const parsed of corpus) await publishIssue(db, parsed, now)
  if (dir) {
    await db.compact()
    await db.close()
  }
  return { db, corpus }
}
