import type { MaybeRef, MaybeRefOrGetter, Ref } from 'vue'
import type { UseQueryOptions, UseQueryReturnType } from '@tanstack/vue-query'
import type { DocumentData, MetalError } from '@metal/core'
import {
  metalQueryOptions,
  type MetalQueryBuilder,
  type MetalQueryKey,
  type MetalQuerySource,
  type MetalRow,
} from '@metal/core/bindings'
import { useLiveQuery } from './useLiveQuery.js'

/** TanStack options of {@link useMetalQuery}; Metal supplies the key and the query function. */
export type UseMetalQueryOptions<T = DocumentData, TData = MetalRow<T>[]> = Omit<
  Exclude<
    UseQueryOptions<MetalRow<T>[], MetalError, TData, MetalRow<T>[], MetalQueryKey>,
    Ref<unknown>
  >,
  'queryKey' | 'queryFn'
>

type Options<T, TData> = MaybeRefOrGetter<UseMetalQueryOptions<T, TData> | undefined>

/**
 * A live query's rows (`{ id, ...data }`, with `hasPendingWrites`), kept current by a Metal
 * subscription while the calling scope lives. Takes a typed query or collection reference (or a
 * ref or getter of one), `useMetalQuery(() => users.where('age', '>', minAge.value))`, or a
 * collection path and a builder, whose reads of refs are tracked. A change subscribes to the new
 * query, keeps the previous rows until its first result arrives (`isPlaceholderData`), and
 * closes the old subscription. A failure no retry can fix (`permission-denied`,
 * `invalid-argument`, …) is final until the query or the session changes, or `refetch()`.
 */
export function useMetalQuery<T = DocumentData, TData = MetalRow<T>[]>(
  query: MaybeRefOrGetter<MetalQuerySource<T>>,
  options?: Options<T, TData>,
): UseQueryReturnType<TData, MetalError>
export function useMetalQuery<T = DocumentData, TData = MetalRow<T>[]>(
  collection: MaybeRefOrGetter<string>,
  buildQuery?: MaybeRef<MetalQueryBuilder<T> | undefined>,
  options?: Options<T, TData>,
): UseQueryReturnType<TData, MetalError>
export function useMetalQuery<T = DocumentData, TData = MetalRow<T>[]>(
  collection: MaybeRefOrGetter<string | MetalQuerySource<T>>,
  second?: MaybeRef<MetalQueryBuilder<T> | undefined> | Options<T, TData>,
  third?: Options<T, TData>,
): UseQueryReturnType<TData, MetalError> {
  return useLiveQuery<T, MetalRow<T>[], TData, UseMetalQueryOptions<T, TData>>(
    'useMetalQuery',
    metalQueryOptions<T>,
    collection,
    second,
    third,
  )
}
