import { describe, invalidArgument } from '../errors.js'
import { FieldValue, type FieldValueKind } from './fieldValues.js'
import { checkDepth, fieldLabel, isPlainObject } from './documentValues.js'
import type { Filter } from './filter.js'
import type { BoundSpec, OrderSpec, QuerySpec } from './querySpec.js'
import type { DocumentData, WhereFilterOp } from './types.js'
import type { Precondition, Write } from './write.js'

// The JSON form of documents, writes and queries. Values are JSON except for one tagged shape:
// an object with an own `$metal` key. `{ $metal: kind, operand? }` is a field-value sentinel
// (what FieldValue.toJSON gives); `{ $metal: 'map', value: {...} }` is a user map whose keys are
// taken literally, which is how a map that has a `$metal` key of its own travels. Field paths
// travel dotted ('a.b'): a parsed path's segments never contain a dot.
//
// Encoding trusts its input (checked values); decoding trusts nothing, and its result still has
// to pass the builders' checks (engine/wireDecode.ts does both).

/** The key that marks a tagged value on the wire. */
export const TAG = '$metal'

/** A JSON value (what `JSON.parse` returns). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** A filter on the wire: a {@link Filter} with encoded values. */
export type WireFilter =
  | { type: 'where'; field: string; op: WhereFilterOp; value: Json }
  | { type: 'or' | 'and'; filters: WireFilter[] }

/** A cursor on the wire. */
export interface WireBound {
  values: Json[]
  id?: string
  inclusive: boolean
}

/** A {@link QuerySpec} on the wire. */
export interface WireQuerySpec {
  collection: string
  group?: true
  filter?: WireFilter
  orderBy: { field: string; direction: 'asc' | 'desc' }[]
  limit?: number
  limitType?: 'first' | 'last'
  offset?: number
  startAt?: WireBound
  endAt?: WireBound
}

/** A {@link Write} on the wire: merge and update paths dotted, values encoded. */
export type WireWrite = { collection: string; id: string; precondition?: Precondition } & (
  | { op: 'set'; data: { [key: string]: Json }; merge?: true | string[] }
  | { op: 'update'; fields: [field: string, value: Json][] }
  | { op: 'delete' }
)

// ─── Encoding ───────────────────────────────────────────────────────────────────────────────────

/** The wire form of a checked value: sentinels tagged, maps with a `$metal` key escaped. */
export function encodeValue(value: unknown): Json {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw invalidArgument('encode', `${value} has no JSON form`)
    return value
  }
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return value
  if (value instanceof FieldValue) {
    const out: { [key: string]: Json } = { [TAG]: value.kind }
    if (value.operand !== undefined) out.operand = encodeValue(value.operand)
    return out
  }
  if (Array.isArray(value)) return value.map(encodeValue)
  if (typeof value === 'object' && isPlainObject(value)) {
    const map = value as Record<string, unknown>
    const out: { [key: string]: Json } = {}
    for (const key of Object.keys(map)) out[key] = encodeValue(map[key])
    return Object.prototype.hasOwnProperty.call(map, TAG) ? { [TAG]: 'map', value: out } : out
  }
  throw invalidArgument('encode', `${describe(value)} has no JSON form`)
}

/** The wire form of document data (which may hold sentinels, as in a set write). */
export function encodeDocument(data: DocumentData): { [key: string]: Json } {
  return encodeValue(data) as { [key: string]: Json }
}

/** The wire form of a write. */
export function encodeWrite(write: Write): WireWrite {
  const base = {
    collection: write.collection,
    id: write.id,
    ...(write.precondition ? { precondition: { ...write.precondition } } : {}),
  }
  switch (write.op) {
    case 'set': {
      const data = encodeDocument(write.data)
      if (write.merge === undefined) return { ...base, op: 'set', data }
      const merge = write.merge === true ? true : write.merge.map((path) => path.join('.'))
      return { ...base, op: 'set', data, merge }
    }
    case 'update':
      return {
        ...base,
        op: 'update',
        fields: write.fields.map(([path, value]) => [path.join('.'), encodeValue(value)]),
      }
    case 'delete':
      return { ...base, op: 'delete' }
  }
}

/** The wire form of a filter tree. */
export function encodeFilter(filter: Filter): WireFilter {
  if (filter.type === 'where')
    return { type: 'where', field: filter.field, op: filter.op, value: encodeValue(filter.value) }
  return { type: filter.type, filters: filter.filters.map(encodeFilter) }
}

function encodeBound(bound: BoundSpec): WireBound {
  const out: WireBound = { values: bound.values.map(encodeValue), inclusive: bound.inclusive }
  if (bound.id !== undefined) out.id = bound.id
  return out
}

/** The wire form of a query spec. */
export function encodeQuerySpec(spec: QuerySpec): WireQuerySpec {
  const out: WireQuerySpec = {
    collection: spec.collection,
    orderBy: spec.orderBy.map((o: OrderSpec) => ({ field: o.field, direction: o.direction })),
  }
  if (spec.group) out.group = true
  if (spec.filter) out.filter = encodeFilter(spec.filter)
  if (spec.limit !== undefined) out.limit = spec.limit
  if (spec.limitType !== undefined) out.limitType = spec.limitType
  if (spec.offset !== undefined) out.offset = spec.offset
  if (spec.startAt) out.startAt = encodeBound(spec.startAt)
  if (spec.endAt) out.endAt = encodeBound(spec.endAt)
  return out
}

// ─── Decoding values ────────────────────────────────────────────────────────────────────────────

const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key)

/**
 * Turns a wire value back into an in-memory one: tags become {@link FieldValue}s and escaped
 * maps plain maps (built without a prototype, so no key can reach one). Only the shape is
 * decoded; the result must still pass `cloneDocument`/`cloneFieldValue`/`cloneValueForQuery`,
 * which check everything else. Never descends more than `MAX_DEPTH` levels: `level` is the
 * level a map or array here has (1 for a field's value, 0 for a document).
 */
export function unwrapValue(call: string, value: unknown, path: string, level: number): unknown {
  if (typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) {
    checkDepth(call, level, path)
    const out = new Array<unknown>(value.length)
    for (let i = 0; i < value.length; i++)
      out[i] = unwrapValue(call, value[i], `${path}[${i}]`, level + 1)
    return out
  }
  if (!isPlainObject(value)) return value // the clone names what it is
  if (hasOwn(value, TAG)) return unwrapTagged(call, value as Record<string, unknown>, path, level)
  checkDepth(call, level, path)
  return unwrapMap(call, value as Record<string, unknown>, path, level)
}

function unwrapMap(
  call: string,
  map: Record<string, unknown>,
  path: string,
  level: number,
): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>
  for (const key of Object.keys(map)) {
    out[key] = unwrapValue(call, map[key], path === '' ? key : `${path}.${key}`, level + 1)
  }
  return out
}

const KINDS: ReadonlySet<string> = new Set<FieldValueKind | 'map'>([
  'serverTimestamp',
  'increment',
  'arrayUnion',
  'arrayRemove',
  'delete',
  'map',
])

function unwrapTagged(
  call: string,
  tagged: Record<string, unknown>,
  path: string,
  level: number,
): unknown {
  const kind = tagged[TAG]
  const at = fieldLabel(path)
  if (typeof kind !== 'string' || !KINDS.has(kind)) {
    throw invalidArgument(call, `${at} has an unknown ${TAG} kind ${describe(kind)}`)
  }
  const allowed = kind === 'map' ? 'value' : 'operand'
  for (const key of Object.keys(tagged)) {
    if (key !== TAG && key !== allowed)
      throw invalidArgument(call, `${at}: ${kind} has an unknown key ${describe(key)}`)
  }
  const operand = tagged[allowed]
  switch (kind as FieldValueKind | 'map') {
    case 'map':
      if (
        typeof operand !== 'object' ||
        operand === null ||
        Array.isArray(operand) ||
        !isPlainObject(operand)
      ) {
        throw invalidArgument(call, `${at}: an escaped map's value must be an object`)
      }
      checkDepth(call, level, path)
      return unwrapMap(call, operand as Record<string, unknown>, path, level)
    case 'serverTimestamp':
    case 'delete':
      if (hasOwn(tagged, 'operand'))
        throw invalidArgument(call, `${at}: ${kind} takes no operand, got ${describe(operand)}`)
      return new FieldValue(kind as FieldValueKind)
    case 'increment':
      if (typeof operand !== 'number' || !Number.isFinite(operand)) {
        throw invalidArgument(
          call,
          `${at}: increment amount must be a finite number, got ${describe(operand)}`,
        )
      }
      return new FieldValue('increment', operand)
    case 'arrayUnion':
    case 'arrayRemove': {
      if (!Array.isArray(operand)) {
        throw invalidArgument(
          call,
          `${at}: ${kind} operand must be an array of elements, got ${describe(operand)}`,
        )
      }
      return new FieldValue(kind as FieldValueKind, unwrapValue(call, operand, path, level))
    }
  }
}
