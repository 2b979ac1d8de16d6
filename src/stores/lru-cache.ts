import type { KeyValueStorage } from '@/services/storage'

/**
 * A bounded, persisted least-recently-used cache of API results, read when the network is
 * unavailable. Entries are kept in storage in use order (oldest first) under one key.
 */
export class LruCache<T> {
  private readonly entries = new Map<string, T>()

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly key: string,
    readonly capacity: number,
  ) {
    const saved = storage.get<[string, T][]>(key)
    if (Array.isArray(saved))
      for (const [id, value] of saved.slice(-capacity)) this.entries.set(id, value)
  }

  get size(): number {
    return this.entries.size
  }

  /** The cached value, marked as just used. */
  get(id: string): T | undefined {
    const value = this.entries.get(id)
    if (value === undefined) return undefined
    this.entries.delete(id)
    this.entries.set(id, value)
    this.save()
    return value
  }

  /** The cached value without marking it used. */
  peek(id: string): T | undefined {
    return this.entries.get(id)
  }

  has(id: string): boolean {
    return this.entries.has(id)
  }

  /** Stores a value as the most recent; evicts the least recently used past capacity. */
  put(id: string, value: T): void {
    this.entries.delete(id)
    this.entries.set(id, value)
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string
      this.entries.delete(oldest)
    }
    this.save()
  }

  /** Forgets one entry (content withdrawn from the server). */
  delete(id: string): void {
    if (this.entries.delete(id)) this.save()
  }

  /** Forgets every entry the predicate picks; returns how many went. */
  deleteWhere(pick: (value: T, id: string) => boolean): number {
    let n = 0
    for (const [id, value] of [...this.entries]) if (pick(value, id) && this.entries.delete(id)) n++
    if (n) this.save()
    return n
  }

  keys(): string[] {
    return [...this.entries.keys()]
  }

  private save(): void {
    this.storage.set(this.key, [...this.entries])
  }
}
