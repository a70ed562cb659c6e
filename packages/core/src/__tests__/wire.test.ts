import { afterEach, describe, expect, it } from 'vitest'
import { MAX_DOCUMENT_BYTES, Metal, MetalError, increment } from '../index.js'
import {
  MAX_DEPTH,
  decodeDocument,
  decodeQuerySpec,
  decodeWrite,
  encodeQuerySpec,
  encodeWrite,
  toSetWrite,
  type Write,
} from '../engine/index.js'
import {
  MAX_REQUEST_ID_BYTES,
  MAX_TOKEN_BYTES,
  decodeRequest,
  encodeRequest,
  type BackendRequest,
} from '../protocol/index.js'
import { seededRandom } from '../testing/random.js'

// Decoding untrusted wire input: every bad input is an invalid-argument MetalError naming the
// message part, the field and the value; nothing else is ever thrown, whatever comes in.

function errorOf(fn: () => unknown): unknown {
  try {
    fn()
  } catch (e) {
    return e
  }
  return undefined
}

function expectInvalid(fn: () => unknown, ...parts: string[]): void {
  const error = errorOf(fn)
  expect(error).toBeInstanceOf(MetalError)
  expect((error as MetalError).code).toBe('invalid-argument')
  for (const part of parts) expect((error as MetalError).message).toContain(part)
}

const viaJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown

/** `levels` arrays (or maps) nested around 1, built without recursion. */
/** `levels` of maps, or of arrays and maps in turn (an array never directly holds an array). */
function nested(levels: number, kind: 'array' | 'map'): unknown {
  let value: unknown = 1
  for (let i = levels - 1; i >= 0; i--)
    value = kind === 'array' && i % 2 === 0 ? [value] : { k: value }
  return value
}

const okQuery = { collection: 'users', orderBy: [] }
const setOf = (data: unknown) => ({ op: 'set', collection: 'users', id: 'u1', data })

// ─── Documents ──────────────────────────────────────────────────────────────────────────────────

describe('decodeDocument', () => {
  const bad: [string, unknown, string][] = [
    ['a number', 5, 'document data must be a plain object, got 5'],
    ['an array', [1], 'got array(1)'],
    ['null', null, 'got null'],
    ['a class instance', new Date(0), 'instance of Date'],
    ['a nested class instance', { d: new Map() }, "field 'd' is an instance of Map"],
    ['undefined', { u: undefined }, "field 'u' is undefined"],
    ['a function', { f: () => 1 }, "field 'f' is a function"],
    ['a bigint', { b: 1n }, "field 'b' is a bigint"],
    ['NaN', { n: NaN }, "field 'n' is NaN; only finite numbers"],
    ['Infinity', { n: -Infinity }, "field 'n' is -Infinity"],
    ['an empty key', { a: { '': 1 } }, "field 'a' has an empty key"],
    ['a reserved name', { a: { __x__: 1 } }, "field 'a.__x__' uses the reserved name '__x__'"],
  ]
  for (const [name, value, message] of bad) {
    it(`refuses ${name}`, () => expectInvalid(() => decodeDocument(value), 'document: ', message))
  }

  it(`accepts ${MAX_DEPTH} levels of maps and arrays and refuses ${MAX_DEPTH + 1}`, () => {
    expect(decodeDocument({ a: nested(MAX_DEPTH - 1, 'map') })).toBeTruthy()
    expect(decodeDocument({ a: nested(MAX_DEPTH, 'array') })).toBeTruthy()
    expectInvalid(
      () => decodeDocument({ a: nested(MAX_DEPTH + 1, 'array') }),
      "field 'a[0].k[0]",
      `is nested ${MAX_DEPTH + 1} levels deep`,
    )
    expectInvalid(
      () => decodeDocument({ a: nested(MAX_DEPTH + 1, 'map') }),
      'nested 21 levels deep',
    )
  })

  it('refuses 100,000 levels of nesting without overflowing the stack', () => {
    const deepJson = `{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`
    expectInvalid(() => decodeDocument(JSON.parse(deepJson)), 'nested 21 levels deep')
    expectInvalid(() => decodeDocument({ a: nested(100_000, 'map') }), 'nested 21 levels deep')
  })

  it('refuses __proto__ keys and pollutes nothing', () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "a": {"__proto__": 1}}')
    expectInvalid(() => decodeDocument(hostile), "uses the reserved name '__proto__'")
    expectInvalid(
      () =>
        decodeDocument(JSON.parse('{"a": {"$metal": "map", "value": {"__proto__": {"x": 1}}}}')),
      "field 'a.__proto__'",
    )
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('keeps constructor and prototype keys as own data', () => {
    const doc = decodeDocument(JSON.parse('{"constructor": {"prototype": {"x": 1}}}'))
    expect(Object.keys(doc)).toEqual(['constructor'])
    expect(doc.constructor.prototype).toEqual({ x: 1 })
    expect(Object.getPrototypeOf(doc)).toBe(Object.prototype)
  })

  it(`refuses documents over ${MAX_DOCUMENT_BYTES} bytes, huge strings and arrays included`, () => {
    expectInvalid(
      () => decodeDocument({ s: 'x'.repeat(MAX_DOCUMENT_BYTES) }),
      'the limit is 1048576 bytes',
    )
    expectInvalid(
      () => decodeDocument({ list: new Array<number>(200_000).fill(1) }),
      'the limit is 1048576 bytes',
    )
  })
})

// ─── Writes ─────────────────────────────────────────────────────────────────────────────────────

describe('decodeWrite', () => {
  const update = (fields: unknown) => ({ op: 'update', collection: 'users', id: 'u1', fields })
  const bad: [string, unknown, string[]][] = [
    ['a non-object', 'set', ['write: the write must be an object']],
    ['an unknown op', { op: 'upsert' }, ["'op' must be 'set', 'update' or 'delete', got 'upsert'"]],
    [
      'an unknown field',
      { ...setOf({}), extra: 1 },
      ["the set write has an unknown field 'extra'"],
    ],
    [
      'a field of another op',
      { op: 'delete', collection: 'c', id: 'd', data: {} },
      ["unknown field 'data'"],
    ],
    [
      'a document path as collection',
      { ...setOf({}), collection: 'a/b' },
      ['set(): ', 'even number of segments'],
    ],
    [
      'a missing collection',
      { op: 'delete', id: 'd' },
      ['collection path must be a non-empty string, got undefined'],
    ],
    ['an id with a slash', { ...setOf({}), id: 'a/b' }, ["document id 'a/b' contains '/'"]],
    ['a reserved id', { ...setOf({}), id: '__x__' }, ['is reserved']],
    ['a numeric id', { ...setOf({}), id: 7 }, ['document id must be a non-empty string, got 7']],
    ['set data that is an array', setOf([1]), ['set(): document data must be a plain object']],
    [
      'deleteField in a plain set',
      setOf({ a: { $metal: 'delete' } }),
      ['deleteField() can only be used in update() or set() with merge'],
    ],
    [
      'a merge that is a string',
      { ...setOf({ a: 1 }), merge: 'a' },
      ["option 'merge' must be a boolean or an array"],
    ],
    [
      'a merge path with an empty segment',
      { ...setOf({ a: 1 }), merge: ['a..b'] },
      ["field path 'a..b' has an empty segment"],
    ],
    [
      'a merge path not in the data',
      { ...setOf({ a: 1 }), merge: ['b'] },
      ["merge field 'b' is not in the data"],
    ],
    [
      'a merge path that is a number',
      { ...setOf({ a: 1 }), merge: [1] },
      ['field path must be a string, got 1'],
    ],
    ['an update of no fields', update([]), ['update(): update data must name at least one field']],
    ['update fields that are an object', update({ a: 1 }), ["'fields' must be an array"]],
    ['an update pair of one', update([['a']]), ['fields[0] must be a [field, value] pair']],
    ['an update field that is a number', update([[1, 2]]), ['field path must be a string, got 1']],
    [
      'overlapping update fields',
      update([
        ['a', 1],
        ['a.b', 2],
      ]),
      ["field 'a.b' overlaps field 'a'"],
    ],
    [
      'a nested deleteField in an update',
      update([['a', { b: { $metal: 'delete' } }]]),
      ["deleteField() can only be a field's whole value"],
    ],
    [
      'an update value nested too deep',
      update([['a.b', nested(MAX_DEPTH, 'array')]]),
      ["field 'a.b", 'nested 21 levels deep'],
    ],
    [
      'a precondition that is not an object',
      { ...setOf({}), precondition: true },
      ["'precondition' must be an object"],
    ],
    [
      'an unknown precondition field',
      { ...setOf({}), precondition: { updateTime: 1 } },
      ["'precondition' has an unknown field 'updateTime'"],
    ],
    [
      'a string exists',
      { ...setOf({}), precondition: { exists: 'yes' } },
      ["precondition 'exists' must be a boolean, got 'yes'"],
    ],
    [
      'a fractional version',
      { ...setOf({}), precondition: { version: 1.5 } },
      ["precondition 'version' must be a non-negative integer, got 1.5"],
    ],
    ['a negative version', { ...setOf({}), precondition: { version: -1 } }, ['got -1']],
  ]
  for (const [name, wire, parts] of bad) {
    it(`refuses ${name}`, () => expectInvalid(() => decodeWrite(wire), 'write: ', ...parts))
  }

  it('accepts a write exactly when set() accepts the same data', () => {
    for (const data of [
      { a: 1 },
      { a: { b: [1, 2] } },
      { 'a.b': 1 },
      { a: nested(MAX_DEPTH, 'map') },
    ]) {
      const local = errorOf(() => toSetWrite('set()', 'users', 'u1', data, undefined))
      const wire = errorOf(() => decodeWrite(setOf(data)))
      expect((wire as Error | undefined)?.message).toBe(
        local === undefined ? undefined : `write: ${(local as Error).message}`,
      )
    }
  })
})

// ─── Queries ────────────────────────────────────────────────────────────────────────────────────

describe('decodeQuerySpec', () => {
  const filtered = (filter: unknown) => ({ ...okQuery, filter })
  const w = (field: unknown, op: unknown, value: unknown) => ({ type: 'where', field, op, value })
  const ordered = (extra: object) => ({
    ...okQuery,
    orderBy: [{ field: 'age', direction: 'asc' }],
    ...extra,
  })

  it('names the part, the call, the field and the value', () => {
    expect(errorOf(() => decodeQuerySpec(filtered(w('age', '=>', 1))))).toEqual(
      new MetalError('invalid-argument', "query: where(): unknown operator '=>' on field 'age'"),
    )
  })

  const bad: [string, unknown, string][] = [
    ['a non-object', [], 'query: the query must be an object, got array(0)'],
    ['an unknown field', { ...okQuery, select: ['a'] }, "the query has an unknown field 'select'"],
    ['a document path', { ...okQuery, collection: 'users/u1' }, 'collection(): collection path'],
    ['a missing orderBy', { collection: 'users' }, "'orderBy' must be an array, got undefined"],
    [
      'an orderBy of a string',
      { ...okQuery, orderBy: ['age'] },
      "orderBy[0] must be an object, got 'age'",
    ],
    [
      'a bad direction',
      { ...okQuery, orderBy: [{ field: 'age', direction: 'up' }] },
      "direction for field 'age' must be 'asc' or 'desc', got 'up'",
    ],
    [
      'a bad orderBy path',
      { ...okQuery, orderBy: [{ field: '.a', direction: 'asc' }] },
      "field path '.a' has an empty segment",
    ],
    [
      'a field path over 1500 bytes',
      { ...okQuery, orderBy: [{ field: 'a'.repeat(1501), direction: 'asc' }] },
      'is longer than 1500 bytes',
    ],
    [
      'a fractional limit',
      { ...okQuery, limit: 1.5 },
      'limit(): limit must be a non-negative integer, got 1.5',
    ],
    ['a string limit', { ...okQuery, limit: '10' }, "got '10'"],
    [
      'a negative offset',
      { ...okQuery, offset: -1 },
      'offset(): offset must be a non-negative integer, got -1',
    ],
    [
      'an unknown limitType',
      { ...okQuery, limit: 1, limitType: 'middle' },
      "'limitType' must be 'first' or 'last', got 'middle'",
    ],
    [
      'a limitType without a limit',
      { ...okQuery, limitType: 'last' },
      "'limitType' needs a 'limit'",
    ],
    [
      'limitToLast without orderBy',
      { ...okQuery, limit: 1, limitType: 'last' },
      'limitToLast() needs an orderBy() clause',
    ],
    [
      'an unknown filter type',
      filtered({ type: 'not' }),
      "filter: 'type' must be 'where', 'or' or 'and', got 'not'",
    ],
    [
      'a filter with an unknown field',
      filtered({ ...w('a', '==', 1), hint: 1 }),
      "a filter has an unknown field 'hint'",
    ],
    [
      'a filter on a non-string field',
      filtered(w(3, '==', 1)),
      'where(): field path must be a string, got 3',
    ],
    [
      'in with 31 values',
      filtered(w('a', 'in', new Array(31).fill(1))),
      "value for 'in' on field 'a' has 31 elements; at most 30",
    ],
    [
      'not-in with 11 values',
      filtered(w('a', 'not-in', new Array(11).fill(1))),
      'has 11 elements; at most 10',
    ],
    ['in with no values', filtered(w('a', 'in', [])), 'must not be an empty array'],
    ['in with a non-array', filtered(w('a', 'array-contains-any', 1)), 'must be an array, got 1'],
    ['null with <', filtered(w('a', '<', null)), "null for '<' on field 'a' is not comparable"],
    [
      'a missing value',
      filtered({ type: 'where', field: 'a', op: '==' }),
      "value for '==' on field 'a' is undefined",
    ],
    [
      'array-contains on documentId()',
      filtered(w('__name__', 'array-contains', 'x')),
      'cannot be used on documentId()',
    ],
    [
      'a documentId() value with a slash',
      filtered(w('__name__', '==', 'a/b')),
      "takes document ids (non-empty strings without '/'), got 'a/b'",
    ],
    [
      'a sentinel as a filter value',
      filtered(w('a', '==', { $metal: 'serverTimestamp' })),
      'serverTimestamp() is not allowed here',
    ],
    [
      'a filter value over 1 MiB',
      filtered(w('a', '==', 'x'.repeat(MAX_DOCUMENT_BYTES))),
      "value for field 'a' is 1048577 bytes",
    ],
    [
      'a composite of a non-array',
      filtered({ type: 'or', filters: {} }),
      "or(): 'filters' must be an array",
    ],
    [
      'a bad filter inside a composite',
      filtered({ type: 'and', filters: [w('a', '==', 1), w('b', '~', 1)] }),
      "query: and[1]: where(): unknown operator '~' on field 'b'",
    ],
    [
      'cursor values without orderBy',
      { ...okQuery, startAt: { values: [1], inclusive: true } },
      'startAt(): got 1 cursor value(s) but the query orders by 0 fields',
    ],
    [
      'too many cursor values',
      ordered({ endAt: { values: [1, 2], inclusive: false } }),
      'endBefore(): got 2 cursor value(s)',
    ],
    [
      'a cursor without values',
      ordered({ startAt: { values: [], inclusive: true } }),
      'needs a document snapshot or at least one value',
    ],
    [
      'a cursor without inclusive',
      ordered({ startAt: { values: [1] } }),
      "'inclusive' must be a boolean, got undefined",
    ],
    [
      'a cursor with an unknown field',
      ordered({ startAt: { values: [1], inclusive: true, before: 1 } }),
      "'startAt' has an unknown field 'before'",
    ],
    [
      'a cursor id with too few values',
      ordered({ startAt: { values: [], id: 'u1', inclusive: true } }),
      'needs a value for each of the 1 field(s) the query orders by, got 0',
    ],
    [
      'a cursor with a bad id',
      ordered({ startAt: { values: [1], id: '', inclusive: true } }),
      'document id must be a non-empty string',
    ],
    [
      'a documentId() cursor value that is a number',
      {
        ...okQuery,
        orderBy: [{ field: '__name__', direction: 'asc' }],
        startAt: { values: [5], inclusive: true },
      },
      'cursor value for documentId() must be a document id string, got 5',
    ],
  ]
  for (const [name, wire, message] of bad) {
    it(`refuses ${name}`, () => expectInvalid(() => decodeQuerySpec(wire), 'query: ', message))
  }

  it(`refuses composite filters nested over ${MAX_DEPTH} levels, however deep`, () => {
    const nest = (levels: number): unknown => {
      let f: unknown = w('a', '==', 1)
      for (let i = 0; i < levels; i++) f = { type: 'and', filters: [f] }
      return f
    }
    expect(decodeQuerySpec(filtered(nest(MAX_DEPTH)))).toBeTruthy()
    expectInvalid(
      () => decodeQuerySpec(filtered(nest(MAX_DEPTH + 1))),
      'filters nest at most 20 levels',
    )
    expectInvalid(() => decodeQuerySpec(filtered(nest(100_000))), 'filters nest at most 20 levels')
  })
})

// ─── Requests ───────────────────────────────────────────────────────────────────────────────────

describe('decodeRequest', () => {
  let metal: Metal | undefined
  afterEach(() => {
    metal?.close()
    metal = undefined
  })

  function sampleRequests(): BackendRequest[] {
    metal = new Metal({ apiKey: 'k', projectId: 'wire' })
    const query = metal.db().collection('users').where('age', '>', 3).orderBy('age').limit(2).spec
    const write: Write = toSetWrite(
      'set()',
      'users',
      'u1',
      { n: increment(1), $metal: 1 },
      { merge: true },
    )
    return [
      { type: 'get', collection: 'users', id: 'u1' },
      { type: 'get', collection: 'users/u1/posts', id: 'p1', txId: 'tx1' },
      { type: 'query', query, txId: 'tx1' },
      {
        type: 'commit',
        writes: [
          write,
          { op: 'delete', collection: 'users', id: 'u2', precondition: { version: 3 } },
        ],
        mutationId: 'c-1',
      },
      {
        type: 'commit',
        writes: [],
        checks: [{ collection: 'users', id: 'u1', version: 0 }],
        txId: 'tx2',
      },
      { type: 'listen', targetId: 1, query },
      { type: 'aggregate', query, aggregates: { n: { op: 'count' } } },
      {
        type: 'listenAggregate',
        targetId: 2,
        query,
        aggregates: { s: { op: 'sum', field: 'a.b' }, avg: { op: 'average', field: 'age' } },
      },
      { type: 'unlisten', targetId: 1 },
      { type: 'beginTransaction' },
      { type: 'rollback', txId: 'tx1' },
      {
        type: 'authenticate',
        credential: { type: 'custom', token: 't', metadata: { role: 'admin', $metal: 'data' } },
      },
      { type: 'authenticate', credential: { type: 'jwt', token: 'a.b.c' } },
      { type: 'signOut' },
      { type: 'presenceSubscribe', room: 'lobby' },
      { type: 'presenceUnsubscribe', room: 'lobby' },
      {
        type: 'presenceTrack',
        room: 'lobby',
        diff: { userId: 'u1', status: 'online', metadata: { page: '/' }, unset: ['cursor'] },
      },
      { type: 'presenceUntrack', room: 'lobby' },
      { type: 'presenceHeartbeat' },
    ]
  }

  it('round-trips every request type through encodeRequest and JSON', () => {
    const requests = sampleRequests()
    expect(new Set(requests.map((r) => r.type)).size).toBe(16)
    for (const request of requests)
      expect(decodeRequest(viaJson(encodeRequest(request)))).toEqual(request)
  })

  const bad: [string, unknown, string][] = [
    ['a non-object', 'get', "request: a request must be an object, got 'get'"],
    ['an array', [], 'request: a request must be an object, got array(0)'],
    ['an unknown type', { type: 'drop' }, "request: unknown request type 'drop'"],
    ['an inherited name as type', { type: 'constructor' }, "unknown request type 'constructor'"],
    ['a missing type', {}, 'unknown request type undefined'],
    [
      'an unknown field',
      { type: 'signOut', force: true },
      "signOut request: the request has an unknown field 'force'",
    ],
    [
      'a fractional targetId',
      { type: 'unlisten', targetId: 1.5 },
      "unlisten request: 'targetId' must be a non-negative integer, got 1.5",
    ],
    ['a string targetId', { type: 'listen', targetId: '1', query: okQuery }, "got '1'"],
    [
      'an aggregate with an unknown op',
      { type: 'aggregate', query: okQuery, aggregates: { m: { op: 'max', field: 'a' } } },
      "aggregate request: aggregation for alias 'm' has unknown op 'max'",
    ],
    [
      'an aggregate with a reserved alias',
      { type: 'aggregate', query: okQuery, aggregates: JSON.parse('{"__proto__":{"op":"count"}}') },
      "alias '__proto__' is reserved",
    ],
    [
      'six aggregations',
      {
        type: 'listenAggregate',
        targetId: 1,
        query: okQuery,
        aggregates: Object.fromEntries([1, 2, 3, 4, 5, 6].map((i) => [`a${i}`, { op: 'count' }])),
      },
      'listenAggregate request: got 6 aggregations; at most 5 are allowed',
    ],
    [
      'a live aggregate without a targetId',
      { type: 'listenAggregate', query: okQuery, aggregates: { n: { op: 'count' } } },
      "'targetId' must be a non-negative integer, got undefined",
    ],
    [
      'an empty txId',
      { type: 'rollback', txId: '' },
      "rollback request: 'txId' must be a non-empty string, got ''",
    ],
    ['a missing txId', { type: 'rollback' }, "'txId' is missing"],
    [
      'a long txId',
      { type: 'get', collection: 'c', id: 'd', txId: 'x'.repeat(MAX_REQUEST_ID_BYTES + 1) },
      `'txId' is longer than ${MAX_REQUEST_ID_BYTES} bytes`,
    ],
    [
      'a numeric mutationId',
      { type: 'commit', writes: [], mutationId: 5 },
      "'mutationId' must be a non-empty string, got 5",
    ],
    [
      'writes that are not an array',
      { type: 'commit', writes: {} },
      "commit request: 'writes' must be an array",
    ],
    [
      'a bad write',
      { type: 'commit', writes: [setOf({}), setOf({ a: undefined })] },
      "commit request: writes[1]: set(): field 'a' is undefined",
    ],
    [
      'a bad version check',
      { type: 'commit', writes: [], checks: [{ collection: 'c', id: 'd', version: -2 }] },
      "checks[0] 'version' must be a non-negative integer, got -2",
    ],
    [
      'a bad query',
      {
        type: 'listen',
        targetId: 1,
        query: { ...okQuery, filter: { type: 'where', field: 'age', op: '=>', value: 1 } },
      },
      "listen request: query: where(): unknown operator '=>' on field 'age'",
    ],
    [
      'a bad get path',
      { type: 'get', collection: 'users', id: '..' },
      "get request: document id '..' is reserved",
    ],
    [
      'a credential of an unknown type',
      { type: 'authenticate', credential: { type: 'basic', token: 't' } },
      "authenticate request: credential 'type' must be 'custom' or 'jwt', got 'basic'",
    ],
    [
      'an empty token',
      { type: 'authenticate', credential: { type: 'custom', token: '' } },
      "credential 'token' must be a non-empty string",
    ],
    [
      'a JWT that is not one',
      { type: 'authenticate', credential: { type: 'jwt', token: 'abc' } },
      'is not a compact JWT',
    ],
    [
      'metadata on a JWT',
      { type: 'authenticate', credential: { type: 'jwt', token: 'a.b.c', metadata: {} } },
      "'credential' has an unknown field 'metadata'",
    ],
    [
      'a long token',
      {
        type: 'authenticate',
        credential: { type: 'custom', token: 'x'.repeat(MAX_TOKEN_BYTES + 1) },
      },
      `credential 'token' is longer than ${MAX_TOKEN_BYTES} bytes`,
    ],
    [
      'array metadata',
      { type: 'authenticate', credential: { type: 'custom', token: 't', metadata: [] } },
      "credential 'metadata' must be a plain object, got array(0)",
    ],
    [
      '__proto__ in metadata',
      {
        type: 'authenticate',
        credential: JSON.parse(
          '{"type":"custom","token":"t","metadata":{"__proto__":{"admin":true}}}',
        ),
      },
      "reserved name '__proto__'",
    ],
    [
      'an empty room',
      { type: 'presenceSubscribe', room: '' },
      "presenceSubscribe request: room must be a non-empty string, got ''",
    ],
    [
      'a long room',
      { type: 'presenceUntrack', room: 'r'.repeat(1501) },
      'is longer than 1500 bytes',
    ],
    [
      'a diff with an unknown field',
      { type: 'presenceTrack', room: 'r', diff: { mood: 1 } },
      "'diff' has an unknown field 'mood'",
    ],
    [
      'a diff with an empty userId',
      { type: 'presenceTrack', room: 'r', diff: { userId: '' } },
      "field 'userId' must be a non-empty string, got ''",
    ],
    [
      'a diff with a numeric status',
      { type: 'presenceTrack', room: 'r', diff: { status: 1 } },
      "field 'status' must be a string, got 1",
    ],
    [
      'a diff with metadata too deep',
      { type: 'presenceTrack', room: 'r', diff: { metadata: { a: nested(100_000, 'array') } } },
      'nested 21 levels deep',
    ],
    [
      'a diff with a bad unset',
      { type: 'presenceTrack', room: 'r', diff: { unset: [1] } },
      'unset[0] must be a non-empty string, got 1',
    ],
    [
      'a diff unsetting a reserved name',
      { type: 'presenceTrack', room: 'r', diff: { unset: ['__proto__'] } },
      "reserved name '__proto__'",
    ],
  ]
  for (const [name, wire, message] of bad) {
    it(`refuses ${name}`, () => expectInvalid(() => decodeRequest(wire), message))
  }

  it('refuses 100,000 levels of nesting in writes and queries with invalid-argument', () => {
    const deep = nested(100_000, 'map')
    const deepArray = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) as unknown
    const inputs = [
      { type: 'commit', writes: [setOf({ a: deep })] },
      {
        type: 'commit',
        writes: [{ op: 'update', collection: 'c', id: 'd', fields: [['a', deepArray]] }],
      },
      { type: 'commit', writes: [setOf({ a: { $metal: 'arrayUnion', operand: [deepArray] } })] },
      {
        type: 'query',
        query: { ...okQuery, filter: { type: 'where', field: 'a', op: '==', value: deep } },
      },
      {
        type: 'query',
        query: {
          ...okQuery,
          orderBy: [{ field: 'a', direction: 'asc' }],
          startAt: { values: [deepArray], inclusive: true },
        },
      },
    ]
    for (const input of inputs) expectInvalid(() => decodeRequest(input), 'nested 21 levels deep')
  })

  it('survives 10,000 random and mangled messages: a valid request or invalid-argument, nothing else', () => {
    const random = seededRandom(0x5eed)
    const samples = sampleRequests().map((r) => viaJson(encodeRequest(r)))
    let accepted = 0
    for (let i = 0; i < 10_000; i++) {
      const input =
        i % 4 === 0
          ? randomJson(random, 0)
          : mangle(random, structuredClone(samples[i % samples.length]))
      let result: BackendRequest
      try {
        result = decodeRequest(input)
      } catch (error) {
        if (!MetalError.is(error, 'invalid-argument')) {
          throw new Error(`input ${JSON.stringify(input)?.slice(0, 300)} threw ${String(error)}`)
        }
        continue
      }
      accepted++
      // What is accepted is a well-formed request: its wire form decodes to the same wire form
      // (compared as JSON, which has no -0).
      const wire = viaJson(encodeRequest(result))
      expect(viaJson(encodeRequest(decodeRequest(wire)))).toEqual(wire)
    }
    expect(accepted).toBeGreaterThan(100)
    expect(Object.prototype).not.toHaveProperty('polluted')
  })
})

// ─── The client refuses what a backend would ────────────────────────────────────────────────────

describe('client builders share the wire limits', () => {
  let metal: Metal | undefined
  afterEach(() => {
    metal?.close()
    metal = undefined
  })

  it('refuses a document nested too deep in set()', async () => {
    metal = new Metal({ apiKey: 'k', projectId: 'limits' })
    const ref = metal.db().collection('users').doc('u1')
    await expect(ref.set({ a: nested(100_000, 'map') })).rejects.toThrow('nested 21 levels deep')
    await expect(ref.set({ a: nested(MAX_DEPTH - 1, 'map') })).resolves.toBeUndefined()
  })

  it('refuses a presence room or user id over 1500 bytes', () => {
    metal = new Metal({ apiKey: 'k', projectId: 'limits' })
    expectInvalid(
      () => metal?.presence('r'.repeat(1501)),
      'presence(): room',
      'longer than 1500 bytes',
    )
    const lobby = metal.presence('lobby')
    expectInvalid(() => lobby.track({ userId: 'u'.repeat(1501) }), "track(): field 'userId'")
  })

  it('encodes what the query builder builds into what the decoder accepts', () => {
    metal = new Metal({ apiKey: 'k', projectId: 'limits' })
    const spec = metal.db().collection('users').orderBy('a').startAt({ $metal: 'x' }).spec
    expect(decodeQuerySpec(viaJson(encodeQuerySpec(spec)))).toEqual(spec)
    const write = toSetWrite('set()', 'users', 'u1', { a: 1 }, undefined)
    expect(decodeWrite(viaJson(encodeWrite(write)))).toEqual(write)
  })
})

// ─── Fuzz helpers ───────────────────────────────────────────────────────────────────────────────

const KEYS = [
  'type',
  'query',
  'writes',
  'op',
  'collection',
  'id',
  'data',
  'fields',
  'merge',
  'filter',
  'orderBy',
  'limit',
  'values',
  'value',
  'field',
  '$metal',
  'operand',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '',
  'a.b',
  '__name__',
  'txId',
  'targetId',
  'room',
]
const STRINGS = [
  '',
  'users',
  'u1',
  'a/b',
  '..',
  '__x__',
  'get',
  'set',
  'update',
  'in',
  '==',
  '=>',
  'asc',
  'increment',
  'map',
  'delete',
  'arrayUnion',
  'custom',
  'jwt',
  'a.b.c',
  '\ud800',
  'x'.repeat(2000),
]
const NUMBERS = [0, 1, -1, 1.5, 2 ** 53, -0, 1e308, 31, 11, 20, 21]

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T
}

function randomJson(random: () => number, depth: number): unknown {
  const r = random()
  if (depth > 5 || r < 0.3) {
    const kind = Math.floor(random() * 4)
    return kind === 0
      ? pick(random, STRINGS)
      : kind === 1
        ? pick(random, NUMBERS)
        : kind === 2
          ? random() < 0.5
          : null
  }
  if (r < 0.5)
    return Array.from({ length: Math.floor(random() * 4) }, () => randomJson(random, depth + 1))
  if (r < 0.55) return nested(25 + Math.floor(random() * 100), random() < 0.5 ? 'map' : 'array')
  const out: Record<string, unknown> = {}
  for (let n = Math.floor(random() * 4); n > 0; n--) {
    Object.defineProperty(out, pick(random, KEYS), {
      value: randomJson(random, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  if (random() < 0.3)
    out.type = pick(random, ['get', 'commit', 'listen', 'query', 'presenceTrack', 'authenticate'])
  return out
}

/** Changes a valid message in 1–3 random places: replace a value, drop a key, or add one. */
function mangle(random: () => number, message: unknown): unknown {
  for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
    let node = message
    let parent: Record<string, unknown> | unknown[] | undefined
    let key: string | number | undefined
    while (typeof node === 'object' && node !== null && random() < 0.75) {
      const keys = Object.keys(node)
      if (keys.length === 0) break
      parent = node as Record<string, unknown>
      key = pick(random, keys)
      node = (node as Record<string, unknown>)[key]
    }
    if (parent === undefined || key === undefined) continue
    const action = random()
    const target = parent as Record<string, unknown>
    if (action < 0.6) target[key] = randomJson(random, 3)
    else if (action < 0.8) delete target[key]
    else
      Object.defineProperty(target, pick(random, KEYS), {
        value: randomJson(random, 3),
        enumerable: true,
        writable: true,
        configurable: true,
      })
  }
  return message
}
