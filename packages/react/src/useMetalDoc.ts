import { useQuery, useQueryClient } from '@tanstack/react-query'
import type { UseQueryOptions, UseQueryResult } from '@tanstack/react-query'
import { type DocumentData, type DocumentReference, type MetalError } from '@metal/core'
import { docArgs, metalDocOptions, type MetalQueryKey, type MetalRow } from '@metal/core/bindings'
import { useMetalContext } from './MetalProvider.js'

/** TanStack options of {@link useMetalDoc}. */
export type UseMetalDocOptions<T = DocumentData, TData = MetalRow<T> | null> = Omit<
  UseQueryOptions<MetalRow<T> | null, MetalError, TData, MetalQueryKey>,
  'queryKey' | 'queryFn'
>

/**
 * One live document as a row (`{ id, ...data }`, with `hasPendingWrites`), or `null` when it
 * does not exist. Takes a typed reference, `useMetalDoc(db.collection<User>('users').doc(id))`,
 * or a collection path and an id. With no reference or id (null or undefined) the query waits,
 * disabled. A changed document keeps showing the previous one until it arrives.
 */
export function useMetalDoc<T = DocumentData, TData = MetalRow<T> | null>(
  ref: DocumentReference<T> | null | undefined,
  options?: UseMetalDocOptions<T, TData>,
): UseQueryResult<TData, MetalError>
export function useMetalDoc<T = DocumentData, TData = MetalRow<T> | null>(
  collection: string,
  id: string | null | undefined,
  options?: UseMetalDocOptions<T, TData>,
): UseQueryResult<TData, MetalError>
export function useMetalDoc<T = DocumentData, TData = MetalRow<T> | null>(
  collection: string | DocumentReference<T> | null | undefined,
  second?: string | null | UseMetalDocOptions<T, TData>,
  third?: UseMetalDocOptions<T, TData>,
): UseQueryResult<TData, MetalError> {
  const metal = useMetalContext('useMetalDoc')
  const { id, options } = docArgs<string | null, UseMetalDocOptions<T, TData>>(
    collection,
    second,
    third,
  )
  const live = metalDocOptions<T>(useQueryClient(), metal, collection, id, 'useMetalDoc()')
  return useQuery({
    ...live,
    ...options,
    queryKey: live.queryKey,
    queryFn: live.queryFn,
    enabled: live.enabled && (options?.enabled ?? true),
  })
}
