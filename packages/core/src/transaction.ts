import { describe, invalidArgument, MetalError } from './errors.js'
import { checkRef } from './batch.js'
import { DocumentSnapshot, snapshotOf } from './snapshot.js'
import {
  toDeleteWrite,
  toSetWrite,
  toUpdateWrite,
  type WriteInputOptions,
} from './engine/writeInput.js'
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
   * How many times to run the function at most: a commit that loses a race to another write
   * runs it again, up to this many attempts in all; then the transaction fails with `aborted`.
   * @default 5
   */
  maxAttempts?: number
  /**
   * How long one run of the function may take, in ms: one still running then fails the
   * transaction with `deadline-exceeded` (nothing is written). Also how long to keep retrying a
   * transaction that loses races: no new attempt starts after it, and it fails with `aborted`.
   * @default 30000
   */
  timeoutMs?: number
}

/**
 * Reads and writes that commit together only if nothing they read changed meanwhile. Reads
 * come first; writes are buffered and sent at commit. A read that fails, or an update of a
 * document that does not exist, spoils the transaction: it fails with that error even when the
 * function catches it (as in Firestore).
 */
export class Transaction {
  private readonly writes: Write[] = []
  private readonly reads = new Map<string, VersionCheck>()
  /** Paths that do not exist at this point of the transaction: read as missing, or deleted. */
  private readonly missing = new Set<string>()
  /** @internal The first read or write that failed: the transaction fails with it. */
  failure: unknown
  /** @internal Set once the attempt is over: later calls are refused. */
  ended = false

  /** How writes read their data (the client's `ignoreUndefinedProperties`). */
  private readonly input: WriteInputOptions

  /** @internal */
  constructor(
    private readonly store: Store,
    private readonly txId: string,
  ) {
    this.input = store.writeInput
  }

  /** Reads a document inside the transaction. */
  async get<T, DbT>(ref: DocumentReference<T, DbT>): Promise<DocumentSnapshot<T>> {
    // A bad argument is the caller's mistake, thrown to it; a read that fails spoils the
    // transaction (as in Firestore, where argument checks run before the read).
    const r = this.check('transaction.get()', ref) as unknown as DocumentReference<T>
    try {
      if (this.writes.length > 0) {
        throw invalidArgument(
          'transaction.get()',
          `read of '${r.path}' after a write; do every read before writing`,
        )
      }
      const local = await this.store.getDoc(r.parent.path, r.id, this.txId)
      const version = local?.version ?? 0
      const before = this.reads.get(r.path)
      if (before && before.version !== version) {
        throw new MetalError('aborted', `transaction.get(): '${r.path}' changed between two reads`)
      }
      this.reads.set(r.path, { collection: r.parent.path, id: r.id, version })
      if (local) this.missing.delete(r.path)
      else this.missing.add(r.path)
      return local ? snapshotOf(r.parent, local) : new DocumentSnapshot(r.parent, r.id, null)
    } catch (error) {
      throw this.fail(error)
    }
  }

  /** Buffers a set. */
  set<T, DbT>(ref: DocumentReference<T, DbT>, data: unknown, options?: SetOptions): this {
    return this.buffer('transaction.set()', ref, (r) => {
      this.missing.delete(r.path)
      const stored = toStored(r.parent.converter, data, options)
      return toSetWrite('transaction.set()', r.parent.path, r.id, stored, options, this.input)
    })
  }

  /**
   * Buffers an update. Throws `invalid-argument` at once when the document does not exist in
   * this transaction (it read it as missing, or deleted it), as Firestore does.
   */
  update<T, DbT>(ref: DocumentReference<T, DbT>, data: Record<string, unknown>): this
  update<T, DbT>(
    ref: DocumentReference<T, DbT>,
    field: string | FieldPath,
    value: unknown,
    ...more: unknown[]
  ): this
  update<T, DbT>(ref: DocumentReference<T, DbT>, ...args: unknown[]): this {
    return this.buffer('transaction.update()', ref, (r) => {
      const write = toUpdateWrite('transaction.update()', r.parent.path, r.id, args, this.input)
      if (this.missing.has(r.path)) {
        // Firestore finds this before the commit: it spoils the transaction, never retried.
        throw this.fail(invalidArgument('transaction.update()', `'${r.path}' does not exist`))
      }
      return write
    })
  }

  /** Buffers a delete. */
  delete<T, DbT>(ref: DocumentReference<T, DbT>): this {
    return this.buffer('transaction.delete()', ref, (r) => {
      this.missing.add(r.path)
      return toDeleteWrite(r.parent.path, r.id, 'transaction.delete()')
    })
  }

  /** @internal */
  commit(): Promise<void> {
    return this.store.commit(this.writes, {
      optimistic: false,
      checks: [...this.reads.values()],
      txId: this.txId,
    })
  }

  private check(call: string, ref: unknown): DocumentReference<unknown> {
    if (this.ended) {
      throw new MetalError('failed-precondition', `${call}: this transaction attempt has ended`)
    }
    return checkRef(call, ref, this.store)
  }

  /** Runs one write method: its checks (which throw), then buffering. */
  private buffer(call: string, ref: unknown, make: (r: DocumentReference<unknown>) => Write): this {
    this.writes.push(make(this.check(call, ref)))
    return this
  }

  private fail(error: unknown): unknown {
    if (this.failure === undefined && !this.ended) this.failure = error
    return error
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

function positive(value: unknown, integer: boolean): boolean {
  return typeof value === 'number' && value > 0 && (integer ? Number.isSafeInteger(value) : true)
}

/**
 * Runs `fn` once on `tx`: it must return a promise, settled within `timeout` ms (else
 * `deadline-exceeded`, and the attempt is abandoned: nothing it buffers is sent).
 */
async function attempt<R>(
  fn: (tx: Transaction) => Promise<R>,
  tx: Transaction,
  timeout: number,
): Promise<R> {
  const returned: unknown = fn(tx)
  if (typeof (returned as { then?: unknown } | null)?.then !== 'function') {
    throw invalidArgument(
      'runTransaction()',
      `the function must return a promise (use an async function), got ${describe(returned)}`,
    )
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new MetalError(
            'deadline-exceeded',
            `runTransaction(): the function did not settle within timeoutMs (${timeout} ms)`,
          ),
        ),
      timeout,
    )
  })
  try {
    return await Promise.race([returned as Promise<R>, expired])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Runs `fn` as a transaction and commits its writes atomically; when something it read changed
 * before the commit, it runs `fn` again (with backoff), at most `maxAttempts` times in all and
 * until `timeoutMs` has passed.
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
  const maxAttempts = options.maxAttempts ?? 5
  for (const [name, value, integer] of [
    ['timeoutMs', timeout, false],
    ['maxAttempts', maxAttempts, true],
  ] as const) {
    if (!positive(value, integer)) {
      throw invalidArgument(
        'runTransaction()',
        `option '${name}' must be a positive ${integer ? 'integer' : 'number'}, got ${describe(value)}`,
      )
    }
  }
  const deadline = Date.now() + timeout
  let lastError: MetalError | undefined
  let attempts = 0
  while (attempts < maxAttempts) {
    if (attempts > 0) {
      if (Date.now() >= deadline) break
      const backoff = Math.min(1000, 5 * 2 ** attempts)
      await sleep(backoff / 2 + Math.random() * (backoff / 2))
    }
    attempts++
    const { txId } = await store.request({ type: 'beginTransaction' })
    const tx = new Transaction(store, txId)
    let result: R
    try {
      result = await attempt(fn, tx, timeout)
      if (tx.failure !== undefined) throw tx.failure
    } catch (error) {
      tx.ended = true
      await store.request({ type: 'rollback', txId }).catch(() => {})
      // A read that saw a document change between two reads lost a race: run again.
      if (error !== tx.failure || !MetalError.is(error, 'aborted')) throw error
      lastError = error
      continue
    }
    tx.ended = true
    try {
      await tx.commit()
      return result
    } catch (error) {
      if (!MetalError.is(error, 'aborted')) throw error
      lastError = error
    }
  }
  const why =
    attempts >= maxAttempts
      ? `${attempts} attempts`
      : `${timeout} ms of contention (${attempts} attempts)`
  throw new MetalError(
    'aborted',
    `runTransaction(): gave up after ${why} (${lastError?.message ?? ''})`,
  )
}
