import Datastore from '@seald-io/nedb'
import { open, type FileHandle } from 'fs/promises'
// The store's own ordering of values, so ordered pages sort exactly as its cursors do.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const model = require('@seald-io/nedb/lib/model.js') as {
  compareThings(a: unknown, b: unknown): number
  getDotValue(doc: unknown, field: string): unknown
  serialize(doc: unknown): string
}

interface Persistence {
  filename: string
  persistNewStateAsync(docs: unknown[]): Promise<void>
  persistCachedDatabaseAsync(): Promise<void>
}

/**
 * Appends through one open file handle instead of opening the data file for every write. A write
 * still completes only once the system has it, so a killed process loses no finished write. After
 * a compaction (which replaces the file) the handle is reopened.
 */
function appendThroughOpenFile(persistence: Persistence): () => Promise<void> {
  let handle: Promise<FileHandle> | null = null
  let queue: Promise<unknown> = Promise.resolve()
  const compact = persistence.persistCachedDatabaseAsync.bind(persistence)
  persistence.persistNewStateAsync = (docs) => {
    const lines = docs.map((d) => `${model.serialize(d)}\n`).join('')
    if (!lines) return Promise.resolve()
    const write = queue.then(async () => {
      handle ??= open(persistence.filename, 'a')
      await (await handle).write(lines)
    })
    queue = write.catch(() => undefined)
    return write
  }
  persistence.persistCachedDatabaseAsync = async () => {
    await queue
    await compact()
    const old = handle
    handle = null
    if (old) await (await old).close()
  }
  return async () => {
    await queue
    const old = handle
    handle = null
    if (old) await (await old).close()
  }
}
import path from 'path'
import type {
  Collection,
  Condition,
  Database,
  Doc,
  DocRef,
  GetResult,
  Query,
} from '../../cloudfunctions/lib/ports/database'
import { MAX_QUERY_LIMIT } from '../../cloudfunctions/lib/ports/database'
import { LocalRegExp, localCommand } from './local-command'
import { toMongoQuery, toMongoUpdate } from './translate'

interface QueryState {
  where: Condition[]
  order: [string, 1 | -1][]
  skip: number
  limit: number
  projection: Record<string, 1> | null
}

const stripUndefined = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T

/**
 * The local cloud database: the SDK subset of `ports/database` on embedded, file-backed document
 * stores (one file per collection under `dir`, or memory only when `dir` is null).
 */
export class EmbeddedDatabase implements Database {
  readonly command = localCommand
  private readonly stores = new Map<string, Promise<Datastore<Doc>>>()
  private readonly closers: (() => Promise<void>)[] = []

  /** `indexes`: fields to index per collection, as the cloud console's indexes would be set up. */
  constructor(
    private readonly dir: string | null,
    private readonly indexes: Record<string, string[]> = {},
  ) {}

  RegExp(options: { regexp: string; options?: string }): LocalRegExp {
    return new LocalRegExp(options.regexp, options.options ?? '')
  }

  collection<T extends Doc = Doc>(name: string): Collection<T> {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) throw new Error(`invalid collection name ${name}`)
    return new LocalCollection<T>(() => this.store(name), emptyState())
  }

  /** Loads (once) the store of a collection. */
  store(name: string): Promise<Datastore<Doc>> {
    let store = this.stores.get(name)
    if (!store) {
      const ds = new Datastore<Doc>(
        // A line cut by a killed process is an unfinished write: drop it rather than refuse to load.
        this.dir ? { filename: path.join(this.dir, `${name}.db`), corruptAlertThreshold: 1 } : { inMemoryOnly: true },
      )
      store = ds.loadDatabaseAsync().then(async () => {
        if (this.dir) this.closers.push(appendThroughOpenFile(ds.persistence as unknown as Persistence))
        for (const fieldName of this.indexes[name] ?? []) await ds.ensureIndexAsync({ fieldName })
        return ds
      })
      this.stores.set(name, store)
    }
    return store
  }

  /** Finishes pending writes and closes the data files (the store can be opened again later). */
  async close(): Promise<void> {
    await Promise.all(this.closers.map((close) => close()))
  }

  /** Rewrites every loaded collection file without its superseded lines. */
  async compact(): Promise<void> {
    for (const store of this.stores.values()) await (await store).compactDatafileAsync()
  }
}

/** Above this many documents, ordered pages are cut from sort keys rather than by sorting documents. */
const LARGE_COLLECTION = 10000

/** The first `n` documents by `order`, by insertion into a bounded sorted list. */
function firstInOrder(docs: Record<string, unknown>[], order: [string, 1 | -1][], n: number): Record<string, unknown>[] {
  const compare = (a: Record<string, unknown>, b: Record<string, unknown>): number => {
    for (const [field, direction] of order) {
      const c = model.compareThings(model.getDotValue(a, field), model.getDotValue(b, field))
      if (c !== 0) return c * direction
    }
    return 0
  }
  const kept: Record<string, unknown>[] = []
  for (const doc of docs) {
    if (kept.length === n && compare(doc, kept[n - 1]) >= 0) continue
    let lo = 0
    let hi = kept.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (compare(kept[mid], doc) <= 0) lo = mid + 1
      else hi = mid
    }
    kept.splice(lo, 0, doc)
    if (kept.length > n) kept.pop()
  }
  return kept
}

const emptyState = (): QueryState => ({ where: [], order: [], skip: 0, limit: MAX_QUERY_LIMIT, projection: null })

class LocalQuery<T extends Doc> implements Query<T> {
  constructor(
    protected readonly store: () => Promise<Datastore<Doc>>,
    protected readonly state: QueryState,
  ) {}

  protected with(patch: Partial<QueryState>): LocalQuery<T> {
    return new LocalQuery<T>(this.store, { ...this.state, ...patch })
  }

  protected mongoQuery(): Record<string, unknown> {
    return this.state.where.length ? toMongoQuery(this.state.where[0]) : {}
  }

  where(condition: Condition): Query<T> {
    // As in the SDK, a second where() replaces the first.
    return this.with({ where: [condition] })
  }

  orderBy(field: string, order: 'asc' | 'desc'): Query<T> {
    if (order !== 'asc' && order !== 'desc') throw new Error('orderBy order must be asc or desc')
    return this.with({ order: [...this.state.order, [field, order === 'asc' ? 1 : -1]] })
  }

  skip(n: number): Query<T> {
    if (!Number.isInteger(n) || n < 0) throw new Error('skip must be a non-negative integer')
    return this.with({ skip: n })
  }

  limit(n: number): Query<T> {
    if (!Number.isInteger(n) || n < 1) throw new Error('limit must be a positive integer')
    return this.with({ limit: Math.min(n, MAX_QUERY_LIMIT) })
  }

  field(projection: Record<string, boolean>): Query<T> {
    const picked = Object.entries(projection).filter(([, v]) => v).map(([k]) => [k, 1 as const])
    return this.with({ projection: Object.fromEntries(picked) })
  }

  async get(): Promise<GetResult<T>> {
    const store = await this.store()
    const { order, skip, limit, projection } = this.state
    if (order.length === 0 || store.getAllData().length <= LARGE_COLLECTION) {
      let cursor = store.findAsync(this.mongoQuery())
      if (order.length) cursor = cursor.sort(Object.fromEntries(order))
      cursor = cursor.skip(skip).limit(limit)
      if (projection) cursor = cursor.projection(projection)
      return { data: (await cursor) as unknown as T[] }
    }
    // Ordered pages of a large collection: order the matches by their sort keys alone and keep only the first
    // skip + limit while scanning, then read those documents whole. Sorting every full match
    // would copy and sort a large collection once per page.
    const keyFields = Object.fromEntries([['_id', 1], ...order.map(([f]) => [f, 1])])
    const keys = (await store.findAsync(this.mongoQuery()).projection(keyFields)) as unknown as Record<string, unknown>[]
    const ids = firstInOrder(keys, order, skip + limit)
      .slice(skip)
      .map((d) => d._id as string)
    let cursor = store.findAsync({ _id: { $in: ids } })
    if (projection) cursor = cursor.projection(projection)
    const byId = new Map(((await cursor) as unknown as Doc[]).map((d) => [d._id, d]))
    return { data: ids.map((id) => byId.get(id)).filter(Boolean) as unknown as T[] }
  }

  async count(): Promise<{ total: number }> {
    const store = await this.store()
    return { total: await store.countAsync(this.mongoQuery()) }
  }

  async update({ data }: { data: Record<string, unknown> }): Promise<{ stats: { updated: number } }> {
    const store = await this.store()
    const { numAffected } = await store.updateAsync(this.mongoQuery(), toMongoUpdate(data), { multi: true })
    return { stats: { updated: numAffected } }
  }

  async remove(): Promise<{ stats: { removed: number } }> {
    const store = await this.store()
    return { stats: { removed: await store.removeAsync(this.mongoQuery(), { multi: true }) } }
  }
}

class LocalCollection<T extends Doc> extends LocalQuery<T> implements Collection<T> {
  doc(id: string): DocRef<T> {
    if (typeof id !== 'string' || id === '') throw new Error('doc id must be a non-empty string')
    return new LocalDocRef<T>(this.store, id)
  }

  async add({ data }: { data: object }): Promise<{ _id: string }> {
    const store = await this.store()
    try {
      const inserted = await store.insertAsync(stripUndefined(data) as Doc)
      return { _id: inserted._id }
    } catch (e) {
      if ((e as { errorType?: string }).errorType === 'uniqueViolated')
        throw new Error(`document.add:fail duplicate key _id ${String((data as Partial<Doc>)._id)}`)
      throw e
    }
  }
}

class LocalDocRef<T extends Doc> implements DocRef<T> {
  constructor(
    private readonly store: () => Promise<Datastore<Doc>>,
    private readonly id: string,
  ) {}

  async get(): Promise<{ data: T }> {
    const doc = await (await this.store()).findOneAsync({ _id: this.id })
    if (!doc) throw new Error(`document.get:fail document with _id ${this.id} does not exist`)
    return { data: doc as unknown as T }
  }

  async set({ data }: { data: object }): Promise<{ stats: { updated: number; created?: number } }> {
    const store = await this.store()
    const { numAffected, upsert } = await store.updateAsync(
      { _id: this.id },
      { ...stripUndefined(data), _id: this.id },
      { upsert: true },
    )
    return upsert ? { stats: { updated: 0, created: 1 } } : { stats: { updated: numAffected } }
  }

  async update({ data }: { data: Record<string, unknown> }): Promise<{ stats: { updated: number } }> {
    const { numAffected } = await (await this.store()).updateAsync({ _id: this.id }, toMongoUpdate(data), {})
    return { stats: { updated: numAffected } }
  }

  async remove(): Promise<{ stats: { removed: number } }> {
    return { stats: { removed: await (await this.store()).removeAsync({ _id: this.id }, {}) } }
  }
}
