import Taro from '@tarojs/taro'

/** Synchronous key-value persistence: Taro storage in the app, a Map in tests. */
export interface KeyValueStorage {
  get<T>(key: string): T | undefined
  set(key: string, value: unknown): void
}

/** Taro's storage (wx storage on weapp, localStorage on h5); failures (quota, private mode) are ignored. */
export function createTaroStorage(): KeyValueStorage {
  return {
    get<T>(key: string): T | undefined {
      try {
        const value: unknown = Taro.getStorageSync(key)
        return value === '' || value === null || value === undefined ? undefined : (value as T)
      } catch {
        return undefined
      }
    },
    set(key, value) {
      try {
        Taro.setStorageSync(key, value)
      } catch {
        // A full or unavailable storage only costs the cache; reading goes on.
      }
    },
  }
}

/** In-memory storage for tests and for contexts without storage. */
export function createMemoryStorage(
  initial: Record<string, unknown> = {},
): KeyValueStorage & { dump(): Record<string, unknown> } {
  const map = new Map<string, unknown>(Object.entries(initial))
  return {
    get: <T>(key: string) =>
      map.has(key) ? (JSON.parse(JSON.stringify(map.get(key))) as T) : undefined,
    set: (key, value) => void map.set(key, JSON.parse(JSON.stringify(value))),
    dump: () => Object.fromEntries(map),
  }
}
