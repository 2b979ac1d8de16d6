/**
 * `npm run deploy` against local stand-ins of WeChat's and CloudBase's APIs (support/) and of
 * miniprogram-ci's cloud calls: the plan from the repository's own files, a full deploy, re-runs
 * that change nothing, a deploy stopped half-way that a re-run finishes, `--check`, and one clear
 * line with exit status 2 for every way it cannot go on.
 */
import { spawnSync } from 'child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs'
import os from 'os'
import path from 'path'
import { buildFunctions } from '../../../scripts/build-functions'
import { runDeploy, parseArgs, type DeployDeps } from '../../../scripts/deploy/deploy'
import { CloudbaseManagerApi } from '../../../scripts/deploy/cloudbase-api'
import { DeployError } from '../../../scripts/deploy/errors'
import { loadManifest, MANIFEST_FILES, REPO_ROOT } from '../../../scripts/deploy/manifest'
import { CloudStandIn } from './support/cloud-stand-in'
import { MiniprogramCiStandIn } from './support/miniprogram-ci-stand-in'

const ENV = 'prod-7g2k'
const CREDS = {
  WX_APPID: 'wx0123456789abcdef',
  WX_APPSECRET: 'app-secret-1',
  TCB_SECRET_ID: 'AKIDstandin',
  TCB_SECRET_KEY: 'secret-key-1',
  NOTIFY_TEMPLATE_ID: 'tpl-new-issue',
}

const manifest = loadManifest()
let tmp: string
let functionsDir: string
let keyFile: string

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'deploy-test-'))
  functionsDir = path.join(tmp, 'functions')
  await buildFunctions({ env: { ...process.env, ...CREDS }, strict: true, out: functionsDir })
  keyFile = path.join(tmp, 'private.wx0123456789abcdef.key')
  writeFileSync(
    keyFile,
    '-----BEGIN RSA PRIVATE KEY-----\nstand-in\n-----END RSA PRIVATE KEY-----\n',
  )
})

afterAll(() => {
  delete process.env.TCB_BASE_URL
  rmSync(tmp, { recursive: true, force: true })
})

interface Rig {
  cloud: CloudStandIn
  functions: MiniprogramCiStandIn
  lines: string[]
  run: (argv: string[], envExtra?: Record<string, string>) => Promise<number>
  stop: () => Promise<void>
}

/** A fresh stand-in cloud and record directory, and a way to run the deploy against them. */
async function rig(root = REPO_ROOT): Promise<Rig> {
  const cloud = new CloudStandIn({
    appid: CREDS.WX_APPID,
    secret: CREDS.WX_APPSECRET,
    env: ENV,
    secretId: CREDS.TCB_SECRET_ID,
    secretKey: CREDS.TCB_SECRET_KEY,
  })
  const base = await cloud.start()
  const functions = new MiniprogramCiStandIn(ENV)
  const recordDir = mkdtempSync(path.join(tmp, 'record-'))
  const lines: string[] = []
  const run = async (argv: string[], envExtra: Record<string, string> = {}) => {
    // @cloudbase/manager-node reads its endpoint from TCB_BASE_URL itself.
    process.env.TCB_BASE_URL = base
    const deps: DeployDeps = {
      root,
      functionsDir,
      recordDir,
      env: {
        ...CREDS,
        WX_UPLOAD_KEY: keyFile,
        WX_API_BASE: base,
        ...envExtra,
      } as unknown as NodeJS.ProcessEnv,
      functions,
      out: (l) => lines.push(l),
    }
    return runDeploy(parseArgs(argv), deps)
  }
  return { cloud, functions, lines, run, stop: () => cloud.stop() }
}

const KINDS = '(?:function|trigger|collection|index|rule|editor)'
const planLines = (lines: string[], kind: string) =>
  lines.filter((l) => new RegExp(`^\\S+\\s+${kind}\\s`).test(l))

/** What a correct deployment leaves in the stand-ins. */
function expectDeployed(r: Rig, editors: string[] = []): void {
  expect([...r.cloud.collections.keys()].sort()).toEqual(
    manifest.collections.map((c) => c.name).sort(),
  )
  for (const c of manifest.collections) {
    const live = r.cloud.collections.get(c.name)!
    expect(live.indexes.map((i) => i.name).sort()).toEqual(
      ['_id_', ...c.indexes.map((i) => i.name)].sort(),
    )
    for (const i of c.indexes)
      expect(live.indexes.find((l) => l.name === i.name)!.keys).toEqual(
        Object.entries(i.keys).map(([name, d]) => ({ name, direction: String(d) })),
      )
    expect(live.permission.Permission).toBe('CUSTOM')
    expect(JSON.parse(live.permission.SecurityRule!)).toEqual(manifest.databaseRules[c.name])
  }
  expect(JSON.parse(r.cloud.storagePermission.SecurityRule!)).toEqual(manifest.storageRule)
  expect(JSON.parse(r.cloud.functionPermission!.SecurityRule!)).toEqual(manifest.functionRules)
  expect([...r.functions.functions.keys()].sort()).toEqual(
    manifest.functions.map((f) => f.name).sort(),
  )
  for (const f of manifest.functions) {
    const config = r.functions.functions.get(f.name)!.config
    expect(config).toMatchObject({
      timeout: f.timeout,
      memorySize: f.memorySize,
      permissions: f.permissions,
    })
  }
  expect(r.functions.functions.get('notify')!.config.envVariables).toEqual({
    NOTIFY_TEMPLATE_ID: 'tpl-new-issue',
  })
  expect(r.functions.triggers.get('notify')).toEqual(
    manifest.functions.find((f) => f.name === 'notify')!.triggers,
  )
  expect(
    r.cloud.collections
      .get('admins')!
      .docs.map((d) => d._id)
      .sort(),
  ).toEqual(editors.sort())
}

describe('npm run deploy --dry-run', () => {
  it('plans every function, trigger, collection, index and rule of the repository once, without credentials', async () => {
    const lines: string[] = []
    const code = await runDeploy(parseArgs(['--env', ENV, '--dry-run']), {
      root: REPO_ROOT,
      functionsDir,
      recordDir: mkdtempSync(path.join(tmp, 'record-')),
      env: { NOTIFY_TEMPLATE_ID: 'tpl-new-issue' } as unknown as NodeJS.ProcessEnv,
      out: (l) => lines.push(l),
    })
    expect(code).toBe(0)
    const names = (kind: string) => planLines(lines, kind).map((l) => l.split(/\s+/)[2])
    expect(names('function')).toEqual(manifest.functions.map((f) => f.name))
    expect(names('trigger')).toEqual(['notify'])
    expect(names('collection')).toEqual(manifest.collections.map((c) => c.name))
    expect(names('index')).toEqual(
      manifest.collections.flatMap((c) => c.indexes.map((i) => `${c.name}.${i.name}`)),
    )
    expect(names('rule').sort()).toEqual(
      [...manifest.collections.map((c) => `collection:${c.name}`), 'storage', 'functions'].sort(),
    )
    // Against an environment never deployed from here, everything is to be created.
    expect(planLines(lines, KINDS).every((l) => l.startsWith('创建'))).toBe(true)
    expect(lines.at(-1)).toMatch(/^共 \d+ 项：创建 \d+/)
  })

  it('plans against a record that names indexes only (written before indexes were read live)', async () => {
    const recordDir = mkdtempSync(path.join(tmp, 'record-'))
    const jobs = manifest.collections.find((c) => c.name === 'jobs')!
    writeFileSync(
      path.join(recordDir, `${ENV}.json`),
      JSON.stringify({
        collections: {
          jobs: { indexCount: 2, indexes: [jobs.indexes[0].name, 'byHand'] },
          audit: { indexCount: 2, indexes: null },
        },
      }),
    )
    const lines: string[] = []
    await runDeploy(parseArgs(['--env', ENV, '--dry-run']), {
      root: REPO_ROOT,
      functionsDir,
      recordDir,
      env: { NOTIFY_TEMPLATE_ID: 'tpl-new-issue' } as unknown as NodeJS.ProcessEnv,
      out: (l) => lines.push(l),
    })
    const jobIndexes = planLines(lines, 'index')
      .map((l) => l.split(/\s+/).slice(0, 3).join(' '))
      .filter((l) => /jobs\.|audit\./.test(l))
    expect(jobIndexes.sort()).toEqual(
      [
        `不变 index jobs.${jobs.indexes[0].name}`,
        `创建 index jobs.${jobs.indexes[1].name}`,
        '多余 index jobs.byHand',
        // Only the number known: `_id` and ours are there.
        '不变 index audit.at',
      ].sort(),
    )
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^多余\s+index\s+jobs\.byHand\s+\(仓库中没有这个索引，部署不会删除它\)$/,
      ),
    )
  })

  it('shows a rule removed from the repository as a difference after a deploy', async () => {
    const root = mkdtempSync(path.join(tmp, 'repo-'))
    mkdirSync(path.join(root, 'cloudfunctions'))
    for (const file of Object.values(MANIFEST_FILES))
      cpSync(path.join(REPO_ROOT, file), path.join(root, file), { preserveTimestamps: true })
    const r = await rig(root)
    try {
      expect(await r.run(['--env', ENV])).toBe(0)
      const rules = JSON.parse(readFileSync(path.join(root, MANIFEST_FILES.databaseRules), 'utf8'))
      delete rules.articles
      writeFileSync(path.join(root, MANIFEST_FILES.databaseRules), JSON.stringify(rules))
      r.lines.length = 0
      expect(await r.run(['--env', ENV, '--dry-run'])).toBe(0)
      const changed = planLines(r.lines, KINDS).filter((l) => !l.startsWith('不变'))
      expect(changed).toEqual([
        expect.stringMatching(/^删除\s+rule\s+collection:articles\s.*ADMINONLY/),
      ])
      // Deploying it leaves the collection to administrators only.
      expect(await r.run(['--env', ENV])).toBe(0)
      expect(r.cloud.collections.get('articles')!.permission).toEqual({ Permission: 'ADMINONLY' })
    } finally {
      await r.stop()
    }
  })
})

describe('npm run deploy against the stand-ins', () => {
  it('deploys everything, and a second run changes nothing', async () => {
    const r = await rig()
    try {
      expect(await r.run(['--env', ENV, '--editor', 'oEditor0001'])).toBe(0)
      expectDeployed(r, ['oEditor0001'])
      expect(r.lines.at(-1)).toBe(`部署完成：环境 ${ENV}`)
      const changes = r.cloud.changes
      const calls = r.functions.calls.length
      r.lines.length = 0
      expect(await r.run(['--env', ENV, '--editor', 'oEditor0001'])).toBe(0)
      expect(r.cloud.changes).toBe(changes)
      expect(r.functions.calls.length).toBe(calls)
      expect(r.lines).toContainEqual(
        expect.stringMatching(/^共 \d+ 项：创建 0，更新 0，删除 0，不变 \d+/),
      )
      expectDeployed(r, ['oEditor0001'])
    } finally {
      await r.stop()
    }
  })

  it.each([3, 11, 20])(
    'is finished by a re-run after the network fails at change %i',
    async (n) => {
      const r = await rig()
      try {
        r.cloud.breakAfter(n)
        await expect(r.run(['--env', ENV, '--editor', 'oEditor0001'])).rejects.toThrow(/^网络不通/)
        expect(r.cloud.changes).toBe(n + 1)
        expect(await r.run(['--env', ENV, '--editor', 'oEditor0001'])).toBe(0)
        expectDeployed(r, ['oEditor0001'])
      } finally {
        await r.stop()
      }
    },
  )

  it('is finished by a re-run after an upload fails half-way, without uploading again what was done', async () => {
    const r = await rig()
    try {
      r.functions.failOn(3)
      await expect(r.run(['--env', ENV])).rejects.toThrow(/socket hang up/)
      expect(r.functions.functions.size).toBe(2)
      r.functions.calls.length = 0
      expect(await r.run(['--env', ENV])).toBe(0)
      expect(r.functions.calls).toEqual([
        'uploadFunction subscription',
        'uploadFunction notify',
        'uploadFunction qrcode',
        'createTimeTrigger notify',
      ])
      expectDeployed(r)
    } finally {
      await r.stop()
    }
  })

  it('--check lists what differs from the live environment', async () => {
    const r = await rig()
    try {
      expect(await r.run(['--env', ENV, '--check'])).toBe(1)
      expect(await r.run(['--env', ENV])).toBe(0)
      r.lines.length = 0
      expect(await r.run(['--env', ENV, '--check'])).toBe(0)
      expect(r.lines[0]).toBe(`环境 ${ENV} 与仓库一致：`)
      // Changed in the console: a rule back to a preset, an index dropped, a collection deleted.
      r.cloud.collections.get('issues')!.permission = { Permission: 'READONLY' }
      r.cloud.collections.get('jobs')!.indexes.pop()
      r.cloud.collections.delete('qrcodes')
      const changes = r.cloud.changes
      r.lines.length = 0
      expect(await r.run(['--env', ENV, '--check'])).toBe(1)
      expect(r.cloud.changes).toBe(changes)
      const differ = planLines(r.lines, KINDS).map((l) => l.split(/\s+/).slice(0, 3).join(' '))
      expect(differ.sort()).toEqual(
        [
          '创建 collection qrcodes',
          '更新 rule collection:issues',
          '创建 rule collection:qrcodes',
          '创建 index jobs.createdAt',
        ].sort(),
      )
      expect(await r.run(['--env', ENV])).toBe(0)
      expectDeployed(r)
    } finally {
      await r.stop()
    }
  })

  /** The plan lines of one kind, as `action kind name`. */
  const differences = (r: Rig) =>
    planLines(r.lines, KINDS).map((l) => l.split(/\s+/).slice(0, 3).join(' '))

  it('--check names an index made by hand in place of ours (same count), and a deploy creates ours beside it', async () => {
    const r = await rig()
    try {
      expect(await r.run(['--env', ENV])).toBe(0)
      // In the console: ours dropped, another made, so the collection has as many indexes as before.
      const jobs = r.cloud.collections.get('jobs')!
      const count = jobs.indexes.length
      jobs.indexes = jobs.indexes.filter((i) => i.name !== 'createdAt')
      jobs.indexes.push({
        name: 'byHand',
        unique: false,
        keys: [{ name: 'state', direction: '1' }],
      })
      expect(jobs.indexes.length).toBe(count)
      r.lines.length = 0
      expect(await r.run(['--env', ENV, '--check'])).toBe(1)
      expect(differences(r).sort()).toEqual(
        ['创建 index jobs.createdAt', '多余 index jobs.byHand'].sort(),
      )
      expect(r.lines).toContainEqual(
        expect.stringMatching(
          /^多余\s+index\s+jobs\.byHand\s+\(state:1；仓库中没有这个索引，部署不会删除它\)$/,
        ),
      )
      r.lines.length = 0
      expect(await r.run(['--env', ENV])).toBe(0)
      expect(jobs.indexes.find((i) => i.name === 'createdAt')!.keys).toEqual([
        { name: 'createdAt', direction: '-1' },
      ])
      expect(jobs.indexes.map((i) => i.name)).toContain('byHand')
    } finally {
      await r.stop()
    }
  })

  it('rebuilds an index of our name with other keys, and a second deploy changes nothing', async () => {
    const r = await rig()
    try {
      expect(await r.run(['--env', ENV])).toBe(0)
      // Same name, same fields, one direction turned.
      const rev = r.cloud.collections.get('articles')!.indexes.find((i) => i.name === 'rev_order')!
      rev.keys = [
        { name: 'rev', direction: '1' },
        { name: 'totalNumber', direction: '1' },
        { name: 'position', direction: '1' },
      ]
      r.lines.length = 0
      expect(await r.run(['--env', ENV, '--check'])).toBe(1)
      expect(differences(r)).toEqual(['更新 index articles.rev_order'])
      expect(r.lines).toContainEqual(
        expect.stringContaining(
          '现为 rev:1, totalNumber:1, position:1，应为 rev:1, totalNumber:-1, position:1',
        ),
      )
      expect(await r.run(['--env', ENV])).toBe(0)
      expectDeployed(r)
      const changes = r.cloud.changes
      r.lines.length = 0
      expect(await r.run(['--env', ENV])).toBe(0)
      expect(r.cloud.changes).toBe(changes)
      expect(r.lines).toContainEqual(
        expect.stringMatching(/^共 \d+ 项：创建 0，更新 0，删除 0，不变 \d+/),
      )
      r.lines.length = 0
      expect(await r.run(['--env', ENV, '--check'])).toBe(0)
    } finally {
      await r.stop()
    }
  })

  it('lists an index that is not in the repository and leaves it in place, without failing --check for it', async () => {
    const r = await rig()
    try {
      expect(await r.run(['--env', ENV])).toBe(0)
      const extra = { name: 'byHand', unique: true, keys: [{ name: 'title', direction: '-1' }] }
      r.cloud.collections.get('issues')!.indexes.push(extra)
      r.lines.length = 0
      // Someone's own index (or one the platform made) is not a fault of the deployment.
      expect(await r.run(['--env', ENV, '--check'])).toBe(0)
      expect(differences(r)).toEqual(['多余 index issues.byHand'])
      expect(r.lines).toContainEqual(expect.stringContaining('title:-1，唯一；仓库中没有这个索引'))
      const changes = r.cloud.changes
      r.lines.length = 0
      expect(await r.run(['--env', ENV])).toBe(0)
      expect(r.cloud.changes).toBe(changes)
      expect(r.cloud.collections.get('issues')!.indexes).toContainEqual(extra)
      expect(r.lines).toContainEqual(expect.stringMatching(/^多余\s+index\s+issues\.byHand\s/))
    } finally {
      await r.stop()
    }
  })

  it('finishes a rebuild stopped between dropping the old index and creating ours', async () => {
    const r = await rig()
    try {
      expect(await r.run(['--env', ENV])).toBe(0)
      const articles = r.cloud.collections.get('articles')!
      articles.indexes.find((i) => i.name === 'issueId_rev')!.keys.reverse()
      r.cloud.breakAfter(1)
      await expect(r.run(['--env', ENV])).rejects.toThrow(/^网络不通/)
      expect(articles.indexes.map((i) => i.name)).not.toContain('issueId_rev')
      r.lines.length = 0
      expect(await r.run(['--env', ENV, '--check'])).toBe(1)
      expect(differences(r)).toEqual(['创建 index articles.issueId_rev'])
      expect(await r.run(['--env', ENV])).toBe(0)
      expectDeployed(r)
    } finally {
      await r.stop()
    }
  })

  it('compares uniqueness where the repository states it', async () => {
    const root = mkdtempSync(path.join(tmp, 'repo-'))
    mkdirSync(path.join(root, 'cloudfunctions'))
    for (const file of Object.values(MANIFEST_FILES))
      cpSync(path.join(REPO_ROOT, file), path.join(root, file), { preserveTimestamps: true })
    const file = path.join(root, MANIFEST_FILES.database)
    const db = JSON.parse(readFileSync(file, 'utf8'))
    db.collections.deliveries.indexes[0].unique = true
    writeFileSync(file, JSON.stringify(db))
    const r = await rig(root)
    try {
      expect(await r.run(['--env', ENV])).toBe(0)
      const live = () => r.cloud.collections.get('deliveries')!.indexes
      expect(live().find((i) => i.name === 'jobId_seq')!.unique).toBe(true)
      // Not stated for this one: a unique index of its keys is still ours.
      live().find((i) => i.name === 'jobId_state_nextAttemptAt')!.unique = true
      expect(await r.run(['--env', ENV, '--check'])).toBe(0)
      live().find((i) => i.name === 'jobId_seq')!.unique = false
      r.lines.length = 0
      expect(await r.run(['--env', ENV, '--check'])).toBe(1)
      expect(differences(r)).toEqual(['更新 index deliveries.jobId_seq'])
      expect(await r.run(['--env', ENV])).toBe(0)
      expect(live().find((i) => i.name === 'jobId_seq')!.unique).toBe(true)
    } finally {
      await r.stop()
    }
  })

  it('reads indexes with DescribeTable: an unknown collection is absent, a wrong database one line', async () => {
    const r = await rig()
    try {
      expect(await r.run(['--env', ENV])).toBe(0)
      const api = new CloudbaseManagerApi({
        secretId: CREDS.TCB_SECRET_ID,
        secretKey: CREDS.TCB_SECRET_KEY,
        env: ENV,
      })
      const { database } = await api.environment()
      expect(database).toBe(r.cloud.database)
      expect(await api.indexes(database, 'audit')).toEqual([
        { name: '_id_', keys: [{ name: '_id', direction: '1' }], unique: true },
        { name: 'at', keys: [{ name: 'at', direction: '-1' }], unique: false },
      ])
      expect(await api.indexes(database, 'nothing')).toBeNull()
      const wrong = api.indexes('tnt-other', 'audit')
      await expect(wrong).rejects.toBeInstanceOf(DeployError)
      await expect(wrong).rejects.toThrow(
        `找不到云开发环境 ${ENV} 的数据库（ResourceNotFound.Connector）`,
      )
    } finally {
      await r.stop()
    }
  })

  it('stops before changing anything on wrong credentials or an unknown environment', async () => {
    const r = await rig()
    try {
      const cases: [string[], Record<string, string>, RegExp][] = [
        [['--env', ENV], { WX_APPSECRET: 'wrong' }, /^AppSecret 不对（40125）/],
        [['--env', ENV], { WX_APPID: 'wx0000000000000000' }, /^AppID 不对（40013）/],
        [['--env', ENV], { TCB_SECRET_KEY: 'wrong' }, /^CloudBase API 密钥不对/],
        [['--env', ENV], { TCB_SECRET_ID: 'AKIDother' }, /^CloudBase API 密钥不存在/],
        [['--env', 'other-env'], {}, /^找不到云开发环境 other-env/],
        [['--env', ENV], { WX_UPLOAD_KEY: path.join(tmp, 'missing.key') }, /^找不到上传密钥文件/],
        [['--env', ENV], { NOTIFY_TEMPLATE_ID: '' }, /^缺少环境变量 NOTIFY_TEMPLATE_ID/],
      ]
      for (const [argv, env, message] of cases) {
        const run = r.run(argv, env)
        await expect(run).rejects.toBeInstanceOf(DeployError)
        await expect(run).rejects.toThrow(message)
      }
      expect(r.cloud.changes).toBe(0)
      expect(r.functions.calls).toEqual([])
    } finally {
      await r.stop()
    }
  })
})

describe('npm run deploy command line', () => {
  const cli = (args: string[], env: Record<string, string>) =>
    spawnSync(path.join(REPO_ROOT, 'node_modules/.bin/tsx'), ['scripts/deploy/index.ts', ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH, HOME: tmp, ...env } as unknown as NodeJS.ProcessEnv,
      encoding: 'utf8',
    })

  it('exits 2 with one line on missing credentials, bad arguments and a network failure', async () => {
    const cloud = new CloudStandIn({
      appid: CREDS.WX_APPID,
      secret: CREDS.WX_APPSECRET,
      env: ENV,
      secretId: CREDS.TCB_SECRET_ID,
      secretKey: CREDS.TCB_SECRET_KEY,
    })
    const base = await cloud.start()
    await cloud.stop() // nothing listens there any more
    const full = { ...CREDS, WX_UPLOAD_KEY: keyFile, WX_API_BASE: base, TCB_BASE_URL: base }
    const cases: [string[], Record<string, string>, RegExp][] = [
      [
        ['--env', ENV],
        {},
        /^错误：缺少凭据：WX_APPID、WX_APPSECRET、WX_UPLOAD_KEY、TCB_SECRET_ID、TCB_SECRET_KEY/,
      ],
      [
        ['--env', ENV, '--check'],
        { WX_APPID: 'wx1' },
        /^错误：缺少凭据：WX_APPSECRET、TCB_SECRET_ID、TCB_SECRET_KEY/,
      ],
      [[], {}, /^错误：缺少 --env/],
      [['--env', ENV, '--bogus'], {}, /^错误：不认识的参数 --bogus/],
      [['--env', ENV], full, /^错误：网络不通：无法连接 127\.0\.0\.1:\d+（ECONNREFUSED）/],
      [
        ['--env', ENV],
        { ...full, DEPLOY_CREDENTIALS: path.join(REPO_ROOT, 'package.json') },
        /^错误：凭据文件不能放在仓库里/,
      ],
    ]
    for (const [args, env, message] of cases) {
      const r = cli(args, env)
      expect({ args, status: r.status, stderr: r.stderr.trim().split('\n').length }).toEqual({
        args,
        status: 2,
        stderr: 1,
      })
      expect(r.stderr).toMatch(message)
    }
  })
})
