import type { MetalError } from './errors.js'
import { average, count, sum } from './aggregateFields.js'

export { average, count, sum }
import {
  checkAggregateSpec,
  type AggregateSpec,
  type AggregateValues,
  type AverageAggregate,
  type CountAggregate,
  type SumAggregate,
} from './engine/aggregateSpec.js'
import { aggregateListens } from './client/aggregateListens.js'
import type { QuerySpec } from './engine/querySpec.js'
import type { Store } from './client/store.js'
import type { Unsubscribe } from './types.js'
import type { AggregateData } from './aggregateFields.js'

export type { AggregateData }

/** What `query.aggregate(spec)` resolves to: the results, read with `data()`. */
export class AggregateQuerySnapshot<S extends AggregateSpec = AggregateSpec> {
  /** @internal */
  constructor(
    /** The aggregations that were asked for. */ readonly aggregates: S,
    private readonly values: AggregateValues,
  ) {}

  /** The results by alias, as a fresh object. */
  data(): AggregateData<S> {
    return { ...this.values } as AggregateData<S>
  }
}

// The query methods delegate here, so query.ts stays about building queries.

/** @internal Runs aggregations once; rejects with the spec's or the backend's error. */
export async function runAggregate<S extends AggregateSpec>(
  store: Store,
  call: string,
  query: QuerySpec,
  aggregates: S,
): Promise<AggregateQuerySnapshot<S>> {
  const spec = checkAggregateSpec(call, aggregates) as S
  return new AggregateQuerySnapshot(spec, await aggregateListens(store).run(query, spec))
}

/** @internal Runs one aggregation and returns its value. */
export async function runOne(
  store: Store,
  query: QuerySpec,
  aggregate: CountAggregate | SumAggregate | AverageAggregate,
): Promise<number | null> {
  const values = await aggregateListens(store).run(query, { value: aggregate })
  return values.value ?? null
}

/** @internal Listens to a query's count (listeners checked by `Query.subscribeCount`). */
export function listenCount(
  store: Store,
  query: QuerySpec,
  onCount: (count: number) => void,
  onError: ((error: MetalError) => void) | undefined,
): Unsubscribe {
  return aggregateListens(store).listen(
    query,
    { count: count() },
    {
      next: (values) => onCount(values.count as number),
      error: (error) => {
        if (onError) onError(error)
        else if (error.code !== 'cancelled')
          console.error(`Metal: count of '${query.collection}' failed:`, error)
      },
    },
  )
}
