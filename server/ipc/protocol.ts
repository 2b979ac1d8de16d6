/**
 * The messages between a function process and the local cloud that owns the store and the
 * send-message stand-in (`cloud-host.ts` ↔ `remote-cloud.ts`), over a Node IPC channel. Each
 * message is an array of requests or of answers (those made in the same tick travel together).
 * Query and update operators (`_.inc(1)`) and `db.RegExp` travel as tagged plain objects.
 */

/** One database call: a collection, the builder calls before it, and the call itself. */
export interface DbRequest {
  id: number
  kind: 'db'
  collection: string
  /** `[method, ...encodedArgs]`: where, orderBy, skip, limit, field, doc. */
  chain: [string, ...unknown[]][]
  verb: string
  /** The verb's one argument (`{ data }`), encoded; absent for get, count, remove. */
  arg?: unknown
}

/** One `subscribeMessage.send` call. */
export interface SendRequest {
  id: number
  kind: 'send'
  message: unknown
}

export type Request = DbRequest | SendRequest

/** `ok` holds the result; `error` the message of a rejection (for send: no answer came back). */
export interface Answer {
  id: number
  ok?: unknown
  error?: string
}

/** Builder calls and verbs a request may name (nothing else of the database is reachable). */
export const CHAIN_METHODS = new Set(['where', 'orderBy', 'skip', 'limit', 'field', 'doc'])
export const VERBS = new Set(['get', 'count', 'update', 'remove', 'add', 'set'])

export interface TaggedCommand {
  $$cmd: string
  args: unknown[]
}
export interface TaggedRegExp {
  $$re: string
  options: string
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  Object.getPrototypeOf(v) === Object.prototype

/** Maps every value of a JSON-like tree, objects and arrays rebuilt. */
export function mapTree(value: unknown, leaf: (v: unknown) => unknown | undefined): unknown {
  const mapped = leaf(value)
  if (mapped !== undefined) return mapped
  if (Array.isArray(value)) return value.map((v) => mapTree(v, leaf))
  if (isPlainObject(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapTree(v, leaf)]))
  return value
}
