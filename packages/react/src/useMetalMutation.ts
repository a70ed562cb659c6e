import { useMemo } from 'react'
import { useMutation } from '@tanstack/react-query'
import type { UseMutationOptions, UseMutationResult } from '@tanstack/react-query'
import { type DocumentData, type MetalError } from '@metal/core'
import {
  metalMutationOptions,
  metalWriters,
  type MetalWrite,
  type MetalWriters,
} from '@metal/core/bindings'
import { useMetalContext } from './MetalProvider.js'

export type { MetalWriters }

/** TanStack options of {@link useMetalMutation}; Metal supplies the mutation function. */
export type UseMetalMutationOptions<T = DocumentData> = Omit<
  UseMutationOptions<string | undefined, MetalError, MetalWrite<T>>,
  'mutationFn'
>

/** A TanStack mutation over Metal writes, plus the `MetalWriters` shorthands. */
export type UseMetalMutationResult<T = DocumentData> = UseMutationResult<
  string | undefined,
  MetalError,
  MetalWrite<T>
> &
  MetalWriters<T>

/**
 * Writes to a collection: `add`, `set`, `update`, `delete` and `batch`, or `mutate(write)`.
 * Writes are optimistic: live queries show them at once (rows have `hasPendingWrites` until the
 * backend commits), and a write the backend rejects is rolled back by the core store and
 * surfaces as the mutation's `error`.
 */
export function useMetalMutation<T = DocumentData>(
  collection: string,
  options?: UseMetalMutationOptions<T>,
): UseMetalMutationResult<T> {
  const metal = useMetalContext('useMetalMutation')
  const live = metalMutationOptions<T>(metal, collection, 'useMetalMutation()')
  const mutation = useMutation({ ...live, ...options, mutationFn: live.mutationFn })
  const { mutateAsync } = mutation
  const writers = useMemo(() => metalWriters<T>(mutateAsync), [mutateAsync])
  return { ...mutation, ...writers }
}
