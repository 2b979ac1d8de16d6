import { spawn } from 'child_process'
import { existsSync } from 'fs'
import path from 'path'
import { buildIsStale } from '../build-staleness'

/** One progress report of the build: webpack's percent and the step it is on. */
export interface BuildProgress {
  percent: number
  step: string
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g

/**
 * The last progress report in a piece of Taro's build output: its progress bar prints lines like
 * `● Webpack ████ building (10%) 0/1 entries` (with terminal escapes); null when there is none.
 */
export function lastProgress(output: string): BuildProgress | null {
  return progressReports(output).pop() ?? null
}

/** Every progress report in a piece of the build's output, in order. */
function progressReports(output: string): BuildProgress[] {
  const found: BuildProgress[] = []
  for (const line of output.replace(ANSI, '').split(/[\r\n]+/)) {
    const m = /([a-z][a-z ]*?)\s*\((\d{1,3})%\)/i.exec(line)
    if (m) found.push({ percent: Number(m[2]), step: m[1].trim() })
  }
  return found
}

export interface BuildOptions {
  /** The build command (tests give a stand-in); Taro's h5 build otherwise. */
  command?: [string, ...string[]]
  /** Where progress lines go (stdout otherwise). */
  log?: (line: string) => void
  /** Rewrites one line in place (a terminal); otherwise a line per 10 % step. */
  tty?: boolean
  now?: () => number
}

/**
 * Builds dist/h5 when it is missing or older than src/, core/ or config/, showing webpack's
 * progress (percent and step) and the time it took; returns its path.
 */
export async function ensureH5Build(root: string, options: BuildOptions = {}): Promise<string> {
  const out = path.join(root, 'dist/h5')
  const index = path.join(out, 'index.html')
  if (!buildIsStale(root, index)) return out
  const tty = options.tty ?? Boolean(process.stdout.isTTY)
  const log = options.log ?? ((line: string) => process.stdout.write(line))
  const now = options.now ?? Date.now
  const [cmd, ...args] = options.command ?? ['npx', 'taro', 'build', '--type', 'h5']
  const started = now()
  log('building the h5 app (dist/h5), about a minute on a first start…\n')
  let output = ''
  let shownTenth = -1
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production' },
    })
    const onData = (chunk: Buffer) => {
      const text = chunk.toString()
      output = (output + text).slice(-256 * 1024)
      const reports = progressReports(text)
      const last = reports[reports.length - 1]
      if (tty && last) log(`\r\x1b[K  ${last.percent}% ${last.step}`)
      if (!tty)
        for (const p of reports)
          if (Math.floor(p.percent / 10) > shownTenth) {
            shownTenth = Math.floor(p.percent / 10)
            log(`  ${p.percent}% ${p.step}\n`)
          }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('error', reject)
    child.once('close', resolve)
  })
  if (tty) log('\r\x1b[K')
  if (code !== 0 || !existsSync(index)) {
    process.stderr.write(`${output.replace(ANSI, '').split('\n').slice(-40).join('\n')}\n`)
    throw new Error('the h5 build failed (see above, or run `npm run build:h5`)')
  }
  log(`built the h5 app in ${((now() - started) / 1000).toFixed(1)} s\n`)
  return out
}
