/**
 * `npm run ingest -- [--dry-run] [--json] FILE`: parses an issue export and prints it (JSON or a
 * summary). Bad input exits 2 with one line `error: <problem> (<file>)` on stderr.
 */
import { readFileSync, statSync } from 'fs'
import { parseIssueText } from '@core/index'
import { decodeIssueBytes } from '@core/issue-text/decode'
import { MAX_ISSUE_FILE_BYTES } from '@core/limits'
import { parseIngestArgs } from './ingest/cli-args'
import { formatSummary } from './ingest/summary'

const EXIT_BAD_INPUT = 2

function exitWith(message: string, file?: string): never {
  process.stderr.write(`error: ${message}${file ? ` (${file})` : ''}\n`)
  process.exit(EXIT_BAD_INPUT)
}

function readBytes(file: string): Uint8Array {
  let size: number
  try {
    const stat = statSync(file)
    if (stat.isDirectory()) exitWith('is a directory, not a file', file)
    size = stat.size
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    exitWith(code === 'ENOENT' ? 'file not found' : `cannot read the file: ${code ?? 'unknown error'}`, file)
  }
  // Checked before reading so a huge file is never loaded.
  if (size > MAX_ISSUE_FILE_BYTES) exitWith(`the file is ${(size / 1048576).toFixed(1)} MB, over the 5 MB limit`, file)
  try {
    return readFileSync(file)
  } catch (e) {
    exitWith(`cannot read the file: ${(e as NodeJS.ErrnoException).code ?? 'unknown error'}`, file)
  }
}

function main(argv: string[]): void {
  const args = parseIngestArgs(argv)
  if ('error' in args) exitWith(args.error)
  if (args.publish) exitWith('publishing is not available yet: use --dry-run', args.file)
  const text = decodeIssueBytes(readBytes(args.file))
  if (!text.ok) exitWith(text.error.message, args.file)
  const parsed = parseIssueText(text.data)
  if (!parsed.ok) exitWith(parsed.error.message, args.file)
  process.stdout.write(args.json ? `${JSON.stringify(parsed.data, null, 2)}\n` : `${formatSummary(parsed.data)}\n`)
}

try {
  main(process.argv.slice(2))
} catch (e) {
  // Whatever slips through still ends as one line, never a stack trace.
  exitWith(`unexpected failure: ${(e as Error).message}`)
}
