import { useQuery, useQueryClient } from '@tanstack/react-query'
import type { UseQueryOptions, UseQueryResult } from '@tanstack/react-query'
import { type DocumentData, type MetalError } from '@metal/core'
import { metalDocOptions, type MetalQueryKey, type MetalRow } from '@metal/core/bindings'
import { useMetalContext } from './MetalProvider.js'

/** TanStack options of {@link useMetalDoc}. */
export type UseMetalDocOptions<T = DocumentData, TData = MetalRow<T> | null> = Omit<
  UseQueryOptions<MetalRow<T> | null, MetalError, TData, MetalQueryKey>,
  'queryKey' | 'queryFn'
>

/**
 * One live document as a row (`{ id, ...data }`), or `null` when it does not exist. With no `id`
 * (null or undefined) the query waits, disabled.
 */
export function useMetalDoc<T = DocumentData, TData = MetalRow<T> | null>(
  collection: string,
  id: string | null | undefined,
  options?: UseMetalDocOptions<T, TData>,
): UseQueryResult<TData, MetalError> {
  const metal = useMetalContext('useMetalDoc')
  const live = metalDocOptions<T>(useQueryClient(), metal, collection, id, 'useMetalDoc()')
  return useQuery({
    ...live,
    ...options,
    queryKey: live.queryKey,
    queryFn: live.queryFn,
    enabled: live.enabled && (options?.enabled ?? true),
  })
}
