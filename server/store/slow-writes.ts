import type { EmbeddedDatabase } from './embedded-database'

/**
 * Crash-test aid for the local store only: delays every write by `ms` so a test can kill a
 * publishing process between two writes. Enabled by `LOCAL_STORE_WRITE_DELAY_MS`; never in production.
 */
export function delayWrites(db: EmbeddedDatabase, ms: number): void {
  const original = db.store.bind(db)
  const wrapped = new WeakSet<object>()
  db.store = async (name) => {
    const store = await original(name)
    if (wrapped.has(store)) return store
    wrapped.add(store)
    for (const method of ['insertAsync', 'updateAsync', 'removeAsync'] as const) {
      const write = store[method].bind(store) as (...args: unknown[]) => Promise<unknown>
      ;(store as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
        await new Promise((r) => setTimeout(r, ms))
        return write(...args)
      }
    }
    return store
  }
}
