import { computed, toValue, unref, type MaybeRef, type MaybeRefOrGetter } from 'vue'
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/vue-query'
import type { UseQueryOptions, UseQueryReturnType } from '@tanstack/vue-query'
import type { Metal, MetalError } from '@metal/core'
import {
  queryArgs,
  type MetalQueryBuilder,
  type MetalQueryKey,
  type MetalQuerySource,
} from '@metal/core/bindings'
import { serverSuspense, useMetalContext } from './metalPlugin.js'

/** Builds Metal's TanStack options for a source (a path with a builder, or a typed query). */
type MakeOptions<T> = (
  client: QueryClient,
  metal: Metal,
  source: string | MetalQuerySource<T>,
  build: MetalQueryBuilder<T> | undefined,
  call: string,
) => { queryKey: MetalQueryKey; queryFn: (...args: never[]) => unknown }

/**
 * @internal What every query-shaped composable does: reads its source and options reactively
 * (after a path the second argument is a builder, else the options), builds Metal's options with
 * `make`, lets the caller's TanStack options through, and prefetches during server rendering
 * instead of subscribing.
 */
export function useLiveQuery<T, V, TData, O extends { enabled?: unknown }>(
  name: string,
  make: MakeOptions<T>,
  collection: MaybeRefOrGetter<string | MetalQuerySource<T>>,
  second: MaybeRef<MetalQueryBuilder<T> | undefined> | MaybeRefOrGetter<O | undefined>,
  third: MaybeRefOrGetter<O | undefined>,
): UseQueryReturnType<TData, MetalError> {
  const { metal, ssr } = useMetalContext(name)
  const client = useQueryClient()
  let live!: ReturnType<MakeOptions<T>>
  const result = useQuery(
    computed(() => {
      const source = toValue(collection)
      const { build, options } = queryArgs<MetalQueryBuilder<T>, O>(
        source,
        typeof source === 'string'
          ? (unref(second) as MetalQueryBuilder<T> | undefined)
          : toValue(second as MaybeRefOrGetter<O | undefined>),
        toValue(third),
      )
      live = make(client, metal, source, build, `${name}()`)
      return {
        ...live,
        ...options,
        queryKey: live.queryKey,
        queryFn: live.queryFn,
        enabled: !ssr && (options?.enabled ?? true),
      }
    }) as unknown as UseQueryOptions<V, MetalError, TData, V, MetalQueryKey>,
  )
  if (ssr) serverSuspense(result, () => client.prefetchQuery(live as never))
  return result
}
