/**
 * `npm run build:functions`: bundles each function of cloudbaserc.json (`cloudfunctions/<name>/index.ts`)
 * with esbuild into `dist/cloudfunctions/<name>/` beside its package.json and a config.json written
 * from cloudbaserc.json, ready for `npm run deploy`, WeChat DevTools (cloudfunctionRoot in
 * project.config.json) or `tcb fn deploy`.
 */
import { build } from 'esbuild'
import { copyFileSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'fs'
import path from 'path'
import { functionConfig, loadManifest } from './deploy/manifest'

const ROOT = path.resolve(__dirname, '..')
const SRC = path.join(ROOT, 'cloudfunctions')
export const FUNCTIONS_OUT = path.join(ROOT, 'dist/cloudfunctions')

/** The deployable functions: those cloudbaserc.json declares (each has cloudfunctions/<name>/index.ts). */
export const deployableFunctions = (): string[] => loadManifest(ROOT).functions.map((f) => f.name)

/**
 * Builds every function. `env` fills config.json's `{{env.NAME}}` variables; `strict` makes a
 * missing one an error (the deploy) instead of leaving it out (a plain build).
 */
export async function buildFunctions({
  env = process.env,
  strict = false,
  out: outRoot = FUNCTIONS_OUT,
}: { env?: NodeJS.ProcessEnv; strict?: boolean; out?: string } = {}): Promise<string[]> {
  const { functions } = loadManifest(ROOT)
  // Config first: a missing variable stops the build before anything is removed.
  const configs = new Map(functions.map((f) => [f.name, functionConfig(f, env, strict)]))
  rmSync(outRoot, { recursive: true, force: true })
  for (const { name } of functions) {
    if (!existsSync(path.join(SRC, name, 'index.ts')))
      throw new Error(`cloudfunctions/${name}/index.ts is missing`)
    const out = path.join(outRoot, name)
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
    copyFileSync(path.join(SRC, name, 'package.json'), path.join(out, 'package.json'))
    writeFileSync(path.join(out, 'config.json'), `${JSON.stringify(configs.get(name), null, 2)}\n`)
  }
  return functions.map((f) => f.name)
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
