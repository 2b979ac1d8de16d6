/**
 * The subset of the wx-server-sdk database API (`cloud.database()`) that the handlers use. In
 * production it is the SDK object itself; locally `server/store` implements the same subset with
 * the same semantics on an embedded store. Nothing outside this subset may be called.
 */

export type Doc = { _id: string }

/** Opaque query/update operator made by `db.command` (`_.lt(3)`, `_.in([...])`, `_.inc(1)`). */
export type DbCommand = object

export interface Command {
  eq(value: unknown): DbCommand
  neq(value: unknown): DbCommand
  lt(value: unknown): DbCommand
  lte(value: unknown): DbCommand
  gt(value: unknown): DbCommand
  gte(value: unknown): DbCommand
  in(values: unknown[]): DbCommand
  nin(values: unknown[]): DbCommand
  exists(present: boolean): DbCommand
  /**
   * Array field holding every one of `values` (`Command.all`: “数组查询操作符…要求数组字段中包含给定数组的所有元素”,
   * https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/command/Command.all.html;
   * MongoDB's `$all`). An empty list matches nothing, as `$all: []` does.
   */
  all(values: unknown[]): DbCommand
  and(...conditions: Condition[]): DbCommand
  or(...conditions: Condition[]): DbCommand
  /** Update operators. */
  inc(by: number): DbCommand
  set(value: unknown): DbCommand
  remove(): DbCommand
}

/** `db.RegExp({ regexp, options })`: a regular-expression match on a string field. */
export type DbRegExp = object

export type Condition = Record<string, unknown> | DbCommand

export interface GetResult<T> {
  data: T[]
}

export interface Query<T extends Doc = Doc> {
  where(condition: Condition): Query<T>
  orderBy(field: string, order: 'asc' | 'desc'): Query<T>
  skip(n: number): Query<T>
  /** Capped at 1000 server-side, which is also the default (real SDK behaviour). */
  limit(n: number): Query<T>
  field(projection: Record<string, boolean>): Query<T>
  get(): Promise<GetResult<T>>
  count(): Promise<{ total: number }>
  update(options: { data: Record<string, unknown> }): Promise<{ stats: { updated: number } }>
  remove(): Promise<{ stats: { removed: number } }>
}

export interface DocRef<T extends Doc = Doc> {
  /** Rejects when the document does not exist, as the SDK does. */
  get(): Promise<{ data: T }>
  /** Replaces the whole document, creating it when missing. */
  set(options: { data: object }): Promise<{ stats: { updated: number; created?: number } }>
  /** Partial update: nested objects merge field by field; a missing document updates nothing. */
  update(options: { data: Record<string, unknown> }): Promise<{ stats: { updated: number } }>
  remove(): Promise<{ stats: { removed: number } }>
}

export interface Collection<T extends Doc = Doc> extends Query<T> {
  doc(id: string): DocRef<T>
  /** Rejects when a document with the same `_id` exists. */
  add(options: { data: object }): Promise<{ _id: string }>
}

export interface Database {
  collection<T extends Doc = Doc>(name: string): Collection<T>
  command: Command
  RegExp(options: { regexp: string; options?: string }): DbRegExp
}

/** Largest page a server-side query returns. */
export const MAX_QUERY_LIMIT = 1000
