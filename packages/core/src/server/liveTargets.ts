import { LiveView } from '../engine/liveView.js'
import { compileQuery, type QuerySpec } from '../engine/querySpec.js'
import { RouterTable } from './routerTable.js'
import type { StoredDoc } from '../engine/write.js'
import type { TargetChange } from '../protocol/backend.js'
import type { DocChange, FeedEntry } from './storage.js'

/** Who a live query belongs to: anything with an identity (a connection). */
export interface TargetOwner {
  readonly key: string
}

/** One live query of one connection: its result kept current by the engine's live view. */
export class LiveTarget<O extends TargetOwner = TargetOwner> {
  readonly view: LiveView<StoredDoc>
  /** Feed entries the target's first scan already reflected: not applied again. */
  seen: ((entry: FeedEntry) => boolean) | undefined

  constructor(
    readonly owner: O,
    readonly targetId: number,
    readonly query: QuerySpec,
  ) {
    this.view = new LiveView(compileQuery(query))
  }
}

/** A change to route to a connection other than the committer's. */
export interface RoutedChange<O> {
  readonly owner: O
  readonly change: TargetChange
}

/**
 * Every live query of a server, per project and collection, and the fan-out of committed
 * changes to them. Only queries the engine's router says a change can affect are evaluated.
 */
export class LiveTargets<O extends TargetOwner = TargetOwner> {
  private readonly routers = new RouterTable<LiveTarget<O>>()

  /** Starts routing to `target`, its view filled from `docs`; returns its first result. */
  add(projectId: string, target: LiveTarget<O>, docs: Iterable<StoredDoc>): StoredDoc[] {
    target.view.reset(docs)
    this.routers.add(projectId, target)
    return target.view.window()
  }

  /** Stops routing to `target`. */
  remove(projectId: string, target: LiveTarget<O>): void {
    this.routers.remove(projectId, target)
  }

  /** Number of live queries on a project's collection (not counting collection group queries). */
  count(projectId: string, collection: string): number {
    return this.routers.count(projectId, collection)
  }

  /** Number of live queries of every project. */
  total(): number {
    return this.routers.total
  }

  /**
   * Applies committed changes to every live query they can affect and returns, per query, the
   * net change: documents that entered or changed, and ids that left. Changes to `committer`'s
   * own queries come back separately (they travel in the commit's response). `entry` is the
   * feed entry the changes came from, if any. A query whose owner may not read a document
   * entering or changing in its result (`admit` says no) is listed in `denied` instead; it gets
   * none of the changes.
   */
  route(
    projectId: string,
    changes: readonly DocChange[],
    committer?: O,
    entry?: FeedEntry,
    admit?: (target: LiveTarget<O>, doc: StoredDoc) => boolean,
  ): { own: TargetChange[]; others: RoutedChange<O>[]; denied: LiveTarget<O>[] } {
    const changed = new Map<LiveTarget<O>, Map<string, StoredDoc | null>>()
    const denied = new Set<LiveTarget<O>>()
    for (const routed of changes) {
      for (const [target, change] of this.routers.routes(projectId, routed)) {
        if (entry && target.seen?.(entry)) continue
        if (denied.has(target)) continue
        const viewChanges = target.view.apply(change.id, change.after)
        if (viewChanges.length === 0) continue
        let net = changed.get(target)
        if (!net) changed.set(target, (net = new Map()))
        for (const ch of viewChanges) {
          if (ch.type !== 'removed' && admit && !admit(target, ch.entry)) {
            denied.add(target)
            changed.delete(target)
            break
          }
          net.set(ch.entry.id, ch.type === 'removed' ? null : ch.entry)
        }
      }
    }
    const own: TargetChange[] = []
    const others: RoutedChange<O>[] = []
    for (const [target, net] of changed) {
      const change: TargetChange = { targetId: target.targetId, upserts: [], removes: [] }
      for (const [id, doc] of net) {
        if (doc) change.upserts.push(doc)
        else change.removes.push(id)
      }
      if (target.owner === committer) own.push(change)
      else others.push({ owner: target.owner, change })
    }
    return { own, others, denied: [...denied] }
  }
}
