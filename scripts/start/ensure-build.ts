import { spawnSync } from 'child_process'
import { existsSync, readdirSync, statSync } from 'fs'
import path from 'path'

/** Newest modification time under `dir` (files only). */
function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full))
    else newest = Math.max(newest, statSync(full).mtimeMs)
  }
  return newest
}

/** Builds dist/h5 when it is missing or older than src/, core/ or config/; returns its path. */
export function ensureH5Build(root: string): string {
  const out = path.join(root, 'dist/h5')
  const index = path.join(out, 'index.html')
  const sources = ['src', 'core', 'config'].map((d) => path.join(root, d))
  const stale = !existsSync(index) || Math.max(...sources.map(newestMtime)) > statSync(index).mtimeMs
  if (stale) {
    console.log('building the h5 app (dist/h5)…')
    const r = spawnSync('npx', ['taro', 'build', '--type', 'h5'], {
      cwd: root,
      // Taro's progress bars are noise here; its output is shown only when the build fails.
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, NODE_ENV: 'production' },
    })
    if (r.status !== 0 || !existsSync(index)) {
      process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n').slice(-40).join('\n'))
      throw new Error('the h5 build failed (see above, or run `npm run build:h5`)')
    }
  }
  return out
}
