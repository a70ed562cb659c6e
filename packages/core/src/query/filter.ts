import { describe, invalidArgument } from '../errors.js'
import { DOCUMENT_ID, getDocField, parseFieldPath } from '../fieldPath.js'
import { cloneValueForQuery, compareValues, typeRank, valuesEqual } from '../values.js'
import type { DocumentData, WhereFilterOp } from '../types.js'

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
    if (typeof id !== 'string' || id === '' || id.includes('/')) {
      throw invalidArgument(
        'where()',
        `documentId() '${op}' takes document ids (non-empty strings without '/'), got ${describe(id)}`,
      )
    }
  }
}

function composite(type: 'or' | 'and', filters: readonly unknown[]): CompositeFilter {
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
  return (v) => values.some((x) => valuesEqual(x, v))
}

function compileField(f: FieldFilter): Predicate {
  const path = parseFieldPath('where()', f.field)
  const value = f.value
  const get = (id: string, d: DocumentData): unknown => getDocField(id, d, path)
  switch (f.op) {
    case '==':
      if (isPrimitive(value)) return (id, d) => get(id, d) === value
      return (id, d) => valuesEqual(get(id, d), value)
    case '!=':
      return (id, d) => {
        const v = get(id, d)
        return v !== undefined && v !== null && !valuesEqual(v, value)
      }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const rank = typeRank(value)
      const test =
        f.op === '<'
          ? (c: number) => c < 0
          : f.op === '<='
            ? (c: number) => c <= 0
            : f.op === '>'
              ? (c: number) => c > 0
              : (c: number) => c >= 0
      if (typeof value === 'number' || typeof value === 'string') {
        const t = typeof value
        const operand = value as number // strings compare with the same operators
        return (id, d) => {
          const v = get(id, d)
          return (
            typeof v === t && test((v as number) < operand ? -1 : (v as number) > operand ? 1 : 0)
          )
        }
      }
      return (id, d) => {
        const v = get(id, d)
        return v !== undefined && typeRank(v) === rank && test(compareValues(v, value))
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
      return (id, d) => {
        const v = get(id, d)
        return Array.isArray(v) && v.some((x) => valuesEqual(x, value))
      }
    case 'array-contains-any': {
      const has = membership(value as unknown[])
      return (id, d) => {
        const v = get(id, d)
        return Array.isArray(v) && v.some(has)
      }
    }
  }
}

/** Compiles a filter tree into a predicate. */
export function compileFilter(filter: Filter): Predicate {
  if (filter.type === 'where') return compileField(filter)
  const parts = filter.filters.map(compileFilter)
  if (parts.length === 0) return () => true
  if (parts.length === 1) return parts[0] as Predicate
  if (filter.type === 'and') return (id, d) => parts.every((p) => p(id, d))
  return (id, d) => parts.some((p) => p(id, d))
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
