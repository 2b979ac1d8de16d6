import { readFileSync, readdirSync } from 'fs'
import path from 'path'
import { parseIssueText, type ParsedIssue } from '@core/index'
import { DEMO_ISSUES_DIR } from '../../server/demo'

/** The project's own full issue in the export format (the tests' fixture): what benchmarks parse. */
export const FIXTURE_ISSUE_PATH = path.resolve(
  __dirname,
  '../../tests/fixtures/issues/issue-280.txt',
)

/** Parses an issue text, failing loudly: benchmark inputs are known good. */
export function parseOrThrow(text: string, name = 'issue'): ParsedIssue {
  const r = parseIssueText(text)
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`)
  return r.data
}

export const readFixtureIssue = (): string => readFileSync(FIXTURE_ISSUE_PATH, 'utf8')

/** An issue file's parse, the file named when it fails. */
export const parseIssueFile = (file: string): ParsedIssue =>
  parseOrThrow(readFileSync(file, 'utf8'), file)

/** The demo issues `npm start` loads, oldest first. */
export const demoIssues = (): ParsedIssue[] =>
  readdirSync(DEMO_ISSUES_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => parseIssueFile(path.join(DEMO_ISSUES_DIR, f)))
