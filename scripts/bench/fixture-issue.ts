import { readFileSync } from 'fs'
import path from 'path'
import { parseIssueText, type ParsedIssue } from '@core/index'

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
