import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query'
import type {
  InfiniteData,
  UseInfiniteQueryOptions,
  UseInfiniteQueryResult,
} from '@tanstack/react-query'
import { type DocumentData, type MetalError } from '@metal/core'
import {
  metalPaginatedQueryOptions,
  type MetalCursor,
  type MetalQueryBuilder,
  type MetalQueryKey,
  type MetalRow,
} from '@metal/core/bindings'
import { useMetalContext } from './MetalProvider.js'

/** Options of {@link useMetalPaginatedQuery}: the page size, plus TanStack infinite-query options. */
export type UseMetalPaginatedQueryOptions<T = DocumentData> = Omit<
  UseInfiniteQueryOptions<
    MetalRow<T>[],
    MetalError,
    InfiniteData<MetalRow<T>[], MetalCursor | null>,
    MetalQueryKey,
    MetalCursor | null
  >,
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
  collection: string,
  buildQuery?: MetalQueryBuilder<T>,
  { pageSize = 20, ...options }: UseMetalPaginatedQueryOptions<T> = {},
): UseInfiniteQueryResult<InfiniteData<MetalRow<T>[], MetalCursor | null>, MetalError> {
  const metal = useMetalContext('useMetalPaginatedQuery')
  const live = metalPaginatedQueryOptions(
    useQueryClient(),
    metal,
    collection,
    buildQuery,
    pageSize,
    'useMetalPaginatedQuery()',
  )
  return useInfiniteQuery({
    ...live,
    ...options,
    queryKey: live.queryKey,
    queryFn: live.queryFn,
    initialPageParam: live.initialPageParam,
    getNextPageParam: live.getNextPageParam,
  })
}
