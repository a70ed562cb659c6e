import type { QuerySpec } from '../engine/querySpec.js'

/**
 * A query as the last part of a cache key: its spec without the collection, with defaults
 * dropped, so two queries that read the same thing give equal keys. Plain, serialisable data.
 */
export type NormalisedQuery = { readonly [part: string]: unknown }

/** A Metal cache key: `['metal', projectId, collection, normalisedQuery]`. */
export type MetalQueryKey = readonly ['metal', string, string, NormalisedQuery]

/** The parts of a query spec that change its result; empty for a whole collection. */
export function normaliseQuery(spec: QuerySpec): NormalisedQuery {
  const out: Record<string, unknown> = {}
  if (spec.group) out.group = true // collectionGroup('c') reads more than collection('c')
  if (spec.filter) out.filter = spec.filter
  if (spec.orderBy.length > 0) out.orderBy = spec.orderBy
  if (spec.limit !== undefined)
    out[spec.limitType === 'last' ? 'limitToLast' : 'limit'] = spec.limit
  if (spec.offset) out.offset = spec.offset
  if (spec.startAt) out.startAt = spec.startAt
  if (spec.endAt) out.endAt = spec.endAt
  return out
}

/** The cache key of a live query; `extra` marks other shapes of data over the same query. */
export function metalQueryKey(
  projectId: string,
  spec: QuerySpec,
  extra?: NormalisedQuery,
): MetalQueryKey {
  return ['metal', projectId, spec.collection, { ...extra, ...normaliseQuery(spec) }]
}

/** The cache key of one live document (`id` null: no document chosen yet). */
export function metalDocKey(
  projectId: string,
  collection: string,
  id: string | null,
): MetalQueryKey {
  return ['metal', projectId, collection, { doc: id }]
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const proto = Object.getPrototypeOf(value) as unknown
  return proto === Object.prototype || proto === null
}

/**
 * A key's hash, computed as TanStack Query's default `hashKey` does (JSON with object keys
 * sorted), so equal keys hash equally whatever order their objects were built in.
 */
export function hashQueryKey(key: readonly unknown[]): string {
  return JSON.stringify(key, (_, value: unknown) =>
    isPlainObject(value)
      ? Object.keys(value)
          .sort()
          .reduce<Record<string, unknown>>((sorted, k) => {
            sorted[k] = value[k]
            return sorted
          }, {})
      : value,
  )
}
