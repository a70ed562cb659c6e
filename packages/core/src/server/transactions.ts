import { MetalError } from '../errors.js'

/** One open transaction of a connection. */
export interface TransactionHandle {
  readonly id: string
  timer: unknown
}

let counter = 0

/**
 * The open transactions of one connection. Transactions are optimistic: opening one takes no
 * lock and blocks nobody; its commit checks the versions of the documents it read, atomically
 * with its writes (`planCommit`). The record only bounds how long one may stay open: after
 * `timeoutMs` it is forgotten and its commit fails with `aborted` (the client runs it again).
 */
export class OpenTransactions {
  private readonly open = new Map<string, TransactionHandle>()

  /** Opens a transaction and returns its id. */
  begin(timeoutMs: number): string {
    const tx: TransactionHandle = { id: `tx${++counter}`, timer: undefined }
    tx.timer = setTimeout(() => this.open.delete(tx.id), timeoutMs)
    this.open.set(tx.id, tx)
    return tx.id
  }

  /** Ends a transaction (commit or rollback); false when it was not open. */
  end(txId: string): boolean {
    const tx = this.open.get(txId)
    if (!tx) return false
    clearTimeout(tx.timer as ReturnType<typeof setTimeout>)
    this.open.delete(txId)
    return true
  }

  /** Ends a transaction about to commit; throws `aborted` when it expired or was rolled back. */
  take(txId: string): void {
    if (!this.end(txId)) {
      throw new MetalError('aborted', `commit(): transaction ${txId} expired or was rolled back`)
    }
  }

  /** Ends every transaction (the connection is gone). */
  clear(): void {
    for (const id of [...this.open.keys()]) this.end(id)
  }
}
