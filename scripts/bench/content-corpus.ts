import { readFileSync, readdirSync } from 'fs'
import path from 'path'
import type { ParsedIssue } from '@core/index'
import { publishIssue } from '../../cloudfunctions/lib/publishing/publish-issue'
import { LOCAL_INDEXES } from '../../server/local-cloud'
import { EmbeddedDatabase } from '../../server/store/embedded-database'
import { generateIssues } from '../corpus/generate'
import { FIXTURE_ISSUE_PATH, parseOrThrow } from './fixture-issue'

const ROOT = path.resolve(__dirname, '../..')

const parseFile = (file: string): ParsedIssue => parseOrThrow(readFileSync(file, 'utf8'), file)

/** The fixture issue and the demo issues: the articles every generated corpus is drawn from. */
export function seedIssues(): ParsedIssue[] {
  const demoDir = path.join(ROOT, 'demo/issues')
  return [
    parseFile(FIXTURE_ISSUE_PATH),
    ...readdirSync(demoDir)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => parseFile(path.join(demoDir, f))),
  ]
}

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
