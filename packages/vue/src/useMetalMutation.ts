import { toValue, type MaybeRefOrGetter } from 'vue'
import { useMutation } from '@tanstack/vue-query'
import type { MutationObserverOptions, UseMutationReturnType } from '@tanstack/vue-query'
import type { DocumentData, MetalError } from '@metal/core'
import {
  metalMutationOptions,
  metalWriters,
  type MetalWrite,
  type MetalWriters,
} from '@metal/core/bindings'
import { useMetalContext } from './metalPlugin.js'

export type { MetalWriters }

/** TanStack options of {@link useMetalMutation}; Metal supplies the mutation function. */
export type UseMetalMutationOptions<T = DocumentData> = Omit<
  MutationObserverOptions<string | undefined, MetalError, MetalWrite<T>>,
  'mutationFn'
>

/** A TanStack mutation over Metal writes (state as refs), plus the `MetalWriters` shorthands. */
export type UseMetalMutationResult<T = DocumentData> = UseMutationReturnType<
  string | undefined,
  MetalError,
  MetalWrite<T>,
  unknown
> &
  MetalWriters<T>

/**
 * Writes to a collection: `add`, `set`, `update`, `delete` and `batch`, or `mutate(write)`.
 * Writes are optimistic: live queries show them at once (rows have `hasPendingWrites` until the
 * backend commits), and a write the backend rejects is rolled back by the core store and
 * surfaces as the mutation's `error`. `collection` may be a ref or getter, read at each write.
 */
export function useMetalMutation<T = DocumentData>(
  collection: MaybeRefOrGetter<string>,
  options?: MaybeRefOrGetter<UseMetalMutationOptions<T>>,
): UseMetalMutationResult<T> {
  const { metal } = useMetalContext('useMetalMutation')
  const live = metalMutationOptions<T>(metal, () => toValue(collection), 'useMetalMutation()')
  const mutation = useMutation(() => ({
    ...live,
    ...toValue(options),
    mutationFn: live.mutationFn,
  }))
  return { ...mutation, ...metalWriters<T>(mutation.mutateAsync) }
}
