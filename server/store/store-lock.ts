import { closeSync, linkSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'fs'
import path from 'path'

/** Who holds a lock: a process id and when that process started, so a reused id is told apart. */
interface Holder {
  pid: number
  /** The process's start time in clock ticks since boot (`/proc/<pid>/stat` field 22), or null off Linux. */
  started: string | null
}

/**
 * A process's start time, or null when it is gone or a zombie (killed, not yet reaped: it holds
 * nothing any more), or when there is no /proc to ask.
 */
function startTimeOf(pid: number): string | null | 'unknown' {
  let stat: string
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ESRCH') {
      try {
        readFileSync('/proc/self/stat')
        return null
      } catch {
        return 'unknown'
      }
    }
    return 'unknown'
  }
  // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const state = fields[0]
  if (state === 'Z' || state === 'X') return null
  return fields[19] ?? 'unknown'
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** True when the process that wrote the lock still runs (the same process, not a reuse of its id). */
function holds(holder: Holder): boolean {
  const started = startTimeOf(holder.pid)
  if (started === 'unknown') return isAlive(holder.pid)
  if (started === null) return false
  return holder.started === null || holder.started === started
}

const readText = (file: string): string | null => {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return null
  }
}

const parseHolder = (text: string | null): Holder | null => {
  const [pid, started] = (text ?? '').trim().split(/\s+/)
  const n = Number(pid)
  return Number.isInteger(n) && n > 0 ? { pid: n, started: started ?? null } : null
}

/**
 * One writer per store: the embedded store keeps its data in memory, so a second process writing
 * the same files would overwrite the first one's changes. Whoever writes holds `<dir>/store.lock`,
 * holding its pid and its start time from /proc. A lock whose process is gone, is a zombie (just
 * killed with -9, not yet reaped) or whose pid now belongs to a later process (a different start
 * time) is stale and taken over at once. The lock file appears whole or not at all (written
 * aside, then hard-linked into place, which fails when one exists), so two starters never both
 * win. Returns the release.
 */
export function lockStore(dir: string): () => void {
  const file = path.join(dir, 'store.lock')
  const started = startTimeOf(process.pid)
  const me = `${process.pid} ${started === 'unknown' ? '' : (started ?? '')}`.trim()
  const temp = `${file}.${process.pid}`
  const fd = openSync(temp, 'w', 0o600)
  writeSync(fd, me)
  closeSync(fd)
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(temp, file)
        return () => {
          if (readText(file) === me) rmSync(file, { force: true })
        }
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
        const seen = readText(file)
        const holder = parseHolder(seen)
        if (holder && holds(holder))
          throw new Error(`the store in ${dir} is in use by process ${holder.pid}`)
        // Stale: move it aside under a name of our own. Should another starter have replaced it
        // meanwhile, what was moved is that starter's live lock: put it back and look again.
        const aside = `${file}.stale-${process.pid}`
        try {
          renameSync(file, aside)
          if (readText(aside) !== seen) linkSync(aside, file)
        } catch {
          /* another starter moved it first, or took the lock: look again */
        }
        rmSync(aside, { force: true })
      }
    }
    throw new Error(`cannot lock the store in ${dir}`)
  } finally {
    rmSync(temp, { force: true })
  }
}
