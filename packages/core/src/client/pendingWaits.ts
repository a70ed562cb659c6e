import type { MetalError } from '../errors.js'

interface Waiter {
  /** The queued batches it still waits for. */
  readonly entries: Set<object>
  resolve(): void
  reject(error: MetalError): void
}

/**
 * `waitForPendingWrites()` calls: each waits for the batches queued when it was made to leave
 * the queue (committed, or rejected: both count as settled).
 */
export class PendingWaits {
  private readonly waiters = new Set<Waiter>()

  /** Resolves once none of `queued` (the queue now) is queued any more. */
  wait(queued: readonly object[]): Promise<void> {
    if (queued.length === 0) return Promise.resolve()
    return new Promise((resolve, reject) => {
      this.waiters.add({ entries: new Set(queued), resolve, reject })
    })
  }

  /** The queue changed: resolves the calls whose batches all left it. */
  settle(queued: readonly object[]): void {
    if (this.waiters.size === 0) return
    const still = new Set(queued)
    for (const waiter of this.waiters) {
      for (const entry of waiter.entries) if (!still.has(entry)) waiter.entries.delete(entry)
      if (waiter.entries.size > 0) continue
      this.waiters.delete(waiter)
      waiter.resolve()
    }
  }

  /** Fails every waiting call (the client closed). */
  rejectAll(error: MetalError): void {
    for (const waiter of this.waiters) waiter.reject(error)
    this.waiters.clear()
  }
}
