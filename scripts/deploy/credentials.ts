/**
 * Deploy credentials, read only from the environment or from a JSON file outside the repository
 * named by DEPLOY_CREDENTIALS (same keys as the variables), never from the repository itself:
 * - WX_APPID: the mini-program's AppID (project.config.json's when it is not the tourist id)
 * - WX_APPSECRET: its AppSecret, for WeChat's Cloud Development HTTP API (collections, indexes,
 *   editors); the machine's IP must be on the mini-program's API IP allow-list
 * - WX_UPLOAD_KEY: path of the mini-program code upload key (miniprogram-ci: functions, triggers,
 *   mini-program upload); the machine's IP must be on that key's allow-list
 * - TCB_SECRET_ID, TCB_SECRET_KEY: a CloudBase API key (security rules)
 */
import { existsSync, readFileSync, realpathSync } from 'fs'
import path from 'path'
import { DeployError } from './errors'
import { REPO_ROOT } from './manifest'

export interface Credentials {
  appid: string
  appSecret: string
  uploadKeyPath: string
  secretId: string
  secretKey: string
}

export type CredentialName =
  'WX_APPID' | 'WX_APPSECRET' | 'WX_UPLOAD_KEY' | 'TCB_SECRET_ID' | 'TCB_SECRET_KEY'

const inside = (file: string, dir: string): boolean => {
  const rel = path.relative(realpathSync(dir), realpathSync(file))
  return !rel.startsWith('..') && !path.isAbsolute(rel)
}

/** The project's AppID unless it is DevTools' tourist id. */
function projectAppid(root: string): string | undefined {
  try {
    const appid = (
      JSON.parse(readFileSync(path.join(root, 'project.config.json'), 'utf8')) as { appid?: string }
    ).appid
    return appid && appid !== 'touristappid' ? appid : undefined
  } catch {
    return undefined
  }
}

/**
 * Reads the credentials `needed` from `env` (and DEPLOY_CREDENTIALS). One error line names every
 * missing one; a credentials file or an upload key inside the repository is refused.
 */
export function readCredentials(
  env: NodeJS.ProcessEnv,
  needed: CredentialName[],
  root = REPO_ROOT,
): Partial<Credentials> {
  const values: Partial<Record<CredentialName, string>> = {}
  const file = env.DEPLOY_CREDENTIALS
  if (file) {
    if (!existsSync(file)) throw new DeployError(`DEPLOY_CREDENTIALS 指向的文件不存在：${file}`)
    if (inside(file, root))
      throw new DeployError(`凭据文件不能放在仓库里（${file}），请移到仓库之外`)
    try {
      Object.assign(values, JSON.parse(readFileSync(file, 'utf8')))
    } catch {
      throw new DeployError(`凭据文件不是合法的 JSON：${file}`)
    }
  }
  for (const name of [
    'WX_APPID',
    'WX_APPSECRET',
    'WX_UPLOAD_KEY',
    'TCB_SECRET_ID',
    'TCB_SECRET_KEY',
  ] as const)
    if (env[name]) values[name] = env[name]
  values.WX_APPID ??= projectAppid(root)
  const missing = needed.filter((n) => !values[n])
  if (missing.length > 0)
    throw new DeployError(
      `缺少凭据：${missing.join('、')}（在环境变量或 DEPLOY_CREDENTIALS 文件中设置，见 docs/deploy.md）`,
    )
  const key = values.WX_UPLOAD_KEY
  if (key && needed.includes('WX_UPLOAD_KEY')) {
    if (!existsSync(key)) throw new DeployError(`找不到上传密钥文件：${key}（WX_UPLOAD_KEY）`)
    if (inside(key, root)) throw new DeployError(`上传密钥不能放在仓库里（${key}），请移到仓库之外`)
    if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(readFileSync(key, 'utf8')))
      throw new DeployError(`上传密钥文件不是私钥：${key}（WX_UPLOAD_KEY）`)
  }
  return {
    appid: values.WX_APPID,
    appSecret: values.WX_APPSECRET,
    uploadKeyPath: key,
    secretId: values.TCB_SECRET_ID,
    secretKey: values.TCB_SECRET_KEY,
  }
}
