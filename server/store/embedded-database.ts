import Datastore from '@seald-io/nedb'
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
        for (const fieldName of this.indexes[name] ?? []) await ds.ensureIndexAsync({ fieldName })
        return ds
      })
      this.stores.set(name, store)
    }
    return store
  }

  /** Rewrites every loaded collection file without its superseded lines. */
  async compact(): Promise<void> {
    for (const store of this.stores.values()) await (await store).compactDatafileAsync()
  }
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
    let cursor = store.findAsync(this.mongoQuery())
    if (this.state.order.length) cursor = cursor.sort(Object.fromEntries(this.state.order))
    cursor = cursor.skip(this.state.skip).limit(this.state.limit)
    if (this.state.projection) cursor = cursor.projection(this.state.projection)
    return { data: (await cursor) as unknown as T[] }
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
