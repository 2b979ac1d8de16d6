/**
 * The deployment kept in the repository, read and checked in one place: functions and their
 * triggers from `cloudbaserc.json` (the CloudBase CLI's file, so `tcb fn deploy` reads the same),
 * collections and indexes from `cloudfunctions/database.json`, and the database, storage and
 * function security rules beside it. `npm run build:functions` writes each function's
 * config.json from here, and `npm run deploy` plans against it.
 */
import { readFileSync } from 'fs'
import path from 'path'
import { z } from 'zod'

export const REPO_ROOT = path.resolve(__dirname, '../..')

const name = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/)
const rule = z.union([z.boolean(), z.string().min(1)])

const trigger = z.object({ name, type: z.literal('timer'), config: z.string().min(1) }).strict()

const functionSchema = z
  .object({
    name,
    handler: z.literal('index.main'),
    runtime: z.string().min(1),
    installDependency: z.boolean(),
    timeout: z.number().int().min(1).max(60),
    memorySize: z.union([
      z.literal(128),
      z.literal(256),
      z.literal(512),
      z.literal(1024),
      z.literal(2048),
    ]),
    envVariables: z.record(z.string()).optional(),
    triggers: z.array(trigger).optional(),
    permissions: z.object({ openapi: z.array(z.string()) }).strict(),
  })
  .strict()

const cloudbaserc = z
  .object({
    version: z.string(),
    envId: z.string(),
    functionRoot: z.string(),
    functions: z.array(functionSchema).min(1),
  })
  .strict()

const indexSchema = z
  .object({
    name,
    keys: z
      .record(z.union([z.literal(1), z.literal(-1)]))
      .refine((k) => Object.keys(k).length > 0, 'an index needs a key'),
    /** Compared with the live index only when given; created as not unique when absent. */
    unique: z.boolean().optional(),
  })
  .strict()

const databaseSchema = z
  .object({ collections: z.record(z.object({ indexes: z.array(indexSchema) }).strict()) })
  .strict()

/** A database or storage security rule: `read` and `write`, or `write` split into its operations. */
const collectionRule = z
  .object({
    read: rule,
    write: rule.optional(),
    create: rule.optional(),
    update: rule.optional(),
    delete: rule.optional(),
  })
  .strict()
  .refine(
    (r) =>
      r.write !== undefined ||
      (r.create !== undefined && r.update !== undefined && r.delete !== undefined),
    'a rule needs write, or create, update and delete',
  )
export type CollectionRule = z.infer<typeof collectionRule>
const functionRule = z.object({ invoke: rule }).strict()

export type FunctionSpec = z.infer<typeof functionSchema>
export type IndexSpec = z.infer<typeof indexSchema>
export type RuleValue = z.infer<typeof rule>

/** Everything one deployment consists of. */
export interface Manifest {
  functions: FunctionSpec[]
  collections: { name: string; indexes: IndexSpec[] }[]
  /** Custom security rule per collection (JSON text as the console shows it). */
  databaseRules: Record<string, CollectionRule>
  storageRule: CollectionRule
  functionRules: Record<string, { invoke: RuleValue }>
}

/** The files the manifest is read from, relative to the repository root. */
export const MANIFEST_FILES = {
  cloudbaserc: 'cloudbaserc.json',
  database: 'cloudfunctions/database.json',
  databaseRules: 'cloudfunctions/database-rules.json',
  storageRules: 'cloudfunctions/storage-rules.json',
  securityRules: 'cloudfunctions/security-rules.json',
} as const

/** A file of the manifest that is missing, not JSON or not in its shape: one line naming it. */
export class ManifestError extends Error {}

function readJson<T>(root: string, file: string, schema: z.ZodType<T>): T {
  let raw: string
  try {
    raw = readFileSync(path.join(root, file), 'utf8')
  } catch {
    throw new ManifestError(`缺少部署文件 ${file}`)
  }
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch (e) {
    throw new ManifestError(`${file} 不是合法的 JSON：${(e as Error).message}`)
  }
  const parsed = schema.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new ManifestError(`${file} 格式不对：${issue.path.join('.') || '(根)'} ${issue.message}`)
  }
  return parsed.data
}

/** Reads and checks the manifest under `root` (the repository by default). */
export function loadManifest(root = REPO_ROOT): Manifest {
  const rc = readJson(root, MANIFEST_FILES.cloudbaserc, cloudbaserc)
  const db = readJson(root, MANIFEST_FILES.database, databaseSchema)
  const manifest: Manifest = {
    functions: rc.functions,
    collections: Object.entries(db.collections).map(([n, c]) => ({ name: n, indexes: c.indexes })),
    databaseRules: readJson(root, MANIFEST_FILES.databaseRules, z.record(collectionRule)),
    storageRule: readJson(root, MANIFEST_FILES.storageRules, collectionRule),
    functionRules: readJson(root, MANIFEST_FILES.securityRules, z.record(functionRule)),
  }
  const names = new Set<string>()
  for (const f of manifest.functions) {
    if (names.has(f.name)) throw new ManifestError(`cloudbaserc.json 重复的函数 ${f.name}`)
    names.add(f.name)
  }
  for (const key of Object.keys(manifest.functionRules)) {
    if (key !== '*' && !names.has(key))
      throw new ManifestError(`${MANIFEST_FILES.securityRules} 提到不存在的函数 ${key}`)
  }
  return manifest
}

/** `{{env.NAME}}` placeholders (the CloudBase CLI's syntax) in a function's variables. */
const PLACEHOLDER = /^\{\{env\.([A-Z0-9_]+)\}\}$/

/** Environment variable names a function's `envVariables` take from the operator's environment. */
export function requiredVariables(fn: FunctionSpec): string[] {
  return Object.values(fn.envVariables ?? {}).flatMap((v) => {
    const m = PLACEHOLDER.exec(v)
    return m ? [m[1]] : []
  })
}

/**
 * The function's config.json as WeChat DevTools and miniprogram-ci read it beside the code:
 * permissions (cloud-call `openapi`), triggers, timeout, memory and environment variables.
 * Placeholders take their values from `env`; with `strict` false a missing one leaves the
 * variable out (a plain build for tests), with `strict` true it is an error.
 */
export function functionConfig(
  fn: FunctionSpec,
  env: NodeJS.ProcessEnv,
  strict: boolean,
): Record<string, unknown> {
  const variables: Record<string, string> = {}
  for (const [key, value] of Object.entries(fn.envVariables ?? {})) {
    const m = PLACEHOLDER.exec(value)
    if (!m) variables[key] = value
    else if (env[m[1]]) variables[key] = env[m[1]]!
    else if (strict) throw new ManifestError(`缺少环境变量 ${m[1]}（函数 ${fn.name} 需要）`)
  }
  return {
    timeout: fn.timeout,
    memorySize: fn.memorySize,
    runtime: fn.runtime,
    ...(Object.keys(variables).length > 0 ? { envVariables: variables } : {}),
    ...(fn.triggers ? { triggers: fn.triggers } : {}),
    permissions: fn.permissions,
  }
}

/** A rule as the console and the APIs take it: JSON text. */
export const ruleText = (value: object): string => JSON.stringify(value)
