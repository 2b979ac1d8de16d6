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
        '1000',
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
      ]),
    )
    expect(result).toMatchObject({
      subscribers: 1500,
      duplicates: 0,
      lost: 0,
      rateCap: 1000,
      kills: 2,
    })
    // Every subscriber ends sent, permanently failed or unknown (no one had a grant taken elsewhere).
    expect(result.sent + result.permanentFailures + result.unknown + result.noGrant).toBe(1500)
    // Every call that went unanswered is recorded unknown (kills may add more, never fewer).
    expect(result.unknown).toBeGreaterThanOrEqual(result.noAnswerInjected)
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
