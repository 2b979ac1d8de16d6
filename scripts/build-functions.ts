/**
 * `npm run build:functions`: bundles each deployable function (`cloudfunctions/<name>/index.ts`)
 * with esbuild into `dist/cloudfunctions/<name>/` beside its package.json and config.json, ready to
 * upload from WeChat DevTools (cloudfunctionRoot in project.config.json).
 */
import { build } from 'esbuild'
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'fs'
import path from 'path'

const ROOT = path.resolve(__dirname, '..')
const SRC = path.join(ROOT, 'cloudfunctions')
export const FUNCTIONS_OUT = path.join(ROOT, 'dist/cloudfunctions')

/** Folders of cloudfunctions/ that are deployable functions (they have an entry and a config). */
export const deployableFunctions = (): string[] =>
  readdirSync(SRC).filter((name) => {
    const dir = path.join(SRC, name)
    return (
      statSync(dir).isDirectory() &&
      existsSync(path.join(dir, 'index.ts')) &&
      existsSync(path.join(dir, 'config.json'))
    )
  })

export async function buildFunctions(): Promise<string[]> {
  const names = deployableFunctions()
  rmSync(FUNCTIONS_OUT, { recursive: true, force: true })
  for (const name of names) {
    const out = path.join(FUNCTIONS_OUT, name)
    mkdirSync(out, { recursive: true })
    await build({
      entryPoints: [path.join(SRC, name, 'index.ts')],
      outfile: path.join(out, 'index.js'),
      bundle: true,
      platform: 'node',
      // The oldest Node.js runtime Cloud Development offers for functions.
      target: 'node16',
      format: 'cjs',
      external: ['wx-server-sdk'],
      legalComments: 'none',
      logLevel: 'error',
    })
    for (const file of ['package.json', 'config.json'])
      copyFileSync(path.join(SRC, name, file), path.join(out, file))
  }
  return names
}

if (require.main === module) {
  buildFunctions()
    .then((names) => {
      for (const name of names) {
        const size = statSync(path.join(FUNCTIONS_OUT, name, 'index.js')).size
        console.log(
          `${name}: ${(size / 1024).toFixed(1)} KB → ${path.relative(ROOT, path.join(FUNCTIONS_OUT, name))}/`,
        )
      }
    })
    .catch((e) => {
      console.error(`error: ${(e as Error).message}`)
      process.exit(1)
    })
}
