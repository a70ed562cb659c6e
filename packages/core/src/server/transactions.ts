import { MetalError } from '../errors.js'

/** One open transaction. */
export interface TransactionHandle {
  readonly id: string
  readonly owner: object
  timer: unknown
}

let counter = 0

/**
 * Serialises the transactions of one project: one holds the lock at a time (others wait in
 * order) and loses it after `timeoutMs`, so a stalled client cannot block the project forever.
 */
export class TransactionLock {
  private holder: TransactionHandle | null = null
  private readonly waiting: (() => void)[] = []

  constructor(private readonly timeoutMs: number) {}

  /**
   * Opens a transaction for `owner` once the lock is free. `granted` runs with the handle when
   * it is; `gone()` is asked first so a closed owner does not take the lock.
   */
  begin(owner: object, gone: () => boolean, granted: (tx: TransactionHandle) => void): void {
    const tx: TransactionHandle = { id: `tx${++counter}`, owner, timer: undefined }
    const acquire = (): void => {
      if (gone()) {
        this.waiting.shift()?.()
        return
      }
      this.holder = tx
      tx.timer = setTimeout(() => this.release(tx), this.timeoutMs)
      granted(tx)
    }
    if (this.holder) this.waiting.push(acquire)
    else acquire()
  }

  /** Throws `aborted` unless `tx` holds the lock (it expired or was rolled back otherwise). */
  checkHeld(tx: TransactionHandle | undefined, txId: string): asserts tx is TransactionHandle {
    if (!tx || this.holder !== tx) {
      throw new MetalError('aborted', `commit(): transaction ${txId} expired or was rolled back`)
    }
  }

  /** Ends `tx` and hands the lock to the next waiter. */
  release(tx: TransactionHandle): void {
    if (this.holder !== tx) return
    clearTimeout(tx.timer)
    this.holder = null
    this.waiting.shift()?.()
  }
}
