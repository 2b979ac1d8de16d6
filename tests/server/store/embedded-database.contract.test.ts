/**
 * The semantics of the wx-server-sdk database subset that the handlers rely on, held against the
 * local implementation. Each case names the real behaviour it mirrors.
 */
import { appendFileSync, mkdtempSync } from 'fs'
import os from 'os'
import path from 'path'
import { EmbeddedDatabase } from '../../../server/store/embedded-database'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = { _id: string; [field: string]: any }

const freshDir = () => mkdtempSync(path.join(os.tmpdir(), 'store-'))

describe('embedded database (wx-server-sdk subset)', () => {
  let db: EmbeddedDatabase
  beforeEach(() => {
    db = new EmbeddedDatabase(freshDir())
  })
  // Open files are closed, not left to the garbage collector.
  afterEach(() => db.close())

  const seed = async (n: number) => {
    const col = db.collection<Loose>('items')
    for (let i = 0; i < n; i++)
      await col.add({
        data: {
          _id: `d${i}`,
          n: i,
          group: i % 3,
          tags: i % 2 ? ['odd'] : ['even'],
          meta: { color: i % 2 ? 'red' : 'blue', size: i },
        },
      })
    return col
  }

  it('add then doc().get() returns the document; add without _id generates one', async () => {
    const col = db.collection<Loose>('items')
    await col.add({ data: { _id: 'a', title: '标题' } })
    expect((await col.doc('a').get()).data).toEqual({ _id: 'a', title: '标题' })
    const { _id } = await col.add({ data: { title: 'x' } })
    expect(typeof _id).toBe('string')
    expect((await col.doc(_id).get()).data.title).toBe('x')
  })

  it('rejects add with a duplicate _id (SDK: duplicate key error) and keeps the first', async () => {
    const col = db.collection<Loose>('items')
    await col.add({ data: { _id: 'a', v: 1 } })
    await expect(col.add({ data: { _id: 'a', v: 2 } })).rejects.toThrow(/duplicate/)
    expect((await col.doc('a').get()).data.v).toBe(1)
  })

  it('rejects doc().get() of a missing document (SDK: document does not exist)', async () => {
    await expect(db.collection<Loose>('items').doc('none').get()).rejects.toThrow(/does not exist/)
  })

  it('caps get() at 1000 rows, by default and when asked for more (server-side limit)', async () => {
    const col = db.collection<Loose>('many')
    const store = await db.store('many')
    await store.insertAsync(Array.from({ length: 1200 }, (_, i) => ({ _id: `m${i}`, i })))
    expect((await col.get()).data).toHaveLength(1000)
    expect((await col.limit(5000).get()).data).toHaveLength(1000)
    expect((await col.skip(1000).get()).data).toHaveLength(200)
    expect((await col.count()).total).toBe(1200)
  })

  it('orders by several fields, then skips and limits', async () => {
    const col = await seed(9)
    const { data } = await col.orderBy('group', 'asc').orderBy('n', 'desc').skip(1).limit(3).get()
    expect(data.map((d) => d._id)).toEqual(['d3', 'd0', 'd7'])
  })

  it('supports the query commands the handlers use', async () => {
    const col = await seed(10)
    const _ = db.command
    const ids = async (cond: Parameters<typeof col.where>[0]) =>
      (await col.where(cond).orderBy('n', 'asc').get()).data.map((d) => d.n)
    expect(await ids({ n: _.lt(3) })).toEqual([0, 1, 2])
    expect(await ids({ n: _.gte(8) })).toEqual([8, 9])
    expect(await ids({ n: _.lte(1) })).toEqual([0, 1])
    expect(await ids({ n: _.eq(4) })).toEqual([4])
    expect(await ids({ n: _.in([1, 5, 42]) })).toEqual([1, 5])
    expect(await ids({ n: _.nin([0, 1, 2, 3, 4, 5, 6]) })).toEqual([7, 8, 9])
    expect(await ids({ group: _.neq(0), n: _.lt(5) })).toEqual([1, 2, 4])
    expect(await ids(_.or({ n: 0 }, { n: _.gt(8) }))).toEqual([0, 9])
    expect(await ids({ n: _.and(_.gt(2), _.lt(5)) })).toEqual([3, 4])
    expect(await ids({ missing: _.exists(false), n: _.lt(1) })).toEqual([0])
    // Array fields match a scalar they contain; nested objects match field by field.
    expect(await ids({ tags: 'odd', n: _.lt(4) })).toEqual([1, 3])
    expect(await ids({ meta: { color: 'red' }, n: _.lt(4) })).toEqual([1, 3])
    expect(await ids({ 'meta.size': 2 })).toEqual([2])
  })

  it('matches db.RegExp like the SDK (substring, options)', async () => {
    const col = db.collection<Loose>('texts')
    await col.add({ data: { _id: 't1', text: '大零号湾未来产业先导区' } })
    await col.add({ data: { _id: 't2', text: 'ESG 发展' } })
    const hit = async (regexp: string, options?: string) =>
      (await col.where({ text: db.RegExp({ regexp, options }) }).get()).data.map((d) => d._id)
    expect(await hit('零号湾')).toEqual(['t1'])
    expect(await hit('esg', 'i')).toEqual(['t2'])
    expect(await hit('esg')).toEqual([])
  })

  it('a second where() replaces the first, as in the SDK', async () => {
    const col = await seed(4)
    expect((await col.where({ n: 0 }).where({ n: 1 }).get()).data.map((d) => d.n)).toEqual([1])
  })

  it('update() merges nested objects field by field and applies inc / set / remove', async () => {
    const col = await seed(2)
    const _ = db.command
    await col
      .doc('d1')
      .update({ data: { meta: { color: 'green' }, n: _.inc(10), tags: _.remove() } })
    expect((await col.doc('d1').get()).data).toEqual({
      _id: 'd1',
      n: 11,
      group: 1,
      meta: { color: 'green', size: 1 },
    })
    await col.doc('d1').update({ data: { meta: _.set({ only: true }) } })
    expect((await col.doc('d1').get()).data.meta).toEqual({ only: true })
  })

  it('doc().update() of a missing document updates nothing; set() creates or replaces', async () => {
    const col = db.collection<Loose>('items')
    expect((await col.doc('x').update({ data: { a: 1 } })).stats.updated).toBe(0)
    await expect(col.doc('x').get()).rejects.toThrow()
    expect((await col.doc('x').set({ data: { a: 1, b: 2 } })).stats).toEqual({
      updated: 0,
      created: 1,
    })
    expect((await col.doc('x').set({ data: { a: 3 } })).stats.updated).toBe(1)
    expect((await col.doc('x').get()).data).toEqual({ _id: 'x', a: 3 })
  })

  it('where().update() and where().remove() act on every match', async () => {
    const col = await seed(6)
    expect((await col.where({ group: 0 }).update({ data: { flagged: true } })).stats.updated).toBe(
      2,
    )
    expect((await col.where({ flagged: true }).count()).total).toBe(2)
    expect((await col.where({ group: 1 }).remove()).stats.removed).toBe(2)
    expect((await col.count()).total).toBe(4)
  })

  it('field() returns only the chosen fields and _id', async () => {
    const col = await seed(1)
    expect((await col.field({ n: true }).get()).data).toEqual([{ _id: 'd0', n: 0 }])
  })

  it('persists to disk and drops a line cut short by a killed writer', async () => {
    const dir = freshDir()
    const first = new EmbeddedDatabase(dir)
    await first.collection<Loose>('items').add({ data: { _id: 'kept', v: 1 } })
    appendFileSync(path.join(dir, 'items.db'), '{"_id":"half","v":')
    const second = new EmbeddedDatabase(dir)
    const { data } = await second.collection<Loose>('items').get()
    expect(data).toEqual([{ _id: 'kept', v: 1 }])
    await Promise.all([first.close(), second.close()])
  })

  it('has every finished write in its file, without closing (as when the process is killed)', async () => {
    const dir = freshDir()
    const first = new EmbeddedDatabase(dir)
    const col = first.collection<Loose>('items')
    await col.add({ data: { _id: 'a', v: 1 } })
    // Writes that change nothing, then many at once, then one more.
    await col.where({ _id: 'none' }).update({ data: { v: 9 } })
    await col.doc('none').remove()
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => col.add({ data: { _id: `m${i}`, v: i } })),
    )
    await col.doc('a').update({ data: { v: 2 } })
    await col.doc('m3').remove()
    await col.doc('b').set({ data: { v: 3 } })
    const second = new EmbeddedDatabase(dir)
    const seen = second.collection<Loose>('items')
    expect((await seen.doc('a').get()).data).toEqual({ _id: 'a', v: 2 })
    expect((await seen.doc('b').get()).data).toEqual({ _id: 'b', v: 3 })
    expect((await seen.count()).total).toBe(51)
    await Promise.all([first.close(), second.close()])
  })

  it('reads back from its file what was written, dates as dates and look-alike text as text', async () => {
    const dir = freshDir()
    const first = new EmbeddedDatabase(dir)
    // Dates reach the file only through the store itself (add() passes plain JSON).
    await (
      await first.store('items')
    ).insertAsync({ _id: 'd', at: new Date(5), nested: { at: new Date(7) } })
    await first.collection<Loose>('items').add({
      data: { _id: 't', text: '{"$$date": 1} and "$$date"', n: 1.5, no: null, list: ['a', 2] },
    })
    await first.close()
    const second = new EmbeddedDatabase(dir)
    const seen = second.collection<Loose>('items')
    const d = (await seen.doc('d').get()).data
    expect(d.at).toEqual(new Date(5))
    expect(d.nested.at).toEqual(new Date(7))
    expect((await seen.doc('t').get()).data).toEqual({
      _id: 't',
      text: '{"$$date": 1} and "$$date"',
      n: 1.5,
      no: null,
      list: ['a', 2],
    })
    await second.close()
  })

  it('rejects malformed queries instead of guessing', async () => {
    const col = db.collection<Loose>('items')
    expect(() => col.limit(0)).toThrow()
    expect(() => col.skip(-1)).toThrow()
    expect(() => col.orderBy('n', 'up' as 'asc')).toThrow()
    await expect(col.where({ n: db.command.inc(1) }).get()).rejects.toThrow(/not allowed/)
  })
})

describe('ordered pages of a large collection (more than 10,000 documents)', () => {
  const N = 12000
  let db: EmbeddedDatabase
  // Shuffled keys, duplicate `rank` values and some documents without `seq`.
  const docs = Array.from({ length: N }, (_, i) => {
    const k = (i * 7919) % N
    return {
      _id: `k${String(k).padStart(5, '0')}`,
      rank: k % 97,
      ...(k % 50 ? { seq: k } : {}),
      even: k % 2 === 0,
    }
  })
  beforeAll(async () => {
    db = new EmbeddedDatabase(freshDir(), { big: ['seq'] })
    const store = await db.store('big')
    await store.insertAsync(docs)
  })
  afterAll(() => db.close())

  const reference = (
    keep: (d: (typeof docs)[number]) => boolean,
    field: 'seq' | '_id',
    dir: 1 | -1,
  ) =>
    docs
      .filter(keep)
      .sort((a, b) => {
        const x = a[field]
        const y = b[field]
        if (x === y) return 0
        if (x === undefined) return -dir
        if (y === undefined) return dir
        return (x < y ? -1 : 1) * dir
      })
      .map((d) => d._id)

  it('walks an indexed field in order, within a range on it, with skip and limit, both ways', async () => {
    const _ = db.command
    const col = db.collection<Loose>('big')
    const page = async (q: Promise<{ data: Loose[] }>) => (await q).data.map((d) => d._id)
    await expect(
      page(
        col
          .where({ even: true, _id: _.gt('k05000') })
          .orderBy('_id', 'asc')
          .skip(10)
          .limit(300)
          .get(),
      ),
    ).resolves.toEqual(reference((d) => d.even && d._id > 'k05000', '_id', 1).slice(10, 310))
    await expect(
      page(
        col
          .where({ seq: _.and(_.gte(400), _.lt(800)) })
          .orderBy('seq', 'desc')
          .limit(1000)
          .get(),
      ),
    ).resolves.toEqual(
      reference((d) => d.seq !== undefined && d.seq >= 400 && d.seq < 800, 'seq', -1),
    )
    await expect(
      page(col.where({ even: false }).orderBy('seq', 'asc').limit(50).get()),
    ).resolves.toEqual(reference((d) => !d.even, 'seq', 1).slice(0, 50))
    await expect(
      page(
        col
          .where({ _id: _.gt('k11990') })
          .orderBy('_id', 'asc')
          .skip(20)
          .get(),
      ),
    ).resolves.toEqual([])
  })

  it('orders by a field without an index, or by several fields, the same way', async () => {
    const col = db.collection<Loose>('big')
    const { data } = await col.orderBy('rank', 'desc').orderBy('_id', 'asc').skip(5).limit(40).get()
    const expected = [...docs]
      .sort((a, b) => b.rank - a.rank || (a._id < b._id ? -1 : 1))
      .slice(5, 45)
    expect(data.map((d) => d._id)).toEqual(expected.map((d) => d._id))
    expect(data[0]).toEqual(expected[0])
  })
})
