import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'fs'
import path from 'path'

/**
 * One writer per store: the embedded store keeps its data in memory, so a second process writing
 * the same files would overwrite the first one's changes. Whoever writes holds `<dir>/store.lock`;
 * a lock left by a dead process is taken over.
 */
export function lockStore(dir: string): () => void {
  const file = path.join(dir, 'store.lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx')
      writeSync(fd, String(process.pid))
      closeSync(fd)
      return () => rmSync(file, { force: true })
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      const owner = Number(readFileSync(file, 'utf8'))
      if (owner && isAlive(owner))
        throw new Error(`the store in ${dir} is in use by process ${owner}`)
      rmSync(file, { force: true })
    }
  }
  throw new Error(`cannot lock the store in ${dir}`)
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}
