import { describe, invalidArgument } from '../errors.js'
import { unwrapValue } from './codec.js'
import { DOCUMENT_ID, parseFieldPath } from './fieldPath.js'
import { composite, where, type Filter } from './filter.js'
import { checkCount, checkCursorValues, checkOrderBy, checkRunnable } from './queryChecks.js'
import { cloneDocument, cloneValueForQuery, MAX_DEPTH } from './documentValues.js'
import {
  checkCollectionPath,
  checkDocId,
  toDeleteWrite,
  toSetWrite,
  toUpdateWrite,
} from './writeInput.js'
import { own, wireArray, wireObject, within, type WireObject } from './wireShape.js'
import type { BoundSpec, OrderSpec, QuerySpec } from './querySpec.js'
import { checkGroupDocPath, checkGroupId, checkIdOperands } from './collectionGroup.js'
import type { DocumentData, WhereFilterOp } from './types.js'
import type { Precondition, Write } from './write.js'

// Decoders of untrusted wire input (engine/codec.ts gives the format). Each runs the same checks
// as the client's builders (toSetWrite, where(), orderBy()…, through the shared functions), so a
// backend accepts exactly what a client can build, plus the shape checks a hostile sender needs:
// wrong types, unknown fields, nesting, prototype keys. Every failure is an invalid-argument
// MetalError that names the message part, the field and the value.

/**
 * Decodes and checks stored document data (no sentinels): a plain object of storable values,
 * at most `MAX_DEPTH` levels deep and `MAX_DOCUMENT_BYTES` large.
 */
export function decodeDocument(wire: unknown, part = 'document'): DocumentData {
  return cloneDocument(part, unwrapValue(part, wire, '', 0))
}

// ─── Writes ─────────────────────────────────────────────────────────────────────────────────────

const WRITE_FIELDS: Readonly<Record<Write['op'], readonly string[]>> = {
  set: ['op', 'collection', 'id', 'precondition', 'data', 'merge'],
  update: ['op', 'collection', 'id', 'precondition', 'fields'],
  delete: ['op', 'collection', 'id', 'precondition'],
}

/** Decodes and checks one write, as `set()`, `update()` and `delete()` check their arguments. */
export function decodeWrite(wire: unknown, part = 'write'): Write {
  const op = typeof wire === 'object' && wire !== null ? own(wire as WireObject, 'op') : undefined
  if (op !== 'set' && op !== 'update' && op !== 'delete') {
    wireObject(part, wire, 'the write', ['op'])
    throw invalidArgument(part, `'op' must be 'set', 'update' or 'delete', got ${describe(op)}`)
  }
  const w = wireObject(part, wire, `the ${op} write`, WRITE_FIELDS[op])
  return within(part, () => {
    const call = `${op}()`
    const collection = checkCollectionPath(call, own(w, 'collection'))
    const id = checkDocId(call, own(w, 'id'))
    let write: Write
    if (op === 'set') {
      const given = own(w, 'merge')
      const merge = Array.isArray(given) ? wireArray(call, given, "'merge'") : given
      const data = unwrapValue(call, own(w, 'data'), '', 0)
      write = toSetWrite(call, collection, id, data, merge === undefined ? undefined : { merge })
    } else if (op === 'update') {
      write = toUpdateWrite(call, collection, id, updateArgs(call, own(w, 'fields')))
    } else write = toDeleteWrite(collection, id)
    const precondition = own(w, 'precondition')
    return precondition === undefined
      ? write
      : { ...write, precondition: decodePrecondition(call, precondition) }
  })
}

/** `[[field, value], …]` as the `(field, value, field, value…)` arguments `update()` takes. */
function updateArgs(call: string, fields: unknown): unknown[] {
  const pairs = wireArray(call, fields, "'fields'")
  if (pairs.length === 0) throw invalidArgument(call, 'update data must name at least one field')
  const args: unknown[] = []
  pairs.forEach((pair, i) => {
    if (!Array.isArray(pair) || pair.length !== 2) {
      throw invalidArgument(
        call,
        `fields[${i}] must be a [field, value] pair, got ${describe(pair)}`,
      )
    }
    const segments = parseFieldPath(call, pair[0])
    args.push(pair[0], unwrapValue(call, pair[1], pair[0] as string, segments.length))
  })
  return args
}

function decodePrecondition(call: string, wire: unknown): Precondition {
  const p = wireObject(call, wire, "'precondition'", ['exists', 'version'])
  const out: Precondition = {}
  const exists = own(p, 'exists')
  if (exists !== undefined) {
    if (typeof exists !== 'boolean')
      throw invalidArgument(
        call,
        `precondition 'exists' must be a boolean, got ${describe(exists)}`,
      )
    out.exists = exists
  }
  const version = own(p, 'version')
  if (version !== undefined) out.version = checkVersion(call, version, "precondition 'version'")
  return out
}

/** Checks a document version: a non-negative safe integer (0: the document does not exist). */
export function checkVersion(call: string, version: unknown, what: string): number {
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) {
    throw invalidArgument(call, `${what} must be a non-negative integer, got ${describe(version)}`)
  }
  return version
}

// ─── Queries ────────────────────────────────────────────────────────────────────────────────────

const QUERY_FIELDS = [
  'collection',
  'group',
  'filter',
  'orderBy',
  'limit',
  'limitType',
  'offset',
  'startAt',
  'endAt',
] as const

/** Decodes and checks a query spec, as the query builder checks each of its calls. */
export function decodeQuerySpec(wire: unknown, part = 'query'): QuerySpec {
  const q = wireObject(part, wire, 'the query', QUERY_FIELDS)
  return within(part, () => {
    const group = own(q, 'group')
    if (group !== undefined && group !== true) {
      throw invalidArgument('collectionGroup()', `'group' must be true, got ${describe(group)}`)
    }
    const collection =
      group === true
        ? checkGroupId('collectionGroup()', own(q, 'collection'))
        : checkCollectionPath('collection()', own(q, 'collection'))
    const orderBy: OrderSpec[] = wireArray('orderBy()', own(q, 'orderBy'), "'orderBy'").map(
      (o, i) => {
        const order = wireObject('orderBy()', o, `orderBy[${i}]`, ['field', 'direction'])
        return checkOrderBy('orderBy()', own(order, 'field'), own(order, 'direction'))
      },
    )
    const spec: { -readonly [K in keyof QuerySpec]: QuerySpec[K] } = { collection, orderBy }
    if (group === true) spec.group = true
    const filter = own(q, 'filter')
    if (filter !== undefined) {
      spec.filter = decodeFilter(filter, 1)
      checkIdOperands('where()', spec, spec.filter)
    }
    const limit = own(q, 'limit')
    const limitType = own(q, 'limitType')
    if (limit !== undefined) spec.limit = checkCount('limit()', limit, 'limit')
    if (limitType !== undefined) {
      if (limitType !== 'first' && limitType !== 'last') {
        throw invalidArgument(
          'limit()',
          `'limitType' must be 'first' or 'last', got ${describe(limitType)}`,
        )
      }
      if (limit === undefined) throw invalidArgument('limit()', `'limitType' needs a 'limit'`)
      spec.limitType = limitType
    }
    const offset = own(q, 'offset')
    if (offset !== undefined) spec.offset = checkCount('offset()', offset, 'offset')
    const startAt = own(q, 'startAt')
    const groupId = group === true ? collection : undefined
    if (startAt !== undefined) spec.startAt = decodeBound(startAt, 'start', orderBy, groupId)
    const endAt = own(q, 'endAt')
    if (endAt !== undefined) spec.endAt = decodeBound(endAt, 'end', orderBy, groupId)
    checkRunnable('limitToLast()', spec)
    return spec
  })
}

/** Decodes a filter tree; `depth` is this filter's nesting level (1: the query's filter). */
function decodeFilter(wire: unknown, depth: number): Filter {
  const type =
    typeof wire === 'object' && wire !== null ? own(wire as WireObject, 'type') : undefined
  if (type === 'where') {
    const f = wireObject('where()', wire, 'a filter', ['type', 'field', 'op', 'value'])
    const field = own(f, 'field')
    const path = typeof field === 'string' ? field : ''
    const value = unwrapValue('where()', own(f, 'value'), path, 1)
    return where(field as string, own(f, 'op') as WhereFilterOp, value)
  }
  if (type === 'or' || type === 'and') {
    const call = `${type}()`
    if (depth > MAX_DEPTH) {
      throw invalidArgument(call, `filters nest at most ${MAX_DEPTH} levels deep`)
    }
    const f = wireObject(call, wire, 'a filter', ['type', 'filters'])
    const parts = wireArray(call, own(f, 'filters'), "'filters'")
    return composite(
      type,
      parts.map((p, i) => within(`${type}[${i}]`, () => decodeFilter(p, depth + 1))),
    )
  }
  wireObject('filter', wire, 'a filter', ['type'])
  throw invalidArgument('filter', `'type' must be 'where', 'or' or 'and', got ${describe(type)}`)
}

/**
 * Decodes a cursor. Given by values, it has one to orderBy-many values; taken from a snapshot it
 * has a value for every orderBy field and the snapshot's id.
 */
function decodeBound(
  wire: unknown,
  end: 'start' | 'end',
  order: readonly OrderSpec[],
  groupId?: string,
): BoundSpec {
  const b = wireObject(`${end}At()`, wire, `'${end}At'`, ['values', 'id', 'inclusive'])
  const inclusive = own(b, 'inclusive')
  if (typeof inclusive !== 'boolean') {
    throw invalidArgument(`${end}At()`, `'inclusive' must be a boolean, got ${describe(inclusive)}`)
  }
  const call = inclusive ? `${end}At()` : end === 'start' ? 'startAfter()' : 'endBefore()'
  const raw = wireArray(call, own(b, 'values'), "'values'")
  const values = raw.map((v, i) => unwrapValue(call, v, order[i]?.field ?? `[${i}]`, 1))
  const id = own(b, 'id')
  if (id === undefined) return { values: checkCursorValues(call, order, values), inclusive }
  // A collection group's cursor breaks ties by the document's full path.
  if (groupId === undefined) checkDocId(call, id)
  else if (typeof id !== 'string') checkDocId(call, id)
  else checkGroupDocPath(call, groupId, id)
  if (values.length !== order.length) {
    throw invalidArgument(
      call,
      `a cursor with a document id needs a value for each of the ${order.length} orderBy field(s), got ${values.length}`,
    )
  }
  return {
    values: values.map((v, i) => {
      const field = (order[i] as OrderSpec).field
      if (field === DOCUMENT_ID && v !== id) {
        throw invalidArgument(
          call,
          `cursor value for documentId() must be the cursor's id ${describe(id)}, got ${describe(v)}`,
        )
      }
      return cloneValueForQuery(call, v, field)
    }),
    id: id as string,
    inclusive,
  }
}
