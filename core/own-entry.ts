/**
 * The value a lookup table holds under `key` itself, never one inherited from `Object.prototype`:
 * `constructor`, `toString` and `__proto__` are words a reader may type or a file may hold, and
 * `table[key] ?? fallback` would hand back a function for them. `hasOwnProperty` rather than
 * `Object.hasOwn`, which older WeChat base libraries lack.
 */
export function ownEntry<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined
}
