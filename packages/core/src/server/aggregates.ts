import { describe, invalidArgument } from '../errors.js'
import {
  LiveAggregate,
  checkAggregateSpec,
  computeAggregates,
  type AggregateSpec,
  type AggregateValues,
} from '../engine/aggregate.js'
import { compileQuery, type QuerySpec } from '../engine/querySpec.js'
import { TargetRouter } from '../engine/router.js'
import type { StoredDoc } from '../engine/write.js'
import type { TargetOwner } from './liveTargets.js'
import type { DocChange } from './storage.js'

// What every backend does for aggregations, whatever stores its documents: check the request,
// compute once over the collection, and keep live aggregates current from each commit's changed
// documents. Live aggregates are filed in the engine's TargetRouter exactly like live queries,
// so a write reaches only the aggregates whose equality filters it can satisfy.

/** Checks the aggregations (and target id) of an `aggregate` or `listenAggregate` request. */
export function checkAggregateRequest(
  type: 'aggregate' | 'listenAggregate',
  aggregates: unknown,
  targetId?: unknown,
): AggregateSpec {
  if (
    type === 'listenAggregate' &&
    !(Number.isSafeInteger(targetId) && (targetId as number) >= 0)
  ) {
    throw invalidArgument(
      type,
      `targetId must be a non-negative integer, got ${describe(targetId)}`,
    )
  }
  return checkAggregateSpec(type, aggregates)
}

/** Computes aggregations once over candidate documents (unfiltered is fine). */
export function aggregateOnce(
  query: QuerySpec,
  aggregates: AggregateSpec,
  docs: Iterable<StoredDoc>,
): AggregateValues {
  return computeAggregates(compileQuery(query), aggregates, docs)
}

/** One connection's live aggregate: its target id and the aggregate kept from commits. */
export class AggregateTarget<O extends TargetOwner = TargetOwner> {
  readonly live: LiveAggregate

  constructor(
    readonly owner: O,
    readonly targetId: number,
    readonly query: QuerySpec,
    aggregates: AggregateSpec,
  ) {
    this.live = new LiveAggregate(compileQuery(query), aggregates)
  }
}

/** New values to push to a live aggregate's owner. */
export interface RoutedAggregate<O> {
  readonly owner: O
  readonly targetId: number
  readonly values: AggregateValues
}

/**
 * Every live aggregate of a server, per project and collection, and the fan-out of committed
 * changes to them: each candidate the router finds takes the change from the document's
 * before and after states, without reading the collection again.
 */
export class LiveAggregates<O extends TargetOwner = TargetOwner> {
  private readonly routers = new Map<string, TargetRouter<AggregateTarget<O>>>()

  /** Starts routing to `target`, computed first from `docs`; returns its first values. */
  add(projectId: string, target: AggregateTarget<O>, docs: Iterable<StoredDoc>): AggregateValues {
    target.live.reset(docs)
    const key = `${projectId}\u0000${target.query.collection}`
    let r = this.routers.get(key)
    if (!r) this.routers.set(key, (r = new TargetRouter()))
    r.add(target)
    return target.live.values()
  }

  /** Stops routing to `target`. */
  remove(projectId: string, target: AggregateTarget<O>): void {
    const key = `${projectId}\u0000${target.query.collection}`
    const r = this.routers.get(key)
    if (!r) return
    r.remove(target)
    if (r.size === 0) this.routers.delete(key)
  }

  /** Number of live aggregates on a project's collection. */
  count(projectId: string, collection: string): number {
    return this.routers.get(`${projectId}\u0000${collection}`)?.size ?? 0
  }

  /**
   * Applies committed changes to every live aggregate they can affect and returns the new
   * values of those that changed, one per target however many documents moved it.
   */
  route(projectId: string, changes: readonly DocChange[]): RoutedAggregate<O>[] {
    if (this.routers.size === 0) return []
    const changed = new Set<AggregateTarget<O>>()
    for (const { collection, id, before, after } of changes) {
      const r = this.routers.get(`${projectId}\u0000${collection}`)
      if (!r) continue
      for (const target of r.candidates(id, before?.data, after?.data)) {
        if (target.live.apply(id, before?.data, after?.data)) changed.add(target)
      }
    }
    return [...changed].map((t) => ({
      owner: t.owner,
      targetId: t.targetId,
      values: t.live.values(),
    }))
  }
}
