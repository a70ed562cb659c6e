import { computed, toValue, type MaybeRefOrGetter, type Ref } from 'vue'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/vue-query'
import type { UseQueryOptions, UseQueryReturnType } from '@tanstack/vue-query'
import type { DocumentData, MetalError } from '@metal/core'
import { metalDocOptions, type MetalQueryKey, type MetalRow } from '@metal/core/bindings'
import { serverSuspense, useMetalContext } from './metalPlugin.js'

/** TanStack options of {@link useMetalDoc}. */
export type UseMetalDocOptions<T = DocumentData, TData = MetalRow<T> | null> = Omit<
  Exclude<
    UseQueryOptions<MetalRow<T> | null, MetalError, TData, MetalRow<T> | null, MetalQueryKey>,
    Ref<unknown>
  >,
  'queryKey' | 'queryFn'
>

/**
 * One live document as a row (`{ id, ...data }`), or `null` when it does not exist. With no `id`
 * (null or undefined) the query waits, disabled. A changed `id` keeps showing the previous
 * document until the new one arrives.
 */
export function useMetalDoc<T = DocumentData, TData = MetalRow<T> | null>(
  collection: MaybeRefOrGetter<string>,
  id: MaybeRefOrGetter<string | null | undefined>,
  options?: MaybeRefOrGetter<UseMetalDocOptions<T, TData>>,
): UseQueryReturnType<TData, MetalError> {
  const { metal, ssr } = useMetalContext('useMetalDoc')
  const client = useQueryClient()
  let live!: ReturnType<typeof metalDocOptions<T>>
  const result = useQuery(
    computed(() => {
      live = metalDocOptions<T>(client, metal, toValue(collection), toValue(id), 'useMetalDoc()')
      const own = toValue(options)
      return {
        ...live,
        // Clearing the id shows nothing rather than the last document.
        placeholderData: live.enabled ? keepPreviousData : undefined,
        ...own,
        queryKey: live.queryKey,
        queryFn: live.queryFn,
        enabled: !ssr && live.enabled && (own?.enabled ?? true),
      }
    }) as UseQueryOptions<MetalRow<T> | null, MetalError, TData, MetalRow<T> | null, MetalQueryKey>,
  )
  if (ssr)
    serverSuspense(result, () => (live.enabled ? client.prefetchQuery(live) : Promise.resolve()))
  return result
}
