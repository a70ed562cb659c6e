import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  MAX_DOCUMENT_BYTES,
  Metal,
  MetalError,
  arrayUnion,
  deleteField,
  increment,
  serverTimestamp,
  where,
} from '../index.js'
import { memory } from '../backends/memory/index.js'
import type {
  CollectionReference,
  DocumentData,
  DocumentSnapshot,
  MetalOptions,
  WhereFilterOp,
} from '../index.js'
import type { MemoryBackendOptions } from '../backends/memory/index.js'

// Every public entry point fails with an `invalid-argument` MetalError whose message names the
// call, the field and the offending value. Builder methods throw; async entry points reject.

/** Asserts `fn` throws synchronously an invalid-argument MetalError whose message has every part. */
function expectThrows(fn: () => unknown, ...parts: string[]): void {
  let error: unknown
  try {
    fn()
  } catch (e) {
    error = e
  }
  expectInvalid(error, parts)
}

/** Asserts `fn` returns a promise (throwing nothing) that rejects with such an error. */
async function expectRejects(fn: () => Promise<unknown>, ...parts: string[]): Promise<void> {
  let promise: Promise<unknown> | undefined
  expect(() => {
    promise = fn()
  }).not.toThrow()
  expect(promise).toBeInstanceOf(Promise)
  let error: unknown
  await (promise as Promise<unknown>).then(
    () => {},
    (e: unknown) => {
      error = e
    },
  )
  expectInvalid(error, parts)
}

function expectInvalid(error: unknown, parts: string[]): void {
  expect(error).toBeInstanceOf(MetalError)
  expect((error as MetalError).code).toBe('invalid-argument')
  for (const part of parts) expect((error as MetalError).message).toContain(part)
}

class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
}

let metal: Metal
let items: CollectionReference

beforeEach(() => {
  metal = new Metal({ projectId: 'validation' })
  items = metal.db().collection('items')
})

afterEach(() => metal.close())

describe('where()', () => {
  it("rejects an unknown operator, naming it and the field: '=>'", () => {
    expectThrows(() => items.where('age', '=>' as WhereFilterOp, 18), 'where()', "'age'", "'=>'")
  })

  it('rejects an unknown operator in the standalone where() filter builder', () => {
    expectThrows(() => where('age', 'equals' as WhereFilterOp, 18), 'where()', "'age'", "'equals'")
  })

  it.each(['in', 'not-in', 'array-contains-any'] as const)(
    "rejects a value that is not an array for '%s'",
    (op) => {
      expectThrows(
        () => items.where('role', op, 'admin'),
        'where()',
        "'role'",
        `'${op}'`,
        "'admin'",
      )
    },
  )

  it.each([
    ['in', 31],
    ['array-contains-any', 31],
    ['not-in', 11],
  ] as const)("rejects '%s' with %i values", (op, count) => {
    const values = Array.from({ length: count }, (_, i) => i)

    expectThrows(
      () => items.where('n', op, values),
      'where()',
      "'n'",
      `'${op}'`,
      `${count} elements`,
    )
  })

  it.each([
    ['in', 30],
    ['array-contains-any', 30],
    ['not-in', 10],
  ] as const)("accepts '%s' with %i values, the limit", (op, count) => {
    const values = Array.from({ length: count }, (_, i) => i)

    expect(items.where('n', op, values).spec.filter).toEqual({
      type: 'where',
      field: 'n',
      op,
      value: values,
    })
  })

  it("rejects a field path with an empty segment: 'a..b'", () => {
    expectThrows(() => items.where('a..b', '==', 1), 'where()', "'a..b'", 'empty segment')
  })

  it('rejects a field-value sentinel as a filter value', () => {
    expectThrows(
      () => items.where('at', '==', serverTimestamp()),
      'where()',
      "'at'",
      'serverTimestamp()',
    )
  })
})

describe('orderBy(), limit(), offset() and cursors', () => {
  it("rejects an orderBy field path with an empty segment: 'a..b'", () => {
    expectThrows(() => items.orderBy('a..b'), 'orderBy()', "'a..b'", 'empty segment')
  })

  it('rejects an unknown orderBy direction', () => {
    expectThrows(() => items.orderBy('age', 'up' as 'asc'), 'orderBy()', "'age'", "'up'")
  })

  it.each([
    ['limit', -1, '-1'],
    ['limit', 1.5, '1.5'],
    ['limit', '5', "'5'"],
    ['limitToLast', -2, '-2'],
    ['offset', -1, '-1'],
    ['offset', 2.5, '2.5'],
    ['offset', Number.NaN, 'NaN'],
  ] as const)('rejects %s(%s)', (method, n, shown) => {
    const field = method === 'offset' ? 'offset' : 'limit'

    expectThrows(
      () => items.orderBy('a')[method](n as number),
      `${method}()`,
      field,
      `got ${shown}`,
    )
  })

  it('rejects a snapshot cursor that lacks an orderBy field', async () => {
    await items.doc('ada').set({ name: 'Ada' })
    const snap: DocumentSnapshot = await items.doc('ada').get()

    expectThrows(() => items.orderBy('age').startAfter(snap), 'startAfter()', "'age'", "'ada'")
  })

  it('rejects a cursor from a snapshot of a missing document', async () => {
    const snap = await items.doc('ghost').get()

    expectThrows(() => items.orderBy('age').startAt(snap), 'startAt()', "'ghost'", 'does not exist')
  })
})

describe('document data', () => {
  const cycle: Record<string, unknown> = { name: 'loop' }
  cycle.self = cycle
  const inner: Record<string, unknown> = {}
  const nestedCycle = { a: { b: inner } }
  inner.back = nestedCycle.a

  const cases: [string, DocumentData, string, string][] = [
    ['undefined', { a: undefined }, "field 'a'", 'undefined'],
    ['nested undefined', { m: { x: undefined } }, "field 'm.x'", 'undefined'],
    ['undefined in an array', { list: [1, undefined] }, "field 'list[1]'", 'undefined'],
    ['a function', { f: function handler() {} }, "field 'f'", 'function handler'],
    ['a Date', { d: new Date(0) }, "field 'd'", 'instance of Date'],
    ['a Map', { m: new Map([['k', 1]]) }, "field 'm'", 'instance of Map'],
    ['a class instance', { p: new Point(1, 2) }, "field 'p'", 'instance of Point'],
    [
      'a class instance nested in an array',
      { l: [{ p: new Point(1, 2) }] },
      "field 'l[0].p'",
      'Point',
    ],
    ['a symbol', { s: Symbol('tag') }, "field 's'", 'Symbol(tag)'],
    ['a bigint', { n: 10n }, "field 'n'", '10n'],
    ['NaN', { n: Number.NaN }, "field 'n'", 'NaN'],
    ['nested Infinity', { m: { n: Number.POSITIVE_INFINITY } }, "field 'm.n'", 'Infinity'],
    ['a cycle', cycle, "field 'self'", 'cycle'],
    ['a nested cycle', nestedCycle, "field 'a.b.back'", 'cycle'],
    ['an empty key', { m: { '': 1 } }, "field 'm'", 'empty key'],
    ['a reserved field name', { m: { __x__: 1 } }, "field 'm.__x__'", "'__x__'"],
  ]

  it.each(cases)('set() rejects %s', async (_, data, field, value) => {
    await expectRejects(() => items.doc('a').set(data), 'set()', field, value)
  })

  it.each(cases)('add() rejects %s', async (_, data, field, value) => {
    await expectRejects(() => items.add(data), 'add()', field, value)
  })

  it.each(cases)('batch.set() throws for %s', (_, data, field, value) => {
    expectThrows(() => metal.db().batch().set(items.doc('a'), data), 'batch.set()', field, value)
  })

  it('update() rejects a bad value, naming the whole dotted path', async () => {
    await expectRejects(
      () => items.doc('a').update({ 'm.when': new Date(0) }),
      'update()',
      "field 'm.when'",
      'instance of Date',
    )
  })

  it('update() rejects an undefined value in the (field, value) form', async () => {
    await expectRejects(() => items.doc('a').update('n', undefined), 'update()', "'n'", 'undefined')
  })

  it('transaction.set() throws for a bad value, and the transaction writes nothing', async () => {
    let checked = false

    await metal.db().runTransaction(async (tx) => {
      expectThrows(
        () => tx.set(items.doc('a'), { when: new Date(0) }),
        'transaction.set()',
        "field 'when'",
        'instance of Date',
      )
      checked = true
    })

    expect(checked).toBe(true)
    expect((await items.doc('a').get()).exists).toBe(false)
  })

  it('set() rejects data that is not a plain object', async () => {
    await expectRejects(
      () => items.doc('a').set([1, 2] as unknown as DocumentData),
      'set()',
      'array(2)',
    )
    await expectRejects(() => items.doc('a').set(new Point(1, 2) as never), 'set()', 'Point')
  })

  it('stores nothing when set() rejects', async () => {
    await expectRejects(() => items.doc('a').set({ ok: 1, bad: Symbol('x') }), 'set()', "'bad'")

    expect((await items.doc('a').get()).exists).toBe(false)
  })
})

describe('document size', () => {
  // A document's size: 32 bytes + its path, plus each key and string (UTF-8) with 1 byte more.
  const pathBytes = 'items/big'.length - 1
  const fits = MAX_DOCUMENT_BYTES - 32 - pathBytes - 2 - 1

  it('accepts a document of exactly 1 MiB', async () => {
    await items.doc('big').set({ s: 'x'.repeat(fits) })

    expect(((await items.doc('big').get()).data()!.s as string).length).toBe(fits)
  })

  it('rejects a document one byte over 1 MiB with set(), naming the document and the limit', async () => {
    await expectRejects(
      () => items.doc('big').set({ s: 'x'.repeat(fits + 1) }),
      'set()',
      "'items/big'",
      `${MAX_DOCUMENT_BYTES + 1} bytes`,
      `${MAX_DOCUMENT_BYTES}`,
    )
    expect((await items.doc('big').get()).exists).toBe(false)
  })

  it('rejects an update whose fields alone are over 1 MiB', async () => {
    const half = 'x'.repeat(MAX_DOCUMENT_BYTES / 2)
    await items.doc('big').set({ n: 1 })

    await expectRejects(
      () => items.doc('big').update({ a: half, 'm.b': half }),
      'update()',
      "'items/big'",
      `${MAX_DOCUMENT_BYTES}`,
    )
    expect((await items.doc('big').get()).data()).toEqual({ n: 1 })
  })

  it('accepts an update that makes a document exactly 1 MiB with fields sharing a map', async () => {
    await items.doc('big').set({})
    // 32 + path + 'm', 'a' and 'b' (2 bytes each) + both strings (1 byte more each).
    const rest = MAX_DOCUMENT_BYTES - 32 - pathBytes - 6 - 2 - 1000

    await items.doc('big').update({ 'm.a': 'x'.repeat(1000), 'm.b': 'y'.repeat(rest) })

    const data = (await items.doc('big').get()).data()!
    expect([data.m.a.length, data.m.b.length]).toEqual([1000, rest])
  })

  it('rejects an update one byte over 1 MiB with fields sharing a map', async () => {
    await items.doc('big').set({})
    const rest = MAX_DOCUMENT_BYTES - 32 - pathBytes - 6 - 2 - 1000 + 1

    await expectRejects(
      () => items.doc('big').update({ 'm.a': 'x'.repeat(1000), 'm.b': 'y'.repeat(rest) }),
      'update()',
      "'items/big'",
      `${MAX_DOCUMENT_BYTES}`,
    )
    expect((await items.doc('big').get()).data()).toEqual({})
  })

  it('counts multi-byte characters by their UTF-8 length', async () => {
    await expectRejects(
      () => items.doc('big').set({ s: '\u00e9'.repeat(Math.ceil(fits / 2) + 1) }),
      'set()',
      "'items/big'",
    )
  })
})

describe('field values', () => {
  it('rejects deleteField() in a set() without merge', async () => {
    await expectRejects(
      () => items.doc('a').set({ a: deleteField() }),
      'set()',
      "field 'a'",
      'deleteField()',
    )
  })

  it('rejects deleteField() nested in a map of an update()', async () => {
    await items.doc('a').set({ m: { x: 1, y: 2 } })

    await expectRejects(
      () => items.doc('a').update({ m: { x: deleteField() } }),
      'update()',
      "field 'm.x'",
      'deleteField()',
    )
    expect((await items.doc('a').get()).data()).toEqual({ m: { x: 1, y: 2 } })
  })

  it('rejects a sentinel inside an array', async () => {
    await expectRejects(
      () => items.doc('a').set({ list: [serverTimestamp()] }),
      'set()',
      "field 'list[0]'",
      'serverTimestamp()',
    )
  })

  it('rejects a sentinel in a map inside an array', async () => {
    await expectRejects(
      () => items.doc('a').set({ list: [{ at: serverTimestamp() }] }),
      'set()',
      "field 'list[0].at'",
      'serverTimestamp()',
    )
    expect((await items.doc('a').get()).exists).toBe(false)
  })

  it('rejects a sentinel among arrayUnion() elements', async () => {
    await expectRejects(
      () => items.doc('a').set({ tags: arrayUnion('a', increment(1)) }, { merge: true }),
      'set()',
      "field 'tags[1]'",
      'increment()',
    )
  })

  it('rejects an arrayUnion() element that is not storable', async () => {
    await expectRejects(
      () => items.doc('a').set({ tags: arrayUnion(new Date(0)) }, { merge: true }),
      'set()',
      "field 'tags[0]'",
      'instance of Date',
    )
  })

  it('increment() throws for an amount that is not a finite number', () => {
    expectThrows(() => increment('1' as unknown as number), 'increment()', 'amount', "'1'")
    expectThrows(() => increment(Number.NaN), 'increment()', 'amount', 'NaN')
  })
})

describe('update() field paths', () => {
  it("rejects a key with an empty segment: 'a..b'", async () => {
    await expectRejects(
      () => items.doc('a').update({ 'a..b': 1 }),
      'update()',
      "'a..b'",
      'empty segment',
    )
  })

  it("rejects an empty segment in the (field, value) form: 'a..b'", async () => {
    await expectRejects(
      () => items.doc('a').update('a..b', 1),
      'update()',
      "'a..b'",
      'empty segment',
    )
  })

  it('rejects a reserved field name in a path', async () => {
    await expectRejects(
      () => items.doc('a').update({ 'a.__proto__.b': 1 }),
      'update()',
      "'a.__proto__.b'",
      "'__proto__'",
    )
  })

  it('rejects overlapping field paths', async () => {
    await expectRejects(
      () => items.doc('a').update({ m: { x: 1 }, 'm.y': 2 }),
      'update()',
      "'m.y'",
      "'m'",
    )
  })

  it('rejects a field without a value', async () => {
    await expectRejects(() => items.doc('a').update('a', 1, 'b'), 'update()', "'b'", 'no value')
  })

  it('rejects an update that names no field', async () => {
    await expectRejects(() => items.doc('a').update({}), 'update()', 'at least one field')
  })

  it('rejects update data that is not a plain object', async () => {
    await expectRejects(
      () => items.doc('a').update(new Map() as unknown as DocumentData),
      'update()',
      'instance of Map',
    )
  })

  it('rejects a merge field that the data does not have', async () => {
    await items.doc('a').set({ a: 1, b: 2 })

    await expectRejects(
      () => items.doc('a').set({ a: 5, m: { x: 1 } }, { merge: ['a', 'm.y'] }),
      'set()',
      "merge field 'm.y'",
      'not in the data',
    )
    expect((await items.doc('a').get()).data()).toEqual({ a: 1, b: 2 })
  })

  it("rejects a merge field with an empty segment: 'a..b'", async () => {
    await expectRejects(
      () => items.doc('a').set({ a: 1 }, { merge: ['a..b'] }),
      'set()',
      "'a..b'",
      'empty segment',
    )
  })
})

describe('document ids and collection paths', () => {
  it.each([
    ['a/b', "'a/b'", "'/'"],
    ['', "''", 'non-empty'],
    ['..', "'..'", 'reserved'],
  ])('doc(%j) throws', (id, shown, why) => {
    expectThrows(() => items.doc(id), 'doc()', 'document id', shown, why)
  })

  it('builds references to reserved ids (__x__): using them fails, as in Firestore', () => {
    expect(items.doc('__x__').path).toBe(`${items.path}/__x__`)
    expect(metal.db().collection('users/__u__/posts').path).toBe('users/__u__/posts')
    expect(metal.db().doc('__users__/u1').id).toBe('u1')
  })

  it('reads paths with a leading or trailing slash as Firestore does', () => {
    expect(metal.db().collection('/users').path).toBe('users')
    expect(metal.db().collection('users/').path).toBe('users')
    expect(metal.db().doc('/users/u1/').path).toBe('users/u1')
  })

  it('doc() throws for an id longer than 1500 bytes', () => {
    expectThrows(() => items.doc('x'.repeat(1501)), 'doc()', 'document id', '1500 bytes')
  })

  it.each([
    ['', "''", 'non-empty'],
    ['users/u1', "'users/u1'", 'even number of segments'],
    ['a//b', "'a//b'", 'empty segment'],
    ['//users', "'/users'", 'empty segment'],
    ['users//', "'users/'", 'empty segment'],
    ['/', "'/'", 'names no collection'],
  ])('collection(%j) throws', (path, shown, why) => {
    expectThrows(() => metal.db().collection(path), 'collection()', 'collection path', shown, why)
  })

  it('collection() throws for a path that is not a string', () => {
    expectThrows(() => metal.db().collection(42 as unknown as string), 'collection()', 'got 42')
  })

  it.each([
    ['users', "'users'", 'even number of segments'],
    ['a/b/c', "'a/b/c'", 'even number of segments'],
    ['users/', "'users'", 'even number of segments'],
    ['users//u1', "'users//u1'", 'empty segment'],
  ])('db.doc(%j) throws', (path, shown, why) => {
    expectThrows(() => metal.db().doc(path), 'doc()', 'document path', shown, why)
  })
})

describe('options', () => {
  it.each([
    [{ projectId: '' }, "'projectId'", "''"],
    [{ projectId: 'has space' }, "'projectId'", "'has space'"],
    [{ apiKey: '' }, "'apiKey'", "''"],
    [{ backend: {} }, "'backend'", '{}'],
    [{ url: 'localhost:8787' }, "'url'", "'localhost:8787'"],
    [{ url: 42 }, "'url'", '42'],
    [{ url: 'http://localhost:8787', backend: memory() }, "'url'", "'backend'"],
  ] as unknown as [MetalOptions, string, string][])(
    'new Metal(%j) throws',
    (options, field, value) => {
      expectThrows(() => new Metal(options), 'new Metal()', field, value)
    },
  )

  it('new Metal({ url }) is accepted and stays offline, queuing writes, until a server answers', async () => {
    const remote = new Metal({ apiKey: 'k', projectId: 'p', url: 'http://127.0.0.1:9' })
    try {
      await remote.db().collection('c').doc('a').set({ n: 1 }, { wait: 'local' })
      const error = await remote
        .db()
        .collection('c')
        .doc('b')
        .get()
        .catch((e: unknown) => e)
      expect(MetalError.is(error, 'unavailable')).toBe(true)
      expect(remote.network).toBe('offline')
      expect(remote.sync({ collection: 'c' }).pending).toBe(1)
    } finally {
      remote.close()
    }
  })

  it('new Metal() throws for options that are not an object', () => {
    expectThrows(() => new Metal('demo' as unknown as MetalOptions), 'new Metal()', "'demo'")
  })

  it.each([
    [{ now: 5 }, "'now'", '5'],
    [{ transactionTimeoutMs: -1 }, "'transactionTimeoutMs'", '-1'],
  ] as unknown as [MemoryBackendOptions, string, string][])(
    'memory(%j) throws',
    (options, field, value) => {
      expectThrows(() => memory(options), 'memory()', field, value)
    },
  )

  it("set() rejects { merge: 'yes' }", async () => {
    await expectRejects(
      () => items.doc('a').set({ a: 1 }, { merge: 'yes' as unknown as boolean }),
      'set()',
      "'merge'",
      "'yes'",
    )
  })

  it.each([
    ['set()', () => items.doc('a').set({ a: 1 }, { wait: 'soon' as 'local' })],
    ['update()', () => items.doc('a').update({ a: 1 }, { wait: 'soon' as 'local' })],
    ['delete()', () => items.doc('a').delete({ wait: 'soon' as 'local' })],
    ['add()', () => items.add({ a: 1 }, { wait: 'soon' as 'local' })],
    [
      'batch.commit()',
      () =>
        metal
          .db()
          .batch()
          .commit({ wait: 'soon' as 'local' }),
    ],
  ] as [string, () => Promise<unknown>][])("%s rejects { wait: 'soon' }", async (call, write) => {
    await expectRejects(write, call, "'wait'", "'soon'")
  })

  it('update() rejects write options that are not an object', async () => {
    await expectRejects(
      () => items.doc('a').update({ a: 1 }, 'local' as unknown as { wait: 'local' }),
      'update()',
      'options',
      "'local'",
    )
  })

  it('runTransaction() rejects a function that is not a function', async () => {
    await expectRejects(
      () => metal.db().runTransaction('go' as unknown as () => Promise<void>),
      'runTransaction()',
      'function',
      "'go'",
    )
  })
})

describe('listeners', () => {
  it('collection subscribe() throws for a listener that is not a function', () => {
    expectThrows(() => items.subscribe(5 as never), 'subscribe()', 'listener', 'got 5')
  })

  it('query subscribe() throws for an error listener that is not a function', () => {
    expectThrows(
      () => items.where('a', '==', 1).subscribe(() => {}, 'oops' as never),
      'subscribe()',
      'error listener',
      "'oops'",
    )
  })

  it('document subscribe() throws for a listener that is not a function', () => {
    expectThrows(
      () => items.doc('a').subscribe(null as never),
      'subscribe()',
      'listener',
      'got null',
    )
  })

  it('onWriteError() throws for a listener that is not a function', () => {
    expectThrows(() => metal.onWriteError({} as never), 'onWriteError()', 'listener', '{}')
  })
})

describe('references from elsewhere', () => {
  it('batch.update() throws for something that is not a document reference', () => {
    expectThrows(
      () =>
        metal
          .db()
          .batch()
          .update('items/a' as never, { a: 1 }),
      'batch.update()',
      'DocumentReference',
      "'items/a'",
    )
  })

  it("batch.delete() throws for another client's reference", () => {
    const other = new Metal({ projectId: 'validation' })
    try {
      expectThrows(
        () => metal.db().batch().delete(other.db().collection('items').doc('a')),
        'batch.delete()',
        "'items/a'",
        'another Metal client',
      )
    } finally {
      other.close()
    }
  })

  it('transaction.get() rejects something that is not a document reference', async () => {
    let error: unknown
    await metal
      .db()
      .runTransaction(async (tx) => {
        await expectRejects(
          () => tx.get({ path: 'items/a' } as never),
          'transaction.get()',
          '{"path":"items/a"}',
        )
        error = 'checked'
      })
      .catch((e: unknown) => (error = e))

    expect(error).toBe('checked')
  })
})

describe('cursor values beyond the orderBy fields', () => {
  it("name the call, the orderBy field and the extra value: startAt(30, 'x') after orderBy('age')", () => {
    const metal = new Metal({ auth: { persistence: false } })
    try {
      const q = metal.db().collection('items').orderBy('age')
      let error: unknown
      try {
        q.startAt(30, 'x')
      } catch (e) {
        error = e
      }
      expect(error).toBeInstanceOf(MetalError)
      expect((error as MetalError).code).toBe('invalid-argument')
      expect((error as MetalError).message).toMatch(/^startAt\(\): .*'age'.*'x'/)
    } finally {
      metal.close()
    }
  })
})

describe('auth, presence and sync entry points', () => {
  const cases: [string, () => unknown, RegExp][] = [
    [
      "new Metal({ auth: { persistence: 'x' } })",
      () => new Metal({ auth: { persistence: 'x' as never } }),
      /new Metal\(\): option 'auth.persistence'.*'x'/,
    ],
    [
      'new Metal({ auth: { refresh: 5 } })',
      () => new Metal({ auth: { refresh: 5 as never } }),
      /new Metal\(\): option 'auth.refresh'.*5/,
    ],
    [
      'new Metal({ presence: { throttleMs: -1 } })',
      () => new Metal({ presence: { throttleMs: -1 } }),
      /new Metal\(\): option 'presence.throttleMs'.*-1/,
    ],
    [
      'new Metal({ sync: { requestTimeoutMs: 0 } })',
      () => new Metal({ sync: { requestTimeoutMs: 0 } }),
      /new Metal\(\): option 'sync.requestTimeoutMs'.*0/,
    ],
    [
      "memory({ presenceTimeoutMs: 'soon' })",
      () => memory({ presenceTimeoutMs: 'soon' as never }),
      /memory\(\): option 'presenceTimeoutMs'.*'soon'/,
    ],
    [
      'memory({ rules: true })',
      () => memory({ rules: true as never }),
      /memory\(\): option 'rules'.*true/,
    ],
  ]
  for (const [name, fn, message] of cases) {
    it(`${name} throws invalid-argument naming the option and value`, () => {
      let error: unknown
      try {
        fn()
      } catch (e) {
        error = e
      }
      expect(error).toBeInstanceOf(MetalError)
      expect((error as MetalError).code).toBe('invalid-argument')
      expect((error as MetalError).message).toMatch(message)
    })
  }

  it('sync(), presence() and their listeners name the bad value', () => {
    const metal = new Metal({ auth: { persistence: false } })
    try {
      expect(() =>
        metal.sync({ collection: 'docs', options: { conflict: 'newest' as never } }),
      ).toThrow(/sync\(\): option 'conflict'.*'newest'/)
      expect(() => metal.sync({ collection: 'docs', options: { maxRetries: 1.5 } })).toThrow(
        /sync\(\): option 'maxRetries'.*1.5/,
      )
      expect(() => metal.sync({ collection: 'a/b' })).toThrow(/sync\(\): collection path 'a\/b'/)
      const sync = metal.sync({ collection: 'docs' })
      const on = sync.on.bind(sync) as (event: string, listener: () => void) => unknown
      expect(() => on('done', () => {})).toThrow(/sync.on\(\): event .*'done'/)
      expect(() => metal.presence('')).toThrow(/presence\(\): room .*''/)
      expect(() => metal.presence().subscribe(42 as never)).toThrow(
        /presence.subscribe\(\): listener .*42/,
      )
      expect(() => metal.auth().onStateChange(null as never)).toThrow(
        /onStateChange\(\): listener .*null/,
      )
    } finally {
      metal.close()
    }
  })
})
