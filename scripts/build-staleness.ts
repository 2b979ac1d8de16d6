import { existsSync, readdirSync, statSync } from 'fs'
import path from 'path'

/** What the Taro builds are made from. */
const BUILD_SOURCES = ['src', 'core', 'config']

/** Newest modification time of the files under `dir` (0 when it does not exist). */
export function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs)
  }
  return newest
}

/** Whether a build output (one file it always writes) is missing or older than its sources. */
export function buildIsStale(root: string, builtFile: string): boolean {
  if (!existsSync(builtFile)) return true
  return (
    Math.max(...BUILD_SOURCES.map((d) => newestMtime(path.join(root, d)))) >
    statSync(builtFile).mtimeMs
  )
}
