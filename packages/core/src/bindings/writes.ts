import { describe, invalidArgument } from '../errors.js'
import type { WriteBatch } from '../batch.js'
import type { Metal } from '../metal.js'
import type { CollectionReference } from '../reference.js'
import type {
  DocumentData,
  PartialWithFieldValue,
  SetOptions,
  UpdateData,
  WithFieldValue,
  WriteOptions,
} from '../types.js'

/**
 * One write to a collection, as the variables of a binding's mutation. Writes are optimistic:
 * live queries show them at once, and the store rolls them back if the backend rejects them.
 */
export type MetalWrite<T = DocumentData> =
  | { type: 'add'; data: WithFieldValue<T>; options?: WriteOptions }
  | {
      type: 'set'
      id: string
      data: WithFieldValue<T> | PartialWithFieldValue<T>
      options?: SetOptions & WriteOptions
    }
  | { type: 'update'; id: string; data: UpdateData<T>; options?: WriteOptions }
  | { type: 'delete'; id: string; options?: WriteOptions }
  | {
      type: 'batch'
      /** Adds operations to the batch; it is committed atomically afterwards. */
      run: (batch: WriteBatch, collection: CollectionReference<T>) => void
      options?: WriteOptions
    }

/**
 * Applies a write to `collection` and resolves once it commits, with the written document's id
 * (the new id for `add`; `undefined` for a batch). Rejects with the backend's `MetalError`.
 */
export async function runMetalWrite<T = DocumentData>(
  metal: Metal,
  collection: string,
  write: MetalWrite<T>,
): Promise<string | undefined> {
  const coll = metal.db().collection<T>(collection)
  switch (write?.type) {
    case 'add':
      return (await coll.add(write.data, write.options)).id
    case 'set':
      await coll.doc(write.id).set(write.data as WithFieldValue<T>, write.options)
      return write.id
    case 'update':
      await coll.doc(write.id).update(write.data, write.options)
      return write.id
    case 'delete':
      await coll.doc(write.id).delete(write.options)
      return write.id
    case 'batch': {
      const batch = metal.db().batch()
      write.run(batch, coll)
      await batch.commit(write.options)
      return undefined
    }
    default:
      throw invalidArgument(
        'runMetalWrite()',
        `write type must be 'add', 'set', 'update', 'delete' or 'batch', got ${describe(
          (write as { type?: unknown } | undefined)?.type,
        )}`,
      )
  }
}

/** Write shorthands of a mutation binding; each resolves on commit and rejects if it fails. */
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

const ignore = (): void => {}

/**
 * The {@link MetalWriters} shorthands over a binding's `mutateAsync`: awaiting callers get the
 * rejection, fire-and-forget callers read the mutation's `error` instead.
 */
export function metalWriters<T>(
  mutateAsync: (write: MetalWrite<T>) => Promise<unknown>,
): MetalWriters<T> {
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
    batch: (build, options) => run({ type: 'batch', run: build, options }),
  }
}
