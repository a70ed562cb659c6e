import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query'
import type {
  InfiniteData,
  UseInfiniteQueryOptions,
  UseInfiniteQueryResult,
} from '@tanstack/react-query'
import { type DocumentData, type MetalError } from '@metal/core'
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
import { useMetalContext } from './MetalProvider.js'

/** The data of {@link useMetalPaginatedQuery}: pages of rows, and which page each one is. */
export type MetalPagesData<T = DocumentData> = InfiniteData<MetalRow<T>[], MetalPageParam>

/**
 * Options of {@link useMetalPaginatedQuery}: `pageSize`, `mode` and `page`, plus TanStack
 * infinite-query options (`maxPages: 1` shows one page at a time).
 */
export type UseMetalPaginatedQueryOptions<T = DocumentData> = Omit<
  UseInfiniteQueryOptions<
    MetalRow<T>[],
    MetalError,
    MetalPagesData<T>,
    MetalQueryKey,
    MetalPageParam
  >,
  'queryKey' | 'queryFn' | 'initialPageParam' | 'getNextPageParam' | 'getPreviousPageParam'
> &
  MetalPaginationOptions

/**
 * A query read in pages, both ways. The page it starts at is live (the first, or `page` in
 * offset mode); `fetchNextPage()` and `fetchPreviousPage()` read the pages after and before it
 * once, while `hasNextPage` (the last page came back full) and `hasPreviousPage` say whether
 * there is one. With `mode: 'offset'`, `page` jumps to any page; a change starts over there,
 * showing the old pages until it arrives.
 */
export function useMetalPaginatedQuery<T = DocumentData>(
  query: MetalQuerySource<T>,
  options?: UseMetalPaginatedQueryOptions<T>,
): UseInfiniteQueryResult<MetalPagesData<T>, MetalError>
export function useMetalPaginatedQuery<T = DocumentData>(
  collection: string,
  buildQuery?: MetalQueryBuilder<T>,
  options?: UseMetalPaginatedQueryOptions<T>,
): UseInfiniteQueryResult<MetalPagesData<T>, MetalError>
export function useMetalPaginatedQuery<T = DocumentData>(
  collection: string | MetalQuerySource<T>,
  second?: MetalQueryBuilder<T> | UseMetalPaginatedQueryOptions<T>,
  third?: UseMetalPaginatedQueryOptions<T>,
): UseInfiniteQueryResult<MetalPagesData<T>, MetalError> {
  const metal = useMetalContext('useMetalPaginatedQuery')
  const { build, options = {} } = queryArgs<MetalQueryBuilder<T>, UseMetalPaginatedQueryOptions<T>>(
    collection,
    second,
    third,
  )
  const { pageSize, mode, page, ...own } = options
  const live = metalPaginatedQueryOptions<T>(
    useQueryClient(),
    metal,
    collection,
    build,
    { pageSize, mode, page },
    'useMetalPaginatedQuery()',
  )
  return useInfiniteQuery({
    ...live,
    ...own,
    queryKey: live.queryKey,
    queryFn: live.queryFn,
    initialPageParam: live.initialPageParam,
    getNextPageParam: live.getNextPageParam,
    getPreviousPageParam: live.getPreviousPageParam,
  })
}
