/** A document as the store holds it. */
export type StoredDoc = Record<string, unknown>
type Key = string | number | boolean

/** A plain value: what a hash index can key, and a set can look up. */
export const isKey = (v: unknown): v is Key =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'

/**
 * An index of a field holding an array of plain keys (numbers, strings), by hash: for each key,
 * the documents whose array holds it. It replaces the store's own index on such a field, a
 * balanced tree of every key in order, which costs a tree insertion per key and document (some
 * 500 per article for `articles.searchKeys`) while this field is only ever asked "which documents
 * hold k". Answers are the store's: `getMatching(k)` is every document whose field is `k` or an
 * array holding `k` (one key, or any of a list). It implements the methods the store calls on an
 * index (insert, remove, update, revertUpdate, reset, getMatching, getBetweenBounds, getAll).
 */
export class ArrayKeyIndex {
  readonly unique = false
  readonly sparse = true
  /** Per key, its documents in insertion order (an array: adding is what loading does most). */
  private readonly holders = new Map<Key, StoredDoc[]>()

  /**
   * Not `fieldName`: the store writes every index that has one into its file and builds it again
   * as its own tree when the file is loaded, which is the cost this index avoids.
   */
  constructor(readonly field: string) {}

  private keysOf(doc: StoredDoc): Key[] {
    const value = doc[this.field]
    const keys = Array.isArray(value) ? value : value === undefined ? [] : [value]
    for (const k of keys)
      if (!isKey(k)) throw new Error(`${this.field} holds a value that is not a plain key`)
    return keys as Key[]
  }

  insert(doc: StoredDoc | StoredDoc[]): void {
    if (Array.isArray(doc)) {
      const done: StoredDoc[] = []
      try {
        for (const d of doc) {
          this.insert(d)
          done.push(d)
        }
      } catch (e) {
        for (const d of done) this.remove(d)
        throw e
      }
      return
    }
    // A key repeated in one array is listed once, as the store's own index does.
    const keys = new Set(this.keysOf(doc))
    for (const k of keys) {
      const list = this.holders.get(k)
      if (list) list.push(doc)
      else this.holders.set(k, [doc])
    }
  }

  remove(doc: StoredDoc | StoredDoc[]): void {
    if (Array.isArray(doc)) {
      for (const d of doc) this.remove(d)
      return
    }
    const value = doc[this.field]
    const keys = new Set(Array.isArray(value) ? value : value === undefined ? [] : [value])
    for (const k of keys) {
      const list = this.holders.get(k as Key)
      const at = list ? list.indexOf(doc) : -1
      if (!list || at < 0) continue
      list.splice(at, 1)
      if (list.length === 0) this.holders.delete(k as Key)
    }
  }

  update(oldDoc: StoredDoc | { oldDoc: StoredDoc; newDoc: StoredDoc }[], newDoc?: StoredDoc): void {
    const pairs = Array.isArray(oldDoc) ? oldDoc : [{ oldDoc, newDoc: newDoc as StoredDoc }]
    for (const p of pairs) this.remove(p.oldDoc)
    try {
      this.insert(pairs.map((p) => p.newDoc))
    } catch (e) {
      for (const p of pairs) this.insert(p.oldDoc)
      throw e
    }
  }

  revertUpdate(
    oldDoc: StoredDoc | { oldDoc: StoredDoc; newDoc: StoredDoc }[],
    newDoc?: StoredDoc,
  ): void {
    if (Array.isArray(oldDoc))
      this.update(oldDoc.map((p) => ({ oldDoc: p.newDoc, newDoc: p.oldDoc })))
    else this.update(newDoc as StoredDoc, oldDoc)
  }

  reset(newData?: StoredDoc | StoredDoc[]): void {
    this.holders.clear()
    if (newData) this.insert(newData)
  }

  /** The documents holding `key` (the index's own list: read it, never change it). */
  holding(key: unknown): readonly StoredDoc[] {
    return (isKey(key) && this.holders.get(key)) || []
  }

  getMatching(value: unknown): StoredDoc[] {
    if (!Array.isArray(value)) return [...this.holding(value)]
    const out = new Set<StoredDoc>()
    for (const v of value) for (const d of this.holding(v)) out.add(d)
    return [...out]
  }

  /** Never the way this field is asked; answered by a scan of the keys to stay correct. */
  getBetweenBounds(query: { $gt?: Key; $gte?: Key; $lt?: Key; $lte?: Key }): StoredDoc[] {
    const out = new Set<StoredDoc>()
    for (const [k, docs] of this.holders) {
      if (typeof k !== typeof (query.$gt ?? query.$gte ?? query.$lt ?? query.$lte)) continue
      if (query.$gt !== undefined && !(k > query.$gt)) continue
      if (query.$gte !== undefined && !(k >= query.$gte)) continue
      if (query.$lt !== undefined && !(k < query.$lt)) continue
      if (query.$lte !== undefined && !(k <= query.$lte)) continue
      for (const d of docs) out.add(d)
    }
    return [...out]
  }

  getAll(): StoredDoc[] {
    const out = new Set<StoredDoc>()
    for (const docs of this.holders.values()) for (const d of docs) out.add(d)
    return [...out]
  }
}
