import { fieldGetter, parseFieldPath, type FieldGetter } from './fieldPath.js'
import { compareStrings, compareValues } from './values.js'
import { compileFilter, type Filter, type Predicate } from './filter.js'
import type { DocumentData, OrderByDirection } from './types.js'

/** One sort key. */
export interface OrderSpec {
  readonly field: string
  readonly direction: OrderByDirection
}

/** A cursor position: values for a prefix of the sort keys, optionally a document id after them. */
export interface BoundSpec {
  readonly values: readonly unknown[]
  /** Id of the snapshot the cursor was taken from: breaks ties after the values. */
  readonly id?: string
  /** Whether documents exactly at the cursor are included (startAt/endAt) or not (startAfter/endBefore). */
  readonly inclusive: boolean
}

/**
 * A query as plain, serialisable data: what the client sends a backend, and the stable part of a
 * cache key. Built by the query builder, compiled by {@link compileQuery}.
 */
export interface QuerySpec {
  /** The collection path, or for a collection group query (`group`) the group's collection id. */
  readonly collection: string
  /**
   * True for a collection group query: it reads every collection whose last segment is
   * `collection`, and its entries are keyed by full document path (see collectionGroup.ts).
   */
  readonly group?: true
  readonly filter?: Filter
  readonly orderBy: readonly OrderSpec[]
  readonly limit?: number
  /** `'last'` for `limitToLast()`: the window is taken from the end of the order. */
  readonly limitType?: 'first' | 'last'
  readonly offset?: number
  readonly startAt?: BoundSpec
  readonly endAt?: BoundSpec
}

/** Anything the engine can order: an id and its data. */
export interface Entry {
  readonly id: string
  readonly data: DocumentData
}

/** A query ready to evaluate. */
export interface CompiledQuery {
  readonly spec: QuerySpec
  /** Filter, orderBy-fields-present and cursor bounds. */
  readonly matches: (id: string, data: DocumentData) => boolean
  /** Total order of matching entries (ties by id). */
  readonly compare: (a: Entry, b: Entry) => number
  /** The `[start, end)` window of a sorted match list of length `n`. */
  readonly window: (n: number) => [number, number]
  /**
   * The first sort key of a document: the first orderBy field, or the id without one. Where two
   * entries' keys differ, `compareKeys` of the keys has the sign of `compare` of the entries; where
   * it is 0 only `compare` decides. Lets a sorted list keep keys next to its entries and search
   * them without touching each entry's data.
   */
  readonly key: (id: string, data: DocumentData) => unknown
  readonly compareKeys: (x: unknown, y: unknown) => number
}

/** Orders two field values: numbers and strings directly, everything else by {@link compareValues}. */
function compareField(x: unknown, y: unknown): number {
  if (typeof x === 'number' && typeof y === 'number') return x < y ? -1 : x > y ? 1 : 0
  if (typeof x === 'string' && typeof y === 'string') return compareStrings(x, y)
  return compareValues(x, y)
}

/** Compiles a spec (trusted: built by the query builder or checked by a backend). */
export function compileQuery(spec: QuerySpec): CompiledQuery {
  const getters = spec.orderBy.map((o) => fieldGetter(parseFieldPath('orderBy()', o.field)))
  const signs = spec.orderBy.map((o) => (o.direction === 'desc' ? -1 : 1))
  const nKeys = getters.length
  // Ties break by id in the direction of the last sort key, as Cloud Firestore does.
  const idSign = nKeys > 0 ? (signs[nKeys - 1] as number) : 1
  const filter: Predicate | undefined = spec.filter ? compileFilter(spec.filter) : undefined

  let compare: (a: Entry, b: Entry) => number
  if (nKeys === 0) {
    compare = (a, b) => compareStrings(a.id, b.id) * idSign
  } else if (nKeys === 1) {
    const get = getters[0] as FieldGetter
    const sign = signs[0] as number
    compare = (a, b) => {
      const x = get(a.id, a.data)
      const y = get(b.id, b.data)
      if (x !== y) {
        const c =
          typeof x === 'number' && typeof y === 'number'
            ? x < y
              ? -1
              : x > y
                ? 1
                : 0
            : compareField(x, y)
        if (c !== 0) return c * sign
      }
      return compareStrings(a.id, b.id) * sign
    }
  } else {
    compare = (a, b) => {
      for (let i = 0; i < nKeys; i++) {
        const get = getters[i] as FieldGetter
        const x = get(a.id, a.data)
        const y = get(b.id, b.data)
        if (x === y) continue
        const c = compareField(x, y)
        if (c !== 0) return c * (signs[i] as number)
      }
      return compareStrings(a.id, b.id) * idSign
    }
  }

  // Position of a document relative to a cursor: <0 before it, 0 at it, >0 after it.
  const against = (bound: BoundSpec) => {
    const values = bound.values
    const n = values.length
    const boundId = bound.id
    return (id: string, data: DocumentData): number => {
      for (let i = 0; i < n; i++) {
        const c = compareField((getters[i] as FieldGetter)(id, data), values[i])
        if (c !== 0) return c * (signs[i] as number)
      }
      return boundId === undefined ? 0 : compareStrings(id, boundId) * idSign
    }
  }
  const start = spec.startAt
  const end = spec.endAt
  const fromStart = start && against(start)
  const fromEnd = end && against(end)
  const startInclusive = start?.inclusive ?? false
  const endInclusive = end?.inclusive ?? false

  const matches = (id: string, data: DocumentData): boolean => {
    for (let i = 0; i < nKeys; i++)
      if ((getters[i] as FieldGetter)(id, data) === undefined) return false
    if (filter !== undefined && !filter(id, data)) return false
    if (fromStart !== undefined) {
      const c = fromStart(id, data)
      if (startInclusive ? c < 0 : c <= 0) return false
    }
    if (fromEnd !== undefined) {
      const c = fromEnd(id, data)
      if (endInclusive ? c > 0 : c >= 0) return false
    }
    return true
  }

  const limit = spec.limit ?? Infinity
  const offset = spec.offset ?? 0
  const window =
    spec.limitType === 'last'
      ? (n: number): [number, number] => {
          const e = Math.max(0, n - offset)
          return [Math.max(0, e - limit), e]
        }
      : (n: number): [number, number] => {
          const s = Math.min(n, offset)
          return [s, Math.min(n, s + limit)]
        }

  let key: (id: string, data: DocumentData) => unknown
  let compareKeys: (x: unknown, y: unknown) => number
  if (nKeys === 0) {
    key = (id) => id
    compareKeys = (x, y) => compareStrings(x as string, y as string) * idSign
  } else {
    const sign = signs[0] as number
    key = getters[0] as FieldGetter
    compareKeys = (x, y) => {
      if (x === y) return 0
      if (typeof x === 'number' && typeof y === 'number') return x < y ? -sign : x > y ? sign : 0
      return compareField(x, y) * sign
    }
  }

  return { spec, matches, compare, window, key, compareKeys }
}
