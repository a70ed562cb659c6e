import { describe, invalidArgument, type MetalError } from './errors.js'
import {
  checkAggregate,
  checkAggregateSpec,
  type AggregateSpec,
  type AggregateValues,
  type AverageAggregate,
  type CountAggregate,
  type SumAggregate,
} from './engine/aggregate.js'
import { aggregateListens } from './client/aggregateListens.js'
import type { QuerySpec } from './engine/querySpec.js'
import type { Store } from './client/store.js'
import type { Unsubscribe } from './types.js'

/** Counts the documents of a query's result: `query.aggregate({ total: count() })`. */
export function count(): CountAggregate {
  return Object.freeze({ op: 'count' })
}

/**
 * Adds up a field's numeric values over a query's result (other types and missing fields are
 * skipped; no values sum to 0): `query.aggregate({ revenue: sum('price') })`.
 */
export function sum(field: string): SumAggregate {
  return checkAggregate('sum()', { op: 'sum', field: checkField('sum()', field) }) as SumAggregate
}

/**
 * Averages a field's numeric values over a query's result (other types and missing fields are
 * skipped; the average of no values is null): `query.aggregate({ avg: average('price') })`.
 */
export function average(field: string): AverageAggregate {
  return checkAggregate('average()', {
    op: 'average',
    field: checkField('average()', field),
  }) as AverageAggregate
}

function checkField(call: string, field: unknown): string {
  if (typeof field !== 'string' || field === '') {
    throw invalidArgument(call, `field must be a non-empty string, got ${describe(field)}`)
  }
  return field
}

/** The results of an aggregate spec, by alias: averages may be null, the rest are numbers. */
export type AggregateData<S extends AggregateSpec> = {
  -readonly [K in keyof S]: S[K] extends AverageAggregate ? number | null : number
}

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

/** @internal Listens to a query's count; see `Query.subscribeCount`. */
export function listenCount(
  store: Store,
  query: QuerySpec,
  onCount: (count: number) => void,
  onError: ((error: MetalError) => void) | undefined,
): Unsubscribe {
  if (typeof onCount !== 'function') {
    throw invalidArgument(
      'subscribeCount()',
      `listener must be a function, got ${describe(onCount)}`,
    )
  }
  if (onError !== undefined && typeof onError !== 'function') {
    throw invalidArgument(
      'subscribeCount()',
      `error listener must be a function, got ${describe(onError)}`,
    )
  }
  return aggregateListens(store).listen(
    query,
    { count: count() },
    {
      next: (values) => onCount(values.count as number),
      error: (error) => {
        if (onError) onError(error)
        else console.error(`Metal: count of '${query.collection}' failed:`, error)
      },
    },
  )
}
