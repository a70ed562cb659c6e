import { describe, invalidArgument } from '../errors.js'
import { parseFieldPath } from './fieldPath.js'
import { utf8Length } from './documentValues.js'
import { MAX_AGGREGATIONS, MAX_ALIAS_BYTES } from './aggregateLimits.js'

export { MAX_AGGREGATIONS, MAX_ALIAS_BYTES }

// Aggregations over a query's result set, as Cloud Firestore computes them: `count` counts the
// documents of the result (after offset/limit/limitToLast), `sum` and `average` read one field
// and use its numeric values only (other types and missing fields are skipped); a sum of no
// values is 0, an average of no values is null.

/** Counts the documents of the result. */
export interface CountAggregate {
  readonly op: 'count'
}

/** Adds up the numeric values of `field` over the result. */
export interface SumAggregate {
  readonly op: 'sum'
  readonly field: string
}

/** Averages the numeric values of `field` over the result (null when there are none). */
export interface AverageAggregate {
  readonly op: 'average'
  readonly field: string
}

/** One aggregation. Plain data, safe to serialise. */
export type Aggregate = CountAggregate | SumAggregate | AverageAggregate

/** Aggregations by alias: `{ total: { op: 'count' }, revenue: { op: 'sum', field: 'price' } }`. */
export type AggregateSpec = { readonly [alias: string]: Aggregate }

/** Results by alias: counts and sums are numbers, an average of no values is null. */
export type AggregateValues = { [alias: string]: number | null }

const OPS: ReadonlySet<string> = new Set(['count', 'sum', 'average'])
const RESERVED_ALIAS = /^__.*__$/

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value) as unknown
  return proto === Object.prototype || proto === null
}

/**
 * Checks one aggregation and returns a frozen copy. `call` names the entry point in errors.
 * Safe on hostile input: only own, plain data is read, once.
 */
export function checkAggregate(call: string, input: unknown, alias?: string): Aggregate {
  const where = alias === undefined ? '' : ` for alias '${alias}'`
  if (!isPlainObject(input)) {
    throw invalidArgument(
      call,
      `aggregation${where} must be count(), sum(field) or average(field), got ${describe(input)}`,
    )
  }
  const op = input.op
  if (typeof op !== 'string' || !OPS.has(op)) {
    throw invalidArgument(
      call,
      `aggregation${where} has unknown op ${describe(op)}; use 'count', 'sum' or 'average'`,
    )
  }
  const keys = Object.keys(input)
  const allowed = op === 'count' ? ['op'] : ['op', 'field']
  const extra = keys.find((k) => !allowed.includes(k))
  if (extra !== undefined) {
    throw invalidArgument(call, `aggregation${where} has unknown key '${extra}' for '${op}'`)
  }
  if (op === 'count') return Object.freeze({ op })
  const field = input.field
  if (typeof field !== 'string' || field === '') {
    throw invalidArgument(
      call,
      `${op}()${where}: field must be a non-empty string, got ${describe(field)}`,
    )
  }
  parseFieldPath(call, field)
  return Object.freeze({ op: op as 'sum' | 'average', field })
}

/**
 * Checks an aggregate spec as it comes off the wire or from an app, and returns a frozen copy:
 * a plain object of 1 to {@link MAX_AGGREGATIONS} aliases, each a non-empty name of at most
 * {@link MAX_ALIAS_BYTES} bytes not of the reserved form `__name__`, mapped to an aggregation.
 */
export function checkAggregateSpec(call: string, input: unknown): AggregateSpec {
  if (!isPlainObject(input)) {
    throw invalidArgument(
      call,
      `aggregations must be an object of aliases to count(), sum() or average(), got ${describe(input)}`,
    )
  }
  const aliases = Object.keys(input)
  if (aliases.length === 0) throw invalidArgument(call, 'needs at least one aggregation')
  if (aliases.length > MAX_AGGREGATIONS) {
    throw invalidArgument(
      call,
      `got ${aliases.length} aggregations; at most ${MAX_AGGREGATIONS} are allowed`,
    )
  }
  const out: Record<string, Aggregate> = {}
  for (const alias of aliases) {
    if (alias === '') throw invalidArgument(call, 'alias must not be empty')
    if (RESERVED_ALIAS.test(alias)) {
      throw invalidArgument(call, `alias ${describe(alias)} is reserved (names like __name__)`)
    }
    const bytes = utf8Length(alias)
    if (bytes > MAX_ALIAS_BYTES) {
      throw invalidArgument(
        call,
        `alias ${describe(alias)} is ${bytes} bytes; at most ${MAX_ALIAS_BYTES} are allowed`,
      )
    }
    out[alias] = checkAggregate(call, input[alias], alias)
  }
  return Object.freeze(out)
}

// ─── Running sums ───────────────────────────────────────────────────────────────────────────────

/** True when two result sets hold the same values under the same aliases. */
export function sameValues(a: AggregateValues, b: AggregateValues): boolean {
  const keys = Object.keys(a)
  if (keys.length !== Object.keys(b).length) return false
  for (const k of keys) if (a[k] !== b[k]) return false
  return true
}
