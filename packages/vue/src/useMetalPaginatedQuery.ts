import { computed, toValue, unref, type MaybeRef, type MaybeRefOrGetter, type Ref } from 'vue'
import { useInfiniteQuery, useQueryClient } from '@tanstack/vue-query'
import type {
  InfiniteData,
  UseInfiniteQueryOptions,
  UseInfiniteQueryReturnType,
} from '@tanstack/vue-query'
import type { DocumentData, MetalError } from '@metal/core'
import {
  metalPaginatedQueryOptions,
  queryArgs,
  type MetalPageParam,
  type MetalPaginationOptions,
  type MetalQueryBuilder,
  type MetalQueryKey,
  type MetalQuerySource,
  type MetalRow,
} from '@metal/core/bindings'
import { serverSuspense, useMetalContext } from './metalPlugin.js'

/** The data of {@link useMetalPaginatedQuery}: pages of rows, and which page each one is. */
export type MetalPagesData<T = DocumentData> = InfiniteData<MetalRow<T>[], MetalPageParam>

type InfiniteOptions<T> = UseInfiniteQueryOptions<
  MetalRow<T>[],
  MetalError,
  MetalPagesData<T>,
  MetalQueryKey,
  MetalPageParam
>

/**
 * Options of {@link useMetalPaginatedQuery}: `pageSize`, `mode` and `page`, plus TanStack
 * infinite-query options (`maxPages: 1` shows one page at a time).
 */
export type UseMetalPaginatedQueryOptions<T = DocumentData> = Omit<
  Exclude<InfiniteOptions<T>, Ref<unknown>>,
  'queryKey' | 'queryFn' | 'initialPageParam' | 'getNextPageParam' | 'getPreviousPageParam'
> &
  MetalPaginationOptions

type Options<T> = MaybeRefOrGetter<UseMetalPaginatedQueryOptions<T> | undefined>

/**
 * A query read in pages, both ways. The page it starts at is live (the first, or `page` in
 * offset mode); `fetchNextPage()` and `fetchPreviousPage()` read the pages after and before it
 * once, while `hasNextPage` (the last page came back full) and `hasPreviousPage` say whether
 * there is one. With `mode: 'offset'`, `page` (a ref or getter) jumps to any page; a change
 * starts over there, showing the old pages until it arrives.
 */
export function useMetalPaginatedQuery<T = DocumentData>(
  query: MaybeRefOrGetter<MetalQuerySource<T>>,
  options?: Options<T>,
): UseInfiniteQueryReturnType<MetalPagesData<T>, MetalError>
export function useMetalPaginatedQuery<T = DocumentData>(
  collection: MaybeRefOrGetter<string>,
  buildQuery?: MaybeRef<MetalQueryBuilder<T> | undefined>,
  options?: Options<T>,
): UseInfiniteQueryReturnType<MetalPagesData<T>, MetalError>
export function useMetalPaginatedQuery<T = DocumentData>(
  collection: MaybeRefOrGetter<string | MetalQuerySource<T>>,
  second?: MaybeRef<MetalQueryBuilder<T> | undefined> | Options<T>,
  third?: Options<T>,
): UseInfiniteQueryReturnType<MetalPagesData<T>, MetalError> {
  const { metal, ssr } = useMetalContext('useMetalPaginatedQuery')
  const client = useQueryClient()
  let live!: ReturnType<typeof metalPaginatedQueryOptions<T>>
  const result = useInfiniteQuery(
    computed(() => {
      const source = toValue(collection)
      const { build, options } = queryArgs<MetalQueryBuilder<T>, UseMetalPaginatedQueryOptions<T>>(
        source,
        typeof source === 'string'
          ? (unref(second) as MetalQueryBuilder<T> | undefined)
          : toValue(second as Options<T>),
        toValue(third),
      )
      const { pageSize, mode, page, ...own } = options ?? {}
      live = metalPaginatedQueryOptions<T>(
        client,
        metal,
        source,
        build,
        { pageSize, mode, page },
        'useMetalPaginatedQuery()',
      )
      return {
        ...live,
        ...own,
        queryKey: live.queryKey,
        queryFn: live.queryFn,
        initialPageParam: live.initialPageParam,
        getNextPageParam: live.getNextPageParam,
        getPreviousPageParam: live.getPreviousPageParam,
        enabled: !ssr && (own.enabled ?? true),
      }
    }) as InfiniteOptions<T>,
  )
  if (ssr) serverSuspense(result, () => client.prefetchInfiniteQuery(live))
  return result
}
