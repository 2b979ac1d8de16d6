/**
 * Checks the weapp build with WeChat's own compilers (`wcc` for WXML/WXS, `wcsc` for WXSS, from npm
 * `miniprogram-compiler`), reports package sizes, and runs WeChat's code-quality audit (npm
 * `miniprogram-ci`, offline). Builds dist/weapp first when it is missing or older than its sources.
 * Exits non-zero on any compile error, a package over 2 MB or an audit item that fails.
 *
 *   npm run check:weapp            # human-readable report
 *   npm run check:weapp -- --json  # the same as JSON (for benchmarks)
 */
import { spawnSync } from 'node:child_process'
import { generateKeyPairSync } from 'node:crypto'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import os from 'node:os'
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

/** One item of WeChat's code-quality audit (DevTools' 代码质量 panel), from npm `miniprogram-ci`. */
export interface AuditItem {
  name: string
  success: boolean
  text: string
}

export interface WeappReport {
  built: boolean
  wxml: number
  wxss: number
  failures: CompileFailure[]
  packages: PackageSize[]
  oversize: string[]
  audit: AuditItem[]
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

/** Runs the production weapp build with `env`; throws with its output when it fails. */
export function buildWeapp(env: NodeJS.ProcessEnv = process.env): void {
  const r = spawnSync('npx', ['taro', 'build', '--type', 'weapp'], {
    cwd: ROOT,
    env: { ...env, NODE_ENV: 'production' },
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

// Runs in a child process: miniprogram-ci loads for seconds and keeps handles open, and a hang
// there must not hang the caller. Only the offline audit is called (no upload, compile, preview).
const AUDIT_SCRIPT = `
const ci = require('miniprogram-ci')
const [dir, key, appid] = process.argv.slice(1)
const project = new ci.Project({ appid, type: 'miniProgram', projectPath: dir, privateKeyPath: key,
  ignores: ['node_modules/**/*'] })
ci.checkCodeQuality(project).then(
  (items) => { process.stdout.write('\\n@@audit@@' + JSON.stringify(items)); process.exit(0) },
  (e) => { process.stderr.write(String(e && e.message || e)); process.exit(1) })
`

/**
 * WeChat's code-quality audit over a weapp build (main package ≤ 1.5 MB, JS/WXML/WXSS
 * compression, lazy code loading, images ≤ 200 KB, code only subpackages use, unused plugins,
 * components and files), run offline by `miniprogram-ci` with a throwaway RSA key: it needs one
 * to make a Project, and nothing is sent anywhere.
 */
export function auditWeapp(dir = WEAPP_DIR): AuditItem[] {
  const keyDir = mkdtempSync(path.join(os.tmpdir(), 'weapp-audit-'))
  try {
    const key = path.join(keyDir, 'private.key')
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    })
    writeFileSync(key, privateKey)
    const config = JSON.parse(readFileSync(path.join(ROOT, 'project.config.json'), 'utf8')) as {
      appid?: string
    }
    // The audit wants an appid of the wx… form; the tourist id of a fresh clone is not one.
    const appid = /^wx[0-9a-f]{16}$/.test(config.appid ?? '') ? config.appid! : 'wx0000000000000000'
    const r = spawnSync(process.execPath, ['-e', AUDIT_SCRIPT, dir, key, appid], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 180_000,
      maxBuffer: 64 * 1024 * 1024,
    })
    const out = /@@audit@@(.*)$/s.exec(r.stdout ?? '')
    if (r.status !== 0 || !out)
      throw new Error(
        `miniprogram-ci checkCodeQuality failed: ${(r.stderr || r.error?.message || `exit ${r.status}`).trim().split('\n')[0]}`,
      )
    return (JSON.parse(out[1]) as AuditItem[]).map(({ name, success, text }) => ({
      name,
      success,
      text,
    }))
  } finally {
    rmSync(keyDir, { recursive: true, force: true })
  }
}

/** Builds if needed, compiles every WXML/WXS and WXSS file, and measures the packages. */
export function checkWeapp(options: { build?: boolean; audit?: boolean } = {}): WeappReport {
  const built = options.build !== false && ensureWeappBuilt()
  if (!existsSync(path.join(WEAPP_DIR, 'app.json')))
    throw new Error(`${WEAPP_DIR} has no app.json: build it first`)
  const files = walk(WEAPP_DIR).sort()
  const wxml = files.filter((f) => f.endsWith('.wxml') || f.endsWith('.wxs'))
  const wxss = files.filter((f) => f.endsWith('.wxss'))
  const failures = [...compileAll('wcc', wxml), ...compileAll('wcsc', wxss)]
  const packages = measurePackages()
  const oversize = packages.filter((p) => p.raw > PACKAGE_LIMIT).map((p) => p.name)
  const audit = options.audit === false ? [] : auditWeapp()
  return { built, wxml: wxml.length, wxss: wxss.length, failures, packages, oversize, audit }
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
    const passed = report.audit.filter((a) => a.success).length
    console.log(`WeChat code-quality audit (miniprogram-ci): ${passed}/${report.audit.length} pass`)
    // WeChat words each item as its failure: the text is shown only for the ones that fail.
    for (const a of report.audit)
      console.log(`  ${a.success ? '✓' : '✗'} ${a.name}${a.success ? '' : `: ${a.text}`}`)
  }
  if (report.failures.length || report.oversize.length || report.audit.some((a) => !a.success))
    process.exitCode = 1
}

if (require.main === module) {
  try {
    main()
  } catch (e) {
    console.error(e instanceof Error ? e.message : e)
    process.exitCode = 1
  }
}
