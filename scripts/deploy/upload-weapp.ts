/**
 * `npm run upload:weapp -- --version X --desc "…" [--env <envId>]`: builds the mini-program for
 * production (NOTIFY_TEMPLATE_ID as its template, `--env` as its cloud environment), runs the
 * checks CI runs over that very build (`check:weapp`: WeChat's own WXML/WXSS compilers, the
 * package limits and the code-quality audit; then the weapp screens of tests/weapp in the
 * simulated runtime, when the tests are there), and only then uploads it as a development version
 * with miniprogram-ci (`ci.upload`). Credentials:
 * WX_APPID and WX_UPLOAD_KEY, as for `npm run deploy`. Exits 2 with one line when it cannot go on.
 */
import { spawnSync } from 'child_process'
import { existsSync } from 'fs'
import path from 'path'
import { buildWeapp, checkWeapp, WEAPP_DIR, type WeappReport } from '../check-weapp'
import { readCredentials } from './credentials'
import { commandOptions, ENV_ID } from './args'
import { DeployError, stopLine } from './errors'
import { ManifestError, REPO_ROOT } from './manifest'
import { miniprogramCi, type WeappUploadPort } from './miniprogram-ci'

export interface UploadOptions {
  version: string
  desc: string
  env: string | null
}

export interface UploadDeps {
  env: NodeJS.ProcessEnv
  /** Builds for production with these variables and checks the build (check:weapp by default). */
  check: (buildEnv: NodeJS.ProcessEnv) => WeappReport
  /** Runs the weapp screens over the checked build; null when the project has none. */
  runScreens: (buildEnv: NodeJS.ProcessEnv) => ScreensReport | null
  /** The upload port; miniprogram-ci with the upload key when not given. */
  port?: WeappUploadPort
  projectPath: string
  out: (line: string) => void
}

export function parseUploadArgs(argv: string[]): UploadOptions {
  let version: string | undefined
  let desc: string | undefined
  let env: string | null = null
  for (const { name: arg, value } of commandOptions(argv)) {
    if (arg === '--version') version = value()
    else if (arg === '--desc') desc = value()
    else if (arg === '--env') env = value()
    else
      throw new DeployError(
        `不认识的参数 ${arg}（用法：npm run upload:weapp -- --version 1.2.0 --desc "说明" [--env <环境ID>]）`,
      )
  }
  if (!version) throw new DeployError('缺少 --version（如 1.2.0）')
  if (!/^\d+\.\d+\.\d+$/.test(version))
    throw new DeployError(`版本号格式不对：${version}（如 1.2.0）`)
  if (!desc?.trim()) throw new DeployError('缺少 --desc "版本说明"')
  if (desc.length > 200) throw new DeployError('版本说明太长（最多 200 字）')
  if (env !== null && !ENV_ID.test(env)) throw new DeployError(`环境ID 格式不对：${env}`)
  return { version, desc: desc.trim(), env }
}

/** The production build and check:weapp over it. */
export const defaultCheck = (buildEnv: NodeJS.ProcessEnv): WeappReport => {
  buildWeapp({ ...process.env, ...buildEnv })
  return checkWeapp({ build: false })
}

/** The weapp screens' run: whether all passed, and Jest's summary line. */
export interface ScreensReport {
  ok: boolean
  summary: string
}

/**
 * The weapp screens (the `weapp` Jest project: tests/weapp in the simulated runtime) over the
 * build just checked; the build is fresh, so the run does not rebuild it. Null without tests/weapp.
 */
export const defaultRunScreens = (buildEnv: NodeJS.ProcessEnv): ScreensReport | null => {
  if (!existsSync(path.join(REPO_ROOT, 'tests', 'weapp'))) return null
  const r = spawnSync(
    path.join(REPO_ROOT, 'node_modules', '.bin', 'jest'),
    ['--selectProjects', 'weapp', '--ci'],
    { cwd: REPO_ROOT, env: { ...process.env, ...buildEnv }, encoding: 'utf8', maxBuffer: 64 << 20 },
  )
  const output = `${r.stdout ?? ''}\n${r.stderr ?? ''}`
  const summary = /^Tests:.*$/m.exec(output)?.[0] ?? (r.error?.message || `jest 退出码 ${r.status}`)
  return { ok: r.status === 0, summary }
}

/** Builds, checks and uploads. Throws DeployError for anything that stops it. */
export async function runUpload(opts: UploadOptions, deps: UploadDeps): Promise<void> {
  const creds = readCredentials(deps.env, ['WX_APPID', 'WX_UPLOAD_KEY'])
  const templateId = deps.env.NOTIFY_TEMPLATE_ID
  if (!templateId)
    throw new DeployError('缺少环境变量 NOTIFY_TEMPLATE_ID（小程序订阅的模板，与云函数的相同）')
  deps.out('构建小程序并运行 check:weapp…')
  const buildEnv = {
    TARO_APP_NOTIFY_TEMPLATE_ID: templateId,
    ...(opts.env ? { TARO_APP_CLOUD_ENV: opts.env } : {}),
    NODE_ENV: 'production',
  } as unknown as NodeJS.ProcessEnv
  let report: WeappReport
  try {
    report = deps.check(buildEnv)
  } catch (e) {
    throw new DeployError(`构建或检查失败：${String((e as Error).message).split('\n')[0]}`)
  }
  if (report.failures.length > 0)
    throw new DeployError(
      `检查未通过，未上传：${report.failures.length} 个文件编译出错（第一个：${report.failures[0].message}）`,
    )
  if (report.oversize.length > 0)
    throw new DeployError(`检查未通过，未上传：${report.oversize.join('、')} 超过 2 MB 的分包上限`)
  const failedAudit = report.audit.filter((item) => !item.success)
  if (failedAudit.length > 0)
    throw new DeployError(
      `检查未通过，未上传：代码质量检查有 ${failedAudit.length} 项未通过（第一项：${failedAudit[0].name}）`,
    )
  deps.out('在模拟的小程序运行环境中运行各页面的测试…')
  const screens = deps.runScreens(buildEnv)
  if (screens === null) deps.out('没有 tests/weapp，跳过页面运行测试')
  else if (!screens.ok)
    throw new DeployError(`检查未通过，未上传：小程序页面运行测试失败（${screens.summary}）`)
  else deps.out(`页面运行测试通过（${screens.summary}）`)
  const port =
    deps.port ??
    miniprogramCi({
      appid: creds.appid!,
      privateKeyPath: creds.uploadKeyPath!,
      projectPath: deps.projectPath,
    })
  await port.upload({ projectPath: deps.projectPath, version: opts.version, desc: opts.desc })
  deps.out(`已上传 ${opts.version}：在 微信公众平台 → 管理 → 版本管理 中设为体验版或提交审核`)
}

if (require.main === module) {
  runUpload(parseUploadArgsOrExit(), {
    env: process.env,
    check: defaultCheck,
    runScreens: defaultRunScreens,
    projectPath: WEAPP_DIR,
    out: (line) => console.log(line),
  }).catch(fail)
}

function parseUploadArgsOrExit(): UploadOptions {
  try {
    return parseUploadArgs(process.argv.slice(2))
  } catch (e) {
    return fail(e)
  }
}

function fail(e: unknown): never {
  console.error(stopLine(e, '上传', (x) => x instanceof ManifestError))
  process.exit(2)
}
