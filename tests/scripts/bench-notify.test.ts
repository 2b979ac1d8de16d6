import { spawnSync } from 'child_process'
import path from 'path'

const ROOT = path.resolve(__dirname, '../..')

describe('npm run --silent bench:notify -- --json --subscribers N --rate R --kills K', () => {
  it('kills the worker and still sends no duplicate and loses no one', () => {
    const r = spawnSync(
      'npm',
      [
        'run',
        '--silent',
        'bench:notify',
        '--',
        '--json',
        '--subscribers',
        '1500',
        '--rate',
        '500',
        '--kills',
        '2',
      ],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    )
    expect(r.status).toBe(0)
    const lines = r.stdout.trim().split('\n')
    expect(lines).toHaveLength(1)
    const result = JSON.parse(lines[0])
    expect(Object.keys(result)).toEqual(
      expect.arrayContaining([
        'subscribers',
        'sent',
        'permanentFailures',
        'unknown',
        'duplicates',
        'lost',
        'seconds',
        'ratePerSecond',
        'rateCap',
        'noAnswerInjected',
        'inFlightLimit',
        'unknownBound',
        'freezeSeconds',
        'killCostSeconds',
        'killCostMaxSeconds',
        'steadyRatePerSecond',
      ]),
    )
    expect(result).toMatchObject({
      subscribers: 1500,
      duplicates: 0,
      lost: 0,
      rateCap: 500,
      kills: 2,
    })
    // Every subscriber ends sent, permanently failed or unknown (no one had a grant taken elsewhere).
    expect(result.sent + result.permanentFailures + result.unknown + result.noGrant).toBe(1500)
    // Every call that went unanswered is recorded unknown; beyond those, only calls in flight
    // when a kill landed, at most ⌈2 × 500/s × 5 ms⌉ = 5 per kill.
    expect(result.unknown).toBeGreaterThanOrEqual(result.noAnswerInjected)
    expect(result).toMatchObject({ inFlightLimit: 5, unknownBound: 10 })
    expect(result.unknown - result.noAnswerInjected).toBeLessThanOrEqual(result.unknownBound)
    // Each kill was followed by a restarted worker that sent again.
    expect(result.killCostSeconds).toBeGreaterThan(0)
    expect(result.runs).toBeGreaterThanOrEqual(3)
    expect(result.permanentFailures).toBeGreaterThan(0)
    expect(result.sent).toBeGreaterThan(1300)
  }, 120000)

  it('rejects a bad argument with one line', () => {
    const r = spawnSync(
      'npm',
      ['run', '--silent', 'bench:notify', '--', '--json', '--subscribers', 'many'],
      { cwd: ROOT, encoding: 'utf8' },
    )
    expect(r.status).toBe(2)
    expect(r.stderr.replace(/^npm warn .*\n/gm, '').trim()).toBe(
      'error: --subscribers needs a non-negative integer',
    )
  })
})
