import { describe, invalidArgument } from './errors.js'
import { FieldPath, specField } from './engine/fieldPathInput.js'
import type {
  AggregateSpec,
  AverageAggregate,
  CountAggregate,
  SumAggregate,
} from './engine/aggregateSpec.js'

// The aggregation factories an app imports; running aggregations lives in aggregateQuery.ts,
// which queries load on first use.

/** Counts the documents of a query's result: `query.aggregate({ total: count() })`. */
export function count(): CountAggregate {
  return Object.freeze({ op: 'count' })
}

/**
 * Adds up a field's numeric values over a query's result (other types and missing fields are
 * skipped; no values sum to 0): `query.aggregate({ revenue: sum('price') })`.
 */
export function sum(field: string | FieldPath): SumAggregate {
  return Object.freeze({ op: 'sum', field: checkField('sum()', field) })
}

/**
 * Averages a field's numeric values over a query's result (other types and missing fields are
 * skipped; the average of no values is null): `query.aggregate({ avg: average('price') })`.
 */
export function average(field: string | FieldPath): AverageAggregate {
  return Object.freeze({ op: 'average', field: checkField('average()', field) })
}

/** The checks `checkAggregate` makes of a field, as the spec's canonical field string. */
function checkField(call: string, field: unknown): string {
  if (!(field instanceof FieldPath) && (typeof field !== 'string' || field === '')) {
    throw invalidArgument(call, `field must be a non-empty string, got ${describe(field)}`)
  }
  return specField(call, field)
}

/** The results of an aggregate spec, by alias: averages may be null, the rest are numbers. */
export type AggregateData<S extends AggregateSpec> = {
  -readonly [K in keyof S]: S[K] extends AverageAggregate ? number | null : number
}
