import { useMemo } from 'react'
import { useMutation } from '@tanstack/react-query'
import type { UseMutationOptions, UseMutationResult } from '@tanstack/react-query'
import {
  type CollectionReference,
  type DocumentData,
  type MetalError,
  type PartialWithFieldValue,
  type SetOptions,
  type UpdateData,
  type WithFieldValue,
  type WriteBatch,
  type WriteOptions,
} from '@metal/core'
import { runMetalWrite, type MetalWrite } from '@metal/core/bindings'
import { useMetalContext } from './MetalProvider.js'

/** TanStack options of {@link useMetalMutation}; Metal supplies the mutation function. */
export type UseMetalMutationOptions<T = DocumentData> = Omit<
  UseMutationOptions<string | undefined, MetalError, MetalWrite<T>>,
  'mutationFn'
>

/** Shorthands of a {@link useMetalMutation} result; each resolves on commit and rejects if it fails. */
export interface MetalWriters<T = DocumentData> {
  /** Creates a document with a random id; resolves with the id. */
  add(data: WithFieldValue<T>, options?: WriteOptions): Promise<string>
  /** Replaces a document, or merges into it with `{ merge: true }`. */
  set(
    id: string,
    data: WithFieldValue<T> | PartialWithFieldValue<T>,
    options?: SetOptions & WriteOptions,
  ): Promise<string>
  /** Changes fields of an existing document (dotted paths allowed). */
  update(id: string, data: UpdateData<T>, options?: WriteOptions): Promise<string>
  /** Deletes a document. */
  delete(id: string, options?: WriteOptions): Promise<string>
  /** Commits the operations `run` adds to a batch, atomically. */
  batch(
    run: (batch: WriteBatch, collection: CollectionReference<T>) => void,
    options?: WriteOptions,
  ): Promise<undefined>
}

/** A TanStack mutation over Metal writes, plus the {@link MetalWriters} shorthands. */
export type UseMetalMutationResult<T = DocumentData> = UseMutationResult<
  string | undefined,
  MetalError,
  MetalWrite<T>
> &
  MetalWriters<T>

const ignore = () => {}

/**
 * Writes to a collection: `add`, `set`, `update`, `delete` and `batch`, or `mutate(write)`.
 * Writes are optimistic: live queries show them at once, and a write the backend rejects is
 * rolled back by the core store and surfaces as the mutation's `error`.
 */
export function useMetalMutation<T = DocumentData>(
  collection: string,
  options?: UseMetalMutationOptions<T>,
): UseMetalMutationResult<T> {
  const metal = useMetalContext('useMetalMutation')
  const mutation = useMutation({
    networkMode: 'always',
    ...options,
    mutationFn: (write: MetalWrite<T>) => runMetalWrite(metal, collection, write),
  })
  const { mutateAsync } = mutation
  const writers = useMemo((): MetalWriters<T> => {
    // Awaiting callers get the rejection; fire-and-forget callers read `error` instead.
    const run = (write: MetalWrite<T>) => {
      const done = mutateAsync(write)
      done.catch(ignore)
      return done as Promise<never>
    }
    return {
      add: (data, options) => run({ type: 'add', data, options }),
      set: (id, data, options) => run({ type: 'set', id, data, options }),
      update: (id, data, options) => run({ type: 'update', id, data, options }),
      delete: (id, options) => run({ type: 'delete', id, options }),
      batch: (run_, options) => run({ type: 'batch', run: run_, options }),
    }
  }, [mutateAsync])
  return { ...mutation, ...writers }
}
