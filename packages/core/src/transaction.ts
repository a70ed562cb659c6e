import { describe, invalidArgument, MetalError } from './errors.js'
import { checkRef } from './batch.js'
import { DocumentSnapshot, snapshotOf } from './snapshot.js'
import { toDeleteWrite, toSetWrite, toUpdateWrite } from './engine/writeInput.js'
import type { DocumentReference } from './reference.js'
import type { Store } from './client/store.js'
import type { SetOptions } from './types.js'
import { toStored } from './converter.js'
import type { FieldPath } from './engine/fieldPathInput.js'
import type { VersionCheck } from './protocol/backend.js'
import type { Write } from './engine/write.js'

/** Options of `runTransaction()`. */
export interface TransactionOptions {
  /**
   * How long to keep retrying a transaction that lost a race, in ms; then it fails with `aborted`.
   * @default 30000
   */
  timeoutMs?: number
}

/**
 * Reads and writes that commit together only if nothing they read changed meanwhile. Reads
 * come first; writes are buffered and sent at commit.
 */
export class Transaction {
  private readonly writes: Write[] = []
  private readonly reads = new Map<string, VersionCheck>()

  /** @internal */
  constructor(
    private readonly store: Store,
    private readonly txId: string,
  ) {}

  /** Reads a document inside the transaction. */
  async get<T, DbT>(ref: DocumentReference<T, DbT>): Promise<DocumentSnapshot<T>> {
    const r = checkRef('transaction.get()', ref, this.store) as unknown as DocumentReference<T>
    if (this.writes.length > 0) {
      throw invalidArgument(
        'transaction.get()',
        `read of '${r.path}' after a write; do every read before writing`,
      )
    }
    const local = await this.store.getDoc(r.parent.path, r.id, this.txId)
    this.reads.set(r.path, { collection: r.parent.path, id: r.id, version: local?.version ?? 0 })
    return local ? snapshotOf(r.parent, local) : new DocumentSnapshot(r.parent, r.id, null)
  }

  /** Buffers a set. */
  set<T, DbT>(ref: DocumentReference<T, DbT>, data: unknown, options?: SetOptions): this {
    const r = checkRef('transaction.set()', ref, this.store)
    const stored = toStored(r.parent.converter, data, options)
    this.writes.push(toSetWrite('transaction.set()', r.parent.path, r.id, stored, options))
    return this
  }

  /** Buffers an update. */
  update<T, DbT>(ref: DocumentReference<T, DbT>, data: Record<string, unknown>): this
  update<T, DbT>(
    ref: DocumentReference<T, DbT>,
    field: string | FieldPath,
    value: unknown,
    ...more: unknown[]
  ): this
  update<T, DbT>(ref: DocumentReference<T, DbT>, ...args: unknown[]): this {
    const r = checkRef('transaction.update()', ref, this.store)
    this.writes.push(toUpdateWrite('transaction.update()', r.parent.path, r.id, args))
    return this
  }

  /** Buffers a delete. */
  delete<T, DbT>(ref: DocumentReference<T, DbT>): this {
    const r = checkRef('transaction.delete()', ref, this.store)
    this.writes.push(toDeleteWrite(r.parent.path, r.id))
    return this
  }

  /** @internal */
  commit(): Promise<void> {
    return this.store.commit(this.writes, {
      optimistic: false,
      checks: [...this.reads.values()],
      txId: this.txId,
    })
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/**
 * Runs `fn` as a transaction and commits its writes atomically; when something it read changed
 * before the commit, it runs `fn` again (with backoff) until `timeoutMs` has passed.
 */
export async function runTransaction<R>(
  store: Store,
  fn: (tx: Transaction) => Promise<R>,
  options: TransactionOptions = {},
): Promise<R> {
  if (typeof fn !== 'function')
    throw invalidArgument('runTransaction()', `expected a function, got ${describe(fn)}`)
  if (typeof options !== 'object' || options === null) {
    throw invalidArgument('runTransaction()', `options must be an object, got ${describe(options)}`)
  }
  const timeout = options.timeoutMs ?? 30_000
  if (typeof timeout !== 'number' || !(timeout > 0)) {
    throw invalidArgument(
      'runTransaction()',
      `option 'timeoutMs' must be a positive number, got ${describe(timeout)}`,
    )
  }
  const deadline = Date.now() + timeout
  let lastError: MetalError | undefined
  for (let attempt = 0; ; attempt++) {
    if (attempt > 0) {
      if (Date.now() >= deadline) break
      const backoff = Math.min(1000, 5 * 2 ** attempt)
      await sleep(backoff / 2 + Math.random() * (backoff / 2))
    }
    const { txId } = await store.request({ type: 'beginTransaction' })
    const tx = new Transaction(store, txId)
    let result: R
    try {
      result = await fn(tx)
    } catch (error) {
      await store.request({ type: 'rollback', txId }).catch(() => {})
      throw error
    }
    try {
      await tx.commit()
      return result
    } catch (error) {
      if (!MetalError.is(error, 'aborted')) throw error
      lastError = error
    }
  }
  throw new MetalError(
    'aborted',
    `runTransaction(): gave up after ${timeout} ms of contention (${lastError?.message ?? ''})`,
  )
}
