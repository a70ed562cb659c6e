import { describe, invalidArgument, MetalError } from '../errors.js'
import { DOCUMENT_ID, getDocField, parseFieldPath } from '../engine/fieldPath.js'
import { CompositeQuery, Query } from '../query.js'
import {
  liveQueryRegistry,
  type AbortSignalLike,
  type QueryClientLike,
} from './liveQueryRegistry.js'
import { metalDocKey, metalQueryKey, type MetalQueryKey } from './queryKey.js'
import { toRow, toRows, type MetalRow } from './rows.js'
import type { Metal } from '../metal.js'
import type { CollectionReference } from '../reference.js'
import type { DocumentData } from '../types.js'

// Option builders shared by every framework binding: each returns plain TanStack query options
// (a stable key, a query function fed by a live Metal subscription, and live defaults) that a
// hook or composable passes to useQuery as they are, or that prefetchQuery takes directly.

/** A query for a binding: `(collection) => collection.where(…)`, or a built query. */
export type MetalQueryBuilder<T = DocumentData> =
  | ((collection: CollectionReference<T>) => Query<T> | CompositeQuery<T>)
  | Query<T>
  | CompositeQuery<T>

/** A page cursor: the values of the last row in the paginated query's sort fields. */
export type MetalCursor = readonly unknown[]

/** The result of a paginated query: TanStack's infinite-query data. */
export interface MetalPages<T = DocumentData> {
  pages: MetalRow<T>[][]
  pageParams: (MetalCursor | null)[]
}

const PERMANENT: ReadonlySet<string> = new Set([
  'invalid-argument',
  'not-found',
  'already-exists',
  'permission-denied',
  'unauthenticated',
  'failed-precondition',
])

/**
 * Retry policy of live queries: up to 3 retries, none for failures that retrying cannot fix
 * (a denied permission, a bad query).
 */
export function retryTransient(failureCount: number, error: unknown): boolean {
  return failureCount < 3 && !(error instanceof MetalError && PERMANENT.has(error.code))
}

/** Defaults of every live entry: the subscription keeps it fresh, and Metal handles offline. */
const LIVE = { staleTime: Infinity, networkMode: 'always', retry: retryTransient } as const

/** Builds the query `build` describes over `collection`, checking it reads that collection. */
export function resolveQuery<T>(
  call: string,
  metal: Metal,
  collection: string,
  build?: MetalQueryBuilder<T>,
): Query<T> {
  const coll = metal.db().collection<T>(collection)
  let query: unknown = typeof build === 'function' ? build(coll) : (build ?? coll)
  if (query instanceof CompositeQuery) query = query.query()
  if (!(query instanceof Query)) {
    throw invalidArgument(call, `buildQuery must give a query, got ${describe(query)}`)
  }
  const spec = (query as Query<T>).spec
  if (spec.collection !== coll.path) {
    throw invalidArgument(
      call,
      `the query reads '${spec.collection}' but the collection is '${coll.path}'`,
    )
  }
  return query as Query<T>
}

/**
 * Options for a live query's rows, `MetalRow<T>[]`: spread into `useQuery`, or pass to
 * `queryClient.prefetchQuery`.
 */
export function metalQueryOptions<T = DocumentData>(
  client: QueryClientLike,
  metal: Metal,
  collection: string,
  build?: MetalQueryBuilder<T>,
  call = 'metalQueryOptions()',
) {
  const query = resolveQuery(call, metal, collection, build)
  const queryKey = metalQueryKey(metal.projectId, query.spec)
  const entry = () =>
    liveQueryRegistry(client).entry<MetalRow<T>[]>(queryKey, (next, error) =>
      query.subscribe((_, snapshot) => next(toRows(snapshot)), error),
    )
  entry()
  return {
    ...LIVE,
    queryKey,
    queryFn: ({ signal }: { signal?: AbortSignalLike }) => entry().fetch(signal),
  }
}

/**
 * Options for one live document, `MetalRow<T> | null` (null: it does not exist). With no `id`
 * the options are disabled.
 */
export function metalDocOptions<T = DocumentData>(
  client: QueryClientLike,
  metal: Metal,
  collection: string,
  id: string | null | undefined,
  call = 'metalDocOptions()',
) {
  const coll = metal.db().collection<T>(collection)
  const ref = id == null ? undefined : coll.doc(id)
  const queryKey: MetalQueryKey = metalDocKey(metal.projectId, coll.path, ref ? ref.id : null)
  const entry = () =>
    ref &&
    liveQueryRegistry(client).entry<MetalRow<T> | null>(queryKey, (next, error) =>
      ref.subscribe((_, snapshot) => next(toRow(snapshot)), error),
    )
  entry()
  return {
    ...LIVE,
    queryKey,
    enabled: ref !== undefined,
    queryFn: ({ signal }: { signal?: AbortSignalLike }): Promise<MetalRow<T> | null> =>
      entry()?.fetch(signal) ??
      Promise.reject(invalidArgument(call, 'no document id given; the query is disabled')),
  }
}

/**
 * Options for a paginated query (spread into `useInfiniteQuery`): the first page is live, and
 * each further page is read once with `get()` when fetched, starting after the last row of the
 * page before it. A document id is appended to the sort so cursors never skip tied rows; it does
 * not change the order. Later pages do not follow the first page's changes until `refetch()`.
 */
export function metalPaginatedQueryOptions<T = DocumentData>(
  client: QueryClientLike,
  metal: Metal,
  collection: string,
  build: MetalQueryBuilder<T> | undefined,
  pageSize: number,
  call = 'metalPaginatedQueryOptions()',
) {
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw invalidArgument(call, `pageSize must be a positive integer, got ${describe(pageSize)}`)
  }
  let query = resolveQuery(call, metal, collection, build)
  const { orderBy, limitType, offset } = query.spec
  if (limitType === 'last') {
    throw invalidArgument(call, "limitToLast() cannot be paged; sort with orderBy(field, 'desc')")
  }
  if (offset) throw invalidArgument(call, 'offset() cannot be paged; pages start at cursors')
  const last = orderBy[orderBy.length - 1]
  if (last?.field !== DOCUMENT_ID) query = query.orderBy(DOCUMENT_ID, last?.direction ?? 'asc')
  const fields = query.spec.orderBy.map((o) => parseFieldPath(call, o.field))
  const first = query.limit(pageSize)
  const queryKey = metalQueryKey(metal.projectId, first.spec, { paginated: true })
  const entry = () =>
    liveQueryRegistry(client).entry<MetalRow<T>[]>(
      queryKey,
      (next, error) => first.subscribe((_, snapshot) => next(toRows(snapshot)), error),
      (cached, rows) => {
        const pages = cached as MetalPages<T> | undefined
        return pages
          ? { pages: [rows, ...pages.pages.slice(1)], pageParams: pages.pageParams }
          : { pages: [rows], pageParams: [null] }
      },
    )
  entry()
  return {
    ...LIVE,
    queryKey,
    initialPageParam: null as MetalCursor | null,
    queryFn: ({
      signal,
      pageParam,
    }: {
      signal?: AbortSignalLike
      pageParam: MetalCursor | null
    }): Promise<MetalRow<T>[]> =>
      pageParam === null
        ? entry().fetch(signal)
        : query
            .startAfter(...pageParam)
            .limit(pageSize)
            .get()
            .then(toRows),
    getNextPageParam: (lastPage: MetalRow<T>[]): MetalCursor | undefined => {
      const row = lastPage[pageSize - 1]
      return row && fields.map((path) => getDocField(row.id, row, path))
    },
  }
}
