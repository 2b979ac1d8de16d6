import {
  appendFileSync,
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  truncateSync,
  writeFileSync,
} from 'fs'
import path from 'path'
// The store's own rule for field names, so a line is judged exactly as the store will write it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const model = require('@seald-io/nedb/lib/model.js') as { checkObject(value: unknown): void }

/** What a store file held that could not be loaded, and what was done about it. */
export interface FileCheck {
  file: string
  /** 1-based numbers of damaged lines (not counting an unfinished last line). */
  damaged: number[]
  /** True when the file ended in a line cut short by a killed writer, which was removed. */
  unfinishedLast: boolean
  /** Where the removed lines were kept, when any were. */
  quarantine: string | null
}

export interface CheckOptions {
  /** Move damaged lines to the quarantine file instead of refusing the store. */
  repair: boolean
  /** Where notes on what was removed go. */
  log: (line: string) => void
}

/** A store the server will not open as it is; the message names file, lines and count. */
export class DamagedStoreError extends Error {}

/** The file beside a store file that receives the lines taken out of it, byte for byte. */
export const quarantineOf = (file: string): string => `${file}.quarantine`

/** The option that lets the server start on a damaged store (README: Environment). */
export const REPAIR_HINT = 'start with STORE_REPAIR=1 (or `npm start -- --repair`)'

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * A line the store can load: valid UTF-8 holding a JSON object that is a document (with `_id`) or
 * an index record, whose field names the store accepts. Anything else would be skipped by the
 * store without a word, or (a field name with a `.` or a leading `$`) stop it from opening with
 * an error that names neither file nor line: loading rewrites the file, and the store refuses to
 * write such a name.
 */
function isSound(line: Buffer): boolean {
  try {
    const value = JSON.parse(utf8.decode(line)) as unknown
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
    model.checkObject(value)
    const v = value as Record<string, unknown>
    if (typeof v._id === 'string' && v._id !== '') return true
    // An index record holds no data; the key index (array-key-index.ts) writes one without a
    // field name on purpose, which the store reads past.
    const created = v.$$indexCreated
    return (typeof created === 'object' && created !== null) || typeof v.$$indexRemoved === 'string'
  } catch {
    return false
  }
}

/** Byte offsets of each line of a file (a line is what lies before each `\n`; the rest is `tail`). */
function splitLines(bytes: Buffer): { lines: Buffer[]; tail: Buffer } {
  const lines: Buffer[] = []
  let start = 0
  for (let nl = bytes.indexOf(0x0a); nl !== -1; nl = bytes.indexOf(0x0a, start)) {
    lines.push(bytes.subarray(start, nl))
    start = nl + 1
  }
  return { lines, tail: bytes.subarray(start) }
}

const listed = (numbers: number[]): string =>
  numbers.length > 10
    ? `${numbers.slice(0, 10).join(', ')} and ${numbers.length - 10} more`
    : numbers.join(', ')

function fsyncPath(target: string): void {
  const fd = openSync(target, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/**
 * Checks one store file before the store loads it, so no line is ever dropped unseen (the store
 * itself skips lines it cannot read, and its next compaction erases them for good):
 * - a last line without its newline is a write cut short by a killed process, never acknowledged:
 *   it is moved to the quarantine file and logged;
 * - any other damaged line makes this throw `DamagedStoreError` naming the file, the lines and
 *   their count, unless `repair` is on: then the lines are moved to the quarantine file and the
 *   file is rewritten without them (atomically), and that is logged.
 */
export function checkStoreFile(file: string, { repair, log }: CheckOptions): FileCheck {
  const result: FileCheck = { file, damaged: [], unfinishedLast: false, quarantine: null }
  if (!existsSync(file)) return result
  const bytes = readFileSync(file)
  const { lines, tail } = splitLines(bytes)
  lines.forEach((line, i) => {
    if (line.length > 0 && !isSound(line)) result.damaged.push(i + 1)
  })
  result.unfinishedLast = tail.length > 0
  const name = path.basename(file)
  if (result.damaged.length > 0 && !repair)
    throw new DamagedStoreError(
      `${file}: ${result.damaged.length} damaged line${result.damaged.length > 1 ? 's' : ''} (line ${listed(result.damaged)}); ${REPAIR_HINT} to move them to ${path.basename(quarantineOf(file))} and go on`,
    )
  if (result.damaged.length === 0 && !result.unfinishedLast) return result

  result.quarantine = quarantineOf(file)
  const removed = [
    ...result.damaged.map((n) => lines[n - 1]),
    ...(result.unfinishedLast ? [tail] : []),
  ]
  appendFileSync(result.quarantine, Buffer.concat(removed.flatMap((l) => [l, Buffer.from('\n')])), {
    mode: 0o600,
  })
  fsyncPath(result.quarantine)
  if (result.damaged.length === 0) {
    // Only the cut line: cut the file back to its last newline (same file, nothing else moves).
    truncateSync(file, bytes.length - tail.length)
    fsyncPath(file)
    log(
      `store: ${name} ended in an unfinished write (a process killed while writing); that line was moved to ${path.basename(result.quarantine)}`,
    )
    return result
  }
  const damaged = new Set(result.damaged)
  const kept = lines.filter((_, i) => !damaged.has(i + 1))
  const temp = `${file}.repair-${process.pid}`
  writeFileSync(temp, Buffer.concat(kept.flatMap((l) => [l, Buffer.from('\n')])), { mode: 0o600 })
  fsyncPath(temp)
  renameSync(temp, file)
  fsyncPath(path.dirname(file))
  log(
    `store: repaired ${name}: moved ${removed.length} line${removed.length > 1 ? 's' : ''} (line ${listed(result.damaged)}${result.unfinishedLast ? ' and an unfinished last line' : ''}) to ${path.basename(result.quarantine)}`,
  )
  return result
}

/** The collection files of a store folder (`<name>.db`). */
export const storeFiles = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /^[A-Za-z0-9_-]{1,64}\.db$/.test(f))
        .sort()
    : []

/**
 * True when a data folder has never held a store: no collection file and no quarantine file. Only
 * such a folder gets the demo issues (a store whose files are all damaged is not "empty").
 */
export const isNewStore = (dir: string): boolean =>
  !existsSync(dir) || !readdirSync(dir).some((f) => /\.db(\.quarantine)?$/.test(f))
