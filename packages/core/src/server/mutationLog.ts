/**
 * Remembers the responses of recently applied mutations by mutation id, so a batch resent after
 * a lost answer is applied once and answered the same way. Bounded: the oldest ids are forgotten
 * first.
 */
export class MutationLog<R> {
  private readonly applied = new Map<string, R>()

  constructor(private readonly limit = 10_000) {}

  /** The response of an applied mutation, if remembered. */
  get(mutationId: string): R | undefined {
    return this.applied.get(mutationId)
  }

  /** Records an applied mutation's response. */
  set(mutationId: string, response: R): void {
    this.applied.set(mutationId, response)
    if (this.applied.size > this.limit) {
      this.applied.delete(this.applied.keys().next().value as string)
    }
  }
}
