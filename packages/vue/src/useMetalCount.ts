import type { MaybeRef, MaybeRefOrGetter, Ref } from 'vue'
import type { UseQueryOptions, UseQueryReturnType } from '@tanstack/vue-query'
import type { DocumentData, MetalError } from '@metal/core'
import {
  metalCountOptions,
  type MetalQueryBuilder,
  type MetalQueryKey,
  type MetalQuerySource,
} from '@metal/core/bindings'
import { useLiveQuery } from './useLiveQuery.js'

/** TanStack options of {@link useMetalCount}; Metal supplies the key and the query function. */
export type UseMetalCountOptions<TData = number> = Omit<
  Exclude<UseQueryOptions<number, MetalError, TData, number, MetalQueryKey>, Ref<unknown>>,
  'queryKey' | 'queryFn'
>

type Options<TData> = MaybeRefOrGetter<UseMetalCountOptions<TData> | undefined>

/**
 * A live count of a query's result (after offset/limit) in a ref, kept current by the backend
 * while the calling scope lives, without reading the rows. Takes a typed query or collection
 * reference (or a ref or getter of one), or a collection path and a builder whose reads of refs
 * are tracked; a change counts the new query and keeps the previous count until it arrives.
 */
export function useMetalCount<T = DocumentData, TData = number>(
  query: MaybeRefOrGetter<MetalQuerySource<T>>,
  options?: Options<TData>,
): UseQueryReturnType<TData, MetalError>
export function useMetalCount<T = DocumentData, TData = number>(
  collection: MaybeRefOrGetter<string>,
  buildQuery?: MaybeRef<MetalQueryBuilder<T> | undefined>,
  options?: Options<TData>,
): UseQueryReturnType<TData, MetalError>
export function useMetalCount<T = DocumentData, TData = number>(
  collection: MaybeRefOrGetter<string | MetalQuerySource<T>>,
  second?: MaybeRef<MetalQueryBuilder<T> | undefined> | Options<TData>,
  third?: Options<TData>,
): UseQueryReturnType<TData, MetalError> {
  return useLiveQuery<T, number, TData, UseMetalCountOptions<TData>>(
    'useMetalCount',
    metalCountOptions<T>,
    collection,
    second,
    third,
  )
}
