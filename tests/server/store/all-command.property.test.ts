/**
 * `db.command.all` (Command.all: an array field holding every given element; MongoDB's `$all`;
 * `$all: []` matches nothing) on the embedded store, answered from the field's index and without
 * one, against a plain reference over the same documents.
 */
import fc from 'fast-check'
import { EmbeddedDatabase, type IndexSpec } from '../../../server/store/embedded-database'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = { _id: string; [field: string]: any }

const doc = fc.record({
  keys: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'ab', 'bc'), { maxLength: 5 }),
  group: fc.integer({ min: 0, max: 2 }),
  rev: fc.constantFrom('r1', 'r2', 'r3'),
  n: fc.integer({ min: 0, max: 9 }),
})

/** No index, the store's ordered index, and the key index search uses. */
const KINDS: Record<string, IndexSpec[]>[] = [
  {},
  { items: ['keys'] },
  { items: [{ keys: 'keys' }] },
]

async function storeOf(
  docs: { keys: string[]; group: number; rev?: string; n: number }[],
  indexes: Record<string, IndexSpec[]>,
) {
  const db = new EmbeddedDatabase(null, indexes)
  const col = db.collection<Loose>('items')
  for (const [i, d] of docs.entries()) await col.add({ data: { _id: `d${i}`, ...d } })
  return { db, col }
}

describe('db.command.all on the embedded store', () => {
  it('matches the documents whose array holds every value and the other conditions, with or without an index', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(doc, { maxLength: 30 }),
        fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'ab', 'bc', 'x'), { maxLength: 3 }),
        fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
        fc.option(fc.uniqueArray(fc.constantFrom('r1', 'r2', 'r3', 'r9')), { nil: undefined }),
        async (docs, values, group, revs) => {
          const expected = docs
            .map((d, i) => ({ ...d, _id: `d${i}` }))
            .filter((d) => values.length > 0 && values.every((v) => d.keys.includes(v)))
            .filter((d) => group === undefined || d.group === group)
            .filter((d) => revs === undefined || revs.includes(d.rev))
            .sort((a, b) => b.n - a.n || (a._id < b._id ? -1 : 1))
          for (const kind of KINDS) {
            const { db, col } = await storeOf(docs, kind)
            const _ = db.command
            const where = {
              keys: _.all(values),
              ...(group === undefined ? {} : { group }),
              ...(revs === undefined ? {} : { rev: _.in(revs) }),
            }
            const { data } = await col
              .where(where)
              .orderBy('n', 'desc')
              .orderBy('_id', 'asc')
              .field({ n: true })
              .get()
            expect(data).toEqual(expected.map((d) => ({ _id: d._id, n: d.n })))
            expect((await col.where(where).count()).total).toBe(expected.length)
            const page = await col
              .where(where)
              .orderBy('n', 'desc')
              .orderBy('_id', 'asc')
              .skip(1)
              .limit(2)
              .get()
            expect(page.data.map((d) => d._id)).toEqual(expected.slice(1, 3).map((d) => d._id))
            await db.close()
          }
        },
      ),
      { numRuns: 60 },
    )
  })

  it.each(KINDS.slice(1))('returns copies with index %j', async (kind) => {
    const { db, col } = await storeOf([{ keys: ['a', 'b'], group: 0, n: 1 }], kind)
    const { data } = await col.where({ keys: db.command.all(['a']) }).get()
    data[0].keys.push('z')
    expect((await col.doc('d0').get()).data.keys).toEqual(['a', 'b'])
    await db.close()
  })

  it.each(KINDS.slice(1))('keeps index %j exact through set, update and remove', async (kind) => {
    const { db, col } = await storeOf([{ keys: ['a', 'b'], group: 0, n: 1 }], kind)
    const _ = db.command
    await col.doc('d0').update({ data: { keys: ['b', 'd'] } })
    expect((await col.where({ keys: _.all(['a']) }).get()).data).toEqual([])
    expect((await col.where({ keys: _.all(['b', 'd']) }).count()).total).toBe(1)
    await col.doc('d0').set({ data: { keys: ['c'], group: 0, n: 1 } })
    expect((await col.where({ keys: _.all(['a']) }).get()).data).toEqual([])
    expect((await col.where({ keys: _.all(['c']) }).get()).data.map((d) => d._id)).toEqual(['d0'])
    await col.doc('d0').remove()
    expect((await col.where({ keys: _.all(['c']) }).count()).total).toBe(0)
    await db.close()
  })
})
