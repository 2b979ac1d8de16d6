/** The deployment files are read in one place, and a broken one is one line naming it. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs'
import os from 'os'
import path from 'path'
import {
  functionConfig,
  loadManifest,
  ManifestError,
  MANIFEST_FILES,
  REPO_ROOT,
} from '../../../scripts/deploy/manifest'
import { emptyState, makePlan } from '../../../scripts/deploy/plan'

let root: string

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'manifest-'))
  mkdirSync(path.join(root, 'cloudfunctions'))
  for (const file of Object.values(MANIFEST_FILES))
    cpSync(path.join(REPO_ROOT, file), path.join(root, file))
})

afterEach(() => rmSync(root, { recursive: true, force: true }))

const edit = (file: string, change: (json: Record<string, unknown>) => void) => {
  const json = JSON.parse(readFileSync(path.join(root, file), 'utf8'))
  change(json)
  writeFileSync(path.join(root, file), JSON.stringify(json))
}

describe('deployment manifest', () => {
  it('reads the repository files', () => {
    const m = loadManifest(root)
    expect(m.functions.map((f) => f.name)).toEqual([
      'content',
      'publish',
      'subscription',
      'notify',
      'qrcode',
    ])
    expect(m.functionRules).toEqual({ '*': { invoke: 'auth != null' }, content: { invoke: true } })
  })

  it('takes rules with write split into create, update and delete', () => {
    edit(MANIFEST_FILES.databaseRules, (r) => {
      r.grants = { read: false, create: false, update: false, delete: false }
    })
    expect(loadManifest(root).databaseRules.grants).toEqual({
      read: false,
      create: false,
      update: false,
      delete: false,
    })
  })

  it('names the file and the place of what is wrong', () => {
    const cases: [() => void, RegExp][] = [
      [
        () =>
          edit(
            MANIFEST_FILES.databaseRules,
            (r) => void ((r.issues as Record<string, unknown>).write = undefined),
          ),
        /^cloudfunctions\/database-rules\.json 格式不对：issues a rule needs write/,
      ],
      [
        () => writeFileSync(path.join(root, MANIFEST_FILES.storageRules), '{ read: true'),
        /^cloudfunctions\/storage-rules\.json 不是合法的 JSON/,
      ],
      [
        () => edit(MANIFEST_FILES.securityRules, (r) => void (r.ghost = { invoke: true })),
        /^cloudfunctions\/security-rules\.json 提到不存在的函数 ghost/,
      ],
      [
        () =>
          edit(
            MANIFEST_FILES.cloudbaserc,
            (rc) => void ((rc.functions as { timeout: number }[])[0].timeout = 900),
          ),
        /^cloudbaserc\.json 格式不对：functions\.0\.timeout/,
      ],
      [
        () =>
          edit(
            MANIFEST_FILES.database,
            (d) =>
              void ((d.collections as Record<string, unknown>).jobs = {
                indexes: [{ name: 'x', keys: {} }],
              }),
          ),
        /^cloudfunctions\/database\.json 格式不对：collections\.jobs\.indexes\.0\.keys an index needs a key/,
      ],
      [
        () => rmSync(path.join(root, MANIFEST_FILES.database)),
        /^缺少部署文件 cloudfunctions\/database\.json/,
      ],
    ]
    for (const [breakIt, message] of cases) {
      for (const file of Object.values(MANIFEST_FILES))
        cpSync(path.join(REPO_ROOT, file), path.join(root, file))
      breakIt()
      expect(() => loadManifest(root)).toThrow(ManifestError)
      expect(() => loadManifest(root)).toThrow(message)
    }
  })

  it('fills config.json variables from the environment, and insists on them for a deploy', () => {
    const notify = loadManifest(root).functions.find((f) => f.name === 'notify')!
    expect(
      functionConfig(notify, { NOTIFY_TEMPLATE_ID: 'tpl' } as unknown as NodeJS.ProcessEnv, true),
    ).toMatchObject({
      envVariables: { NOTIFY_TEMPLATE_ID: 'tpl' },
      permissions: { openapi: ['subscribeMessage.send'] },
    })
    expect(functionConfig(notify, {} as NodeJS.ProcessEnv, false)).not.toHaveProperty(
      'envVariables',
    )
    expect(() => functionConfig(notify, {} as NodeJS.ProcessEnv, true)).toThrow(
      /^缺少环境变量 NOTIFY_TEMPLATE_ID（函数 notify 需要）/,
    )
  })
})

describe('the plan', () => {
  it('lists the rule of a collection the repository does not declare, and leaves it', () => {
    const m = loadManifest()
    const state = emptyState()
    state.rules['collection:legacy'] = 'READONLY'
    const item = makePlan(m, state, {}, []).find((i) => i.name === 'collection:legacy')
    // Listed, not applied and not a difference for --check, as an extra index is.
    expect(item).toMatchObject({ kind: 'rule', action: 'extra' })
  })
})
