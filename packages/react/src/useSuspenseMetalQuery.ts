import { useQueryClient, useSuspenseQuery } from '@tanstack/react-query'
import type { UseSuspenseQueryOptions, UseSuspenseQueryResult } from '@tanstack/react-query'
import { type DocumentData, type MetalError } from '@metal/core'
import {
  metalQueryOptions,
  queryArgs,
  type MetalQueryBuilder,
  type MetalQueryKey,
  type MetalQuerySource,
  type MetalRow,
} from '@metal/core/bindings'
import { useMetalContext } from './MetalProvider.js'

/** TanStack options of {@link useSuspenseMetalQuery}. */
export type UseSuspenseMetalQueryOptions<T = DocumentData, TData = MetalRow<T>[]> = Omit<
  UseSuspenseQueryOptions<MetalRow<T>[], MetalError, TData, MetalQueryKey>,
  'queryKey' | 'queryFn'
>

/**
 * {@link useMetalQuery} for `<Suspense>`: suspends until the first result, then stays live; `data`
 * is always defined. Wrap a query change in `startTransition` to keep showing the old rows.
 */
export function useSuspenseMetalQuery<T = DocumentData, TData = MetalRow<T>[]>(
  query: MetalQuerySource<T>,
  options?: UseSuspenseMetalQueryOptions<T, TData>,
): UseSuspenseQueryResult<TData, MetalError>
export function useSuspenseMetalQuery<T = DocumentData, TData = MetalRow<T>[]>(
  collection: string,
  buildQuery?: MetalQueryBuilder<T>,
  options?: UseSuspenseMetalQueryOptions<T, TData>,
): UseSuspenseQueryResult<TData, MetalError>
export function useSuspenseMetalQuery<T = DocumentData, TData = MetalRow<T>[]>(
  collection: string | MetalQuerySource<T>,
  second?: MetalQueryBuilder<T> | UseSuspenseMetalQueryOptions<T, TData>,
  third?: UseSuspenseMetalQueryOptions<T, TData>,
): UseSuspenseQueryResult<TData, MetalError> {
  const metal = useMetalContext('useSuspenseMetalQuery')
  const { build, options } = queryArgs<
    MetalQueryBuilder<T>,
    UseSuspenseMetalQueryOptions<T, TData>
  >(collection, second, third)
  const { placeholderData: _, ...live } = metalQueryOptions(
    useQueryClient(),
    metal,
    collection,
    build,
    'useSuspenseMetalQuery()',
  )
  return useSuspenseQuery({ ...live, ...options, queryKey: live.queryKey, queryFn: live.queryFn })
}
