import { computed, toValue, unref, type MaybeRef, type MaybeRefOrGetter, type Ref } from 'vue'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/vue-query'
import type { UseQueryOptions, UseQueryReturnType } from '@tanstack/vue-query'
import type { DocumentData, MetalError } from '@metal/core'
import { metalCountOptions, type MetalQueryBuilder, type MetalQueryKey } from '@metal/core/bindings'
import { serverSuspense, useMetalContext } from './metalPlugin.js'

/** TanStack options of {@link useMetalCount}; Metal supplies the key and the query function. */
export type UseMetalCountOptions<TData = number> = Omit<
  Exclude<UseQueryOptions<number, MetalError, TData, number, MetalQueryKey>, Ref<unknown>>,
  'queryKey' | 'queryFn'
>

/**
 * A live count of a query's result (after offset/limit) in a ref, kept current by the backend
 * while the calling scope lives, without reading the rows. `collection` and `options` may be
 * refs or getters, and refs read inside `buildQuery` are tracked: a change counts the new query
 * and keeps the previous count until the new one arrives.
 */
export function useMetalCount<T = DocumentData, TData = number>(
  collection: MaybeRefOrGetter<string>,
  buildQuery?: MaybeRef<MetalQueryBuilder<T> | undefined>,
  options?: MaybeRefOrGetter<UseMetalCountOptions<TData>>,
): UseQueryReturnType<TData, MetalError> {
  const { metal, ssr } = useMetalContext('useMetalCount')
  const client = useQueryClient()
  let live!: ReturnType<typeof metalCountOptions<T>>
  const result = useQuery(
    computed(() => {
      live = metalCountOptions<T>(
        client,
        metal,
        toValue(collection),
        unref(buildQuery),
        'useMetalCount()',
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
    }) as UseQueryOptions<number, MetalError, TData, number, MetalQueryKey>,
  )
  if (ssr) serverSuspense(result, () => client.prefetchQuery(live))
  return result
}
