import { describe, invalidArgument, MetalError } from './errors.js'
import { DocumentReference } from './reference.js'
import { checkWriteOptions, toDeleteWrite, toSetWrite, toUpdateWrite } from './engine/writeInput.js'
import type { Store } from './client/store.js'
import { toStored } from './converter.js'
import type { PartialWithFieldValue, SetOptions, WithFieldValue, WriteOptions } from './types.js'
import type { FieldPath } from './engine/fieldPathInput.js'
import type { Write } from './engine/write.js'

/** Checks that `ref` is a document reference of this client. */
export function checkRef(
  call: string,
  ref: unknown,
  store: Store,
): DocumentReference<unknown, unknown> {
  if (!(ref instanceof DocumentReference)) {
    throw invalidArgument(call, `expected a DocumentReference, got ${describe(ref)}`)
  }
  if ((ref as DocumentReference<unknown>).parent.internalStore !== store) {
    throw invalidArgument(
      call,
      `reference '${(ref as DocumentReference<unknown>).path}' belongs to another Metal client`,
    )
  }
  return ref as DocumentReference<unknown>
}

/**
 * Writes committed together: all of them or none. An operation that fails its checks throws and
 * spoils the batch, so `commit()` then rejects instead of writing the rest.
 */
export class WriteBatch {
  private readonly writes: Write[] = []
  private failure: MetalError | undefined
  private committed = false

  /** @internal */
  constructor(private readonly store: Store) {}

  private add(call: string, build: () => Write): this {
    if (this.committed)
      throw new MetalError('failed-precondition', `batch.${call}: the batch was already committed`)
    try {
      this.writes.push(build())
    } catch (error) {
      this.failure ??= error as MetalError
      throw error
    }
    return this
  }

  /** Replaces (or merges into) a document; a reference with a converter stores `toFirestore(data)`. */
  set<T, DbT>(ref: DocumentReference<T, DbT>, data: WithFieldValue<T>, options?: SetOptions): this
  set<T, DbT>(
    ref: DocumentReference<T, DbT>,
    data: PartialWithFieldValue<T>,
    options: SetOptions & { merge: true | SetOptions['merge'] },
  ): this
  set<T, DbT>(ref: DocumentReference<T, DbT>, data: unknown, options?: SetOptions): this {
    return this.add('set()', () => {
      const r = checkRef('batch.set()', ref, this.store)
      const stored = toStored(r.parent.converter, data, options)
      return toSetWrite('batch.set()', r.parent.path, r.id, stored, options, this.store.writeInput)
    })
  }

  /** Updates fields of an existing document; the whole batch fails if it does not exist. */
  update<T, DbT>(ref: DocumentReference<T, DbT>, data: Record<string, unknown>): this
  update<T, DbT>(
    ref: DocumentReference<T, DbT>,
    field: string | FieldPath,
    value: unknown,
    ...more: unknown[]
  ): this
  update<T, DbT>(ref: DocumentReference<T, DbT>, ...args: unknown[]): this {
    return this.add('update()', () => {
      const r = checkRef('batch.update()', ref, this.store)
      return toUpdateWrite('batch.update()', r.parent.path, r.id, args, this.store.writeInput)
    })
  }

  /** Deletes a document. */
  delete<T, DbT>(ref: DocumentReference<T, DbT>): this {
    return this.add('delete()', () => {
      const r = checkRef('batch.delete()', ref, this.store)
      return toDeleteWrite(r.parent.path, r.id, 'batch.delete()')
    })
  }

  /** Number of operations in the batch. */
  get size(): number {
    return this.writes.length
  }

  /** Commits every operation atomically. */
  async commit(options?: WriteOptions): Promise<void> {
    const opts = checkWriteOptions('batch.commit()', options)
    if (this.committed)
      throw new MetalError('failed-precondition', 'batch.commit(): the batch was already committed')
    if (this.failure) {
      throw new MetalError(
        'invalid-argument',
        `batch.commit(): an operation was rejected, so nothing is written (${this.failure.message})`,
      )
    }
    this.committed = true
    if (this.writes.length === 0) return
    await this.store.commit(this.writes, opts)
  }
}
