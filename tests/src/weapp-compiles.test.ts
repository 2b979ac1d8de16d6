import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { auditWeapp, checkWeapp, PACKAGE_LIMIT, WEAPP_DIR } from '../../scripts/check-weapp'

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

  it("passes every item of WeChat's code-quality audit (miniprogram-ci, offline)", () => {
    expect(report.audit.map((a) => a.name)).toEqual(
      expect.arrayContaining(['PACKAGE_SIZE_LIMIT', 'JS_COMPRESS_OPEN', 'LAZYCODE_LOADING_OPEN']),
    )
    expect(report.audit.length).toBeGreaterThanOrEqual(11)
    expect(report.audit.filter((a) => !a.success)).toEqual([])
  })

  it('the audit fails a build whose app.json lacks lazyCodeLoading', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'weapp-audit-copy-'))
    try {
      cpSync(WEAPP_DIR, dir, { recursive: true })
      const appJson = path.join(dir, 'app.json')
      const { lazyCodeLoading: _dropped, ...app } = JSON.parse(readFileSync(appJson, 'utf8'))
      writeFileSync(appJson, JSON.stringify(app))
      const failed = auditWeapp(dir).filter((a) => !a.success)
      expect(failed.map((a) => a.name)).toEqual(['LAZYCODE_LOADING_OPEN'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
