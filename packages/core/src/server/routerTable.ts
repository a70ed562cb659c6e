import { TargetRouter } from '../engine/router.js'
import { groupOf } from '../engine/collectionGroup.js'
import type { QuerySpec } from '../engine/querySpec.js'
import type { DocChange } from './storage.js'
import { groupChange } from './groupScan.js'

/** The router key of a target: its project and collection, or its collection group. */
function keyOf(projectId: string, query: QuerySpec): string {
  return query.group
    ? `${projectId}\u0000*${query.collection}`
    : `${projectId}\u0000${query.collection}`
}

/**
 * The engine's routers of a server, one per project and collection (and one per project and
 * collection group): which live targets (live queries, live aggregates) a committed change can
 * affect.
 */
export class RouterTable<T extends { readonly query: QuerySpec }> {
  private readonly routers = new Map<string, TargetRouter<T>>()
  private count_ = 0
  /** Number of group routers: while 0, a change looks up no group. */
  private groups = 0

  /** Number of targets of every project. */
  get total(): number {
    return this.count_
  }

  /** True when no target is routed to. */
  get empty(): boolean {
    return this.routers.size === 0
  }

  /** Starts routing changes of the target's collection (or collection group) to it. */
  add(projectId: string, target: T): void {
    const key = keyOf(projectId, target.query)
    let r = this.routers.get(key)
    if (!r) {
      this.routers.set(key, (r = new TargetRouter()))
      if (target.query.group) this.groups++
    }
    const before = r.size
    r.add(target)
    this.count_ += r.size - before
  }

  /** Stops routing to `target`. */
  remove(projectId: string, target: T): void {
    const key = keyOf(projectId, target.query)
    const r = this.routers.get(key)
    if (!r) return
    const before = r.size
    r.remove(target)
    this.count_ += r.size - before
    if (r.size === 0) {
      this.routers.delete(key)
      if (target.query.group) this.groups--
    }
  }

  /** Number of targets on a project's collection. */
  count(projectId: string, collection: string): number {
    return this.routers.get(`${projectId}\u0000${collection}`)?.size ?? 0
  }

  /**
   * The targets `change` can affect, each with the change as that target sees it: a collection
   * group's targets get the document keyed by its full path.
   */
  *routes(projectId: string, change: DocChange): Iterable<readonly [T, DocChange]> {
    const r = this.routers.get(`${projectId}\u0000${change.collection}`)
    if (r) {
      for (const t of r.candidates(change.id, change.before?.data, change.after?.data))
        yield [t, change]
    }
    if (this.groups === 0) return
    const g = this.routers.get(`${projectId}\u0000*${groupOf(change.collection)}`)
    if (!g) return
    const keyed = groupChange(change)
    for (const t of g.candidates(keyed.id, change.before?.data, change.after?.data))
      yield [t, keyed]
  }
}
