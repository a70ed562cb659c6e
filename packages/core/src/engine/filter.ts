import { describe, invalidArgument } from '../errors.js'
import { DOCUMENT_ID, fieldGetter, parseFieldPath, type FieldGetter } from './fieldPath.js'
import { compareStrings, compareValues, typeRank, valuesEqual } from './values.js'
import { cloneValueForQuery } from './documentValues.js'
import type { DocumentData, WhereFilterOp } from './types.js'

/** Most values `in` and `array-contains-any` accept. */
export const MAX_IN_VALUES = 30
/** Most values `not-in` accepts. */
export const MAX_NOT_IN_VALUES = 10

const OPERATORS: ReadonlySet<string> = new Set<WhereFilterOp>([
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'in',
  'not-in',
  'array-contains',
  'array-contains-any',
])

/** One comparison: `field op value`. */
export interface FieldFilter {
  readonly type: 'where'
  readonly field: string
  readonly op: WhereFilterOp
  readonly value: unknown
}

/** Filters joined by OR or AND. */
export interface CompositeFilter {
  readonly type: 'or' | 'and'
  readonly filters: readonly Filter[]
}

/** A filter tree, as `where()`, `or()` and `and()` build it. Plain data, safe to serialise. */
export type Filter = FieldFilter | CompositeFilter

/**
 * Builds a field filter for `query.where(filter)`, `or()` and `and()`. Throws `invalid-argument`
 * for an unknown operator, a bad field path or a value the operator cannot take.
 */
export function where(field: string, op: WhereFilterOp, value: unknown): FieldFilter {
  const call = 'where()'
  parseFieldPath(call, field)
  if (typeof op !== 'string' || !OPERATORS.has(op)) {
    throw invalidArgument(call, `unknown operator ${describe(op)} on field '${field}'`)
  }
  const on = `for '${op}' on field '${field}'`
  if (op === 'in' || op === 'not-in' || op === 'array-contains-any') {
    if (!Array.isArray(value))
      throw invalidArgument(call, `value ${on} must be an array, got ${describe(value)}`)
    const max = op === 'not-in' ? MAX_NOT_IN_VALUES : MAX_IN_VALUES
    if (value.length === 0) throw invalidArgument(call, `value ${on} must not be an empty array`)
    if (value.length > max) {
      throw invalidArgument(
        call,
        `value ${on} has ${value.length} elements; at most ${max} are allowed`,
      )
    }
  } else if (value === null && op !== '==' && op !== '!=') {
    throw invalidArgument(call, `null ${on} is not comparable; only '==' and '!=' take null`)
  }
  if (value === undefined) throw invalidArgument(call, `value ${on} is undefined`)
  if (field === DOCUMENT_ID) checkDocumentIdFilter(op, value)
  return Object.freeze({ type: 'where', field, op, value: cloneValueForQuery(call, value, field) })
}

/** Document ids are strings: `documentId()` compares only with ids, and holds no array. */
function checkDocumentIdFilter(op: WhereFilterOp, value: unknown): void {
  if (op === 'array-contains' || op === 'array-contains-any') {
    throw invalidArgument('where()', `'${op}' cannot be used on documentId(); ids are not arrays`)
  }
  for (const id of op === 'in' || op === 'not-in' ? (value as unknown[]) : [value]) {
    // A '/' is checked by the query (checkIdOperands): a collection group takes full paths.
    if (typeof id !== 'string' || id === '') {
      throw invalidArgument(
        'where()',
        `documentId() '${op}' takes document ids (non-empty strings without '/'), got ${describe(id)}`,
      )
    }
  }
}

/** Builds an OR or AND of `filters` (each checked to be a filter), as `or()` and `and()` do. */
export function composite(type: 'or' | 'and', filters: readonly unknown[]): CompositeFilter {
  filters.forEach((f, i) => {
    if (!isFilter(f))
      throw invalidArgument(
        `${type}()`,
        `argument ${i} is not a filter (use where()), got ${describe(f)}`,
      )
  })
  return Object.freeze({ type, filters: Object.freeze([...(filters as Filter[])]) })
}

/** Matches documents that match any of `filters`. */
export function or(...filters: Filter[]): CompositeFilter {
  return composite('or', filters)
}

/** Matches documents that match every one of `filters`. */
export function and(...filters: Filter[]): CompositeFilter {
  return composite('and', filters)
}

/** True when `value` is a filter built by `where()`, `or()` or `and()`. */
export function isFilter(value: unknown): value is Filter {
  if (typeof value !== 'object' || value === null) return false
  const t = (value as { type?: unknown }).type
  return (
    t === 'where' ||
    ((t === 'or' || t === 'and') && Array.isArray((value as CompositeFilter).filters))
  )
}

// ─── Evaluation ─────────────────────────────────────────────────────────────────────────────────

/** A compiled predicate over one document. */
export type Predicate = (id: string, data: DocumentData) => boolean

function isPrimitive(v: unknown): v is string | number | boolean | null {
  return v === null || (typeof v !== 'object' && typeof v !== 'function')
}

/** `includes` that uses a Set for primitive lists and deep equality otherwise. */
function membership(values: readonly unknown[]): (v: unknown) => boolean {
  if (values.every(isPrimitive)) {
    const set = new Set(values)
    return (v) => set.has(v as never)
  }
  return (v) => {
    for (let i = 0; i < values.length; i++) if (valuesEqual(values[i], v)) return true
    return false
  }
}

/**
 * A range test on a number or string operand: only values of the operand's type match, and
 * strings compare by code point ({@link compareStrings}).
 */
function compileRange(
  op: '<' | '<=' | '>' | '>=',
  get: FieldGetter,
  value: number | string,
): Predicate {
  if (typeof value === 'number') {
    switch (op) {
      case '<':
        return (id, d) => {
          const v = get(id, d)
          return typeof v === 'number' && v < value
        }
      case '<=':
        return (id, d) => {
          const v = get(id, d)
          return typeof v === 'number' && v <= value
        }
      case '>':
        return (id, d) => {
          const v = get(id, d)
          return typeof v === 'number' && v > value
        }
      case '>=':
        return (id, d) => {
          const v = get(id, d)
          return typeof v === 'number' && v >= value
        }
    }
  }
  switch (op) {
    case '<':
      return (id, d) => {
        const v = get(id, d)
        return typeof v === 'string' && compareStrings(v, value) < 0
      }
    case '<=':
      return (id, d) => {
        const v = get(id, d)
        return typeof v === 'string' && compareStrings(v, value) <= 0
      }
    case '>':
      return (id, d) => {
        const v = get(id, d)
        return typeof v === 'string' && compareStrings(v, value) > 0
      }
    case '>=':
      return (id, d) => {
        const v = get(id, d)
        return typeof v === 'string' && compareStrings(v, value) >= 0
      }
  }
}

function compileField(f: FieldFilter): Predicate {
  const get = fieldGetter(parseFieldPath('where()', f.field))
  const value = f.value
  switch (f.op) {
    case '==':
      if (isPrimitive(value)) return (id, d) => get(id, d) === value
      return (id, d) => valuesEqual(get(id, d), value)
    case '!=':
      if (isPrimitive(value)) {
        // valuesEqual(v, primitive) is v === primitive
        return (id, d) => {
          const v = get(id, d)
          return v !== undefined && v !== null && v !== value
        }
      }
      return (id, d) => {
        const v = get(id, d)
        return v !== undefined && v !== null && !valuesEqual(v, value)
      }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      if (typeof value === 'number' || typeof value === 'string') {
        return compileRange(f.op, get, value)
      }
      const rank = typeRank(value)
      const op = f.op
      return (id, d) => {
        const v = get(id, d)
        if (v === undefined || typeRank(v) !== rank) return false
        const c = compareValues(v, value)
        return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0
      }
    }
    case 'in': {
      const has = membership(value as unknown[])
      return (id, d) => {
        const v = get(id, d)
        return v !== undefined && has(v)
      }
    }
    case 'not-in': {
      const has = membership(value as unknown[])
      return (id, d) => {
        const v = get(id, d)
        return v !== undefined && v !== null && !has(v)
      }
    }
    case 'array-contains':
      if (isPrimitive(value)) {
        return (id, d) => {
          const v = get(id, d)
          if (!Array.isArray(v)) return false
          for (let i = 0; i < v.length; i++) if (v[i] === value) return true
          return false
        }
      }
      return (id, d) => {
        const v = get(id, d)
        if (!Array.isArray(v)) return false
        for (let i = 0; i < v.length; i++) if (valuesEqual(v[i], value)) return true
        return false
      }
    case 'array-contains-any': {
      const has = membership(value as unknown[])
      return (id, d) => {
        const v = get(id, d)
        if (!Array.isArray(v)) return false
        for (let i = 0; i < v.length; i++) if (has(v[i])) return true
        return false
      }
    }
  }
}

/** Compiles a filter tree into a predicate. */
export function compileFilter(filter: Filter): Predicate {
  if (filter.type === 'where') return compileField(filter)
  const parts = filter.filters.map(compileFilter)
  const n = parts.length
  if (n === 0) return () => true
  if (n === 1) return parts[0] as Predicate
  if (n === 2) {
    const p = parts[0] as Predicate
    const q = parts[1] as Predicate
    if (filter.type === 'and') return (id, d) => p(id, d) && q(id, d)
    return (id, d) => p(id, d) || q(id, d)
  }
  if (filter.type === 'and') {
    return (id, d) => {
      for (let i = 0; i < n; i++) if (!(parts[i] as Predicate)(id, d)) return false
      return true
    }
  }
  return (id, d) => {
    for (let i = 0; i < n; i++) if ((parts[i] as Predicate)(id, d)) return true
    return false
  }
}

/**
 * Equality conjuncts that every match must satisfy (`field == v`, or `field in [...]`), used to
 * route a write only to the live queries it can affect. Filters under an OR give none.
 */
export function equalityKeys(
  filter: Filter | undefined,
): { field: string; values: readonly unknown[] }[] {
  if (!filter) return []
  if (filter.type === 'where') {
    if (filter.op === '==' && isPrimitive(filter.value))
      return [{ field: filter.field, values: [filter.value] }]
    if (filter.op === 'in' && (filter.value as unknown[]).every(isPrimitive)) {
      return [{ field: filter.field, values: filter.value as unknown[] }]
    }
    return []
  }
  if (filter.type === 'and') return filter.filters.flatMap(equalityKeys)
  if (filter.filters.length === 1) return equalityKeys(filter.filters[0])
  return []
}
