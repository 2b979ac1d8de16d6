/**
 * `npm start`'s h5 build step: webpack's progress (percent and step) while it builds, and the time
 * it took, read from the build's own output. A stand-in build prints what Taro's progress bar does.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { ensureH5Build, lastProgress } from '../../scripts/start/ensure-build'

/** Taro's progress bar as it reaches a pipe: terminal escapes, carriage returns, no newlines. */
const BAR = (percent: number, step: string) =>
  `\x1b[2K\x1b[1A\x1b[G● Webpack █████████ ${step} (${percent}%) 0/1 entries 11/33 dependencies\r`

describe('lastProgress', () => {
  it('reads percent and step from the progress bar', () => {
    expect(lastProgress(BAR(10, 'building') + BAR(89, 'sealing'))).toEqual({
      percent: 89,
      step: 'sealing',
    })
    expect(lastProgress('- 即将开始启动编译，请稍等~\n')).toBeNull()
  })
})

describe('ensureH5Build', () => {
  let root = ''
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'ensure-build-'))
    mkdirSync(path.join(root, 'src'))
    writeFileSync(path.join(root, 'src/app.ts'), '')
  })
  afterEach(() => rmSync(root, { recursive: true, force: true }))

  /** A build that prints the progress bar through several steps, then writes dist/h5/index.html. */
  const fakeBuild = (fail = false): [string, ...string[]] => {
    const steps = [
      [0, ''],
      [10, 'building'],
      [45, 'building'],
      [70, 'sealing'],
      [92, 'sealing'],
      [100, 'done'],
    ]
    const script = `
      const steps = ${JSON.stringify(steps)}
      const bar = ${BAR.toString()}
      for (const [p, s] of steps) process.stderr.write(bar(p, s))
      if (${fail}) { console.log('Module not found: x'); process.exit(1) }
      require('fs').mkdirSync('dist/h5', { recursive: true })
      require('fs').writeFileSync('dist/h5/index.html', '<!doctype html>')
    `
    return [process.execPath, '-e', script]
  }

  it('shows each tenth of the progress with its step, and the time taken', async () => {
    const lines: string[] = []
    let t = 1_000
    const out = await ensureH5Build(root, {
      command: fakeBuild(),
      log: (l) => lines.push(l),
      tty: false,
      now: () => (t += 24_000),
    })
    expect(out).toBe(path.join(root, 'dist/h5'))
    const text = lines.join('')
    expect(text).toContain('building the h5 app')
    expect(text).toContain('10% building')
    expect(text).toContain('45% building')
    expect(text).toContain('70% sealing')
    expect(text).toContain('100% done')
    expect(text).toMatch(/built the h5 app in 24\.0 s\n$/)
  })

  it('rewrites one line in place on a terminal', async () => {
    const lines: string[] = []
    await ensureH5Build(root, { command: fakeBuild(), log: (l) => lines.push(l), tty: true })
    // Output arrives in chunks; each chunk's latest report replaces the line.
    expect(lines.filter((l) => l.startsWith('\r\x1b[K  ')).length).toBeGreaterThanOrEqual(1)
    expect(lines.join('')).toContain('\r\x1b[K  100% done')
    expect(lines.join('')).not.toMatch(/% \w+\n/)
  })

  it('does nothing when the build is current, and fails with one line when the build fails', async () => {
    await ensureH5Build(root, { command: fakeBuild(), log: () => {} })
    const lines: string[] = []
    await ensureH5Build(root, { command: fakeBuild(true), log: (l) => lines.push(l) })
    expect(lines).toEqual([])
    writeFileSync(path.join(root, 'src/app.ts'), 'changed')
    rmSync(path.join(root, 'dist'), { recursive: true })
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true)
    await expect(ensureH5Build(root, { command: fakeBuild(true), log: () => {} })).rejects.toThrow(
      'the h5 build failed',
    )
    expect(stderr.mock.calls.join('')).toContain('Module not found: x')
    stderr.mockRestore()
  })
})
