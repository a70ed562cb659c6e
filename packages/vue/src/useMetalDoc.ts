import {
  computed,
  getCurrentScope,
  onScopeDispose,
  shallowRef,
  toValue,
  type MaybeRefOrGetter,
  type Ref,
} from 'vue'
import { useQuery, useQueryClient } from '@tanstack/vue-query'
import type { UseQueryOptions, UseQueryReturnType } from '@tanstack/vue-query'
import type { DocumentData, MetalError } from '@metal/core'
import {
  docArgs,
  type MetalDocSource,
  docPendingView,
  metalDocOptions,
  type MetalQueryKey,
  type MetalRow,
} from '@metal/core/bindings'
import { serverSuspense, useMetalContext } from './metalPlugin.js'

/** TanStack options of {@link useMetalDoc}. */
export type UseMetalDocOptions<T = DocumentData, TData = MetalRow<T> | null> = Omit<
  Exclude<
    UseQueryOptions<MetalRow<T> | null, MetalError, TData, MetalRow<T> | null, MetalQueryKey>,
    Ref<unknown>
  >,
  'queryKey' | 'queryFn'
>

type Options<T, TData> = MaybeRefOrGetter<UseMetalDocOptions<T, TData> | undefined>

/** What {@link useMetalDoc} returns: TanStack's result plus the document's pending state. */
export type UseMetalDocReturn<TData> = UseQueryReturnType<TData, MetalError> & {
  /**
   * True while the document has a write of this client that the backend has not committed
   * (whatever `select` makes of the row); false once it is saved.
   */
  readonly hasPendingWrites: Readonly<Ref<boolean>>
}

/**
 * One live document as a row (`{ id, ...data }`, with `hasPendingWrites`), or `null` when it
 * does not exist. Takes a typed reference (or a ref or getter of one),
 * `useMetalDoc(() => users.doc(props.id))`, or a collection path and an id. With no reference or
 * id (null or undefined) the query waits, disabled. A changed document keeps showing the
 * previous one until it arrives; a cleared one shows nothing. `hasPendingWrites` (a ref) says
 * whether a write of this client to it is still unsaved.
 */
export function useMetalDoc<T = DocumentData, TData = MetalRow<T> | null>(
  ref: MaybeRefOrGetter<MetalDocSource<T> | null | undefined>,
  options?: Options<T, TData>,
): UseMetalDocReturn<TData>
export function useMetalDoc<T = DocumentData, TData = MetalRow<T> | null>(
  collection: MaybeRefOrGetter<string>,
  id: MaybeRefOrGetter<string | null | undefined>,
  options?: Options<T, TData>,
): UseMetalDocReturn<TData>
export function useMetalDoc<T = DocumentData, TData = MetalRow<T> | null>(
  collection: MaybeRefOrGetter<string | MetalDocSource<T> | null | undefined>,
  second?: MaybeRefOrGetter<string | null | undefined> | Options<T, TData>,
  third?: Options<T, TData>,
): UseMetalDocReturn<TData> {
  const { metal, ssr } = useMetalContext('useMetalDoc')
  const client = useQueryClient()
  let live!: ReturnType<typeof metalDocOptions<T>>
  const result = useQuery(
    computed(() => {
      const source = toValue(collection)
      const { id, options } = docArgs<string | null, UseMetalDocOptions<T, TData>>(
        source,
        toValue(second) as string | null | UseMetalDocOptions<T, TData> | undefined,
        toValue(third),
      )
      live = metalDocOptions<T>(client, metal, source, id, 'useMetalDoc()')
      return {
        ...live,
        ...options,
        queryKey: live.queryKey,
        queryFn: live.queryFn,
        enabled: !ssr && live.enabled && (options?.enabled ?? true),
      }
    }) as UseQueryOptions<MetalRow<T> | null, MetalError, TData, MetalRow<T> | null, MetalQueryKey>,
  )
  if (ssr)
    serverSuspense(result, () => (live.enabled ? client.prefetchQuery(live) : Promise.resolve()))
  const view = docPendingView(client, () => live.queryKey)
  const hasPendingWrites = shallowRef(view.hasPendingWrites)
  // Server rendering keeps no subscription: the page is rendered once.
  if (!ssr) {
    const stop = view.subscribe(() => (hasPendingWrites.value = view.hasPendingWrites))
    if (getCurrentScope()) onScopeDispose(stop)
  }
  return Object.assign(result, { hasPendingWrites })
}
