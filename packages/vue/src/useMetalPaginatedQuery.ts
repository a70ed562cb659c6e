import { computed, toValue, unref, type MaybeRef, type MaybeRefOrGetter, type Ref } from 'vue'
import { keepPreviousData, useInfiniteQuery, useQueryClient } from '@tanstack/vue-query'
import type {
  InfiniteData,
  UseInfiniteQueryOptions,
  UseInfiniteQueryReturnType,
} from '@tanstack/vue-query'
import type { DocumentData, MetalError } from '@metal/core'
import {
  metalPaginatedQueryOptions,
  type MetalCursor,
  type MetalQueryBuilder,
  type MetalQueryKey,
  type MetalRow,
} from '@metal/core/bindings'
import { serverSuspense, useMetalContext } from './metalPlugin.js'

type Pages<T> = InfiniteData<MetalRow<T>[], MetalCursor | null>
type InfiniteOptions<T> = UseInfiniteQueryOptions<
  MetalRow<T>[],
  MetalError,
  Pages<T>,
  MetalQueryKey,
  MetalCursor | null
>

/** Options of {@link useMetalPaginatedQuery}: the page size, plus TanStack infinite-query options. */
export type UseMetalPaginatedQueryOptions<T = DocumentData> = Omit<
  Exclude<InfiniteOptions<T>, Ref<unknown>>,
  'queryKey' | 'queryFn' | 'initialPageParam' | 'getNextPageParam' | 'getPreviousPageParam'
> & {
  /**
   * Rows per page.
   * @default 20
   */
  pageSize?: number
}

/**
 * A query read in pages: `data.pages[0]` is live; `fetchNextPage()` reads the next page once,
 * after the last row so far, while `hasNextPage` says whether a full page came back last time.
 */
export function useMetalPaginatedQuery<T = DocumentData>(
  collection: MaybeRefOrGetter<string>,
  buildQuery?: MaybeRef<MetalQueryBuilder<T> | undefined>,
  options?: MaybeRefOrGetter<UseMetalPaginatedQueryOptions<T>>,
): UseInfiniteQueryReturnType<Pages<T>, MetalError> {
  const { metal, ssr } = useMetalContext('useMetalPaginatedQuery')
  const client = useQueryClient()
  let live!: ReturnType<typeof metalPaginatedQueryOptions<T>>
  const result = useInfiniteQuery(
    computed(() => {
      const { pageSize = 20, ...own } = toValue(options) ?? {}
      live = metalPaginatedQueryOptions<T>(
        client,
        metal,
        toValue(collection),
        unref(buildQuery),
        pageSize,
        'useMetalPaginatedQuery()',
      )
      return {
        ...live,
        placeholderData: keepPreviousData,
        ...own,
        queryKey: live.queryKey,
        queryFn: live.queryFn,
        initialPageParam: live.initialPageParam,
        getNextPageParam: live.getNextPageParam,
        enabled: !ssr && (own.enabled ?? true),
      }
    }) as InfiniteOptions<T>,
  )
  if (ssr) serverSuspense(result, () => client.prefetchInfiniteQuery(live))
  return result
}
