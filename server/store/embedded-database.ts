import Datastore from '@seald-io/nedb'
import { chmodSync, existsSync, mkdirSync } from 'fs'
import { open, type FileHandle } from 'fs/promises'
// The store's own ordering of values, so ordered pages sort exactly as its cursors do.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const model = require('@seald-io/nedb/lib/model.js') as {
  match(doc: unknown, query: unknown): boolean
  compareThings(a: unknown, b: unknown): number
  deepCopy<T>(value: T): T
  getDotValue(doc: unknown, field: string): unknown
  serialize(doc: unknown): string
  deserialize(raw: string): unknown
}

// Loading a file parses every line with a reviver that only turns `{"$$date": …}` into a Date; a
// line without that key parses the same without it, a quarter faster (a worker restarted on a
// store of 100,000 deliveries spends most of its start here).
const reviving = model.deserialize
model.deserialize = (raw) => (raw.includes('"$$date"') ? reviving(raw) : JSON.parse(raw))

interface Persistence {
  filename: string
  persistNewStateAsync(docs: unknown[]): Promise<void>
  persistCachedDatabaseAsync(): Promise<void>
}

/** Per store: resolves once every line appended so far is in the file. */
interface GroupCommit {
  /** The number the next batch of lines handed over will get. */
  next(): number
  /** Resolves once every batch so far is in the file; rejects if one from `since` on failed. */
  flush(since?: number): Promise<void>
}

const WRITTEN = new WeakMap<object, GroupCommit>()

/** The first batch an operation starting now may write (memory-only stores have none). */
const batchOf = (store: object): number => WRITTEN.get(store)?.next() ?? 0

/**
 * Waits until the store's writes so far are in its file, and fails if a batch from `since` on
 * (this operation's, or a later one) could not be written: the caller is told, never left
 * believing a write that is not in the file.
 */
async function written(store: object, since: number): Promise<void> {
  await WRITTEN.get(store)?.flush(since)
}

/** Failed batch ranges remembered for callers that come late (a failure is rare). */
const MAX_FAILURES_KEPT = 64

/** Store files are the user's alone: they hold drafts, subscribers' ids and the audit log. */
const FILE_MODE = 0o600

/**
 * Group commit through one open file handle. The store hands its new lines over without waiting
 * (it runs one operation at a time, so waiting there would make every write its own system
 * call); every operation of this module then waits for `written` before it resolves, so a killed
 * process still loses no finished write. Each batch is flushed to the disk (fdatasync) before
 * the writes in it resolve, so an acknowledged write also survives a power cut; the writes that
 * arrive meanwhile share the next flush, so the cost is one flush per batch, not per write. The
 * file is append-only and written in order, so a write that is in the file has everything before
 * it there too. After a compaction (which replaces the file) the handle is reopened. Returns a
 * closer.
 */
function groupCommit(store: object, persistence: Persistence): () => Promise<void> {
  let handle: Promise<FileHandle> | null = null
  let pending = ''
  /** Batches handed over so far, and how many of them are in the file and flushed. */
  let queued = 0
  let durable = 0
  let draining = false
  let waiters: { upTo: number; resolve: () => void; reject: (e: unknown) => void }[] = []
  /** Batches whose lines could not be written, by range, with the error (the latest few). */
  const failures: { from: number; to: number; error: unknown }[] = []
  // Each write resolves once the flush that covers it is done, not when the loop runs dry: under
  // a steady stream of writes the loop may run for many flushes, and waiting for its end would
  // add all of them to every write's time.
  const drain = async (): Promise<void> => {
    draining = true
    try {
      while (pending) {
        const chunk = pending
        const upTo = queued
        pending = ''
        try {
          handle ??= open(persistence.filename, 'a', FILE_MODE)
          const file = await handle
          await file.write(chunk)
          await file.datasync()
        } catch (e) {
          // The writes waiting now fail; later writes start a new drain with the file opened
          // again (a failed open kept here would fail every later write until a restart).
          const broken = handle
          handle = null
          void broken?.then((file) => file.close()).catch(() => undefined)
          failures.push({ from: durable + 1, to: upTo, error: e })
          if (failures.length > MAX_FAILURES_KEPT) failures.shift()
          durable = upTo
          const failed = waiters
          waiters = []
          for (const w of failed) w.reject(e)
          return
        }
        durable = upTo
        const done = waiters.filter((w) => w.upTo <= durable)
        waiters = waiters.filter((w) => w.upTo > durable)
        for (const w of done) w.resolve()
      }
    } finally {
      draining = false
    }
  }
  // Resolves once everything handed over now is in the file and flushed; rejects when a batch
  // from `since` on failed, also one that failed before this call (a caller that comes late).
  const flush = (since = 1): Promise<void> => {
    const failed = (): void => {
      const f = failures.find((x) => x.to >= since)
      if (f) throw f.error
    }
    // Nothing pending and no drain under way: every batch handed over was written (or failed).
    if (!pending && !draining) durable = queued
    if (durable >= queued) return Promise.resolve().then(failed)
    const done = new Promise<void>((resolve, reject) =>
      waiters.push({ upTo: queued, resolve, reject }),
    )
    if (!draining) void drain()
    return done.then(failed)
  }
  /** Writes what is pending and closes the file (the next write opens it again). */
  const release = async (): Promise<void> => {
    await flush(Number.MAX_SAFE_INTEGER)
    const old = handle
    handle = null
    if (old) await (await old).close()
  }
  const compact = persistence.persistCachedDatabaseAsync.bind(persistence)
  persistence.persistNewStateAsync = async (docs) => {
    const lines = docs.map((d) => `${model.serialize(d)}\n`).join('')
    if (!lines) return
    pending += lines
    queued++
    void flush().catch(() => undefined)
  }
  persistence.persistCachedDatabaseAsync = async () => {
    // Past failures are the operations' to report; compaction writes the whole state anyway.
    await flush(Number.MAX_SAFE_INTEGER)
    await compact()
    await release()
    // The compacted file is a new file, made with the process's default mode.
    chmodSync(persistence.filename, FILE_MODE)
  }
  WRITTEN.set(store, { next: () => queued + 1, flush })
  return release
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
import { ArrayKeyIndex, isKey, type StoredDoc } from './array-key-index'
import { checkStoreFile, storeFiles } from './integrity'
import { LocalCommand, LocalRegExp, localCommand } from './local-command'
import { toMongoQuery, toMongoUpdate } from './translate'

interface QueryState {
  where: Condition[]
  order: [string, 1 | -1][]
  skip: number
  limit: number
  projection: Record<string, 1> | null
}

const stripUndefined = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T

export interface StoreOptions {
  /** Move damaged lines to a quarantine file beside the store instead of refusing to open it. */
  repair?: boolean
  /** Where notes on removed lines go (stderr). */
  log?: (line: string) => void
}

/**
 * An index of a collection: a field name (the store's ordered index), or `{ keys: field }` for a
 * field holding an array of plain keys that is only looked up by key (`ArrayKeyIndex`).
 */
export type IndexSpec = string | { keys: string }

/**
 * The local cloud database: the SDK subset of `ports/database` on embedded, file-backed document
 * stores (one file per collection under `dir`, or memory only when `dir` is null). Each file is
 * checked before it loads (see `checkStoreFile`): a damaged line is never dropped unseen.
 */
export class EmbeddedDatabase implements Database {
  readonly command = localCommand
  private readonly stores = new Map<string, Promise<Datastore<Doc>>>()
  private readonly closers: (() => Promise<void>)[] = []

  /** `indexes`: fields to index per collection, as the cloud console's indexes would be set up. */
  constructor(
    private readonly dir: string | null,
    private readonly indexes: Record<string, IndexSpec[]> = {},
    private readonly options: StoreOptions = {},
  ) {}

  /**
   * Opens every collection the folder has a file for, so a damaged file stops a start-up at once
   * rather than failing the first request that reads it.
   */
  async openAll(): Promise<void> {
    if (!this.dir) return
    for (const file of storeFiles(this.dir)) await this.store(file.slice(0, -'.db'.length))
  }

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
      const filename = this.dir ? path.join(this.dir, `${name}.db`) : null
      if (this.dir && !existsSync(this.dir)) mkdirSync(this.dir, { recursive: true, mode: 0o700 })
      try {
        if (filename)
          checkStoreFile(filename, {
            repair: this.options.repair ?? false,
            log: this.options.log ?? ((line) => console.error(line)),
          })
      } catch (e) {
        return Promise.reject(e)
      }
      const ds = new Datastore<Doc>(
        // Checked above: any line the store still cannot read is an error, never skipped.
        filename ? { filename, corruptAlertThreshold: 0 } : { inMemoryOnly: true },
      )
      store = ds.loadDatabaseAsync().then(async () => {
        if (filename) {
          chmodSync(filename, FILE_MODE)
          this.closers.push(groupCommit(ds, ds.persistence as unknown as Persistence))
        }
        for (const spec of this.indexes[name] ?? []) {
          if (typeof spec === 'string') await ds.ensureIndexAsync({ fieldName: spec })
          else {
            const index = new ArrayKeyIndex(spec.keys)
            index.insert(ds.getAllData() as unknown as StoredDoc[])
            ;(ds as unknown as { indexes: Record<string, unknown> }).indexes[spec.keys] = index
          }
        }
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

/** Above this many documents, ordered pages are cut from sort keys rather than by sorting documents (unless an index gives the order). */
const LARGE_COLLECTION = 10000

/** The first `n` documents by `order`, by insertion into a bounded sorted list. */
function firstInOrder(
  docs: Record<string, unknown>[],
  order: [string, 1 | -1][],
  n: number,
): Record<string, unknown>[] {
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

/** A node of an index's search tree (the store keeps one per distinct key, in key order). */
interface TreeNode {
  key?: unknown
  left: TreeNode | null
  right: TreeNode | null
  data: Record<string, unknown>[]
  getLowerBoundMatcher(bounds: Record<string, unknown>): (key: unknown) => boolean
  getUpperBoundMatcher(bounds: Record<string, unknown>): (key: unknown) => boolean
}

type KeyTest = (key: unknown) => boolean

function* ascending(
  node: TreeNode | null,
  above: KeyTest,
  below: KeyTest,
): Generator<Record<string, unknown>> {
  if (!node || !('key' in node)) return
  if (above(node.key)) yield* ascending(node.left, above, below)
  if (above(node.key) && below(node.key)) yield* node.data
  if (below(node.key)) yield* ascending(node.right, above, below)
}

function* descending(
  node: TreeNode | null,
  above: KeyTest,
  below: KeyTest,
): Generator<Record<string, unknown>> {
  if (!node || !('key' in node)) return
  if (below(node.key)) yield* descending(node.right, above, below)
  if (above(node.key) && below(node.key)) yield* [...node.data].reverse()
  if (above(node.key)) yield* descending(node.left, above, below)
}

const BOUNDS = ['$gt', '$gte', '$lt', '$lte']

/**
 * The documents of a one-field order lazily in that order, straight from the field's index and
 * within the query's range on that field, or null when the field has no index. Unlike a
 * cursor's sort this copies nothing, so a page costs the documents walked, not the collection.
 */
function inIndexOrder(
  store: Datastore<Doc>,
  order: [string, 1 | -1][],
  query: Record<string, unknown>,
): Iterable<Record<string, unknown>> | null {
  if (order.length !== 1) return null
  const [[field, direction]] = order
  const index = (
    store as unknown as { indexes: Record<string, { tree?: { tree: TreeNode } } | undefined> }
  ).indexes[field]
  if (!index?.tree) return null
  const root = index.tree.tree
  const range = query[field]
  const bounded =
    typeof range === 'object' &&
    range !== null &&
    !Array.isArray(range) &&
    Object.keys(range).length > 0 &&
    Object.keys(range).every((k) => BOUNDS.includes(k))
  const bounds = bounded ? (range as Record<string, unknown>) : {}
  const above = root.getLowerBoundMatcher(bounds)
  const below = root.getUpperBoundMatcher(bounds)
  return direction === 1 ? ascending(root, above, below) : descending(root, above, below)
}

/**
 * The documents holding every one of `values` in the indexed array `field`, from the index's
 * entries for each value (shortest list first), or null when `field` has no index. The store's
 * own planner would read one value's entries and then scan every array element of each of them
 * for the others; intersecting entries costs the entries read.
 */
function holdingAll(store: Datastore<Doc>, field: string, values: unknown[]): StoredDoc[] | null {
  const index = (store as unknown as { indexes: Record<string, unknown> }).indexes[field]
  if (!index || values.length === 0) return null
  const entries =
    index instanceof ArrayKeyIndex
      ? (v: unknown) => index.holding(v)
      : (v: unknown) => (index as { getMatching(value: unknown): StoredDoc[] }).getMatching(v)
  const [shortest, ...others] = values.map(entries).sort((a, b) => a.length - b.length)
  if (shortest.length === 0) return []
  const sets = others.map((list) => new Set(list))
  return shortest.filter((d) => sets.every((set) => set.has(d)))
}

/**
 * A plain-object condition with `field: _.all([...])` on an indexed field, answered from the
 * index: the documents holding all the values that match the rest of the condition. Null when
 * the condition has no such part (the store then plans the query itself).
 */
function viaAllIndex(store: Datastore<Doc>, condition: Condition | undefined): StoredDoc[] | null {
  if (!condition || condition instanceof LocalCommand) return null
  const entries = Object.entries(condition as Record<string, unknown>)
  const at = entries.findIndex(([, v]) => v instanceof LocalCommand && v.op === 'all')
  if (at < 0) return null
  const [field, command] = entries[at] as [string, LocalCommand]
  const values = command.args[0]
  if (!Array.isArray(values)) return null
  const docs = holdingAll(store, field, values)
  if (!docs) return null
  const rest = entries.filter((_, i) => i !== at)
  if (rest.length === 0) return docs
  const tests = rest.map(([f, v]) => fieldTest(f, v))
  return docs.filter((d) => tests.every((test) => test(d)))
}

/**
 * One field's condition as a test of a document. `_.in` of plain values is a set lookup (the
 * store's own `$in` compares the value with each listed one, and the live revisions are many);
 * as in the store, a value in the list, or an array holding one, matches. Anything else goes
 * through the store's matcher.
 */
function fieldTest(field: string, value: unknown): (doc: StoredDoc) => boolean {
  if (value instanceof LocalCommand && value.op === 'in' && !field.includes('.')) {
    const list = value.args[0]
    if (Array.isArray(list) && list.every(isKey)) {
      const set = new Set<unknown>(list)
      return (doc) => {
        const v = doc[field]
        return Array.isArray(v) ? v.some((x) => set.has(x)) : set.has(v)
      }
    }
  }
  const query = toMongoQuery({ [field]: value })
  return (doc) => model.match(doc, query)
}

/** The store's projection semantics: the listed top-level fields and `_id`, copied. */
function project(doc: StoredDoc, projection: Record<string, 1> | null): StoredDoc {
  if (!projection) return model.deepCopy(doc)
  const out: StoredDoc = { _id: doc._id }
  for (const field of Object.keys(projection))
    if (field in doc) out[field] = model.deepCopy(doc[field])
  return out
}

const emptyState = (): QueryState => ({
  where: [],
  order: [],
  skip: 0,
  limit: MAX_QUERY_LIMIT,
  projection: null,
})

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
    const picked = Object.entries(projection)
      .filter(([, v]) => v)
      .map(([k]) => [k, 1 as const])
    return this.with({ projection: Object.fromEntries(picked) })
  }

  async get(): Promise<GetResult<T>> {
    const store = await this.store()
    const { order, skip, limit, projection } = this.state
    const indexed = viaAllIndex(store, this.state.where[0])
    if (indexed) {
      const sorted = order.length ? firstInOrder(indexed, order, skip + limit) : indexed
      const page = sorted.slice(skip, skip + limit)
      return { data: page.map((d) => project(d, projection)) as unknown as T[] }
    }
    const query = this.mongoQuery()
    const walk = inIndexOrder(store, order, query)
    if (!walk && (order.length === 0 || store.getAllData().length <= LARGE_COLLECTION)) {
      let cursor = store.findAsync(query)
      if (order.length) cursor = cursor.sort(Object.fromEntries(order))
      cursor = cursor.skip(skip).limit(limit)
      if (projection) cursor = cursor.projection(projection)
      return { data: (await cursor) as unknown as T[] }
    }
    const ids: string[] = []
    if (walk) {
      // Ordered by an indexed field: walk the index in order and stop at the page's last match.
      let seen = 0
      for (const doc of walk) {
        if (!model.match(doc, query) || seen++ < skip) continue
        ids.push(doc._id as string)
        if (ids.length === limit) break
      }
    } else {
      // Otherwise order the matches by their sort keys alone and keep only the first skip +
      // limit while scanning, then read those documents whole. Sorting every full match would
      // copy and sort a large collection once per page.
      const keyFields = Object.fromEntries([['_id', 1], ...order.map(([f]) => [f, 1])])
      const keys = (await store.findAsync(query).projection(keyFields)) as unknown as Record<
        string,
        unknown
      >[]
      for (const d of firstInOrder(keys, order, skip + limit).slice(skip)) ids.push(d._id as string)
    }
    let cursor = store.findAsync({ _id: { $in: ids } })
    if (projection) cursor = cursor.projection(projection)
    const byId = new Map(((await cursor) as unknown as Doc[]).map((d) => [d._id, d]))
    return { data: ids.map((id) => byId.get(id)).filter(Boolean) as unknown as T[] }
  }

  async count(): Promise<{ total: number }> {
    const store = await this.store()
    const indexed = viaAllIndex(store, this.state.where[0])
    if (indexed) return { total: indexed.length }
    return { total: await store.countAsync(this.mongoQuery()) }
  }

  async update({
    data,
  }: {
    data: Record<string, unknown>
  }): Promise<{ stats: { updated: number } }> {
    const store = await this.store()
    const since = batchOf(store)
    const { numAffected } = await store.updateAsync(this.mongoQuery(), toMongoUpdate(data), {
      multi: true,
    })
    await written(store, since)
    return { stats: { updated: numAffected } }
  }

  async remove(): Promise<{ stats: { removed: number } }> {
    const store = await this.store()
    const since = batchOf(store)
    const removed = await store.removeAsync(this.mongoQuery(), { multi: true })
    await written(store, since)
    return { stats: { removed } }
  }
}

class LocalCollection<T extends Doc> extends LocalQuery<T> implements Collection<T> {
  doc(id: string): DocRef<T> {
    if (typeof id !== 'string' || id === '') throw new Error('doc id must be a non-empty string')
    return new LocalDocRef<T>(this.store, id)
  }

  async add({ data }: { data: object }): Promise<{ _id: string }> {
    const store = await this.store()
    const since = batchOf(store)
    try {
      const inserted = await store.insertAsync(stripUndefined(data) as Doc)
      await written(store, since)
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
    const since = batchOf(store)
    const { numAffected, upsert } = await store.updateAsync(
      { _id: this.id },
      { ...stripUndefined(data), _id: this.id },
      { upsert: true },
    )
    await written(store, since)
    return upsert ? { stats: { updated: 0, created: 1 } } : { stats: { updated: numAffected } }
  }

  async update({
    data,
  }: {
    data: Record<string, unknown>
  }): Promise<{ stats: { updated: number } }> {
    const store = await this.store()
    const since = batchOf(store)
    const { numAffected } = await store.updateAsync({ _id: this.id }, toMongoUpdate(data), {})
    await written(store, since)
    return { stats: { updated: numAffected } }
  }

  async remove(): Promise<{ stats: { removed: number } }> {
    const store = await this.store()
    const since = batchOf(store)
    const removed = await store.removeAsync({ _id: this.id }, {})
    await written(store, since)
    return { stats: { removed } }
  }
}
