import { getDocField, parseFieldPath } from '../fieldPath.js'
import { compareValues } from '../values.js'
import { compileFilter, type Filter, type Predicate } from './filter.js'
import type { DocumentData, OrderByDirection } from '../types.js'

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
  readonly collection: string
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
}

function compareId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Compiles a spec (trusted: built by the query builder or checked by a backend). */
export function compileQuery(spec: QuerySpec): CompiledQuery {
  const keys = spec.orderBy.map((o) => ({
    path: parseFieldPath('orderBy()', o.field),
    sign: o.direction === 'desc' ? -1 : 1,
  }))
  // Ties break by id in the direction of the last sort key, as Cloud Firestore does.
  const idSign = keys.length > 0 ? (keys[keys.length - 1] as { sign: number }).sign : 1
  const filter: Predicate | undefined = spec.filter ? compileFilter(spec.filter) : undefined

  const compare = (a: Entry, b: Entry): number => {
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i] as (typeof keys)[number]
      const c = compareValues(getDocField(a.id, a.data, k.path), getDocField(b.id, b.data, k.path))
      if (c !== 0) return c * k.sign
    }
    return compareId(a.id, b.id) * idSign
  }

  // Position of a document relative to a cursor: <0 before it, 0 at it, >0 after it.
  const against =
    (bound: BoundSpec) =>
    (id: string, data: DocumentData): number => {
      for (let i = 0; i < bound.values.length; i++) {
        const k = keys[i] as (typeof keys)[number]
        const c = compareValues(getDocField(id, data, k.path), bound.values[i])
        if (c !== 0) return c * k.sign
      }
      return bound.id === undefined ? 0 : compareId(id, bound.id) * idSign
    }
  const start = spec.startAt
  const end = spec.endAt
  const fromStart = start && against(start)
  const fromEnd = end && against(end)

  const matches = (id: string, data: DocumentData): boolean => {
    for (const k of keys) if (getDocField(id, data, k.path) === undefined) return false
    if (filter && !filter(id, data)) return false
    if (fromStart) {
      const c = fromStart(id, data)
      if (start.inclusive ? c < 0 : c <= 0) return false
    }
    if (fromEnd) {
      const c = fromEnd(id, data)
      if (end.inclusive ? c > 0 : c >= 0) return false
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

  return { spec, matches, compare, window }
}
