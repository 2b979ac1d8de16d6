import { fork, type ChildProcess } from 'child_process'
import path from 'path'
import type { Database } from '../../../cloudfunctions/lib/ports/database'
import { RemoteCloud, type Channel } from '../../../server/ipc/remote-cloud'

/**
 * The database and send ports of a function process, served over IPC by a local cloud in another
 * process: the same answers as the store and the stand-in give in-process.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = { _id: string; [field: string]: any }

// Each host process starts through the TypeScript loader, slow on a busy machine.
jest.setTimeout(30000)

const hosts: ChildProcess[] = []
const connect = (env: Record<string, string> = {}) => {
  const host = fork(path.join(__dirname, '../../fixtures/ipc-host.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  hosts.push(host)
  return new RemoteCloud(host as unknown as Channel)
}
afterAll(() => {
  for (const h of hosts) h.disconnect()
})

let db: Database
beforeAll(() => {
  db = connect().database()
})

describe('database over IPC', () => {
  it('adds, reads, and rejects a duplicate or a missing document with the store’s message', async () => {
    const col = db.collection<Loose>('items')
    await col.add({ data: { _id: 'a', title: '标题', n: 1 } })
    expect((await col.doc('a').get()).data).toEqual({ _id: 'a', title: '标题', n: 1 })
    await expect(col.add({ data: { _id: 'a', n: 2 } })).rejects.toThrow('duplicate key _id a')
    await expect(col.doc('missing').get()).rejects.toThrow('does not exist')
  })

  it('carries query commands, orders, pages, projections and counts', async () => {
    const col = db.collection<Loose>('many')
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        col.add({ data: { _id: `d${String(i).padStart(2, '0')}`, n: i, group: i % 3 } }),
      ),
    )
    const _ = db.command
    const { data } = await col
      .where({ n: _.and(_.gte(5), _.lt(15)), group: _.in([0, 1]) })
      .orderBy('n', 'desc')
      .skip(1)
      .limit(3)
      .field({ n: true })
      .get()
    // 5 ≤ n < 15 with n % 3 in {0, 1}: 13, 12, 10, 9, 7, 6; the first skipped.
    expect(data).toEqual([
      { _id: 'd12', n: 12 },
      { _id: 'd10', n: 10 },
      { _id: 'd09', n: 9 },
    ])
    expect((await col.where(_.or({ n: 1 }, { n: _.gt(18) })).count()).total).toBe(2)
    expect(
      (await col.where({ _id: db.RegExp({ regexp: 'D1', options: 'i' }) }).count()).total,
    ).toBe(10)
  })

  it('updates with inc, set and remove, by query and by document, and removes', async () => {
    const col = db.collection<Loose>('upd')
    await col.add({ data: { _id: 'u', counts: { a: 1, b: 2 }, tag: 'x' } })
    const _ = db.command
    const r = await col
      .where({ _id: 'u' })
      .update({ data: { counts: { a: _.inc(2) }, tag: _.remove() } })
    expect(r).toEqual({ stats: { updated: 1 } })
    await col.doc('u').update({ data: { list: _.set([1, 2]) } })
    expect((await col.doc('u').get()).data).toEqual({
      _id: 'u',
      counts: { a: 3, b: 2 },
      list: [1, 2],
    })
    expect(await col.doc('v').set({ data: { n: 1 } })).toEqual({
      stats: { updated: 0, created: 1 },
    })
    expect(await col.where({ _id: _.in(['u', 'v']) }).remove()).toEqual({ stats: { removed: 2 } })
  })
})

describe('send API over IPC', () => {
  const message = {
    touser: 'reader-1',
    templateId: 't1',
    page: 'pages/a/index',
    data: { thing1: { value: '标题' } },
  }

  it('answers with the stand-in’s codes', async () => {
    const send = connect().sendApi()
    expect(await send.send(message)).toEqual({
      errCode: 0,
      errMsg: 'openapi.subscribeMessage.send:ok',
    })
    expect((await send.send({ ...message, templateId: 'nope' })).errCode).toBe(40037)
  })

  it('rejects when the call got no answer', async () => {
    const send = connect({ NO_ANSWER: '1' }).sendApi()
    await expect(send.send(message)).rejects.toThrow('timeout')
  })
})
