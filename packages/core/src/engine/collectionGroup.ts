import { describe, invalidArgument } from '../errors.js'
import { checkDocId } from './writeInput.js'
import { DOCUMENT_ID } from './fieldPath.js'
import type { Filter } from './filter.js'
import type { BoundSpec, QuerySpec } from './querySpec.js'

// Collection groups (`db.collectionGroup('comments')`): a query over every collection whose last
// segment is the group id — `comments`, `posts/p1/comments`, `users/u/posts/p/comments`. Ids
// repeat across those collections, so a group query's entries are keyed by their full document
// path (`posts/p1/comments/c1`): live views, ties in the order and `documentId()` all use it, as
// in Cloud Firestore. The spec keeps the group id in `collection` and says `group: true`.

/** The last segment of a collection path: the group it belongs to. */
export function groupOf(collection: string): string {
  return collection.slice(collection.lastIndexOf('/') + 1)
}

/** True when `collection` (a path) belongs to the group a query reads. */
export function inGroup(collection: string, groupId: string): boolean {
  return (
    collection === groupId ||
    (collection.endsWith(groupId) && collection[collection.length - groupId.length - 1] === '/')
  )
}

/** True when a query reads a collection group. */
export function isGroupQuery(spec: QuerySpec): boolean {
  return spec.group === true
}

/** A document's full path: how a group query keys it. */
export function docPath(collection: string, id: string): string {
  return `${collection}/${id}`
}

/** Splits a full document path (`posts/p1/comments/c1`) at its last `/`. */
export function splitDocPath(path: string): { collection: string; id: string } {
  const cut = path.lastIndexOf('/')
  return { collection: path.slice(0, cut), id: path.slice(cut + 1) }
}

/** Checks a collection group id: one collection id, no `/` (Firestore's rule). */
export function checkGroupId(call: string, id: unknown): string {
  if (typeof id !== 'string' || id === '') {
    throw invalidArgument(call, `collection id must be a non-empty string, got ${describe(id)}`)
  }
  if (id.includes('/')) {
    throw invalidArgument(
      call,
      `collection id ${describe(id)} contains '/'; a collection group is named by its last segment only`,
    )
  }
  checkDocId(call, id)
  return id
}

/**
 * Checks a `documentId()` operand or cursor value of a group query: a full document path
 * (an even number of segments) whose collection belongs to the group, as Cloud Firestore
 * requires ("the value provided must result in a valid document path").
 */
export function checkGroupDocPath(call: string, groupId: string, value: unknown): void {
  if (typeof value !== 'string') return // the caller's own check reports other types
  const segments = value.split('/')
  if (segments.length % 2 !== 0 || segments.some((s) => s === '')) {
    throw invalidArgument(
      call,
      `a documentId() value of collection group '${groupId}' must be a full document path such as '${groupId}/id' or 'posts/p1/${groupId}/id', got ${describe(value)}`,
    )
  }
}

/**
 * Checks a query's `documentId()` operands against what it reads: plain document ids for a
 * collection, full document paths for a collection group (as Cloud Firestore requires).
 */
export function checkIdOperands(call: string, spec: QuerySpec, filter: Filter): void {
  if (filter.type !== 'where') {
    for (const f of filter.filters) checkIdOperands(call, spec, f)
    return
  }
  if (filter.field !== DOCUMENT_ID) return
  const values = Array.isArray(filter.value) ? filter.value : [filter.value]
  for (const v of values) {
    if (spec.group) checkGroupDocPath(call, spec.collection, v)
    else if (typeof v === 'string' && v.includes('/')) {
      throw invalidArgument(
        call,
        `documentId() '${filter.op}' takes document ids (non-empty strings without '/'), got ${describe(v)}`,
      )
    }
  }
}

/**
 * A group query's cursor: taken from a snapshot, it breaks ties by the document's full path
 * (`path`); given as values, a `documentId()` value must be a full path.
 */
export function groupBound(
  call: string,
  spec: QuerySpec,
  bound: BoundSpec,
  path: string | undefined,
): BoundSpec {
  bound.values.forEach((v, i) => {
    if (spec.orderBy[i]?.field === DOCUMENT_ID) {
      if (path !== undefined && typeof v === 'string' && !v.includes('/')) {
        bound = { ...bound, values: bound.values.map((x, j) => (j === i ? path : x)) }
      } else checkGroupDocPath(call, spec.collection, v)
    }
  })
  return path === undefined ? bound : { ...bound, id: path }
}
