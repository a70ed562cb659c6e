import { describe, invalidArgument } from '../errors.js'
import { LiveAggregate, computeAggregates } from '../engine/aggregate.js'
import {
  checkAggregateSpec,
  type AggregateSpec,
  type AggregateValues,
} from '../engine/aggregateSpec.js'
import { compileQuery, type QuerySpec } from '../engine/querySpec.js'
import { RouterTable } from './routerTable.js'
import type { StoredDoc } from '../engine/write.js'
import type { TargetOwner } from './liveTargets.js'
import type { DocChange, FeedEntry, ScanResult } from './storage.js'
import type { BackendPush, BackendRequest, BackendResponses } from '../protocol/backend.js'

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
  /** Feed entries the target's first scan already reflected: not applied again. */
  seen: ((entry: FeedEntry) => boolean) | undefined

  constructor(
    readonly owner: O,
    readonly targetId: number,
    readonly query: QuerySpec,
    aggregates: AggregateSpec,
  ) {
    this.live = new LiveAggregate(compileQuery(query), aggregates)
  }
}

/** New values of a live aggregate, as the push to send its owner. */
export interface RoutedAggregate<O> {
  readonly owner: O
  readonly message: Extract<BackendPush, { type: 'aggregate' }>
}

/**
 * Every live aggregate of a server, per project and collection, and the fan-out of committed
 * changes to them: each candidate the router finds takes the change from the document's
 * before and after states, without reading the collection again.
 */
export class LiveAggregates<O extends TargetOwner = TargetOwner> {
  private readonly routers = new RouterTable<AggregateTarget<O>>()

  /** Starts routing to `target`, computed first from `docs`; returns its first values. */
  add(projectId: string, target: AggregateTarget<O>, docs: Iterable<StoredDoc>): AggregateValues {
    target.live.reset(docs)
    this.routers.add(projectId, target)
    return target.live.values()
  }

  /** Stops routing to the target `targetId` of `owned` (a connection's live aggregates), if any. */
  unlisten(projectId: string, owned: Map<number, AggregateTarget<O>>, targetId: number): void {
    const target = owned.get(targetId)
    if (!target) return
    this.remove(projectId, target)
    owned.delete(targetId)
  }

  /** Stops routing to every target of `owned` (a connection that closed). */
  unlistenAll(projectId: string, owned: Map<number, AggregateTarget<O>>): void {
    for (const target of owned.values()) this.remove(projectId, target)
    owned.clear()
  }

  /** Stops routing to `target`. */
  remove(projectId: string, target: AggregateTarget<O>): void {
    this.routers.remove(projectId, target)
  }

  /** Number of live aggregates on a project's collection. */
  count(projectId: string, collection: string): number {
    return this.routers.count(projectId, collection)
  }

  /** Number of live aggregates of every project. */
  total(): number {
    return this.routers.total
  }

  /**
   * Applies committed changes to every live aggregate they can affect and returns the new
   * values of those that changed, one per target however many documents moved it. `entry` is
   * the feed entry the changes came from, if any. An aggregate whose owner may not read a
   * document entering it (`admit` says no) is listed in `denied` instead.
   */
  route(
    projectId: string,
    changes: readonly DocChange[],
    entry?: FeedEntry,
    admit?: (target: AggregateTarget<O>, doc: StoredDoc) => boolean,
  ): { routed: RoutedAggregate<O>[]; denied: AggregateTarget<O>[] } {
    if (this.routers.empty) return { routed: [], denied: [] }
    const changed = new Set<AggregateTarget<O>>()
    const denied = new Set<AggregateTarget<O>>()
    for (const routed of changes) {
      for (const [target, change] of this.routers.routes(projectId, routed)) {
        if (entry && target.seen?.(entry)) continue
        if (denied.has(target)) continue
        const after = change.after
        if (
          admit &&
          after &&
          target.live.query.matches(after.id, after.data) &&
          !admit(target, after)
        ) {
          denied.add(target)
          changed.delete(target)
          continue
        }
        if (target.live.apply(change.id, change.before?.data, change.after?.data))
          changed.add(target)
      }
    }
    const routed = [...changed].map((t) => ({
      owner: t.owner,
      message: { type: 'aggregate' as const, targetId: t.targetId, values: t.live.values() },
    }))
    return { routed, denied: [...denied] }
  }
}

/** A connection as {@link serveAggregate} sees it: its live queries and live aggregates. */
export interface AggregateOwner<O extends TargetOwner> extends TargetOwner {
  readonly projectId: string
  readonly targets: ReadonlyMap<number, unknown>
  readonly aggregates: Map<number, AggregateTarget<O>>
}

/**
 * Serves an `aggregate` request (computed once) or a `listenAggregate` request (registered
 * with `live` and answered with its first values). `checkRead` applies the access rules as to
 * queries (to the query alone, then to the documents read); `scan` gives candidate documents (at least every match).
 */
export async function serveAggregate<O extends AggregateOwner<O>>(
  live: LiveAggregates<O>,
  conn: O,
  msg: Extract<BackendRequest, { type: 'aggregate' | 'listenAggregate' }>,
  checkRead: (query: QuerySpec, docs?: readonly StoredDoc[]) => void,
  scan: (query: QuerySpec) => Promise<ScanResult>,
): Promise<BackendResponses['aggregate']> {
  const targetId = msg.type === 'listenAggregate' ? msg.targetId : undefined
  const aggregates = checkAggregateRequest(msg.type, msg.aggregates, targetId)
  // Live queries and live aggregates share one target id space per connection.
  if (targetId !== undefined && (conn.targets.has(targetId) || conn.aggregates.has(targetId))) {
    throw invalidArgument(msg.type, `target ${targetId} is already open on this connection`)
  }
  checkRead(msg.query)
  const scanned = await scan(msg.query)
  const docs = [...scanned.docs]
  const seen = scanned.seen
  checkRead(msg.query, docs)
  if (targetId === undefined) return { values: aggregateOnce(msg.query, aggregates, docs) }
  const target = new AggregateTarget(conn, targetId, msg.query, aggregates)
  target.seen = seen
  const values = live.add(conn.projectId, target, docs)
  conn.aggregates.set(targetId, target)
  return { values }
}
