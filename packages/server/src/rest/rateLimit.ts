import { TokenBucket, type RateLimit } from '@metal/core/server'

// REST calls each open and close their own connection, so the WebSocket's per-connection limit
// cannot hold them: they share a token bucket per client address instead.

/** Addresses remembered at most; past it, buckets idle long enough to be full again are dropped. */
const MAX_ADDRESSES = 10_000

/** A token bucket per client address. */
export class AddressLimiter {
  private readonly buckets = new Map<string, { bucket: TokenBucket; used: number }>()
  /** How long an unused bucket takes to fill up again: forgetting it then changes nothing. */
  private readonly refillMs: number

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {
    this.refillMs = (limit.burst / limit.perSecond) * 1000
  }

  /** Addresses remembered. */
  get size(): number {
    return this.buckets.size
  }

  /** Spends a token of `address`: 0 when there was one, else the wait in ms until there is. */
  take(address: string): number {
    const t = this.now()
    let entry = this.buckets.get(address)
    if (!entry) {
      if (this.buckets.size >= MAX_ADDRESSES) this.sweep(t)
      entry = { bucket: new TokenBucket(this.limit, this.now), used: t }
      this.buckets.set(address, entry)
    }
    entry.used = t
    return entry.bucket.take()
  }

  private sweep(t: number): void {
    for (const [address, entry] of this.buckets) {
      if (t - entry.used >= this.refillMs) this.buckets.delete(address)
    }
    // Every address is busy: forget the oldest half rather than grow without bound.
    if (this.buckets.size >= MAX_ADDRESSES) {
      let drop = this.buckets.size / 2
      for (const address of this.buckets.keys()) {
        if (drop-- <= 0) break
        this.buckets.delete(address)
      }
    }
  }
}
