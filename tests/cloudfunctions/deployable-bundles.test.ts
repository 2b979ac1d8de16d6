import { readFileSync } from 'fs'
import path from 'path'
import { buildFunctions, deployableFunctions, FUNCTIONS_OUT } from '../../scripts/build-functions'
import { EmbeddedDatabase } from '../../server/store/embedded-database'
import { publishIssue } from '../../cloudfunctions/lib/publishing/publish-issue'
import { sampleParsed } from '../fixtures/published-store'

/**
 * The bundles that get uploaded, run with a stand-in for wx-server-sdk (the real one cannot run
 * without a cloud): init, database and getWXContext, with the embedded store behind database().
 */
let db: EmbeddedDatabase
let openid: string | undefined
let source: string | undefined

beforeAll(async () => {
  await buildFunctions()
  db = new EmbeddedDatabase(null)
  await publishIssue(db, sampleParsed(), new Date())
  jest.doMock('wx-server-sdk', () => ({
    DYNAMIC_CURRENT_ENV: Symbol('env'),
    init: () => undefined,
    database: () => db,
    getWXContext: () => ({ OPENID: openid, APPID: 'wx-test', SOURCE: source }),
  }))
})

const load = (name: string) =>
  require(path.join(FUNCTIONS_OUT, name, 'index.js')) as { main: (e: unknown) => Promise<any> } // eslint-disable-line @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any

describe('deployable function bundles', () => {
  it('ship index.js, package.json with wx-server-sdk, and config.json with an explicit timeout', () => {
    for (const name of ['content', 'publish']) {
      const pkg = JSON.parse(readFileSync(path.join(FUNCTIONS_OUT, name, 'package.json'), 'utf8'))
      expect(pkg.dependencies).toEqual({ 'wx-server-sdk': '4.0.2' })
      const config = JSON.parse(readFileSync(path.join(FUNCTIONS_OUT, name, 'config.json'), 'utf8'))
      expect(config.timeout).toBeGreaterThan(3)
      expect(config.timeout).toBeLessThanOrEqual(60)
      expect(readFileSync(path.join(FUNCTIONS_OUT, name, 'index.js'), 'utf8')).toContain(
        'require("wx-server-sdk")',
      )
    }
  })

  it('write config.json from cloudbaserc.json: openapi permissions, trigger, memory, variables', () => {
    const config = (name: string) =>
      JSON.parse(readFileSync(path.join(FUNCTIONS_OUT, name, 'config.json'), 'utf8'))
    const rc = JSON.parse(readFileSync(path.join(__dirname, '../../cloudbaserc.json'), 'utf8'))
    for (const fn of rc.functions) {
      const built = config(fn.name)
      expect(built).toMatchObject({
        timeout: fn.timeout,
        memorySize: fn.memorySize,
        permissions: fn.permissions,
      })
      expect(built.triggers).toEqual(fn.triggers)
    }
    expect(config('notify').permissions.openapi).toEqual(['subscribeMessage.send'])
    expect(config('notify').triggers).toEqual([
      { name: 'everyMinute', type: 'timer', config: '0 * * * * * *' },
    ])
    expect(config('qrcode').permissions.openapi).toEqual(['wxacode.getUnlimited'])
  })

  it('content answers a call from the mini-program, ignoring the userInfo WeChat adds', async () => {
    const { main } = load('content')
    const result = await main({
      action: 'articles.get',
      id: 'i280-09',
      userInfo: { appId: 'wx-test', openId: 'o-1' },
    })
    expect(result.ok).toBe(true)
    expect(result.data.article.region).toBe('北京')
  })

  it('publish takes the caller from the WeChat context and the admins collection', async () => {
    const { main } = load('publish')
    const event = { action: 'issues.unpublish', id: 'i280', userInfo: { openId: 'editor-1' } }
    openid = 'editor-1'
    expect((await main(event)).error.code).toBe('permission_denied')
    await db.collection('admins').add({ data: { _id: 'editor-1' } })
    expect((await main(event)).ok).toBe(true)
    openid = undefined
    expect((await main(event)).error.code).toBe('permission_denied')
  })

  it('notify runs the worker for its timer trigger and our functions, by SOURCE, never by the event', async () => {
    const { main } = load('notify')
    openid = undefined
    source = 'wx_client'
    expect((await main({ Type: 'Timer', TriggerName: 'notify' })).ok).toBe(false)
    expect((await main({ action: 'notify.run' })).error.code).toBe('permission_denied')
    openid = 'editor-1'
    expect((await main({ action: 'notify.run' })).error.code).toBe('permission_denied')
    openid = undefined
    source = 'wx_trigger'
    expect(await main({ Type: 'Timer', TriggerName: 'notify' })).toMatchObject({
      ok: true,
      data: { idle: true },
    })
    source = 'wx_client,scf'
    expect((await main({ action: 'notify.run' })).ok).toBe(true)
  })
})

describe('function security rules (cloudfunctions/security-rules.json)', () => {
  const rules = JSON.parse(
    readFileSync(path.join(__dirname, '../../cloudfunctions/security-rules.json'), 'utf8'),
  ) as Record<string, { invoke: unknown }>

  it('let only content be invoked without a login, in the form the console takes', () => {
    // The console takes a `*` entry, an `invoke` per entry, and only true, false or "auth != null".
    expect(rules['*']).toEqual({ invoke: 'auth != null' })
    for (const rule of Object.values(rules))
      expect([true, false, 'auth != null']).toContain(rule.invoke)
    const open = Object.entries(rules)
      .filter(([, r]) => r.invoke === true)
      .map(([name]) => name)
    expect(open).toEqual(['content'])
    for (const name of Object.keys(rules))
      if (name !== '*') expect(deployableFunctions()).toContain(name)
  })
})
