import { randomBytes } from 'crypto'
import { readFileSync, rmSync, writeFileSync } from 'fs'
import path from 'path'

/**
 * `<DATA_DIR>/server.json`: tells local tools that a server owns this store and how to publish
 * through it (one writer per store). The operator id is random per run, so only a process that can
 * read the data folder can act as the local operator.
 */
export interface RunningServer {
  pid: number
  port: number
  operatorOpenid: string
}

const fileOf = (dataDir: string): string => path.join(dataDir, 'server.json')

export const newOperatorOpenid = (): string => `operator-${randomBytes(12).toString('hex')}`

export function announceServer(dataDir: string, server: RunningServer): () => void {
  writeFileSync(fileOf(dataDir), JSON.stringify(server), { mode: 0o600 })
  return () => rmSync(fileOf(dataDir), { force: true })
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** The server running on this store, if any (a stale file of a dead process is ignored). */
export function runningServer(dataDir: string): RunningServer | null {
  try {
    const server = JSON.parse(readFileSync(fileOf(dataDir), 'utf8')) as RunningServer
    return alive(server.pid) ? server : null
  } catch {
    return null
  }
}
