/**
 * The calls into WeChat's own CI package `miniprogram-ci`, behind two small ports so tests can put
 * a stand-in in their place (its calls go to WeChat's servers). It takes the mini-program's
 * upload key (微信公众平台 → 开发管理 → 开发设置 → 小程序代码上传密钥) and only works from an IP
 * on that key's allow-list.
 * - `ci.cloud.uploadFunction`: uploads a function folder with its config.json, as DevTools'
 *   “上传并部署：云端安装依赖” does (so `permissions.openapi` applies)
 * - `ci.cloud.createTimeTrigger`: the function's timer triggers
 * - `ci.upload`: a mini-program version (https://developers.weixin.qq.com/miniprogram/dev/devtools/ci.html)
 */
import type * as Ci from 'miniprogram-ci'
import { DeployError, networkLine } from './errors'

export interface TimerTrigger {
  name: string
  type: string
  config: string
}

/** Cloud functions of one environment. */
export interface FunctionsPort {
  uploadFunction(o: { env: string; name: string; dir: string }): Promise<void>
  createTimeTrigger(o: { env: string; name: string; triggers: TimerTrigger[] }): Promise<void>
}

/** Uploading a mini-program version. */
export interface WeappUploadPort {
  upload(o: { projectPath: string; version: string; desc: string }): Promise<void>
}

/** The first line of what miniprogram-ci threw, which carries WeChat's code and message. */
function ciLine(what: string, e: unknown): DeployError {
  const net = networkLine(e, 'servicewechat.com')
  if (net) return new DeployError(net)
  const msg = String((e as Error)?.message ?? e).split('\n')[0]
  if (/ip/i.test(msg) && /(white|allow|不在|whitelist)/i.test(msg))
    return new DeployError(`${what}失败：本机 IP 不在上传密钥的 IP 白名单内（${msg}）`)
  if (/private ?key|privateKey|签名|signature/i.test(msg))
    return new DeployError(`${what}失败：上传密钥不对，请核对 WX_UPLOAD_KEY（${msg}）`)
  return new DeployError(`${what}失败：${msg}`)
}

/** The ports over miniprogram-ci for one AppID and upload key (loaded only when used: it is large). */
export function miniprogramCi(opts: {
  appid: string
  privateKeyPath: string
  projectPath: string
}): FunctionsPort & WeappUploadPort {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const load = () => require('miniprogram-ci') as typeof Ci
  const project = (projectPath: string) =>
    new (load().Project)({
      appid: opts.appid,
      type: 'miniProgram',
      projectPath,
      privateKeyPath: opts.privateKeyPath,
      ignores: ['node_modules/**/*'],
    })
  return {
    async uploadFunction({ env, name, dir }) {
      try {
        await load().cloud.uploadFunction({
          project: project(opts.projectPath),
          env,
          name,
          path: dir,
          remoteNpmInstall: true,
        })
      } catch (e) {
        throw ciLine(`上传函数 ${name} `, e)
      }
    },
    async createTimeTrigger({ env, name, triggers }) {
      let result: string
      try {
        result = await load().cloud.createTimeTrigger({
          project: project(opts.projectPath),
          envId: env,
          functionName: name,
          triggersConfig: triggers,
        })
      } catch (e) {
        throw ciLine(`创建 ${name} 的定时触发器`, e)
      }
      if (result !== '创建定时触发器成功')
        throw new DeployError(`创建 ${name} 的定时触发器失败：${result}`)
    },
    async upload({ projectPath, version, desc }) {
      try {
        await load().upload({ project: project(projectPath), version, desc, robot: 1 })
      } catch (e) {
        throw ciLine('上传小程序 ', e)
      }
    },
  }
}
