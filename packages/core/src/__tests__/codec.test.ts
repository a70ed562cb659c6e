import { afterEach, describe, expect, it } from 'vitest'
import {
  FieldValue,
  Metal,
  MetalError,
  and,
  arrayRemove,
  arrayUnion,
  deleteField,
  documentId,
  increment,
  or,
  serverTimestamp,
  where,
} from '../index.js'
import {
  decodeDocument,
  decodeQuerySpec,
  decodeWrite,
  encodeDocument,
  encodeQuerySpec,
  encodeValue,
  encodeWrite,
  toDeleteWrite,
  toSetWrite,
  toUpdateWrite,
  type QuerySpec,
  type Write,
} from '../engine/index.js'

// The wire codec: decode(JSON.parse(JSON.stringify(encode(x)))) gives back x, for documents,
// writes and query specs, sentinels and maps that have a `$metal` key of their own included.

const viaJson = <T>(value: T): unknown => JSON.parse(JSON.stringify(value)) as unknown

function expectInvalid(fn: () => unknown, ...parts: string[]): void {
  let error: unknown
  try {
    fn()
  } catch (e) {
    error = e
  }
  expect(error).toBeInstanceOf(MetalError)
  expect((error as MetalError).code).toBe('invalid-argument')
  for (const part of parts) expect((error as MetalError).message).toContain(part)
}

describe('documents', () => {
  const docs: Record<string, Record<string, unknown>> = {
    empty: {},
    scalars: { s: 'text', n: -1.5, z: 0, t: true, f: false, nil: null },
    nested: {
      a: { b: { c: [1, 'two', { three: 3 }, { four: [4, { five: [5] }] }] } },
      e: {},
      arr: [],
    },
    unicode: { 'ключ 🔑': '值 \u0001 \ud83d\ude00', 'a.b': 'dotted key' },
    'own $metal key': { $metal: 'increment', operand: 1 },
    'nested $metal keys': {
      a: { $metal: 'map', value: { $metal: 'x' } },
      list: [{ $metal: 'delete' }],
    },
    'prototype names as data': { constructor: 'c', prototype: { toString: 1 }, hasOwnProperty: [] },
  }
  for (const [name, data] of Object.entries(docs)) {
    it(`round-trips ${name}`, () => {
      expect(decodeDocument(viaJson(encodeDocument(data)))).toEqual(data)
    })
  }

  it('refuses text no database can store: U+0000 and unpaired surrogates, in values and keys', () => {
    for (const [data, field] of [
      [{ a: { b: 'x\u0000y' } }, 'a.b'],
      [{ list: ['ok', '\ud800'] }, 'list'],
      [{ s: 'x\udc00' }, 's'],
      [{ ['k\u0000']: 1 }, 'document'],
    ] as const) {
      expectInvalid(() => decodeDocument(viaJson(data)), field, 'U+0000 or an unpaired surrogate')
    }
    // A well-formed pair is fine.
    expect(decodeDocument(viaJson({ s: '\ud83d\ude00' }))).toEqual({ s: '\ud83d\ude00' })
  })

  it('escapes a map with an own $metal key as a map, not a sentinel', () => {
    const wire = encodeDocument({ $metal: 'increment', operand: 1 })
    expect(wire).toEqual({ $metal: 'map', value: { $metal: 'increment', operand: 1 } })
    const decoded = decodeDocument(viaJson(wire))
    expect(decoded.$metal).toBe('increment')
    expect(decoded).not.toBeInstanceOf(FieldValue)
  })

  it('returns deep-frozen ordinary objects', () => {
    const decoded = decodeDocument(viaJson({ a: { b: [1, { c: 2 }] } }))
    expect(Object.isFrozen(decoded)).toBe(true)
    expect(Object.isFrozen(decoded.a.b[1])).toBe(true)
    expect(Object.getPrototypeOf(decoded.a)).toBe(Object.prototype)
  })

  it('refuses sentinels in stored document data', () => {
    expectInvalid(
      () => decodeDocument({ n: { $metal: 'increment', operand: 1 } }),
      'document: ',
      'increment() is not allowed here',
      "field 'n'",
    )
  })
})

describe('field-value sentinels', () => {
  it('encodes every kind as FieldValue.toJSON does', () => {
    for (const fv of [
      serverTimestamp(),
      increment(2),
      arrayUnion(1, 'a'),
      arrayRemove(null),
      deleteField(),
    ]) {
      expect(encodeValue(fv)).toEqual(fv.toJSON())
    }
  })

  it('decodes to frozen FieldValue instances', () => {
    const write = decodeWrite(
      viaJson(encodeWrite(setWrite({ n: increment(3), t: serverTimestamp() }))),
    )
    const data = (write as Extract<Write, { op: 'set' }>).data
    expect(data.n).toBeInstanceOf(FieldValue)
    expect(data.n).toEqual(increment(3))
    expect(Object.isFrozen(data.n)).toBe(true)
    expect(data.t).toEqual(serverTimestamp())
  })

  it('escapes $metal maps inside arrayUnion and arrayRemove elements', () => {
    const write = setWrite({
      u: arrayUnion({ $metal: 'delete' }),
      r: arrayRemove({ a: [{ $metal: 1 }] }),
    })
    expect(decodeWrite(viaJson(encodeWrite(write)))).toEqual(write)
  })

  const bad: [string, unknown, string][] = [
    ['an unknown kind', { $metal: 'explode' }, "unknown $metal kind 'explode'"],
    ['a non-string kind', { $metal: 7 }, 'unknown $metal kind 7'],
    [
      'an increment without an amount',
      { $metal: 'increment' },
      'increment amount must be a finite number, got undefined',
    ],
    ['an increment of a string', { $metal: 'increment', operand: '1' }, "got '1'"],
    ['an increment of Infinity', { $metal: 'increment', operand: Infinity }, 'got Infinity'],
    [
      'a serverTimestamp with an operand',
      { $metal: 'serverTimestamp', operand: 1 },
      'serverTimestamp takes no operand',
    ],
    ['a delete with an operand', { $metal: 'delete', operand: null }, 'delete takes no operand'],
    [
      'an arrayUnion of a non-array',
      { $metal: 'arrayUnion', operand: 1 },
      'arrayUnion operand must be an array',
    ],
    [
      'an arrayRemove of a map',
      { $metal: 'arrayRemove', operand: {} },
      'arrayRemove operand must be an array',
    ],
    [
      'a sentinel inside arrayUnion',
      { $metal: 'arrayUnion', operand: [{ $metal: 'serverTimestamp' }] },
      'serverTimestamp() cannot be used inside an array',
    ],
    [
      'an unknown key on a sentinel',
      { $metal: 'increment', operand: 1, by: 2 },
      "increment has an unknown key 'by'",
    ],
    [
      'an escaped map without a map',
      { $metal: 'map', value: [1] },
      "an escaped map's value must be an object",
    ],
    [
      'an escaped map with an operand',
      { $metal: 'map', operand: {} },
      "map has an unknown key 'operand'",
    ],
  ]
  for (const [name, value, message] of bad) {
    it(`refuses ${name}`, () => {
      expectInvalid(
        () => decodeWrite({ op: 'set', collection: 'c', id: 'd', data: { f: value } }),
        'write: set(): ',
        "field 'f", // 'f' itself, or 'f[0]' inside an array operand
        message,
      )
    })
  }
})

function setWrite(data: Record<string, unknown>, merge?: true | string[]): Write {
  return toSetWrite('set()', 'users', 'u1', data, merge === undefined ? undefined : { merge })
}

describe('writes', () => {
  const writes: Record<string, Write> = {
    'a set': setWrite({ name: 'Ada', tags: ['a', 'b'], meta: { $metal: 'x' } }),
    'a set merging everything': setWrite(
      { a: { b: 1, gone: deleteField() }, n: increment(-1) },
      true,
    ),
    'a set merging paths': setWrite({ a: { b: 1, c: 2 }, d: 3 }, ['a.b', 'd']),
    'an update': toUpdateWrite('update()', 'users', 'u1', [
      { 'meta.last': 5, visits: increment(1), old: deleteField(), list: arrayUnion({ k: 1 }) },
    ]),
    'an update of a sub-collection document': toUpdateWrite('update()', 'users/u1/posts', 'p1', [
      'a.b.c',
      { $metal: 'not a sentinel' },
    ]),
    'a delete': toDeleteWrite('users', 'u1'),
    'a write with preconditions': {
      ...toDeleteWrite('users', 'u1'),
      precondition: { exists: true, version: 7 },
    },
    'a set that must not exist': { ...setWrite({ a: 1 }), precondition: { exists: false } },
  }
  for (const [name, write] of Object.entries(writes)) {
    it(`round-trips ${name}`, () => {
      expect(decodeWrite(viaJson(encodeWrite(write)))).toEqual(write)
    })
  }

  it('sends merge and update paths dotted', () => {
    const wire = encodeWrite(writes['a set merging paths'] as Write)
    expect(wire).toMatchObject({ op: 'set', merge: ['a.b', 'd'] })
    expect(encodeWrite(writes['an update'] as Write)).toMatchObject({
      fields: [
        ['meta.last', 5],
        ['visits', { $metal: 'increment', operand: 1 }],
        expect.anything(),
        expect.anything(),
      ],
    })
  })
})

describe('query specs', () => {
  let metal: Metal | undefined
  afterEach(() => {
    metal?.close()
    metal = undefined
  })
  const users = () => {
    metal = new Metal({ apiKey: 'k', projectId: 'codec' })
    return metal.db().collection('users')
  }

  it('round-trips every filter operator and composite filters', () => {
    const q = users()
      .where(
        or(
          and(where('age', '>=', 18), where('age', '<', 65)),
          where('role', 'in', ['admin', { $metal: 'x' }]),
          where('role', 'not-in', ['banned']),
          where('tags', 'array-contains', 'vip'),
          where('tags', 'array-contains-any', [1, { two: [2] }]),
          where('pair', 'in', [[1, 2], [3]]),
          where('deleted', '!=', true),
          where('meta.score', '<=', 1.5),
          where('name', '>', 'M'),
          where('nil', '==', null),
          where(documentId(), 'in', ['a', 'b']),
        ),
      )
      .where('team', '==', { id: 1 })
    expect(decodeQuerySpec(viaJson(encodeQuerySpec(q.spec)))).toEqual(q.spec)
  })

  it('round-trips orderBy, cursors with values, limit and offset', () => {
    const base = users().orderBy('age', 'desc').orderBy(documentId())
    const specs: QuerySpec[] = [
      base.startAt(30).endBefore(20, 'z').limit(10).offset(5).spec,
      base.startAfter({ $metal: 'map' }, 'a').endAt([1, { a: null }]).spec,
      base.limitToLast(3).offset(1).spec,
      users().spec,
    ]
    for (const spec of specs) expect(decodeQuerySpec(viaJson(encodeQuerySpec(spec)))).toEqual(spec)
  })

  it('round-trips a cursor taken from a snapshot (values and id)', async () => {
    const coll = users()
    await coll.doc('u1').set({ age: 40, name: 'Ada' })
    const snap = await coll.doc('u1').get()
    const spec = coll.orderBy('age').orderBy('name').startAfter(snap).spec
    expect(spec.startAt?.id).toBe('u1')
    expect(decodeQuerySpec(viaJson(encodeQuerySpec(spec)))).toEqual(spec)
  })
})
