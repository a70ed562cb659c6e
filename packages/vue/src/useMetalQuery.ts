import { computed, toValue, unref, type MaybeRef, type MaybeRefOrGetter, type Ref } from 'vue'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/vue-query'
import type { UseQueryOptions, UseQueryReturnType } from '@tanstack/vue-query'
import type { DocumentData, MetalError } from '@metal/core'
import {
  metalQueryOptions,
  type MetalQueryBuilder,
  type MetalQueryKey,
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

/**
 * A live query's rows (`{ id, ...data }`), kept current by a Metal subscription while the calling
 * scope lives. `collection` and `options` may be refs or getters, and refs read inside
 * `buildQuery` are tracked: a change subscribes to the new query, keeps the previous rows until
 * its first result arrives (`isPlaceholderData`), and closes the old subscription.
 */
export function useMetalQuery<T = DocumentData, TData = MetalRow<T>[]>(
  collection: MaybeRefOrGetter<string>,
  buildQuery?: MaybeRef<MetalQueryBuilder<T> | undefined>,
  options?: MaybeRefOrGetter<UseMetalQueryOptions<T, TData>>,
): UseQueryReturnType<TData, MetalError> {
  const { metal, ssr } = useMetalContext('useMetalQuery')
  const client = useQueryClient()
  let live!: ReturnType<typeof metalQueryOptions<T>>
  const result = useQuery(
    computed(() => {
      live = metalQueryOptions<T>(
        client,
        metal,
        toValue(collection),
        unref(buildQuery),
        'useMetalQuery()',
      )
      const own = toValue(options)
      return {
        ...live,
        placeholderData: keepPreviousData,
        ...own,
        queryKey: live.queryKey,
        queryFn: live.queryFn,
        enabled: !ssr && (own?.enabled ?? true),
      }
    }) as UseQueryOptions<MetalRow<T>[], MetalError, TData, MetalRow<T>[], MetalQueryKey>,
  )
  if (ssr) serverSuspense(result, () => client.prefetchQuery(live))
  return result
}
