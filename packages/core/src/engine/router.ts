import { fieldGetter, parseFieldPath, type FieldGetter } from './fieldPath.js'
import { equalityKeys } from './filter.js'
import type { QuerySpec } from './querySpec.js'
import type { DocumentData } from './types.js'

/**
 * Finds the live queries a write can affect. A query with an equality conjunct (`status ==
 * 'open'`, `id in [...]`) is filed under that field and value, so a write only reaches queries
 * whose value matches the document before or after it; other queries are always checked.
 */
export class TargetRouter<T extends { readonly query: QuerySpec }> {
  private readonly scan = new Set<T>()
  /** Indexed targets by field: how to read the field, and the targets under each value. */
  private readonly byField = new Map<string, { get: FieldGetter; byValue: Map<unknown, Set<T>> }>()
  private readonly keyOf = new Map<T, { field: string; values: readonly unknown[] }>()

  add(target: T): void {
    const keys = equalityKeys(target.query.filter)
    // Index under the most selective conjunct: the one with fewest values.
    const key = keys.sort((a, b) => a.values.length - b.values.length)[0]
    if (!key) {
      this.scan.add(target)
      return
    }
    this.keyOf.set(target, key)
    let index = this.byField.get(key.field)
    if (!index) {
      const get = fieldGetter(parseFieldPath('where()', key.field))
      this.byField.set(key.field, (index = { get, byValue: new Map() }))
    }
    const byValue = index.byValue
    for (const v of key.values) {
      let set = byValue.get(v)
      if (!set) byValue.set(v, (set = new Set()))
      set.add(target)
    }
  }

  remove(target: T): void {
    this.scan.delete(target)
    const key = this.keyOf.get(target)
    if (!key) return
    this.keyOf.delete(target)
    const byValue = this.byField.get(key.field)?.byValue
    for (const v of key.values) {
      const set = byValue?.get(v)
      set?.delete(target)
      if (set?.size === 0) byValue?.delete(v)
    }
    if (byValue?.size === 0) this.byField.delete(key.field)
  }

  get size(): number {
    return this.scan.size + this.keyOf.size
  }

  candidates(
    id: string,
    before: DocumentData | undefined,
    after: DocumentData | undefined,
  ): Iterable<T> {
    if (this.byField.size === 0) return this.scan
    const out = new Set(this.scan)
    for (const { get, byValue } of this.byField.values()) {
      if (before) {
        const set = byValue.get(get(id, before))
        if (set) for (const t of set) out.add(t)
      }
      if (after) {
        const set = byValue.get(get(id, after))
        if (set) for (const t of set) out.add(t)
      }
    }
    return out
  }
}
