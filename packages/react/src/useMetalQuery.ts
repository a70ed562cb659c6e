import { useQuery, useQueryClient } from '@tanstack/react-query'
import type { UseQueryOptions, UseQueryResult } from '@tanstack/react-query'
import { type DocumentData, type MetalError } from '@metal/core'
import {
  metalQueryOptions,
  queryArgs,
  type MetalQueryBuilder,
  type MetalQueryKey,
  type MetalQuerySource,
  type MetalRow,
} from '@metal/core/bindings'
import { useMetalContext } from './MetalProvider.js'

/** TanStack options of {@link useMetalQuery}; Metal supplies the key and the query function. */
export type UseMetalQueryOptions<T = DocumentData, TData = MetalRow<T>[]> = Omit<
  UseQueryOptions<MetalRow<T>[], MetalError, TData, MetalQueryKey>,
  'queryKey' | 'queryFn'
>

/**
 * A live query's rows (`{ id, ...data }`, with `hasPendingWrites`), kept current by a Metal
 * subscription while mounted. Takes a typed query or collection reference,
 * `useMetalQuery(db.collection<User>('users').where('age', '>', 3))`, or a collection path and
 * a builder. Changing the query keeps the previous rows visible until the new ones arrive
 * (`isPlaceholderData`); `select` re-renders only when its result changes. A failure that no
 * retry can fix (`permission-denied`, `invalid-argument`, …) is final until the query or the
 * session changes, or `refetch()`.
 */
export function useMetalQuery<T = DocumentData, TData = MetalRow<T>[]>(
  query: MetalQuerySource<T>,
  options?: UseMetalQueryOptions<T, TData>,
): UseQueryResult<TData, MetalError>
export function useMetalQuery<T = DocumentData, TData = MetalRow<T>[]>(
  collection: string,
  buildQuery?: MetalQueryBuilder<T>,
  options?: UseMetalQueryOptions<T, TData>,
): UseQueryResult<TData, MetalError>
export function useMetalQuery<T = DocumentData, TData = MetalRow<T>[]>(
  collection: string | MetalQuerySource<T>,
  second?: MetalQueryBuilder<T> | UseMetalQueryOptions<T, TData>,
  third?: UseMetalQueryOptions<T, TData>,
): UseQueryResult<TData, MetalError> {
  const metal = useMetalContext('useMetalQuery')
  const { build, options } = queryArgs<MetalQueryBuilder<T>, UseMetalQueryOptions<T, TData>>(
    collection,
    second,
    third,
  )
  const live = metalQueryOptions(useQueryClient(), metal, collection, build, 'useMetalQuery()')
  return useQuery({ ...live, ...options, queryKey: live.queryKey, queryFn: live.queryFn })
}
