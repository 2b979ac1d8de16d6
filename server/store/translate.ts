import { LocalCommand, LocalRegExp } from './local-command'

type MongoQuery = Record<string, unknown>

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  Object.getPrototypeOf(v) === Object.prototype

const FIELD_OPS: Record<string, string> = {
  neq: '$ne',
  lt: '$lt',
  lte: '$lte',
  gt: '$gt',
  gte: '$gte',
  in: '$in',
  nin: '$nin',
  exists: '$exists',
}

/** One field's condition. */
function fieldQuery(field: string, value: unknown): MongoQuery {
  if (value instanceof LocalRegExp)
    return { [field]: { $regex: new RegExp(value.regexp, value.options) } }
  if (value instanceof LocalCommand) {
    if (value.op === 'eq') return { [field]: value.args[0] }
    if (value.op === 'and' && value.args.every((c) => c instanceof LocalCommand && FIELD_OPS[c.op]))
      // `seq: _.and(_.gte(a), _.lt(b))` as one range, which the store can answer from an index.
      return {
        [field]: Object.fromEntries(
          value.args.map((c) => [FIELD_OPS[(c as LocalCommand).op], (c as LocalCommand).args[0]]),
        ),
      }
    if (value.op === 'all') {
      // An array holding each value: one equality per value (an equality on an array field
      // matches when any element equals it); `$all: []` matches nothing.
      const values = value.args[0]
      if (!Array.isArray(values)) throw new Error('all() takes an array')
      if (values.length === 0) return { [field]: { $in: [] } }
      return values.length === 1
        ? { [field]: values[0] }
        : { $and: values.map((v) => ({ [field]: v })) }
    }
    if (value.op === 'and' || value.op === 'or')
      return { [`$${value.op}`]: value.args.map((c) => fieldQuery(field, c)) }
    const op = FIELD_OPS[value.op]
    if (!op) throw new Error(`query operator ${value.op} is not allowed in where()`)
    return { [field]: { [op]: value.args[0] } }
  }
  // SDK semantics: a nested object matches field by field (`{ a: { b: 1 } }` is `a.b == 1`).
  if (isPlainObject(value)) return toMongoQuery(value, `${field}.`)
  return { [field]: value }
}

/** Translates an SDK `where()` condition to an embedded-store query. */
export function toMongoQuery(condition: unknown, prefix = ''): MongoQuery {
  if (condition instanceof LocalCommand) {
    if (condition.op !== 'and' && condition.op !== 'or')
      throw new Error(`${condition.op} cannot stand alone in where()`)
    return { [`$${condition.op}`]: condition.args.map((c) => toMongoQuery(c, prefix)) }
  }
  if (!isPlainObject(condition)) throw new Error('where() takes an object or a logical command')
  const parts = Object.entries(condition).map(([k, v]) => fieldQuery(prefix + k, v))
  return mergeParts(parts)
}

/**
 * One flat query when the parts name different fields, so the store can pick an index; `_id` goes
 * last because the store uses the last indexed equality it finds, and `_id` is the most selective.
 */
function mergeParts(parts: MongoQuery[]): MongoQuery {
  if (parts.length === 1) return parts[0]
  const keys = parts.flatMap((p) => Object.keys(p))
  if (new Set(keys).size !== keys.length) return { $and: parts }
  const merged: MongoQuery = Object.assign({}, ...parts)
  if ('_id' in merged) {
    const id = merged._id
    delete merged._id
    merged._id = id
  }
  return merged
}

/**
 * Translates SDK update data: nested plain objects update field by field (the SDK's partial-update
 * semantics), `_.inc`, `_.set` and `_.remove` map to their operators.
 */
export function toMongoUpdate(data: Record<string, unknown>): MongoQuery {
  const $set: Record<string, unknown> = {}
  const $inc: Record<string, number> = {}
  const $unset: Record<string, true> = {}
  const walk = (obj: Record<string, unknown>, prefix: string): void => {
    for (const [k, v] of Object.entries(obj)) {
      const path = prefix + k
      if (path === '_id' || v === undefined) continue
      if (v instanceof LocalCommand) {
        if (v.op === 'inc') $inc[path] = Number(v.args[0])
        else if (v.op === 'set') $set[path] = v.args[0]
        else if (v.op === 'remove') $unset[path] = true
        else throw new Error(`update operator ${v.op} is not allowed in update()`)
      } else if (isPlainObject(v) && Object.keys(v).length > 0) walk(v, `${path}.`)
      else $set[path] = v
    }
  }
  walk(data, '')
  const update: MongoQuery = {}
  if (Object.keys($set).length) update.$set = $set
  if (Object.keys($inc).length) update.$inc = $inc
  if (Object.keys($unset).length) update.$unset = $unset
  return update
}
