import { describe, invalidArgument } from '../errors.js'
import {
  LiveAggregate,
  checkAggregateSpec,
  computeAggregates,
  type AggregateSpec,
  type AggregateValues,
} from '../engine/aggregate.js'
import { compileQuery, type QuerySpec } from '../engine/querySpec.js'
import type { TargetRouter } from '../engine/router.js'
import type { StoredDoc } from '../engine/write.js'
import type { DocumentData } from '../engine/types.js'

// What every backend does for aggregations, whatever stores its documents: check the request,
// compute once over the collection, and keep live aggregates current from each commit's changed
// documents. Live aggregates are filed in a TargetRouter like live queries, so a write reaches
// only the aggregates whose equality filters it can satisfy.

/** Checks the aggregations of an `aggregate` or `listenAggregate` request from a client. */
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

/** Computes aggregations once over a collection's documents. */
export function aggregateOnce(
  query: QuerySpec,
  aggregates: AggregateSpec,
  docs: Iterable<StoredDoc>,
): AggregateValues {
  return computeAggregates(compileQuery(query), aggregates, docs)
}

/** One connection's live aggregate: its target id and the aggregate kept from commits. */
export class AggregateTarget<C> {
  readonly live: LiveAggregate

  constructor(
    /** The connection that listens. */ readonly connection: C,
    readonly targetId: number,
    readonly query: QuerySpec,
    aggregates: AggregateSpec,
    docs: Iterable<StoredDoc>,
  ) {
    this.live = new LiveAggregate(compileQuery(query), aggregates)
    this.live.reset(docs)
  }

  /** The current values. */
  values(): AggregateValues {
    return this.live.values()
  }
}

/** One document a commit changed. */
export interface ChangedDoc {
  readonly id: string
  readonly before: DocumentData | undefined
  readonly after: DocumentData | undefined
}

/**
 * Applies a commit's changed documents of one collection to the live aggregates they can reach
 * and adds each aggregate whose values changed to `changed` (one push per target per commit,
 * however many documents moved it).
 */
export function applyToAggregates<C>(
  router: TargetRouter<AggregateTarget<C>>,
  docs: Iterable<ChangedDoc>,
  changed: Set<AggregateTarget<C>>,
): void {
  if (router.size === 0) return
  for (const { id, before, after } of docs) {
    for (const target of router.candidates(id, before, after)) {
      if (target.live.apply(id, before, after)) changed.add(target)
    }
  }
}
