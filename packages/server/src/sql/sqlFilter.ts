import {
  DOCUMENT_ID,
  isRefValue,
  parseFieldPath,
  type Filter,
  type FieldFilter,
} from '@metal/core/engine'

// Filters as SQL over `metal_docs.data` (jsonb). What the SQL selects is a superset of what the
// engine's filter matches (exactly the same set wherever that is easy); scanDocs relies on nothing
// more, because the engine runs over the candidates afterwards.
//
// No client value and no field name ever becomes SQL text: a field path is a `text[]`
// parameter, a value a JSON-text parameter cast to jsonb (or a text parameter). The only literals
// in the text are this file's own (type names, `'null'::jsonb`).
//
// Numbers: stored numbers are JSON text of doubles (JSON.stringify writes the shortest decimal that
// reads back as the double, and -0 as 0). jsonb compares them as exact decimals, and the shortest
// decimals of two doubles compare as the doubles do, so jsonb equality and order are the engine's.
//
// Three-valued logic: the SQL built here uses AND and OR but never NOT, so a NULL (a missing
// field) acts as false everywhere, which is what every operator wants: none matches a missing
// field.

/** The parameters of one statement; each value becomes a `$n` placeholder. */
export class SqlParams {
  /** The values, in placeholder order. */
  readonly values: unknown[] = []
  private readonly paths = new Map<string, string>()

  /** Adds a parameter and returns its placeholder. */
  add(value: unknown): string {
    this.values.push(value)
    return `$${this.values.length}`
  }

  /**
   * The statement `sql` with its parameters: placeholders renumbered in order of use, dropping
   * values whose placeholder simplification removed (PostgreSQL rejects unused parameters).
   * The text holds no client data, so every `$n` in it is a placeholder.
   */
  bind(sql: string): { sql: string; params: unknown[] } {
    const renumbered = new Map<string, string>()
    const params: unknown[] = []
    const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
      let placeholder = renumbered.get(n)
      if (placeholder === undefined) {
        params.push(this.values[Number(n) - 1])
        placeholder = `$${params.length}`
        renumbered.set(n, placeholder)
      }
      return placeholder
    })
    return { sql: text, params }
  }

  /**
   * A field path as a `text[]` parameter, one per distinct path: `data #> $3::text[]` stays the
   * same expression wherever the path is used, as an expression index on it needs.
   */
  path(segments: readonly string[]): string {
    const key = JSON.stringify(segments)
    let placeholder = this.paths.get(key)
    if (placeholder === undefined) {
      placeholder = `${this.add([...segments])}::text[]`
      this.paths.set(key, placeholder)
    }
    return placeholder
  }

  /** A value as JSON text cast to jsonb. Only for {@link storable} values. */
  json(value: unknown): string {
    return `${this.add(JSON.stringify(value))}::jsonb`
  }

  /** A string as a text parameter. */
  text(value: string): string {
    return `${this.add(value)}::text`
  }
}

// jsonb rejects U+0000 and unpaired surrogates, so no stored document holds such a string, and
// such a value cannot be sent as jsonb: SQL falls back to a weaker (still superset) condition.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** True when `s` can be stored in jsonb and text unchanged. */
export function storableString(s: string): boolean {
  return !s.includes('\u0000') && !LONE_SURROGATE.test(s)
}

/** True when `value` is JSON that jsonb stores unchanged (finite numbers, storable strings). */
export function storable(value: unknown): boolean {
  if (value === null || typeof value === 'boolean') return true
  if (typeof value === 'number') return Number.isFinite(value)
  if (typeof value === 'string') return storableString(value)
  if (Array.isArray(value)) return value.every(storable)
  if (typeof value !== 'object') return false
  for (const [k, v] of Object.entries(value)) if (!storableString(k) || !storable(v)) return false
  return true
}

/** Scalars in the engine's type order; jsonb orders them alike within each type. */
export function isScalar(value: unknown): value is null | boolean | number | string {
  return value === null || typeof value !== 'object'
}

/**
 * Types in the engine's cross-type order (null < boolean < … < map): `jsonb_typeof` names, and
 * 'reference', stored as an object (`{ "__ref__": path }`) that `jsonb_typeof` calls 'object'.
 * SQL takes a reference for a map where it cannot tell them apart, which keeps its conditions
 * supersets; in ORDER BY both rank as 'object', after every scalar, as in the engine.
 */
export const TYPE_ORDER = [
  'null',
  'boolean',
  'number',
  'string',
  'reference',
  'array',
  'object',
] as const

/** The type of a value, as {@link TYPE_ORDER} names it. */
export function jsonType(value: unknown): (typeof TYPE_ORDER)[number] {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (isRefValue(value)) return 'reference'
  return typeof value as 'boolean' | 'number' | 'string' | 'object'
}

/** The `jsonb_typeof` name of a {@link TYPE_ORDER} type. */
function jsonbName(type: (typeof TYPE_ORDER)[number]): string {
  return type === 'reference' ? 'object' : type
}

/** A document field as SQL. */
export type SqlField =
  | { readonly kind: 'id' }
  | {
      readonly kind: 'data'
      /** The value as jsonb; SQL NULL when missing. */
      readonly json: string
      /** The value as text (a string's characters). */
      readonly text: string
      /** What must hold for `json` to be the engine's value (see {@link sqlField}); or 'true'. */
      readonly guard: string
    }

/**
 * A field path as SQL, or `undefined` when SQL cannot name it (a segment jsonb cannot store).
 *
 * `data #> path` also steps into arrays where a segment reads as an integer (`'0'`, `' +1'`),
 * while the engine reads fields only through maps; the guard requires each container stepped
 * into with such a segment to be an object, so the SQL value is exactly the engine's value.
 */
export function sqlField(params: SqlParams, field: string): SqlField | undefined {
  if (field === DOCUMENT_ID) return { kind: 'id' }
  const segments = parseFieldPath('query', field)
  if (!segments.every(storableString)) return undefined
  const path = params.path(segments)
  const guards: string[] = []
  for (let i = 1; i < segments.length; i++) {
    if (/[0-9]/.test(segments[i] as string)) {
      guards.push(`jsonb_typeof(data #> ${params.path(segments.slice(0, i))}) = 'object'`)
    }
  }
  return {
    kind: 'data',
    json: `(data #> ${path})`,
    text: `(data #>> ${path})`,
    guard: guards.length === 0 ? 'true' : guards.join(' and '),
  }
}

/** ANDs conditions, dropping `true`s. */
export function and(parts: readonly string[]): string {
  const kept = parts.filter((p) => p !== 'true')
  if (kept.includes('false')) return 'false'
  return kept.length === 0 ? 'true' : kept.length === 1 ? kept[0]! : `(${kept.join(' and ')})`
}

/** ORs conditions, dropping `false`s. */
export function or(parts: readonly string[]): string {
  const kept = parts.filter((p) => p !== 'false')
  if (kept.includes('true')) return 'true'
  return kept.length === 0 ? 'false' : kept.length === 1 ? kept[0]! : `(${kept.join(' or ')})`
}

/** `jsonb_typeof(x) in (…)` for the types of the given ranks. */
export function typeIn(x: string, ranks: readonly number[]): string {
  const names = [...new Set(ranks.map((r) => jsonbName(TYPE_ORDER[r]!)))]
  if (names.length === 0) return 'false'
  if (names.length === TYPE_ORDER.length - 1) return `${x} is not null`
  return `jsonb_typeof(${x}) in (${names.map((n) => `'${n}'`).join(', ')})`
}

type RangeOp = '<' | '<=' | '>' | '>='

/**
 * `x op value` within the value's type (the engine's range filters and cursor comparisons).
 * Exact for scalars: numbers compare as jsonb numerics (the shortest decimals of two doubles
 * order as the doubles do), strings as UTF-8 bytes (`collate "C"`), which is code-point order.
 * For arrays and maps it keeps every value of the type (a superset).
 */
export function sameTypeCompare(
  params: SqlParams,
  field: Extract<SqlField, { kind: 'data' }>,
  op: RangeOp,
  value: unknown,
): string {
  const type = jsonType(value)
  const x = field.json
  if (!storable(value)) return `jsonb_typeof(${x}) = '${jsonbName(type)}'`
  switch (type) {
    case 'null':
      return op === '<=' || op === '>=' ? `${x} = 'null'::jsonb` : 'false'
    case 'boolean':
    case 'number':
      return `(jsonb_typeof(${x}) = '${type}' and ${x} ${op} ${params.json(value)})`
    case 'string':
      return `(jsonb_typeof(${x}) = 'string' and ${field.text} collate "C" ${op} ${params.text(value as string)})`
    default:
      return `jsonb_typeof(${x}) = '${jsonbName(type)}'`
  }
}

/** A document-id filter: ids are strings, compared as UTF-8 bytes like the engine does. */
function idLeaf(params: SqlParams, f: FieldFilter): string {
  const v = f.value
  const isId = (x: unknown): x is string => typeof x === 'string' && storableString(x)
  switch (f.op) {
    case '==':
      return isId(v) ? `id = ${params.text(v)}` : 'true'
    case '!=':
      return isId(v) ? `id <> ${params.text(v)}` : 'true'
    case '<':
    case '<=':
    case '>':
    case '>=':
      return isId(v) ? `id collate "C" ${f.op} ${params.text(v)}` : 'true'
    case 'in': {
      const list = v as readonly unknown[]
      if (!list.every(isId)) return 'true'
      return `id in (${list.map((x) => params.text(x)).join(', ')})`
    }
    case 'not-in':
      return and((v as readonly unknown[]).filter(isId).map((x) => `id <> ${params.text(x)}`))
    case 'array-contains':
    case 'array-contains-any':
      return 'false'
  }
}

/** One field filter as SQL: exact for scalar operands, a superset otherwise. */
function leaf(params: SqlParams, f: FieldFilter): string {
  const field = sqlField(params, f.field)
  if (field === undefined) return 'true'
  if (field.kind === 'id') return idLeaf(params, f)
  const x = field.json
  const v = f.value
  // Every operator needs the field to exist: the fallback when a value cannot be sent.
  const exists = `${x} is not null`
  let condition: string
  switch (f.op) {
    case '==':
      // jsonb equality is the engine's: by value for numbers, bytes for strings, deep for
      // arrays and maps (maps regardless of key order).
      condition = storable(v) ? `${x} = ${params.json(v)}` : exists
      break
    case '!=':
      condition = and([`${x} <> 'null'::jsonb`, storable(v) ? `${x} <> ${params.json(v)}` : 'true'])
      break
    case '<':
    case '<=':
    case '>':
    case '>=':
      condition = sameTypeCompare(params, field, f.op, v)
      break
    case 'in': {
      const list = v as readonly unknown[]
      condition = list.every(storable)
        ? `${x} in (${list.map((e) => params.json(e)).join(', ')})`
        : exists
      break
    }
    case 'not-in':
      condition = and([
        `${x} <> 'null'::jsonb`,
        ...(v as readonly unknown[]).filter(storable).map((e) => `${x} <> ${params.json(e)}`),
      ])
      break
    case 'array-contains':
    case 'array-contains-any': {
      // jsonb containment is exact for a scalar element; for an array or map element it also
      // accepts partial matches (`[[1,2]] @> [[1]]`), a superset the engine narrows.
      const list = f.op === 'array-contains' ? [v] : (v as readonly unknown[])
      const isArray = `jsonb_typeof(${x}) = 'array'`
      condition = list.every(storable)
        ? and([isArray, or(list.map((e) => `${x} @> ${params.json([e])}`))])
        : isArray
      break
    }
  }
  return and([field.guard, condition])
}

/**
 * A filter tree as a SQL condition on `metal_docs` that holds for every document the filter
 * matches (and, for scalar operands, only for those).
 */
export function filterSql(params: SqlParams, filter: Filter): string {
  if (filter.type === 'where') return leaf(params, filter)
  const parts = filter.filters.map((f) => filterSql(params, f))
  // The engine matches everything with an empty OR, as with an empty AND.
  if (parts.length === 0) return 'true'
  return filter.type === 'and' ? and(parts) : or(parts)
}
