import { describe, invalidArgument } from '../errors.js'
import { CompositeQuery, Query } from '../query.js'
import { CollectionReference, DocumentReference } from '../reference.js'
import type { Metal } from '../metal.js'
import type { DocumentData } from '../types.js'

// How a binding's arguments name what it reads, decided once for every framework: a collection
// path plus a builder (`'users', (q) => q.where(…)`), or a typed reference or query
// (`db.collection<User>('users').where(…)`, `db.collection<User>('users').doc(id)`).

/* eslint-disable @typescript-eslint/no-explicit-any -- `any`: a query of any stored shape */

/**
 * A query for a binding: `(collection) => collection.where(…)`, or a built query. Its rows are
 * of `T`, so a query with a converter (`withConverter()`) gives the converter's models.
 */
export type MetalQueryBuilder<T = DocumentData> =
  | ((collection: CollectionReference<T>) => Query<T, any> | CompositeQuery<T, any>)
  | Query<T, any>
  | CompositeQuery<T, any>

/** A typed query a binding takes on its own: a collection reference, a query or a composite query. */
export type MetalQuerySource<T = DocumentData> =
  CollectionReference<T, any> | Query<T, any> | CompositeQuery<T, any>

/** A typed document a binding reads: a reference, with a converter or not (rows are of `T`). */
export type MetalDocSource<T = DocumentData> = DocumentReference<T, any>

/** True for a collection reference, a query or a composite query. */
export function isQuerySource(value: unknown): boolean {
  return value instanceof Query || value instanceof CompositeQuery
}

/** The store a query or reference reads through (the `Metal` client it was made from). */
function storeOf(value: object): unknown {
  if (value instanceof DocumentReference) return (value.parent as CollectionReference).internalStore
  return (value as { store?: unknown }).store
}

/** Throws unless `value` was made from `metal`: its results would come from another client. */
function checkClient(call: string, metal: Metal, what: string, value: object, path: string): void {
  if (storeOf(value) !== metal.db().collection(path).internalStore) {
    throw invalidArgument(
      call,
      `the ${what} on '${path}' belongs to another Metal client than the provider's; build it from useMetal().db()`,
    )
  }
}

/**
 * The query a binding reads: `collection` is a path (then `build` narrows it), or a typed
 * collection reference or query of the binding's client (then `build` must be absent).
 */
export function resolveQuery<T>(
  call: string,
  metal: Metal,
  collection: string | MetalQuerySource<T>,
  build?: MetalQueryBuilder<T>,
): Query<T, any> {
  if (typeof collection !== 'string') {
    if (!isQuerySource(collection)) {
      throw invalidArgument(
        call,
        `collection must be a collection path, a collection reference or a query, got ${describe(collection)}`,
      )
    }
    if (build !== undefined) {
      throw invalidArgument(
        call,
        `buildQuery is only taken after a collection path; the query already says what to read, got ${describe(build)}`,
      )
    }
    const query: Query<T, any> =
      collection instanceof CompositeQuery ? collection.query() : collection
    checkClient(call, metal, 'query', query, query.spec.collection)
    return query
  }
  const coll = metal.db().collection<T>(collection)
  let query: unknown = typeof build === 'function' ? build(coll) : (build ?? coll)
  if (query instanceof CompositeQuery) query = query.query()
  if (!(query instanceof Query)) {
    throw invalidArgument(call, `buildQuery must give a query, got ${describe(query)}`)
  }
  const spec = (query as Query<T, any>).spec
  if (spec.collection !== coll.path) {
    throw invalidArgument(
      call,
      `the query reads '${spec.collection}' but the collection is '${coll.path}'`,
    )
  }
  return query as Query<T, any>
}

/**
 * The document a binding reads: a `collection` path and an `id`, or a typed document reference
 * of the binding's client. Null or undefined (an id or a reference not known yet) reads nothing.
 */
export function resolveDoc<T>(
  call: string,
  metal: Metal,
  collection: string | DocumentReference<T, any> | null | undefined,
  id?: string | null,
): { collection: string; ref: DocumentReference<T, any> | undefined } | undefined {
  if (collection == null) return undefined
  if (collection instanceof DocumentReference) {
    checkClient(call, metal, 'document reference', collection, collection.parent.path)
    return { collection: collection.parent.path, ref: collection }
  }
  if (typeof collection !== 'string') {
    throw invalidArgument(
      call,
      `collection must be a collection path or a document reference, got ${describe(collection)}`,
    )
  }
  const coll = metal.db().collection<T>(collection)
  if (id != null && typeof id !== 'string') {
    throw invalidArgument(call, `id must be a string, null or undefined, got ${describe(id)}`)
  }
  return { collection: coll.path, ref: id == null ? undefined : coll.doc(id) }
}

/**
 * Splits a query binding's arguments `(collection, buildQuery?, options?)` or
 * `(query, options?)`: after a typed query the second argument is the options.
 */
export function queryArgs<B, O>(
  first: unknown,
  second: B | O | undefined,
  third: O | undefined,
): { build: B | undefined; options: O | undefined } {
  return typeof first === 'string'
    ? { build: second as B | undefined, options: third }
    : { build: undefined, options: second as O | undefined }
}

/**
 * Splits a document binding's arguments `(collection, id, options?)` or `(ref, options?)`:
 * after a document reference (or null/undefined) the second argument is the options.
 */
export function docArgs<I, O>(
  first: unknown,
  second: I | O | undefined,
  third: O | undefined,
): { id: I | undefined; options: O | undefined } {
  return typeof first === 'string'
    ? { id: second as I | undefined, options: third }
    : { id: undefined, options: second as O | undefined }
}
