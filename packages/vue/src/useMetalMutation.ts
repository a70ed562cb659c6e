import { toValue, type MaybeRefOrGetter } from 'vue'
import { useMutation } from '@tanstack/vue-query'
import type { MutationObserverOptions, UseMutationReturnType } from '@tanstack/vue-query'
import type {
  CollectionReference,
  DocumentData,
  MetalError,
  PartialWithFieldValue,
  SetOptions,
  UpdateData,
  WithFieldValue,
  WriteBatch,
  WriteOptions,
} from '@metal/core'
import { runMetalWrite, type MetalWrite } from '@metal/core/bindings'
import { useMetalContext } from './metalPlugin.js'

/** TanStack options of {@link useMetalMutation}; Metal supplies the mutation function. */
export type UseMetalMutationOptions<T = DocumentData> = Omit<
  MutationObserverOptions<string | undefined, MetalError, MetalWrite<T>>,
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

/** A TanStack mutation over Metal writes (state as refs), plus the {@link MetalWriters} shorthands. */
export type UseMetalMutationResult<T = DocumentData> = UseMutationReturnType<
  string | undefined,
  MetalError,
  MetalWrite<T>,
  unknown
> &
  MetalWriters<T>

const ignore = () => {}

/**
 * Writes to a collection: `add`, `set`, `update`, `delete` and `batch`, or `mutate(write)`.
 * Writes are optimistic: live queries show them at once, and a write the backend rejects is
 * rolled back by the core store and surfaces as the mutation's `error`.
 */
export function useMetalMutation<T = DocumentData>(
  collection: MaybeRefOrGetter<string>,
  options?: MaybeRefOrGetter<UseMetalMutationOptions<T>>,
): UseMetalMutationResult<T> {
  const { metal } = useMetalContext('useMetalMutation')
  const mutation = useMutation(() => ({
    networkMode: 'always' as const,
    ...toValue(options),
    mutationFn: (write: MetalWrite<T>) => runMetalWrite(metal, toValue(collection), write),
  }))
  // Awaiting callers get the rejection; fire-and-forget callers read `error` instead.
  const run = (write: MetalWrite<T>) => {
    const done = mutation.mutateAsync(write)
    done.catch(ignore)
    return done as Promise<never>
  }
  return {
    ...mutation,
    add: (data, options) => run({ type: 'add', data, options }),
    set: (id, data, options) => run({ type: 'set', id, data, options }),
    update: (id, data, options) => run({ type: 'update', id, data, options }),
    delete: (id, options) => run({ type: 'delete', id, options }),
    batch: (build, options) => run({ type: 'batch', run: build, options }),
  }
}
