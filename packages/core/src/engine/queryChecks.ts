import { describe, invalidArgument } from '../errors.js'
import { DOCUMENT_ID, parseFieldPath } from './fieldPath.js'
import { cloneValueForQuery } from './documentValues.js'
import { checkUsablePath } from './writeInput.js'
import { effectiveOrderBy, type BoundSpec, type OrderSpec, type QuerySpec } from './querySpec.js'
import type { OrderByDirection } from './types.js'

// The checks a query's parts must pass, shared by the query builder (query.ts) and the wire
// decoder (engine/wireDecode.ts), so a query a client can build is exactly one a backend accepts.

/** Checks a limit or offset: a non-negative integer. */
export function checkCount(call: string, n: unknown, what: string): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    throw invalidArgument(call, `${what} must be a non-negative integer, got ${describe(n)}`)
  }
  return n
}

/** Checks one sort key: a field path and `'asc'` or `'desc'`. */
export function checkOrderBy(call: string, field: unknown, direction: unknown): OrderSpec {
  parseFieldPath(call, field)
  if (direction !== 'asc' && direction !== 'desc') {
    throw invalidArgument(
      call,
      `direction for field '${field as string}' must be 'asc' or 'desc', got ${describe(direction)}`,
    )
  }
  return { field: field as string, direction: direction as OrderByDirection }
}

/**
 * Checks and freezes the values of a cursor given as values: one to {@link OrderSpec}s-many,
 * lined up with the sort keys; a `documentId()` key takes an id string.
 */
export function checkCursorValues(
  call: string,
  order: readonly OrderSpec[],
  at: readonly unknown[],
): unknown[] {
  if (at.length === 0)
    throw invalidArgument(call, 'needs a document snapshot or at least one value')
  if (at.length > order.length) {
    throw invalidArgument(
      call,
      `got ${at.length} cursor value(s) but the query orders by ${order.length}` +
        (order.length === 0
          ? ' fields; add orderBy() first'
          : ` (${order.map((o) => `'${o.field}'`).join(', ')})`) +
        `; extra value(s): ${at.slice(order.length).map(describe).join(', ')}`,
    )
  }
  return at.map((v, i) => {
    const field = (order[i] as OrderSpec).field
    if (field === DOCUMENT_ID && typeof v !== 'string') {
      throw invalidArgument(
        call,
        `cursor value for documentId() must be a document id string, got ${describe(v)}`,
      )
    }
    return cloneValueForQuery(call, v, field)
  })
}

/**
 * Checks what a query needs before it runs: no reserved id in its collection path,
 * `limitToLast()` needs a sort order, and a cursor
 * taken from a snapshot holds a value for each key of the query's order (an inequality filter
 * added after the cursor adds a key the cursor has no value for).
 */
export function checkRunnable(call: string, spec: QuerySpec): void {
  checkUsablePath(call, spec.collection)
  if (spec.limitType === 'last' && spec.orderBy.length === 0) {
    throw invalidArgument(call, 'limitToLast() needs an orderBy() clause')
  }
  const check = (bound: BoundSpec | undefined) => {
    if (bound?.id === undefined) return
    const order = effectiveOrderBy(spec)
    if (bound.values.length !== order.length) {
      throw invalidArgument(
        call,
        `the cursor from the snapshot of '${bound.id}' holds ${bound.values.length} value(s) but the query orders by ` +
          `${order.length} field(s) (${order.map((o) => `'${o.field}'`).join(', ')}); add inequality filters before the cursor`,
      )
    }
  }
  check(spec.startAt)
  check(spec.endAt)
}
