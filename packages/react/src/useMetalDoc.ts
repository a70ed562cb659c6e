import { useCallback, useSyncExternalStore } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import type { UseQueryOptions, UseQueryResult } from '@tanstack/react-query'
import { type DocumentData, type MetalError } from '@metal/core'
import {
  docArgs,
  type MetalDocSource,
  docPendingView,
  metalDocOptions,
  type MetalQueryKey,
  type MetalRow,
} from '@metal/core/bindings'
import { useMetalContext } from './MetalProvider.js'

/** TanStack options of {@link useMetalDoc}. */
export type UseMetalDocOptions<T = DocumentData, TData = MetalRow<T> | null> = Omit<
  UseQueryOptions<MetalRow<T> | null, MetalError, TData, MetalQueryKey>,
  'queryKey' | 'queryFn'
>

/** What {@link useMetalDoc} returns: TanStack's result plus the document's pending state. */
export type UseMetalDocResult<TData> = UseQueryResult<TData, MetalError> & {
  /**
   * True while the document has a write of this client that the backend has not committed
   * (whatever `select` makes of the row); false once it is saved.
   */
  readonly hasPendingWrites: boolean
}

/**
 * One live document as a row (`{ id, ...data }`, with `hasPendingWrites`), or `null` when it
 * does not exist. Takes a typed reference, `useMetalDoc(db.collection<User>('users').doc(id))`,
 * or a collection path and an id. With no reference or id (null or undefined) the query waits,
 * disabled. A changed document keeps showing the previous one until it arrives.
 * `hasPendingWrites` says whether a write of this client to it is still unsaved.
 */
export function useMetalDoc<T = DocumentData, TData = MetalRow<T> | null>(
  ref: MetalDocSource<T> | null | undefined,
  options?: UseMetalDocOptions<T, TData>,
): UseMetalDocResult<TData>
export function useMetalDoc<T = DocumentData, TData = MetalRow<T> | null>(
  collection: string,
  id: string | null | undefined,
  options?: UseMetalDocOptions<T, TData>,
): UseMetalDocResult<TData>
export function useMetalDoc<T = DocumentData, TData = MetalRow<T> | null>(
  collection: string | MetalDocSource<T> | null | undefined,
  second?: string | null | UseMetalDocOptions<T, TData>,
  third?: UseMetalDocOptions<T, TData>,
): UseMetalDocResult<TData> {
  const metal = useMetalContext('useMetalDoc')
  const { id, options } = docArgs<string | null, UseMetalDocOptions<T, TData>>(
    collection,
    second,
    third,
  )
  const client = useQueryClient()
  const live = metalDocOptions<T>(client, metal, collection, id, 'useMetalDoc()')
  const result = useQuery({
    ...live,
    ...options,
    queryKey: live.queryKey,
    queryFn: live.queryFn,
    enabled: live.enabled && (options?.enabled ?? true),
  })
  const view = docPendingView(client, () => live.queryKey)
  const hasPendingWrites = useSyncExternalStore(
    // Any cache change may be this document's: the view reads the current key each time.
    useCallback((onChange: () => void) => client.getQueryCache().subscribe(onChange), [client]),
    () => view.hasPendingWrites,
    () => view.hasPendingWrites,
  )
  // Assigned, not spread: TanStack tracks which fields a component reads.
  return Object.assign(result, { hasPendingWrites })
}
