/**
 * `npm run deploy -- --env <envId> [--dry-run | --check] [--editor OPENID]…`: builds the cloud
 * functions when stale, reads the environment, prints the plan and carries it out. Every step is
 * idempotent and recorded as it finishes, so a run stopped half-way (a network failure, a refused
 * request) is finished by running the same command again.
 */
import { existsSync, readFileSync, statSync } from 'fs'
import path from 'path'
import { buildFunctions } from '../build-functions'
import { newestMtime } from '../build-staleness'
import { CloudbaseManagerApi, type LiveEnvironment } from './cloudbase-api'
import { readCredentials, type CredentialName } from './credentials'
import { commandOptions, ENV_ID } from './args'
import { DeployError } from './errors'
import {
  functionConfig,
  loadManifest,
  REPO_ROOT,
  requiredVariables,
  type Manifest,
} from './manifest'
import { miniprogramCi, type FunctionsPort } from './miniprogram-ci'
import {
  ADMIN_ONLY,
  BUILT_IN_INDEX,
  desiredRules,
  emptyState,
  formatPlan,
  makePlan,
  specKeys,
  type EnvState,
  type PlanItem,
} from './plan'
import { folderHash, readRecord, writeRecord } from './record'
import { WECHAT_API, WechatCloudApi } from './wechat-api'

export interface DeployOptions {
  env: string
  mode: 'apply' | 'dry-run' | 'check'
  editors: string[]
}

export interface DeployDeps {
  /** Where the manifest is read from (the repository). */
  root: string
  /** Where the functions are built to and uploaded from. */
  functionsDir: string
  /** Where `<env>.json` records of past deploys are kept. */
  recordDir: string
  env: NodeJS.ProcessEnv
  /** The functions port; miniprogram-ci with the upload key when not given. */
  functions?: FunctionsPort
  out: (line: string) => void
}

export const defaultDeps = (env: NodeJS.ProcessEnv, out: (line: string) => void): DeployDeps => ({
  root: REPO_ROOT,
  functionsDir: path.join(REPO_ROOT, 'dist/cloudfunctions'),
  recordDir: env.DEPLOY_RECORD_DIR || path.join(REPO_ROOT, '.deploy'),
  env,
  out,
})

/** Parses the command line; a bad one is one error line. */
export function parseArgs(argv: string[]): DeployOptions {
  let env: string | undefined
  let dryRun = false
  let check = false
  const editors: string[] = []
  for (const { name: arg, value } of commandOptions(argv)) {
    if (arg === '--env') env = value()
    else if (arg.startsWith('--env=')) env = arg.slice('--env='.length)
    else if (arg === '--dry-run') dryRun = true
    else if (arg === '--check') check = true
    else if (arg === '--editor') editors.push(value())
    else
      throw new DeployError(
        `不认识的参数 ${arg}（用法：npm run deploy -- --env <环境ID> [--dry-run | --check] [--editor OPENID]）`,
      )
  }
  if (!env) throw new DeployError('缺少 --env <环境ID>（云开发控制台 → 环境 → 环境ID）')
  if (!ENV_ID.test(env)) throw new DeployError(`环境ID 格式不对：${env}`)
  if (dryRun && check) throw new DeployError('--dry-run 和 --check 只能选一个')
  for (const openid of editors)
    if (!/^[A-Za-z0-9_-]{6,64}$/.test(openid)) throw new DeployError(`OPENID 格式不对：${openid}`)
  return { env, mode: dryRun ? 'dry-run' : check ? 'check' : 'apply', editors }
}

/** Whether the built functions are missing, older than their sources, or built with other config. */
function functionsStale(deps: DeployDeps, m: Manifest): boolean {
  const sources = Math.max(
    newestMtime(path.join(deps.root, 'cloudfunctions')),
    newestMtime(path.join(deps.root, 'core')),
    statSync(path.join(deps.root, 'cloudbaserc.json')).mtimeMs,
  )
  return m.functions.some((f) => {
    const dir = path.join(deps.functionsDir, f.name)
    const entry = path.join(dir, 'index.js')
    if (!existsSync(entry) || statSync(entry).mtimeMs < sources) return true
    try {
      const built = readFileSync(path.join(dir, 'config.json'), 'utf8')
      return built !== `${JSON.stringify(functionConfig(f, deps.env, false), null, 2)}\n`
    } catch {
      return true
    }
  })
}

/** Variables the functions need that the operator's environment does not set. */
const missingVariables = (m: Manifest, env: NodeJS.ProcessEnv): string[] => [
  ...new Set(m.functions.flatMap(requiredVariables).filter((v) => !env[v])),
]

/**
 * Reads the live environment: collections, the indexes of ours (names, keys, uniqueness, from
 * CloudBase's DescribeTable: WeChat's collection list gives only their number), rules, editors.
 */
async function readLive(
  wechat: WechatCloudApi,
  cloudbase: CloudbaseManagerApi,
  live: LiveEnvironment,
  m: Manifest,
  record: EnvState | null,
  editors: string[],
): Promise<EnvState> {
  const state = emptyState()
  const declared = new Set(m.collections.map((c) => c.name))
  for (const c of await wechat.listCollections()) {
    if (!declared.has(c.name)) {
      state.collections[c.name] = { indexCount: c.index_count, indexes: null }
      continue
    }
    const indexes = await cloudbase.indexes(live.database, c.name)
    // Deleted between the two reads: absent, like a collection never created.
    if (indexes) state.collections[c.name] = { indexCount: indexes.length, indexes }
  }
  const bucket = live.bucket
  const put = (key: string, p: { Permission?: string; SecurityRule?: string } | undefined) => {
    if (!p?.Permission) return
    state.rules[key] = p.Permission === 'CUSTOM' ? (p.SecurityRule ?? '') : p.Permission
  }
  const names = m.collections.map((c) => c.name).filter((n) => n in state.collections)
  if (names.length > 0)
    for (const p of await cloudbase.permissions('collection', names))
      put(`collection:${p.Resource}`, p)
  put('storage', (await cloudbase.permissions('storage', [bucket]))[0])
  put('functions', (await cloudbase.permissions('function'))[0])
  state.functions = { ...(record?.functions ?? {}) }
  state.triggers = { ...(record?.triggers ?? {}) }
  state.editors = 'admins' in state.collections ? await wechat.existingAdmins(editors) : []
  return state
}

/** Carries out the plan's changes in order, recording each as it finishes. */
async function apply(
  items: PlanItem[],
  m: Manifest,
  ctx: {
    env: string
    wechat: WechatCloudApi
    cloudbase: CloudbaseManagerApi
    functions: FunctionsPort
    bucket: string
    functionsDir: string
    hashes: Record<string, string>
    state: EnvState
    save: () => void
    out: (line: string) => void
  },
): Promise<void> {
  const { state, save, out } = ctx
  const todo = items.filter((i) => i.action !== 'keep' && i.action !== 'extra')
  const rules = desiredRules(m)
  for (const item of todo.filter((i) => i.kind === 'collection')) {
    await ctx.wechat.addCollection(item.name)
    state.collections[item.name] = {
      indexCount: 1,
      indexes: [{ name: BUILT_IN_INDEX, keys: [{ name: '_id', direction: '1' }], unique: true }],
    }
    save()
    out(`✓ 集合 ${item.name}`)
  }
  for (const c of m.collections) {
    const items = todo.filter((i) => i.kind === 'index' && i.name.startsWith(`${c.name}.`))
    const names = (actions: string[]) =>
      items.filter((i) => actions.includes(i.action)).map((i) => i.name.slice(c.name.length + 1))
    const rebuild = names(['change'])
    const create = names(['create', 'change'])
    if (create.length === 0) continue
    const live = (state.collections[c.name] ??= { indexCount: 1, indexes: [] })
    const keep = (drop: string[]) => (live.indexes ?? []).filter((i) => !drop.includes(i.name))
    if (rebuild.length > 0) {
      await ctx.wechat.updateIndexes(c.name, { drop: rebuild })
      live.indexes = keep(rebuild)
      save()
      out(`✓ 删除旧索引 ${rebuild.map((n) => `${c.name}.${n}`).join(', ')}`)
    }
    const specs = c.indexes.filter((i) => create.includes(i.name))
    await ctx.wechat.updateIndexes(c.name, { create: specs })
    live.indexes = [
      ...keep(create),
      ...specs.map((i) => ({ name: i.name, keys: specKeys(i), unique: i.unique ?? false })),
    ]
    live.indexCount = live.indexes.length
    save()
    out(`✓ 索引 ${create.map((n) => `${c.name}.${n}`).join(', ')}`)
  }
  for (const item of todo.filter((i) => i.kind === 'rule')) {
    const text = rules[item.name]
    if (item.name.startsWith('collection:')) {
      const collection = item.name.slice('collection:'.length)
      await ctx.cloudbase.setPermission(
        'collection',
        collection,
        text ? { custom: text } : { preset: ADMIN_ONLY },
      )
      state.rules[item.name] = text ?? ADMIN_ONLY
    } else if (item.name === 'storage') {
      await ctx.cloudbase.setPermission('storage', ctx.bucket, { custom: text })
      state.rules.storage = text
    } else {
      await ctx.cloudbase.setPermission('function', undefined, { custom: text })
      state.rules.functions = text
    }
    save()
    out(`✓ 规则 ${item.name}`)
  }
  for (const item of todo.filter((i) => i.kind === 'function')) {
    await ctx.functions.uploadFunction({
      env: ctx.env,
      name: item.name,
      dir: path.join(ctx.functionsDir, item.name),
    })
    state.functions[item.name] = ctx.hashes[item.name]
    save()
    out(`✓ 函数 ${item.name}`)
  }
  for (const item of todo.filter((i) => i.kind === 'trigger')) {
    const triggers = m.functions.find((f) => f.name === item.name)?.triggers ?? []
    await ctx.functions.createTimeTrigger({ env: ctx.env, name: item.name, triggers })
    state.triggers[item.name] = JSON.stringify(triggers)
    save()
    out(`✓ 触发器 ${item.name}`)
  }
  const newEditors = todo.filter((i) => i.kind === 'editor').map((i) => i.name)
  if (newEditors.length > 0) {
    await ctx.wechat.addAdmins(newEditors)
    state.editors = [...new Set([...state.editors, ...newEditors])]
    save()
    out(`✓ 编辑 ${newEditors.join(', ')}`)
  }
}

/**
 * Runs one deploy, dry run or check. Returns the exit status: 0 done (or, for a check, nothing
 * differs), 1 a check found differences. Throws DeployError for anything that stops it.
 */
export async function runDeploy(opts: DeployOptions, deps: DeployDeps): Promise<number> {
  const m = loadManifest(deps.root)
  const out = (text: string) => text.split('\n').forEach((line) => deps.out(line))
  const needed: CredentialName[] =
    opts.mode === 'dry-run'
      ? []
      : opts.mode === 'check'
        ? ['WX_APPID', 'WX_APPSECRET', 'TCB_SECRET_ID', 'TCB_SECRET_KEY']
        : ['WX_APPID', 'WX_APPSECRET', 'WX_UPLOAD_KEY', 'TCB_SECRET_ID', 'TCB_SECRET_KEY']
  const creds = readCredentials(deps.env, needed, deps.root)
  const missingVars = missingVariables(m, deps.env)
  if (opts.mode === 'apply' && missingVars.length > 0)
    throw new DeployError(
      `缺少环境变量 ${missingVars.join('、')}（函数的环境变量，见 cloudbaserc.json 与 docs/deploy.md）`,
    )

  const builtHashes = async () => {
    if (functionsStale(deps, m)) {
      out('构建云函数…')
      await buildFunctions({ env: deps.env, strict: opts.mode === 'apply', out: deps.functionsDir })
    }
    return Object.fromEntries(
      m.functions.map((f) => [f.name, folderHash(path.join(deps.functionsDir, f.name))]),
    )
  }
  const record = readRecord(deps.recordDir, opts.env)

  if (opts.mode === 'dry-run') {
    const hashes = await builtHashes()
    out(
      `部署计划（环境 ${opts.env}，对照${record ? '上次部署的记录' : '一个空环境：这台机器没有部署过它'}）：`,
    )
    out(formatPlan(makePlan(m, record ?? emptyState(), hashes, opts.editors)))
    if (missingVars.length > 0) out(`注意：部署前须设置环境变量 ${missingVars.join('、')}`)
    return 0
  }

  const wechat = new WechatCloudApi({
    base: deps.env.WX_API_BASE || WECHAT_API,
    appid: creds.appid!,
    secret: creds.appSecret!,
    env: opts.env,
  })
  const cloudbase = new CloudbaseManagerApi({
    secretId: creds.secretId!,
    secretKey: creds.secretKey!,
    env: opts.env,
  })
  // Credentials and environment first, before anything changes.
  await wechat.accessToken()
  const live = await cloudbase.environment()
  const bucket = live.bucket
  const hashes = await builtHashes()
  const state = await readLive(wechat, cloudbase, live, m, record, opts.editors)
  const items = makePlan(m, state, hashes, opts.editors)

  if (opts.mode === 'check') {
    const differ = items.filter((i) => i.action !== 'keep' && i.action !== 'extra')
    out(`环境 ${opts.env} 与仓库${differ.length ? '的不同之处' : '一致'}：`)
    out(formatPlan(items, { onlyChanges: true }))
    out('（函数与触发器无法用上传密钥读回，按本机上次部署的记录比较）')
    return differ.length ? 1 : 0
  }

  out(formatPlan(items, { onlyChanges: true }))
  const functions =
    deps.functions ??
    miniprogramCi({
      appid: creds.appid!,
      privateKeyPath: creds.uploadKeyPath!,
      projectPath: deps.root,
    })
  await apply(items, m, {
    env: opts.env,
    wechat,
    cloudbase,
    functions,
    bucket,
    functionsDir: deps.functionsDir,
    hashes,
    state,
    save: () => writeRecord(deps.recordDir, opts.env, state),
    out,
  })
  writeRecord(deps.recordDir, opts.env, state)
  out(`部署完成：环境 ${opts.env}`)
  return 0
}
