/**
 * Checks the weapp build with WeChat's own compilers (`wcc` for WXML/WXS, `wcsc` for WXSS, from npm
 * `miniprogram-compiler`) and reports package sizes. Builds dist/weapp first when it is missing or
 * older than its sources. Exits non-zero on any compile error or a package over 2 MB.
 *
 *   npm run check:weapp            # human-readable report
 *   npm run check:weapp -- --json  # the same as JSON (for benchmarks)
 */
import { spawnSync } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { buildIsStale } from './build-staleness'

const ROOT = path.resolve(__dirname, '..')
export const WEAPP_DIR = path.join(ROOT, 'dist', 'weapp')
const BIN = path.join(ROOT, 'node_modules', 'miniprogram-compiler', 'bin', 'linux')
/** WeChat's hard limit for the main package and for each subpackage. */
export const PACKAGE_LIMIT = 2 * 1024 * 1024
/** Our own target for the main package (a bare Taro + MobX app is about 385 KB). */
export const MAIN_TARGET = 600 * 1024
/** Files in the output that are not uploaded as code. */
const NOT_UPLOADED = /(^|\/)project(\.private)?\.config\.json$|\.map$/

export interface CompileFailure {
  tool: 'wcc' | 'wcsc'
  file: string
  /** `file:line:col: message` when the compiler gave a position, its raw message otherwise. */
  message: string
}

export interface PackageSize {
  name: string
  root: string
  files: number
  raw: number
  gzip: number
}

export interface WeappReport {
  built: boolean
  wxml: number
  wxss: number
  failures: CompileFailure[]
  packages: PackageSize[]
  oversize: string[]
}

const walk = (dir: string, base = dir): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    return e.isDirectory()
      ? walk(full, base)
      : [path.relative(base, full).split(path.sep).join('/')]
  })

/** Whether dist/weapp is missing or older than anything it is built from. */
export function weappIsStale(): boolean {
  return buildIsStale(ROOT, path.join(WEAPP_DIR, 'app.json'))
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)

/**
 * Builds dist/weapp when it is missing or stale, one build at a time across processes (Jest runs
 * the weapp suites in parallel workers): a second caller waits for the first and then finds the
 * build fresh. Returns whether this call built.
 */
export function ensureWeappBuilt(): boolean {
  if (!weappIsStale()) return false
  const lock = path.join(ROOT, 'dist', '.weapp-build.lock')
  mkdirSync(path.dirname(lock), { recursive: true })
  for (;;) {
    try {
      mkdirSync(lock)
      break
    } catch {
      // A lock older than a build could take was left by a killed process.
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()
      if (Date.now() - since > 10 * 60_000) rmSync(lock, { recursive: true, force: true })
      else sleep(500)
    }
  }
  try {
    if (!weappIsStale()) return false
    buildWeapp()
    return true
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
}

/** Runs the production weapp build; throws with its output when it fails. */
export function buildWeapp(): void {
  const r = spawnSync('npx', ['taro', 'build', '--type', 'weapp'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  if (r.status !== 0) throw new Error(`taro build --type weapp failed:\n${r.stdout}\n${r.stderr}`)
}

const tool = (name: 'wcc' | 'wcsc'): string => {
  const bin = path.join(BIN, name)
  if (!existsSync(bin))
    throw new Error(`${bin} not found: npm install (miniprogram-compiler) first`)
  // The npm package ships the binaries without the executable bit.
  if ((statSync(bin).mode & 0o111) !== 0o111) chmodSync(bin, 0o755)
  return bin
}

const run = (bin: string, args: string[]) =>
  spawnSync(bin, args, { cwd: WEAPP_DIR, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })

/** The file a compiler error names, and `file:line:col: message` for it. */
function locate(files: string[], output: string): { file: string; message: string } | null {
  const text = output.trim()
  // wcc: `pages/x.wxml:3:3: expect end-tag ...`; wcsc: `ERR: pages/x.wxss(2:4): unexpected ...`.
  const m = /([\w./@-]+\.(?:wxml|wxss|wxs)\b)(?::(\d+):(\d+)|\((\d+):(\d+)\))?:?\s*(.*)/.exec(text)
  if (!m) return null
  const file = m[1].replace(/^\.\//, '')
  if (!files.includes(file)) return null
  const line = m[2] ?? m[4]
  const col = m[3] ?? m[5]
  return { file, message: `${file}${line ? `:${line}:${col}` : ''}: ${m[6].trim() || 'failed'}` }
}

const wccArgs = (files: string[]) => ['-d', '-cc', '0', ...files, '-gn', '$gwx']
const wcscArgs = (files: string[]) => ['-db', '-pc', '0', ...files]

/**
 * Compiles all files in one run, as the DevTools do (files import each other). On an error, the
 * named file is set aside and the rest compiled again, so every broken file is reported.
 */
function compileAll(name: 'wcc' | 'wcsc', files: string[]): CompileFailure[] {
  const bin = tool(name)
  const args = name === 'wcc' ? wccArgs : wcscArgs
  const failures: CompileFailure[] = []
  let remaining = files.slice()
  while (remaining.length > 0) {
    const r = run(bin, args(remaining))
    if (r.status === 0) break
    const output = `${r.stderr}\n${r.stdout}`
    const found = locate(remaining, output)
    if (!found) {
      failures.push({
        tool: name,
        file: '(all)',
        message: output.trim().split('\n')[0] || `${name} exited with ${r.status}`,
      })
      break
    }
    failures.push({ tool: name, ...found })
    remaining = remaining.filter((f) => f !== found.file)
  }
  return failures
}

/** Sizes of the main package and each subpackage declared in app.json (raw bytes, and gzip of each file). */
export function measurePackages(dir = WEAPP_DIR): PackageSize[] {
  const app = JSON.parse(readFileSync(path.join(dir, 'app.json'), 'utf8')) as {
    subPackages?: { root: string }[]
    subpackages?: { root: string }[]
  }
  const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/?$/, '/'))
  const sizes = new Map<string, PackageSize>([
    ['main', { name: 'main', root: '', files: 0, raw: 0, gzip: 0 }],
  ])
  for (const r of roots)
    sizes.set(r, { name: r.replace(/\/$/, ''), root: r, files: 0, raw: 0, gzip: 0 })
  for (const file of walk(dir)) {
    if (NOT_UPLOADED.test(file)) continue
    const pkg = sizes.get(roots.find((r) => file.startsWith(r)) ?? 'main')!
    const bytes = readFileSync(path.join(dir, file))
    pkg.files++
    pkg.raw += bytes.length
    pkg.gzip += gzipSync(bytes, { level: 9 }).length
  }
  return [...sizes.values()]
}

/** Builds if needed, compiles every WXML/WXS and WXSS file, and measures the packages. */
export function checkWeapp(options: { build?: boolean } = {}): WeappReport {
  const built = options.build !== false && ensureWeappBuilt()
  if (!existsSync(path.join(WEAPP_DIR, 'app.json')))
    throw new Error(`${WEAPP_DIR} has no app.json: build it first`)
  const files = walk(WEAPP_DIR).sort()
  const wxml = files.filter((f) => f.endsWith('.wxml') || f.endsWith('.wxs'))
  const wxss = files.filter((f) => f.endsWith('.wxss'))
  const failures = [...compileAll('wcc', wxml), ...compileAll('wcsc', wxss)]
  const packages = measurePackages()
  const oversize = packages.filter((p) => p.raw > PACKAGE_LIMIT).map((p) => p.name)
  return { built, wxml: wxml.length, wxss: wxss.length, failures, packages, oversize }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`

function main(): void {
  const report = checkWeapp()
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(report, null, 2))
  } else {
    if (report.built) console.log('built dist/weapp (it was missing or older than src/)')
    console.log(`wcc: ${report.wxml} WXML/WXS files, wcsc: ${report.wxss} WXSS files`)
    for (const f of report.failures) console.log(`  ✗ ${f.tool} ${f.message}`)
    if (report.failures.length === 0) console.log('  ✓ every file compiles')
    console.log('package sizes (raw / gzip):')
    for (const p of report.packages) {
      const note =
        p.name === 'main'
          ? ` (target ≤ ${kb(MAIN_TARGET)}, limit ${kb(PACKAGE_LIMIT)})`
          : ` (limit ${kb(PACKAGE_LIMIT)})`
      console.log(
        `  ${p.name.padEnd(18)} ${kb(p.raw).padStart(10)} / ${kb(p.gzip).padStart(9)}  ${p.files} files${note}`,
      )
    }
    for (const name of report.oversize) console.log(`  ✗ ${name} is over the 2 MB package limit`)
  }
  if (report.failures.length || report.oversize.length) process.exitCode = 1
}

if (require.main === module) {
  try {
    main()
  } catch (e) {
    console.error(e instanceof Error ? e.message : e)
    process.exitCode = 1
  }
}
