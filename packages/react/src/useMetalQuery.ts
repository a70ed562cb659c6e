import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import type { UseQueryOptions, UseQueryResult } from '@tanstack/react-query'
import { type DocumentData, type MetalError } from '@metal/core'
import {
  metalQueryOptions,
  type MetalQueryBuilder,
  type MetalQueryKey,
  type MetalRow,
} from '@metal/core/bindings'
import { useMetalContext } from './MetalProvider.js'

/** TanStack options of {@link useMetalQuery}; Metal supplies the key and the query function. */
export type UseMetalQueryOptions<T = DocumentData, TData = MetalRow<T>[]> = Omit<
  UseQueryOptions<MetalRow<T>[], MetalError, TData, MetalQueryKey>,
  'queryKey' | 'queryFn'
>

/**
 * A live query's rows (`{ id, ...data }`), kept current by a Metal subscription while mounted.
 * Changing the query keeps the previous rows visible until the new ones arrive
 * (`placeholderData`); `select` re-renders only when its result changes.
 */
export function useMetalQuery<T = DocumentData, TData = MetalRow<T>[]>(
  collection: string,
  buildQuery?: MetalQueryBuilder<T>,
  options?: UseMetalQueryOptions<T, TData>,
): UseQueryResult<TData, MetalError> {
  const metal = useMetalContext('useMetalQuery')
  const live = metalQueryOptions(useQueryClient(), metal, collection, buildQuery, 'useMetalQuery()')
  return useQuery({
    ...live,
    placeholderData: keepPreviousData,
    ...options,
    queryKey: live.queryKey,
    queryFn: live.queryFn,
  })
}
