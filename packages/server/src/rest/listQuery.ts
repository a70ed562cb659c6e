import { MetalError } from '@metal/core'
import {
  describe,
  encodeValue,
  getDocField,
  parseFieldPath,
  type Json,
  type OrderSpec,
  type StoredDoc,
  type WireBound,
  type WireFilter,
  type WireQuerySpec,
} from '@metal/core/engine'

// The query parameters of `GET …/docs` turned into the query the WebSocket clients send (a
// WireQuerySpec, then checked by the same decoder), and the page tokens that continue a list.
// This module only shapes parameters; every check of fields, operators and values is the
// engine's.

/** Page size when `limit` is not given. */
export const DEFAULT_PAGE_SIZE = 100

/** Largest `limit` a list takes. */
export const MAX_PAGE_SIZE = 1000

const CALL = 'list documents'

/** Query parameters each route takes (`key` is the API key, taken everywhere). */
export const LIST_PARAMS = [
  'where',
  'orderBy',
  'limit',
  'offset',
  'startAt',
  'startAfter',
  'endAt',
  'endBefore',
  'pageToken',
  'key',
] as const

function bad(detail: string): MetalError {
  return new MetalError('invalid-argument', `${CALL}: ${detail}`)
}

const shown = describe

function parseJson(name: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw bad(`query parameter '${name}' must be JSON, got ${shown(text)}`)
  }
}

function single(params: Map<string, string[]>, name: string): string | undefined {
  const values = params.get(name)
  if (values === undefined) return undefined
  if (values.length > 1) throw bad(`query parameter '${name}' is given ${values.length} times`)
  return values[0]
}

function count(
  params: Map<string, string[]>,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const text = single(params, name)
  if (text === undefined) return undefined
  const n = /^\d{1,16}$/.test(text) ? Number(text) : NaN
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw bad(`'${name}' must be an integer from ${min} to ${max}, got ${shown(text)}`)
  }
  return n
}

function whereFilter(text: string): WireFilter {
  const parsed = parseJson('where', text)
  if (!Array.isArray(parsed) || parsed.length !== 3) {
    throw bad(`'where' must be a JSON array [field, op, value], got ${shown(text)}`)
  }
  const [field, op, value] = parsed as unknown[]
  // Shaped only: the engine's decoder checks the field, the operator and the value.
  return { type: 'where', field, op, value } as unknown as WireFilter
}

function orderBy(text: string): WireQuerySpec['orderBy'][number] {
  const colon = text.lastIndexOf(':')
  const suffix = colon < 0 ? '' : text.slice(colon + 1)
  if (suffix === 'asc' || suffix === 'desc')
    return { field: text.slice(0, colon), direction: suffix }
  return { field: text, direction: 'asc' }
}

function cursor(name: string, text: string, inclusive: boolean): WireBound {
  const values = parseJson(name, text)
  if (!Array.isArray(values))
    throw bad(`'${name}' must be a JSON array of values, got ${shown(text)}`)
  return { values: values as Json[], inclusive }
}

/**
 * The query a list's parameters ask for, in wire form (the engine decodes and checks it), and
 * its page size. Unknown parameters are the caller's to refuse.
 */
export function listQuery(
  collection: string,
  params: Map<string, string[]>,
): { query: WireQuerySpec; pageSize: number } {
  const filters = (params.get('where') ?? []).map(whereFilter)
  const order = (params.get('orderBy') ?? []).map(orderBy)
  const pageSize = count(params, 'limit', 1, MAX_PAGE_SIZE) ?? DEFAULT_PAGE_SIZE
  const offset = count(params, 'offset', 0, Number.MAX_SAFE_INTEGER)
  const query: WireQuerySpec = { collection, orderBy: order, limit: pageSize }
  if (filters.length === 1) query.filter = filters[0]
  else if (filters.length > 1) query.filter = { type: 'and', filters }
  if (offset !== undefined) query.offset = offset

  const starts = (['startAt', 'startAfter'] as const).filter((n) => params.has(n))
  const ends = (['endAt', 'endBefore'] as const).filter((n) => params.has(n))
  const token = single(params, 'pageToken')
  if (starts.length + (token === undefined ? 0 : 1) > 1) {
    throw bad(`give at most one of 'startAt', 'startAfter' and 'pageToken'`)
  }
  if (ends.length > 1) throw bad(`give at most one of 'endAt' and 'endBefore'`)
  if (token !== undefined && offset !== undefined) {
    throw bad(`'offset' applies to the first page only; do not give it with 'pageToken'`)
  }
  const start = starts[0]
  if (start !== undefined) {
    query.startAt = cursor(start, single(params, start) as string, start === 'startAt')
  }
  const end = ends[0]
  if (end !== undefined) query.endAt = cursor(end, single(params, end) as string, end === 'endAt')
  if (token !== undefined) query.startAt = decodePageToken(token)
  return { query, pageSize }
}

/**
 * The token of the page after `last`: the cursor just past it (its values of the orderBy fields
 * and its id), base64url JSON. It is decoded as a cursor like any other, so a forged one can
 * only name another position.
 */
export function pageToken(order: readonly OrderSpec[], last: StoredDoc): string {
  const values = order.map((o) =>
    encodeValue(getDocField(last.id, last.data, parseFieldPath(CALL, o.field))),
  )
  return Buffer.from(JSON.stringify({ v: values, id: last.id }), 'utf8').toString('base64url')
}

function decodePageToken(token: string): WireBound {
  let parsed: unknown
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(token)) throw new Error('not base64url')
    const text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(token, 'base64url'))
    parsed = JSON.parse(text) as unknown
  } catch {
    parsed = undefined
  }
  const t = parsed as { v?: unknown; id?: unknown } | undefined
  if (
    typeof t !== 'object' ||
    t === null ||
    Array.isArray(t) ||
    Object.keys(t).some((k) => k !== 'v' && k !== 'id') ||
    !Array.isArray(t.v) ||
    typeof t.id !== 'string'
  ) {
    throw bad(`'pageToken' is not a token this API gave, got ${shown(token)}`)
  }
  return { values: t.v as Json[], id: t.id, inclusive: false }
}
