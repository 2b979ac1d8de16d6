/**
 * What a deployment would do: the manifest compared with an environment's state, one item per
 * function, trigger, collection, index, rule and editor. The same plan is printed by `--dry-run`
 * (against what the last deploy to that environment recorded), listed by `--check` (against the
 * live environment) and carried out by the deploy itself.
 */
import type { IndexSpec, Manifest } from './manifest'
import { ruleText } from './manifest'

export type Kind = 'function' | 'trigger' | 'collection' | 'index' | 'rule' | 'editor'
/**
 * What the deploy does with an item. `extra`: in the environment, not in the repository, and left
 * there (an index someone made for a query of theirs, one the platform made, the rule of a
 * collection the repository does not declare): listed, never applied, and not a difference
 * `--check` fails on.
 */
export type Action = 'create' | 'change' | 'keep' | 'remove' | 'extra'

export interface PlanItem {
  kind: Kind
  /** `issues`, `articles.rev_order`, `collection:issues`, `storage`, `functions`, an OPENID… */
  name: string
  action: Action
  detail?: string
}

/** A live index: its fields with their directions in order, as CloudBase's DescribeTable lists it. */
export interface LiveIndex {
  name: string
  /** `"1"`, `"-1"`, `"2dsphere"`…; absent in records written before indexes were read live. */
  keys?: { name: string; direction: string }[]
  unique?: boolean
}

/** The index every collection has on `_id`: neither ours nor an operator's. */
export const BUILT_IN_INDEX = '_id_'

/**
 * An environment as far as the deploy knows it. A collection's `indexes` are read live (names,
 * keys, uniqueness) for the collections of the repository; null when only their number is known
 * (a collection outside the repository, or a record from before indexes were read live).
 * Functions and triggers cannot be read back with the upload key: they are known from the record
 * of the last deploy (`hash` of the uploaded folder, the triggers as uploaded).
 */
export interface EnvState {
  collections: Record<string, { indexCount: number; indexes: LiveIndex[] | null }>
  /**
   * Rule per `collection:<name>`, `storage` and `functions`: the custom rule's JSON text, or the
   * preset permission's name (`ADMINONLY`, `READONLY`…) when it is not custom.
   */
  rules: Record<string, string>
  functions: Record<string, string>
  triggers: Record<string, string>
  editors: string[]
}

/** The preset permission a collection without a rule in the repository gets: no client access. */
export const ADMIN_ONLY = 'ADMINONLY'

export const emptyState = (): EnvState => ({
  collections: {},
  rules: {},
  functions: {},
  triggers: {},
  editors: [],
})

/** The rule keys of a manifest and their JSON text. */
export function desiredRules(m: Manifest): Record<string, string> {
  const rules: Record<string, string> = {}
  for (const [collection, rule] of Object.entries(m.databaseRules))
    rules[`collection:${collection}`] = ruleText(rule)
  rules.storage = ruleText(m.storageRule)
  rules.functions = ruleText(m.functionRules)
  return rules
}

/** Rule text in one spelling, so whitespace or key order does not count as a change. */
export function normalizeRule(text: string): string {
  try {
    const sort = (v: unknown): unknown =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
          )
        : v
    return JSON.stringify(sort(JSON.parse(text)))
  } catch {
    return text
  }
}

/** A function's triggers as recorded after a deploy; null when it has none. */
const triggersText = (f: Manifest['functions'][number]): string | null =>
  f.triggers && f.triggers.length > 0 ? JSON.stringify(f.triggers) : null

/**
 * The plan. `hashes` are the built function folders' hashes; `editors` the OPENIDs asked for.
 * Items come in the order the deploy applies them: collections, indexes, rules, functions,
 * triggers, editors.
 */
export function makePlan(
  m: Manifest,
  state: EnvState,
  hashes: Record<string, string>,
  editors: string[],
): PlanItem[] {
  const items: PlanItem[] = []
  for (const c of m.collections) {
    const live = state.collections[c.name]
    items.push({ kind: 'collection', name: c.name, action: live ? 'keep' : 'create' })
  }
  for (const c of m.collections)
    items.push(...indexItems(c.name, c.indexes, state.collections[c.name]))

  const want = desiredRules(m)
  const declaredCollections = new Set(m.collections.map((c) => c.name))
  for (const [key, text] of Object.entries(want)) {
    const live = state.rules[key]
    const action: Action =
      live === undefined
        ? 'create'
        : normalizeRule(live) === normalizeRule(text)
          ? 'keep'
          : 'change'
    items.push({ kind: 'rule', name: key, action, detail: action === 'keep' ? undefined : text })
  }
  for (const c of m.collections) {
    const key = `collection:${c.name}`
    if (key in want) continue
    const live = state.rules[key]
    items.push({
      kind: 'rule',
      name: key,
      action: live === ADMIN_ONLY ? 'keep' : live === undefined ? 'create' : 'remove',
      detail: '仓库中没有这个集合的规则：只许管理员读写（ADMINONLY）',
    })
  }
  for (const key of Object.keys(state.rules)) {
    const collection = key.startsWith('collection:') ? key.slice('collection:'.length) : null
    if (!(key in want) && collection !== null && !declaredCollections.has(collection))
      items.push({
        kind: 'rule',
        name: key,
        action: 'extra',
        detail: '集合不在仓库中，部署不会删除它',
      })
  }

  for (const f of m.functions) {
    const live = state.functions[f.name]
    const hash = hashes[f.name]
    items.push({
      kind: 'function',
      name: f.name,
      action: live === undefined ? 'create' : live === hash ? 'keep' : 'change',
      detail: `timeout ${f.timeout}s, ${f.memorySize} MB, openapi [${f.permissions.openapi.join(', ')}]`,
    })
  }
  for (const f of m.functions) {
    const text = triggersText(f)
    if (text === null) continue
    const live = state.triggers[f.name]
    items.push({
      kind: 'trigger',
      name: f.name,
      action: live === undefined ? 'create' : live === text ? 'keep' : 'change',
      detail: (f.triggers ?? []).map((t) => `${t.name} ${t.config}`).join(', '),
    })
  }
  for (const openid of editors)
    items.push({
      kind: 'editor',
      name: openid,
      action: state.editors.includes(openid) ? 'keep' : 'create',
    })
  return items
}

/** A direction in one spelling: `1`, `"1"` and `"1.0"` are the same. */
const direction = (d: unknown): string => {
  const text = String(d).trim()
  return /^-?\d+(\.0+)?$/.test(text) ? String(Number(text)) : text
}

/** An index of the repository's keys in the live form. */
export const specKeys = (i: IndexSpec): { name: string; direction: string }[] =>
  Object.entries(i.keys).map(([name, d]) => ({ name, direction: direction(d) }))

const keysText = (keys: { name: string; direction: string }[]) =>
  keys.map((k) => `${k.name}:${direction(k.direction)}`).join(', ')

/** Whether a live index is ours: the same fields in the same order and directions (and uniqueness). */
function sameIndex(spec: IndexSpec, live: LiveIndex): boolean {
  // A record from before indexes were read live knows the name only.
  if (!live.keys) return true
  if (keysText(live.keys) !== keysText(specKeys(spec))) return false
  return spec.unique === undefined || live.unique === spec.unique
}

const uniqueText = (unique: boolean | undefined) => (unique ? '，唯一' : '')

function indexItems(
  collection: string,
  indexes: IndexSpec[],
  live: EnvState['collections'][string] | undefined,
): PlanItem[] {
  const items: PlanItem[] = indexes.map((i) => {
    const name = `${collection}.${i.name}`
    const detail = `${keysText(specKeys(i))}${uniqueText(i.unique)}`
    if (!live) return { kind: 'index', name, action: 'create', detail }
    // Only a count is known (a record from before indexes were read live): all there (`_id`
    // plus ours) or create them all again, which leaves existing ones as they are.
    if (!live.indexes)
      return {
        kind: 'index',
        name,
        action: live.indexCount >= indexes.length + 1 ? 'keep' : 'create',
        detail,
      }
    const found = live.indexes.find((l) => l.name === i.name)
    if (!found) return { kind: 'index', name, action: 'create', detail }
    if (sameIndex(i, found)) return { kind: 'index', name, action: 'keep', detail }
    return {
      kind: 'index',
      name,
      action: 'change',
      detail: `现为 ${keysText(found.keys ?? [])}${uniqueText(found.unique)}，应为 ${detail}：删除后重建`,
    }
  })
  for (const l of live?.indexes ?? []) {
    if (l.name === BUILT_IN_INDEX || indexes.some((i) => i.name === l.name)) continue
    items.push({
      kind: 'index',
      name: `${collection}.${l.name}`,
      action: 'extra',
      detail: `${l.keys ? `${keysText(l.keys)}${uniqueText(l.unique)}；` : ''}仓库中没有这个索引，部署不会删除它`,
    })
  }
  return items
}

const ACTION_WORD: Record<Action, string> = {
  create: '创建',
  change: '更新',
  keep: '不变',
  remove: '删除',
  extra: '多余',
}

/** The plan as lines for the operator, then a count per action. */
export function formatPlan(items: PlanItem[], { onlyChanges = false } = {}): string {
  const lines = items
    .filter((i) => !onlyChanges || i.action !== 'keep')
    .map(
      (i) =>
        `${ACTION_WORD[i.action]}  ${i.kind.padEnd(10)} ${i.name}${i.detail ? `  (${i.detail})` : ''}`,
    )
  const count = (a: Action) => items.filter((i) => i.action === a).length
  lines.push(
    `共 ${items.length} 项：创建 ${count('create')}，更新 ${count('change')}，删除 ${count('remove')}，不变 ${count('keep')}${count('extra') ? `，多余 ${count('extra')}` : ''}`,
  )
  return lines.join('\n')
}
