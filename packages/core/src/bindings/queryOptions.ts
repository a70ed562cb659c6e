import { invalidArgument } from '../errors.js'
import {
  liveQueryRegistry,
  type AbortSignalLike,
  type LiveEntry,
  type LiveMerge,
  type LiveRestart,
  type QueryClientLike,
} from './liveQueryRegistry.js'
import { keepPreviousData, LIVE_QUERY_DEFAULTS } from './bindingDefaults.js'
import { converterKey, metalDocKey, metalQueryKey, type MetalQueryKey } from './queryKey.js'
import {
  resolveDoc,
  resolveQuery,
  type MetalQueryBuilder,
  type MetalDocSource,
  type MetalQuerySource,
} from './querySource.js'
import { toRow, toRows, type MetalRow } from './rows.js'
import type { Metal } from '../metal.js'
import type { Query } from '../query.js'
import type { DocumentData } from '../types.js'

// Option builders shared by every framework binding: each returns plain TanStack query options
// (a stable key, a query function fed by a live Metal subscription, and the live defaults of
// bindingDefaults.ts) that a hook or composable passes to useQuery as they are, or that
// prefetchQuery takes directly.

/** Live bindings follow each document's pending state, not only its data. */
const PENDING_STATE = { includeMetadataChanges: true } as const

/**
 * @internal A failed live entry may try again after the session changes (signing in may be what
 * the rules wanted); a change of status alone (a restore ending signed out) is no new chance.
 */
export function sessionRestart(metal: Metal): LiveRestart {
  return (onChange) => {
    const auth = metal.auth()
    let last = auth.session
    return auth.onStateChange((session) => {
      if (session === last) return
      last = session
      onChange()
    })
  }
}

/**
 * @internal The TanStack options of a live value: the live defaults, the previous value kept
 * while the key changes, and a query function that resolves with the entry's first value. The
 * entry is made now, so a mounted observer finds it.
 */
export function liveOptions<K extends readonly unknown[], V>(
  queryKey: K,
  entry: () => LiveEntry<V>,
) {
  entry()
  return {
    ...LIVE_QUERY_DEFAULTS,
    placeholderData: keepPreviousData,
    queryKey,
    queryFn: ({ signal }: { signal?: AbortSignalLike }) => entry().fetch(signal),
  }
}

/**
 * @internal The live entry that keeps `query`'s rows in the cache under `queryKey`, following
 * each row's pending state; `merge` places the rows in a cached value of another shape (pages).
 */
export function liveRowsEntry<T>(
  client: QueryClientLike,
  metal: Metal,
  queryKey: readonly unknown[],
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any stored shape
  query: Query<T, any>,
  merge?: LiveMerge<MetalRow<T>[]>,
) {
  return liveQueryRegistry(client).entry<MetalRow<T>[]>(
    queryKey,
    // Metadata changes too: a row's `hasPendingWrites` turns false when its write is saved.
    (next, error) => query.subscribe((_, snapshot) => next(toRows(snapshot)), error, PENDING_STATE),
    { restart: sessionRestart(metal), ...(merge ? { merge } : {}) },
  )
}

/**
 * Options for a live query's rows, `MetalRow<T>[]`: spread into `useQuery`, or pass to
 * `queryClient.prefetchQuery`. `collection` is a path narrowed by `build`, or a typed collection
 * reference or query of `metal` (`metal.db().collection<User>('users').where(…)`).
 */
export function metalQueryOptions<T = DocumentData>(
  client: QueryClientLike,
  metal: Metal,
  collection: string | MetalQuerySource<T>,
  build?: MetalQueryBuilder<T>,
  call = 'metalQueryOptions()',
) {
  const query = resolveQuery(call, metal, collection, build)
  const queryKey = metalQueryKey(metal.projectId, query.spec, converterKey(query.coll.converter))
  return liveOptions(queryKey, () => liveRowsEntry(client, metal, queryKey, query))
}

/**
 * Options for one live document, `MetalRow<T> | null` (null: it does not exist): a `collection`
 * path and an `id`, or a typed document reference of `metal`. With no id or reference (null or
 * undefined) the options are disabled. A changed document keeps the previous one on screen until
 * it arrives; a cleared one shows nothing.
 */
export function metalDocOptions<T = DocumentData>(
  client: QueryClientLike,
  metal: Metal,
  collection: string | MetalDocSource<T> | null | undefined,
  id?: string | null,
  call = 'metalDocOptions()',
) {
  const doc = resolveDoc<T>(call, metal, collection, id)
  const ref = doc?.ref
  const queryKey: MetalQueryKey = metalDocKey(
    metal.projectId,
    doc?.collection ?? '',
    ref ? ref.id : null,
    converterKey(ref?.parent.converter),
  )
  const entry = () =>
    ref &&
    liveQueryRegistry(client).entry<MetalRow<T> | null>(
      queryKey,
      (next, error) => ref.subscribe((_, snapshot) => next(toRow(snapshot)), error, PENDING_STATE),
      { restart: sessionRestart(metal) },
    )
  entry()
  return {
    ...LIVE_QUERY_DEFAULTS,
    // Clearing the document shows nothing rather than the last one.
    placeholderData: ref ? keepPreviousData : undefined,
    queryKey,
    enabled: ref !== undefined,
    queryFn: ({ signal }: { signal?: AbortSignalLike }): Promise<MetalRow<T> | null> =>
      entry()?.fetch(signal) ??
      Promise.reject(invalidArgument(call, 'no document given; the query is disabled')),
  }
}
