import { spawnSync } from 'child_process'
import { existsSync } from 'fs'
import path from 'path'
import { buildIsStale } from '../build-staleness'

/** Builds dist/h5 when it is missing or older than src/, core/ or config/; returns its path. */
export function ensureH5Build(root: string): string {
  const out = path.join(root, 'dist/h5')
  const index = path.join(out, 'index.html')
  if (buildIsStale(root, index)) {
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
