import { computed, toValue, unref, type MaybeRef, type MaybeRefOrGetter, type Ref } from 'vue'
import { useQuery, useQueryClient } from '@tanstack/vue-query'
import type { UseQueryOptions, UseQueryReturnType } from '@tanstack/vue-query'
import type { DocumentData, MetalError } from '@metal/core'
import {
  metalQueryOptions,
  queryArgs,
  type MetalQueryBuilder,
  type MetalQueryKey,
  type MetalQuerySource,
  type MetalRow,
} from '@metal/core/bindings'
import { serverSuspense, useMetalContext } from './metalPlugin.js'

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
  const { metal, ssr } = useMetalContext('useMetalQuery')
  const client = useQueryClient()
  let live!: ReturnType<typeof metalQueryOptions<T>>
  const result = useQuery(
    computed(() => {
      const source = toValue(collection)
      // After a path the second argument is a builder (a function, not a getter to call).
      const { build, options } = queryArgs<MetalQueryBuilder<T>, UseMetalQueryOptions<T, TData>>(
        source,
        typeof source === 'string'
          ? (unref(second) as MetalQueryBuilder<T> | undefined)
          : toValue(second as Options<T, TData>),
        toValue(third),
      )
      live = metalQueryOptions<T>(client, metal, source, build, 'useMetalQuery()')
      return {
        ...live,
        ...options,
        queryKey: live.queryKey,
        queryFn: live.queryFn,
        enabled: !ssr && (options?.enabled ?? true),
      }
    }) as UseQueryOptions<MetalRow<T>[], MetalError, TData, MetalRow<T>[], MetalQueryKey>,
  )
  if (ssr) serverSuspense(result, () => client.prefetchQuery(live))
  return result
}
