import { TargetRouter } from '../engine/router.js'
import type { QuerySpec } from '../engine/querySpec.js'
import type { DocChange } from './storage.js'

/**
 * The engine's routers of a server, one per project and collection: which live targets (live
 * queries, live aggregates) a committed change can affect.
 */
export class RouterTable<T extends { readonly query: QuerySpec }> {
  private readonly routers = new Map<string, TargetRouter<T>>()
  private count_ = 0

  /** Number of targets of every project. */
  get total(): number {
    return this.count_
  }

  /** True when no target is routed to. */
  get empty(): boolean {
    return this.routers.size === 0
  }

  /** Starts routing changes of the target's collection to it. */
  add(projectId: string, target: T): void {
    const key = `${projectId}\u0000${target.query.collection}`
    let r = this.routers.get(key)
    if (!r) this.routers.set(key, (r = new TargetRouter()))
    const before = r.size
    r.add(target)
    this.count_ += r.size - before
  }

  /** Stops routing to `target`. */
  remove(projectId: string, target: T): void {
    const key = `${projectId}\u0000${target.query.collection}`
    const r = this.routers.get(key)
    if (!r) return
    const before = r.size
    r.remove(target)
    this.count_ += r.size - before
    if (r.size === 0) this.routers.delete(key)
  }

  /** Number of targets on a project's collection. */
  count(projectId: string, collection: string): number {
    return this.routers.get(`${projectId}\u0000${collection}`)?.size ?? 0
  }

  /** The targets `change` can affect. */
  candidates(projectId: string, change: DocChange): Iterable<T> {
    const r = this.routers.get(`${projectId}\u0000${change.collection}`)
    return r ? r.candidates(change.id, change.before?.data, change.after?.data) : []
  }
}
