/**
 * The code's own collections and queries checked against the deployment kept in the repository
 * (cloudfunctions/database.json, database-rules.json): every action of every function runs on
 * the local cloud with its database recording each query (collection, filtered fields, sort);
 * a collection that is not declared or has no rule, or a query no index serves, fails.
 */
import { SOURCE, type CallContext } from '../../../cloudfunctions/lib/ports/context'
import { readdirSync, readFileSync } from 'fs'
import path from 'path'
import { createLocalCloud, LOCAL_INDEXES, type LocalCloud } from '../../../server/local-cloud'
import { LocalCommand, LocalRegExp } from '../../../server/store/local-command'
import { loadManifest, type Manifest } from '../../../scripts/deploy/manifest'
import type { Database } from '../../../cloudfunctions/lib/ports/database'
import { adminsCollection } from '../../../cloudfunctions/lib/ports/wx-binding'

interface Recorded {
  collection: string
  where: unknown[]
  order: string[]
  op: string
}

/** Makes every query of `db` leave a record of its collection, conditions and sort. */
function record(db: Database, log: Recorded[]): void {
  const original = db.collection.bind(db)
  const wrap = <T extends object>(
    target: T,
    collection: string,
    where: unknown[],
    order: string[],
  ): T =>
    new Proxy(target, {
      get(t, prop) {
        const value = Reflect.get(t, prop) as unknown
        if (typeof value !== 'function') return value
        return (...args: unknown[]) => {
          const call = () => (value as (...a: unknown[]) => unknown).apply(t, args)
          switch (prop) {
            case 'where':
              return wrap(call() as object, collection, [...where, args[0]], order)
            case 'orderBy':
              return wrap(call() as object, collection, where, [...order, String(args[0])])
            case 'skip':
            case 'limit':
            case 'field':
              return wrap(call() as object, collection, where, order)
            case 'doc':
              log.push({ collection, where: [{ _id: args[0] }], order: [], op: 'doc' })
              return call()
            case 'get':
            case 'count':
            case 'update':
            case 'remove':
            case 'add':
              log.push({ collection, where, order, op: String(prop) })
              return call()
            default:
              return call()
          }
        }
      },
    })
  db.collection = ((name: string) => wrap(original(name), name, [], [])) as Database['collection']
}

interface Fields {
  /** Fields an index can narrow on: equality, ranges, `in`. */
  indexable: Set<string>
  /** `_id` pinned by equality: a point lookup. */
  byId: boolean
}

/** The fields of a condition's top-level conjunction (`or` branches only filter what it finds). */
function fieldsOf(conditions: unknown[]): Fields {
  const out: Fields = { indexable: new Set(), byId: false }
  const visit = (c: unknown): void => {
    if (c instanceof LocalCommand) {
      if (c.op === 'and') c.args.forEach(visit)
      return
    }
    for (const [field, v] of Object.entries(c as Record<string, unknown>)) {
      if (v instanceof LocalRegExp) continue
      if (v instanceof LocalCommand && ['neq', 'nin', 'exists'].includes(v.op)) continue
      out.indexable.add(field)
      if (field === '_id' && (!(v instanceof LocalCommand) || v.op === 'eq')) out.byId = true
    }
  }
  conditions.forEach(visit)
  return out
}

/** Why no index serves the query, or null when one does. */
function unserved(q: Recorded, m: Manifest): string | null {
  if (q.op === 'add') return null
  const { indexable, byId } = fieldsOf(q.where)
  if (byId) return null
  if (indexable.size === 0 && q.order.length === 0)
    return q.op === 'count' ? null : 'reads the whole collection'
  const indexes = [
    ['_id'],
    ...(m.collections.find((c) => c.name === q.collection)?.indexes ?? []).map((i) =>
      Object.keys(i.keys),
    ),
  ]
  const serves = (keys: string[]) =>
    (indexable.size > 0 ? indexable.has(keys[0]) : keys[0] === q.order[0]) &&
    q.order.every((f) => keys.includes(f))
  return indexes.some(serves)
    ? null
    : `filters on [${[...indexable].join(', ')}], sorts on [${q.order.join(', ')}]: no index of database.json serves it`
}

const editor = { openid: 'editor-1', now: () => new Date() }
const reader = { openid: 'reader-1', now: () => new Date() }
const demo = (n: number) =>
  readFileSync(path.join(__dirname, `../../../demo/issues/${n}.txt`), 'utf8')

/** Calls a function and fails loudly when it answers with an error. */
async function ok<T = Record<string, unknown>>(
  cloud: LocalCloud,
  fn: keyof LocalCloud['functions'],
  event: unknown,
  ctx: CallContext = editor,
): Promise<T> {
  const r = await cloud.functions[fn](event, ctx)
  if (!r.ok) throw new Error(`${fn} ${JSON.stringify(event)}: ${r.error.code} ${r.error.message}`)
  return r.data as T
}

/** Every action of every function, paging where it pages, with a notification sent and resumed. */
async function everyQuery(): Promise<Recorded[]> {
  const log: Recorded[] = []
  const cloud = createLocalCloud(null, ['editor-1'], { kickOnPublish: false })
  record(cloud.db, log)
  await ok(
    cloud,
    'subscription',
    {
      action: 'subscription.grant',
      templateId: 'local-new-issue',
      result: { 'local-new-issue': 'accept', errMsg: 'requestSubscribeMessage:ok' },
    },
    reader,
  )
  await ok(cloud, 'subscription', { action: 'subscription.status' }, reader)
  for (const n of [277, 278, 279]) {
    await ok(cloud, 'publish', { action: 'issues.preview', text: demo(n) })
    await ok(cloud, 'publish', { action: 'issues.publish', text: demo(n) })
  }
  await ok(cloud, 'publish', { action: 'issues.publish', text: demo(279) }) // a replacement
  await ok(cloud, 'publish', { action: 'editor.status' })
  const audit = await ok<{ nextCursor: string | null }>(cloud, 'publish', { action: 'audit.list' })
  if (audit.nextCursor)
    await ok(cloud, 'publish', { action: 'audit.list', cursor: audit.nextCursor })
  await ok(cloud, 'publish', { action: 'audit.list', cursor: new Date().toISOString() })

  const page = await ok<{ items: { id: string }[]; nextCursor: string }>(cloud, 'content', {
    action: 'issues.list',
    limit: 1,
  })
  await ok(cloud, 'content', { action: 'issues.list', limit: 1, cursor: page.nextCursor })
  const issue = await ok<{ sections: { articles: { id: string }[] }[] }>(cloud, 'content', {
    action: 'issues.get',
    id: page.items[0].id,
  })
  await ok(cloud, 'content', {
    action: 'articles.get',
    id: issue.sections[0].articles[0].id,
  })
  const regions = await ok<{ items: { region: string }[] }>(cloud, 'content', {
    action: 'regions.list',
  })
  const region = regions.items[0].region
  const byRegion = await ok<{ nextCursor: string | null }>(cloud, 'content', {
    action: 'articles.byRegion',
    region,
    limit: 1,
  })
  if (byRegion.nextCursor)
    await ok(cloud, 'content', {
      action: 'articles.byRegion',
      region,
      limit: 1,
      cursor: byRegion.nextCursor,
    })
  await ok(cloud, 'content', { action: 'search', q: '发展' })
  await ok(cloud, 'content', { action: 'search', q: '发展', region })

  await ok(cloud, 'qrcode', { action: 'qrcode.issue', id: page.items[0].id })
  await ok(cloud, 'qrcode', { action: 'qrcode.article', id: issue.sections[0].articles[0].id })

  // The worker runs as its timer starts it (a client may not start a run).
  const timer = { openid: null, now: () => new Date(), source: SOURCE.timer }
  while (!(await ok<{ idle: boolean }>(cloud, 'notify', { action: 'notify.run' }, timer)).idle) {
    /* until the job is done */
  }
  const jobs = await ok<{ items: { id: string }[] }>(cloud, 'notify', { action: 'jobs.list' })
  await ok(cloud, 'notify', { action: 'jobs.resume', id: jobs.items[0].id })
  await ok(cloud, 'publish', { action: 'issues.unpublish', id: page.items[0].id })
  await ok(cloud, 'subscription', { action: 'subscription.cancel' }, reader)
  // The production editor check (the local cloud uses ADMIN_OPENIDS instead).
  await adminsCollection(cloud.db).isAdmin('editor-1')
  return log
}

/** Collections named by the function code: string constants passed to `collection(…)`. */
function collectionsInCode(): Set<string> {
  const root = path.join(__dirname, '../../../cloudfunctions/lib')
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory()
        ? files(path.join(dir, e.name))
        : e.name.endsWith('.ts')
          ? [path.join(dir, e.name)]
          : [],
    )
  const sources = files(root).map((f) => readFileSync(f, 'utf8'))
  const constants = new Map<string, string>()
  for (const s of sources)
    for (const m of s.matchAll(/^(?:export )?const ([A-Z_]+) = '([a-z_]+)'/gm))
      constants.set(m[1], m[2])
  const names = new Set<string>()
  for (const s of sources)
    for (const m of s.matchAll(/\.collection(?:<[^>]*>)?\(\s*([A-Z_]+|'[a-z_]+')\s*\)/g)) {
      const arg = m[1]
      const name = arg.startsWith("'") ? arg.slice(1, -1) : constants.get(arg)
      if (!name) throw new Error(`collection(${arg}) is not a string constant`)
      names.add(name)
    }
  return names
}

describe('the code against the deployment in the repository', () => {
  const manifest = loadManifest()
  const declared = new Set(manifest.collections.map((c) => c.name))
  let log: Recorded[]

  beforeAll(async () => {
    log = await everyQuery()
  })

  it('declares exactly the collections the functions name, each with a rule', () => {
    const inCode = collectionsInCode()
    expect([...inCode].sort()).toEqual([...declared].sort())
    for (const name of declared) expect(Object.keys(manifest.databaseRules)).toContain(name)
  })

  it('runs every query on a declared collection, and an index serves each', () => {
    expect(log.length).toBeGreaterThan(50)
    // The send stand-in's own record of messages is not part of the deployment.
    const ours = log.filter((q) => q.collection !== 'messages')
    const used = new Set(ours.map((q) => q.collection))
    expect([...used].filter((c) => !declared.has(c))).toEqual([])
    // Every declared collection is reached by the scenario, so none escapes the check.
    expect([...declared].filter((c) => !used.has(c))).toEqual([])
    const problems = [
      ...new Set(
        ours.flatMap((q) => {
          const why = unserved(q, manifest)
          return why ? [`${q.collection}.${q.op}: ${why}`] : []
        }),
      ),
    ]
    expect(problems).toEqual([])
  })

  it('indexes the local store only on fields the deployment indexes too', () => {
    for (const [collection, fields] of Object.entries(LOCAL_INDEXES)) {
      const keys = manifest.collections
        .find((c) => c.name === collection)!
        .indexes.flatMap((i) => Object.keys(i.keys))
      for (const spec of fields) {
        const field = typeof spec === 'string' ? spec : spec.keys
        expect({ collection, field, indexed: keys.includes(field) }).toEqual({
          collection,
          field,
          indexed: true,
        })
      }
    }
  })

  it('fails a query on an unindexed field and a sort no index holds', () => {
    const q = (where: unknown[], order: string[] = []): Recorded => ({
      collection: 'articles',
      where,
      order,
      op: 'get',
    })
    expect(unserved(q([{ title: '某' }]), manifest)).toMatch(/no index/)
    expect(unserved(q([{ region: '北京' }], ['sourceDate']), manifest)).toMatch(/no index/)
    expect(unserved(q([], ['title']), manifest)).toMatch(/no index/)
    expect(unserved(q([]), manifest)).toMatch(/whole collection/)
    expect(unserved(q([{ region: '北京' }], ['totalNumber', 'position']), manifest)).toBeNull()
    expect(unserved(q([{ _id: 'x', title: '某' }]), manifest)).toBeNull()
  })
})
