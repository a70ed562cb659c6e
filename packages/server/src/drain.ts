// Work in flight (HTTP requests, WebSocket requests not yet answered, trigger runs), so a
// shutdown can stop taking new work and wait, bounded, for what was taken to finish.

/** Counts work in flight and tells when it reaches zero. */
export class InFlight {
  private count = 0
  private waiters: (() => void)[] = []

  /** Work in flight now. */
  get size(): number {
    return this.count
  }

  /** One piece of work started; call the returned function (once) when it ends. */
  begin(): () => void {
    this.count++
    let done = false
    return () => {
      if (done) return
      done = true
      this.end(1)
    }
  }

  /** `n` pieces of work ended (a closed socket's unanswered requests). */
  end(n: number): void {
    if (n <= 0) return
    this.count = Math.max(0, this.count - n)
    if (this.count > 0) return
    const waiters = this.waiters
    this.waiters = []
    for (const wake of waiters) wake()
  }

  /** Resolves true once nothing is in flight, or false after `ms`. */
  idle(ms: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true)
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer)
        resolve(true)
      }
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== wake)
        resolve(false)
      }, ms)
      this.waiters.push(wake)
    })
  }
}
