import { useQuery, useQueryClient } from '@tanstack/react-query'
import type { UseQueryOptions, UseQueryResult } from '@tanstack/react-query'
import { type DocumentData, type MetalError } from '@metal/core'
import {
  metalCountOptions,
  queryArgs,
  type MetalQueryBuilder,
  type MetalQueryKey,
  type MetalQuerySource,
} from '@metal/core/bindings'
import { useMetalContext } from './MetalProvider.js'

/** TanStack options of {@link useMetalCount}; Metal supplies the key and the query function. */
export type UseMetalCountOptions<TData = number> = Omit<
  UseQueryOptions<number, MetalError, TData, MetalQueryKey>,
  'queryKey' | 'queryFn'
>

/**
 * A live count of a query's result (after offset/limit), kept current by the backend while
 * mounted without reading the rows. Takes a typed query or collection reference,
 * `useMetalCount(db.collection<Task>('tasks').where('done', '==', false))`, or a collection path
 * and a builder. Changing the query keeps the previous count until the new one arrives.
 */
export function useMetalCount<T = DocumentData, TData = number>(
  query: MetalQuerySource<T>,
  options?: UseMetalCountOptions<TData>,
): UseQueryResult<TData, MetalError>
export function useMetalCount<T = DocumentData, TData = number>(
  collection: string,
  buildQuery?: MetalQueryBuilder<T>,
  options?: UseMetalCountOptions<TData>,
): UseQueryResult<TData, MetalError>
export function useMetalCount<T = DocumentData, TData = number>(
  collection: string | MetalQuerySource<T>,
  second?: MetalQueryBuilder<T> | UseMetalCountOptions<TData>,
  third?: UseMetalCountOptions<TData>,
): UseQueryResult<TData, MetalError> {
  const metal = useMetalContext('useMetalCount')
  const { build, options } = queryArgs<MetalQueryBuilder<T>, UseMetalCountOptions<TData>>(
    collection,
    second,
    third,
  )
  const live = metalCountOptions(useQueryClient(), metal, collection, build, 'useMetalCount()')
  return useQuery({ ...live, ...options, queryKey: live.queryKey, queryFn: live.queryFn })
}
