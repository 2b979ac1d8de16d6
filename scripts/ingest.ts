/**
 * `npm run ingest -- [--dry-run] [--json] FILE` reads an issue file (the text export, a Word .docx
 * or the PDF), parses it and prints it (JSON or a summary); `--publish` also publishes it into the
 * local store (`DATA_DIR`). Bad input exits 2 with one line `error: <problem> (<file>)` on stderr; a
 * failed publish exits 1 the same way. Long PDFs report `reading page N/M…` on stderr.
 */
import { readFileSync, statSync } from 'fs'
import path from 'path'
import { publishingLimitsProblem } from '@core/api/publish'
import { parseIssueText } from '@core/index'
import { fileTooLarge, MAX_ISSUE_FILE_BYTES, notAnIssueFile } from '@core/limits'
import { importIssueFile, type PdfProgress } from '../cloudfunctions/lib/import'
import { parseIngestArgs } from './ingest/cli-args'
import { publishLocally } from './ingest/publish'
import { formatSummary } from './ingest/summary'

const EXIT_BAD_INPUT = 2
const EXIT_FAILED = 1
const ROOT = path.resolve(__dirname, '..')
/** PDFs longer than this report each page read. */
const PROGRESS_FROM_PAGES = 5

/** A progress line being rewritten on a terminal, to be cleared before anything else is written. */
let progressShown = false

function exitWith(message: string, file?: string, code = EXIT_BAD_INPUT): never {
  if (progressShown) process.stderr.write('\r\x1b[K')
  process.stderr.write(`error: ${message}${file ? ` (${file})` : ''}\n`)
  process.exit(code)
}

function readBytes(file: string): Uint8Array {
  let size: number
  try {
    const stat = statSync(file)
    if (stat.isDirectory()) exitWith('这是文件夹，不是文件', file)
    size = stat.size
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    exitWith(code === 'ENOENT' ? '找不到这个文件' : `无法读取这个文件：${code ?? '未知错误'}`, file)
  }
  // Checked before reading so a huge file is never loaded.
  if (size > MAX_ISSUE_FILE_BYTES) exitWith(fileTooLarge(size), file)
  try {
    return readFileSync(file)
  } catch (e) {
    exitWith(`无法读取这个文件：${(e as NodeJS.ErrnoException).code ?? '未知错误'}`, file)
  }
}

/** Progress on stderr (stdout stays one document): one line per page, or one rewritten line on a terminal. */
function reportPages({ page, pages }: PdfProgress): void {
  if (pages <= PROGRESS_FROM_PAGES) return
  const line = `reading page ${page}/${pages}…`
  if (!process.stderr.isTTY) process.stderr.write(`${line}\n`)
  else {
    process.stderr.write(`\r${line}${page === pages ? '\n' : ''}`)
    progressShown = page < pages
  }
}

async function main(argv: string[]): Promise<void> {
  const args = parseIngestArgs(argv)
  if ('error' in args) exitWith(args.error)
  const imported = await importIssueFile(readBytes(args.file), path.basename(args.file), {
    onPdfPage: reportPages,
  })
  if (!imported.ok) exitWith(imported.error.message, args.file)
  const parsed = parseIssueText(imported.data.text)
  // Text that reads but is no issue gets the same line as a file that does not read at all.
  if (!parsed.ok) exitWith(notAnIssueFile(parsed.error.message), args.file)
  // A dry run refuses what publishing would refuse, with the same line.
  const overLimits = publishingLimitsProblem(parsed.data)
  if (overLimits) exitWith(overLimits, args.file)
  process.stdout.write(
    args.json ? `${JSON.stringify(parsed.data, null, 2)}\n` : `${formatSummary(parsed.data)}\n`,
  )
  if (!args.publish) return
  const { issue, articles } = parsed.data
  process.stderr.write(`publishing ${issue.id} (${articles.length} articles)…\n`)
  const outcome = await publishLocally(imported.data.text, path.basename(args.file), ROOT)
  if (!outcome.ok) exitWith(`发布失败：${outcome.error.message}`, args.file, EXIT_FAILED)
  const { issueId, articleCount, replaced } = outcome.data
  process.stderr.write(
    `published ${issueId}: ${articleCount} articles${replaced ? ', replacing the earlier version' : ''}\n`,
  )
}

main(process.argv.slice(2)).catch((e) => {
  // Whatever slips through still ends as one line, never a stack trace.
  exitWith(`意外失败：${(e as Error).message}`, undefined, EXIT_FAILED)
})
