import { readFileSync } from 'node:fs'
import path from 'node:path'

import { checkWeapp, PACKAGE_LIMIT, WEAPP_DIR } from '../../scripts/check-weapp'

// Builds dist/weapp when it is stale (about 20–40 s), then runs WeChat's wcc/wcsc over every file.
jest.setTimeout(240_000)

describe('the weapp build', () => {
  let report: ReturnType<typeof checkWeapp>
  beforeAll(() => {
    report = checkWeapp()
  })

  it('compiles with WeChat wcc/wcsc and keeps every package under 2 MB', () => {
    for (const p of report.packages)
      console.log(
        `${p.name}: ${(p.raw / 1024).toFixed(1)} KB raw, ${(p.gzip / 1024).toFixed(1)} KB gzip`,
      )
    expect(report.failures).toEqual([])
    expect(report.wxml).toBeGreaterThan(0)
    expect(report.wxss).toBeGreaterThan(0)
    expect(report.packages.map((p) => p.name)).toEqual([
      'main',
      'packages/reader',
      'packages/editor',
    ])
    for (const p of report.packages) expect(p.raw).toBeLessThan(PACKAGE_LIMIT)
  })

  it('injects only the components a page uses (app.json lazyCodeLoading)', () => {
    const app = JSON.parse(readFileSync(path.join(WEAPP_DIR, 'app.json'), 'utf8'))
    expect(app.lazyCodeLoading).toBe('requiredComponents')
  })
})
