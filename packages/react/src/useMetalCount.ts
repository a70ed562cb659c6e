import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import type { UseQueryOptions, UseQueryResult } from '@tanstack/react-query'
import { type DocumentData, type MetalError } from '@metal/core'
import { metalCountOptions, type MetalQueryBuilder, type MetalQueryKey } from '@metal/core/bindings'
import { useMetalContext } from './MetalProvider.js'

/** TanStack options of {@link useMetalCount}; Metal supplies the key and the query function. */
export type UseMetalCountOptions<TData = number> = Omit<
  UseQueryOptions<number, MetalError, TData, MetalQueryKey>,
  'queryKey' | 'queryFn'
>

/**
 * A live count of a query's result (after offset/limit), kept current by the backend while
 * mounted, without reading the rows: `useMetalCount('tasks', (q) => q.where('done', '==', false))`.
 * Changing the query keeps the previous count visible until the new one arrives.
 */
export function useMetalCount<T = DocumentData, TData = number>(
  collection: string,
  buildQuery?: MetalQueryBuilder<T>,
  options?: UseMetalCountOptions<TData>,
): UseQueryResult<TData, MetalError> {
  const metal = useMetalContext('useMetalCount')
  const live = metalCountOptions(useQueryClient(), metal, collection, buildQuery, 'useMetalCount()')
  return useQuery({
    ...live,
    placeholderData: keepPreviousData,
    ...options,
    queryKey: live.queryKey,
    queryFn: live.queryFn,
  })
}
