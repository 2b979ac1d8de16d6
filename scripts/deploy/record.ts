/**
 * What the last deploy to an environment did, kept beside the repository in `.deploy/<env>.json`
 * (ignored by git): `--dry-run` plans against it without credentials, and it is the only memory of
 * uploaded functions and triggers (the upload key cannot read them back). Written after every
 * step, so a deploy stopped half-way leaves it true to what was done.
 */
import { createHash } from 'crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'fs'
import path from 'path'
import { emptyState, type EnvState, type LiveIndex } from './plan'

const fileOf = (dir: string, env: string) => path.join(dir, `${env}.json`)

export function readRecord(dir: string, env: string): EnvState | null {
  const file = fileOf(dir, env)
  if (!existsSync(file)) return null
  try {
    const state = {
      ...emptyState(),
      ...(JSON.parse(readFileSync(file, 'utf8')) as Partial<EnvState>),
    }
    // Records from before indexes were read live list index names only.
    for (const c of Object.values(state.collections))
      c.indexes =
        c.indexes?.map((i: LiveIndex | string) => (typeof i === 'string' ? { name: i } : i)) ?? null
    return state
  } catch {
    // A damaged record is as good as none: the deploy then uploads everything again.
    return null
  }
}

export function writeRecord(dir: string, env: string, state: EnvState): void {
  mkdirSync(dir, { recursive: true })
  const file = fileOf(dir, env)
  writeFileSync(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`)
  renameSync(`${file}.tmp`, file)
}

/** Hash of a built function folder (every file, by name and content). */
export function folderHash(dir: string): string {
  const hash = createHash('sha256')
  const walk = (d: string, rel: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const r = `${rel}${e.name}`
      if (e.isDirectory()) walk(path.join(d, e.name), `${r}/`)
      else
        hash
          .update(`${r}\0`)
          .update(readFileSync(path.join(d, e.name)))
          .update('\0')
    }
  }
  walk(dir, '')
  return hash.digest('hex').slice(0, 16)
}
