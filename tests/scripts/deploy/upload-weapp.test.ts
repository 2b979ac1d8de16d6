/**
 * `npm run upload:weapp`: the production build is checked first and only a build that passes
 * reaches `ci.upload` (here the miniprogram-ci stand-in); bad arguments and missing credentials
 * stop it before anything is built.
 */
import { spawnSync } from 'child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs'
import os from 'os'
import path from 'path'
import type { WeappReport } from '../../../scripts/check-weapp'
import { DeployError } from '../../../scripts/deploy/errors'
import { REPO_ROOT } from '../../../scripts/deploy/manifest'
import {
  parseUploadArgs,
  runUpload,
  type ScreensReport,
  type UploadDeps,
} from '../../../scripts/deploy/upload-weapp'
import { MiniprogramCiStandIn } from './support/miniprogram-ci-stand-in'

let tmp: string
let keyFile: string
let project: string

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'upload-weapp-'))
  keyFile = path.join(tmp, 'private.key')
  writeFileSync(
    keyFile,
    '-----BEGIN RSA PRIVATE KEY-----\nstand-in\n-----END RSA PRIVATE KEY-----\n',
  )
  project = path.join(tmp, 'weapp')
  mkdirSync(project)
  writeFileSync(path.join(project, 'app.json'), '{"pages":["pages/latest/index"]}')
})

afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const passing: WeappReport = {
  built: true,
  wxml: 3,
  wxss: 3,
  failures: [],
  packages: [{ name: 'main', root: '', files: 10, raw: 400_000, gzip: 100_000 }],
  oversize: [],
  audit: [{ name: 'LAZYCODE_LOADING_OPEN', success: true, text: '组件按需注入' }],
}

function deps(
  report: WeappReport,
  env: Record<string, string> = {},
  screens: ScreensReport | null = { ok: true, summary: 'Tests: 40 passed, 40 total' },
) {
  const port = new MiniprogramCiStandIn('unused')
  const builds: NodeJS.ProcessEnv[] = []
  const screenRuns: NodeJS.ProcessEnv[] = []
  const d: UploadDeps = {
    env: {
      WX_APPID: 'wx0123456789abcdef',
      WX_UPLOAD_KEY: keyFile,
      NOTIFY_TEMPLATE_ID: 'tpl-new-issue',
      ...env,
    } as unknown as NodeJS.ProcessEnv,
    check: (buildEnv) => {
      builds.push(buildEnv)
      return report
    },
    runScreens: (buildEnv) => {
      screenRuns.push(buildEnv)
      return screens
    },
    port,
    projectPath: project,
    out: () => undefined,
  }
  return { d, port, builds, screenRuns }
}

describe('npm run upload:weapp', () => {
  it('uploads a build that passes the checks, built with the template and environment', async () => {
    const { d, port, builds, screenRuns } = deps(passing)
    await runUpload(
      parseUploadArgs(['--version', '1.4.0', '--desc', '往期搜索', '--env', 'prod-7g2k']),
      d,
    )
    expect(builds).toEqual([
      expect.objectContaining({
        TARO_APP_NOTIFY_TEMPLATE_ID: 'tpl-new-issue',
        TARO_APP_CLOUD_ENV: 'prod-7g2k',
      }),
    ])
    // The screens run over that same build, with the same variables.
    expect(screenRuns).toEqual(builds)
    expect(port.uploads).toEqual([{ projectPath: project, version: '1.4.0', desc: '往期搜索' }])
  })

  it('does not upload a build whose screens fail in the simulated runtime', async () => {
    const { d, port } = deps(passing, {}, { ok: false, summary: 'Tests: 1 failed, 39 passed' })
    await expect(
      runUpload(parseUploadArgs(['--version', '1.4.0', '--desc', 'x']), d),
    ).rejects.toThrow(/^检查未通过，未上传：小程序页面运行测试失败（Tests: 1 failed, 39 passed）/)
    expect(port.calls).toEqual([])
  })

  it('uploads without a screen run when the project has no weapp tests, and says so', async () => {
    const lines: string[] = []
    const { d, port } = deps(passing, {}, null)
    await runUpload(parseUploadArgs(['--version', '1.4.0', '--desc', 'x']), {
      ...d,
      out: (line) => lines.push(line),
    })
    expect(lines).toContain('没有 tests/weapp，跳过页面运行测试')
    expect(port.uploads).toHaveLength(1)
  })

  it('does not upload a build that fails a check', async () => {
    for (const report of [
      {
        ...passing,
        failures: [{ tool: 'wcc' as const, file: 'a.wxml', message: 'a.wxml:3:1: unclosed tag' }],
      },
      { ...passing, oversize: ['packages/reader'] },
      {
        ...passing,
        audit: [{ name: 'LAZYCODE_LOADING_OPEN', success: false, text: '组件按需注入' }],
      },
    ]) {
      const { d, port } = deps(report)
      await expect(
        runUpload(parseUploadArgs(['--version', '1.4.0', '--desc', 'x']), d),
      ).rejects.toThrow(/^检查未通过，未上传/)
      expect(port.calls).toEqual([])
    }
  })

  it('stops before building on missing credentials or template', async () => {
    for (const [env, message] of [
      [{ WX_UPLOAD_KEY: '' }, /^缺少凭据：WX_UPLOAD_KEY/],
      [{ NOTIFY_TEMPLATE_ID: '' }, /^缺少环境变量 NOTIFY_TEMPLATE_ID/],
    ] as const) {
      const { d, builds } = deps(passing, env)
      await expect(
        runUpload(parseUploadArgs(['--version', '1.4.0', '--desc', 'x']), d),
      ).rejects.toThrow(message)
      expect(builds).toEqual([])
    }
  })

  it('refuses bad arguments with one line', () => {
    const bad: [string[], RegExp][] = [
      [['--desc', 'x'], /缺少 --version/],
      [['--version', '1.4', '--desc', 'x'], /版本号格式不对/],
      [['--version', '1.4.0'], /缺少 --desc/],
      [['--version', '1.4.0', '--desc', 'x', '--force'], /不认识的参数 --force/],
    ]
    for (const [argv, message] of bad) {
      expect(() => parseUploadArgs(argv)).toThrow(DeployError)
      expect(() => parseUploadArgs(argv)).toThrow(message)
    }
    const r = spawnSync(
      path.join(REPO_ROOT, 'node_modules/.bin/tsx'),
      ['scripts/deploy/upload-weapp.ts', '--version', '1.4.0', '--desc', 'x'],
      {
        cwd: REPO_ROOT,
        env: { PATH: process.env.PATH, HOME: tmp } as unknown as NodeJS.ProcessEnv,
        encoding: 'utf8',
      },
    )
    expect(r.status).toBe(2)
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^错误：缺少凭据：WX_APPID、WX_UPLOAD_KEY/),
    ])
  })
})
