import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Metal, MetalError, and, documentId, or, where } from '../../index.js'
import type { CollectionReference, DocumentData, QuerySnapshot } from '../../index.js'
import { clients, type BackendHarness } from './harness.js'

type Env = Awaited<ReturnType<typeof clients>>

/** Writes every document of `docs` (id → data) into `coll`. */
async function seed(coll: CollectionReference, docs: Record<string, DocumentData>): Promise<void> {
  await Promise.all(Object.entries(docs).map(([id, data]) => coll.doc(id).set(data)))
}

function ids(snapshot: QuerySnapshot): string[] {
  return snapshot.docs.map((d) => d.id)
}

async function idsOf(query: { get(): Promise<QuerySnapshot> }): Promise<string[]> {
  return ids(await query.get())
}

/** The error a promise rejects with (fails the test when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<MetalError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(MetalError)
    return error as MetalError
  }
  throw new Error('expected the promise to reject')
}

/** The error `fn` throws synchronously (fails the test when it does not). */
function thrown(fn: () => unknown): MetalError {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(MetalError)
    return error as MetalError
  }
  throw new Error('expected a synchronous throw')
}

/**
 * One field, `v`, holding every kind of value, plus documents where it is missing. Ids sort in
 * the order listed, so a query with no orderBy returns matches in this order.
 */
const MIXED: Record<string, DocumentData> = {
  a_null: { v: null },
  b_false: { v: false },
  c_true: { v: true },
  d_one: { v: 1 },
  e_two: { v: 2 },
  f_three: { v: 3.5 },
  g_str2: { v: '2' },
  h_strB: { v: 'b' },
  i_arr: { v: [1, 2] },
  j_map: { v: { x: 1 } },
  k_missing: { other: 1 },
  l_nested: { v: { x: 1, y: [2] } },
}

export function queriesSuite(harness: BackendHarness): void {
  describe(`queries (${harness.name})`, () => {
    let env: Env
    let db: ReturnType<Metal['db']>

    beforeEach(async () => {
      env = await clients(harness)
      db = env.metal.db()
    })
    afterEach(async () => {
      await env.close()
    })

    // ─── Operators ────────────────────────────────────────────────────────────────────────────

    describe('operators', () => {
      let mixed: CollectionReference
      beforeEach(async () => {
        mixed = db.collection('mixed')
        await seed(mixed, MIXED)
      })

      it('== matches equal values of the same type only', async () => {
        expect(await idsOf(mixed.where('v', '==', 2))).toEqual(['e_two'])
        expect(await idsOf(mixed.where('v', '==', '2'))).toEqual(['g_str2'])
        expect(await idsOf(mixed.where('v', '==', true))).toEqual(['c_true'])
      })

      it('== null matches null but not a missing field', async () => {
        expect(await idsOf(mixed.where('v', '==', null))).toEqual(['a_null'])
      })

      it('== compares arrays and maps deeply, maps regardless of key order', async () => {
        expect(await idsOf(mixed.where('v', '==', [1, 2]))).toEqual(['i_arr'])
        expect(await idsOf(mixed.where('v', '==', [2, 1]))).toEqual([])
        expect(await idsOf(mixed.where('v', '==', { y: [2], x: 1 }))).toEqual(['l_nested'])
        expect(await idsOf(mixed.where('v', '==', { x: 1 }))).toEqual(['j_map'])
      })

      it('!= matches every other value but never null or a missing field', async () => {
        expect(await idsOf(mixed.where('v', '!=', 2))).toEqual([
          'b_false',
          'c_true',
          'd_one',
          'f_three',
          'g_str2',
          'h_strB',
          'i_arr',
          'j_map',
          'l_nested',
        ])
      })

      it('!= null matches every document whose field exists and is not null', async () => {
        expect(await idsOf(mixed.where('v', '!=', null))).toEqual([
          'b_false',
          'c_true',
          'd_one',
          'e_two',
          'f_three',
          'g_str2',
          'h_strB',
          'i_arr',
          'j_map',
          'l_nested',
        ])
      })

      it('< and <= match only numbers for a number operand', async () => {
        expect(await idsOf(mixed.where('v', '<', 2))).toEqual(['d_one'])
        expect(await idsOf(mixed.where('v', '<=', 2))).toEqual(['d_one', 'e_two'])
      })

      it('> and >= match only numbers for a number operand', async () => {
        expect(await idsOf(mixed.where('v', '>', 2))).toEqual(['f_three'])
        expect(await idsOf(mixed.where('v', '>=', 2))).toEqual(['e_two', 'f_three'])
        expect(await idsOf(mixed.where('v', '>', -1e9))).toEqual(['d_one', 'e_two', 'f_three'])
      })

      it('range operators match only strings for a string operand', async () => {
        expect(await idsOf(mixed.where('v', '>=', ''))).toEqual(['g_str2', 'h_strB'])
        expect(await idsOf(mixed.where('v', '<', 'a'))).toEqual(['g_str2'])
        expect(await idsOf(mixed.where('v', '>', 'a'))).toEqual(['h_strB'])
      })

      it('range operators match only booleans for a boolean operand', async () => {
        expect(await idsOf(mixed.where('v', '>', false))).toEqual(['c_true'])
        expect(await idsOf(mixed.where('v', '<=', true))).toEqual(['b_false', 'c_true'])
      })

      it('range operators match only arrays for an array operand', async () => {
        expect(await idsOf(mixed.where('v', '>', [1]))).toEqual(['i_arr'])
        expect(await idsOf(mixed.where('v', '<', [1]))).toEqual([])
      })

      it('range operators match only maps for a map operand', async () => {
        expect(await idsOf(mixed.where('v', '>=', { x: 1 }))).toEqual(['j_map', 'l_nested'])
        expect(await idsOf(mixed.where('v', '>', { x: 1 }))).toEqual(['l_nested'])
      })

      it('two range filters on one field select an interval', async () => {
        expect(await idsOf(mixed.where('v', '>', 1).where('v', '<=', 3.5))).toEqual([
          'e_two',
          'f_three',
        ])
      })

      it('in matches any listed value, including null, but not a missing field', async () => {
        expect(await idsOf(mixed.where('v', 'in', [1, 'b', null, 99]))).toEqual([
          'a_null',
          'd_one',
          'h_strB',
        ])
      })

      it('in compares array and map values deeply', async () => {
        expect(await idsOf(mixed.where('v', 'in', [[1, 2], { x: 1 }]))).toEqual(['i_arr', 'j_map'])
      })

      it('not-in matches every unlisted value but never null or a missing field', async () => {
        expect(await idsOf(mixed.where('v', 'not-in', [1, 'b', true, [1, 2]]))).toEqual([
          'b_false',
          'e_two',
          'f_three',
          'g_str2',
          'j_map',
          'l_nested',
        ])
      })

      it('not-in [null] still excludes null and missing fields', async () => {
        expect(await idsOf(mixed.where('v', 'not-in', [null]))).toHaveLength(10)
        expect(await idsOf(mixed.where('v', 'not-in', [null]))).not.toContain('a_null')
      })

      describe('on arrays', () => {
        let posts: CollectionReference
        beforeEach(async () => {
          posts = db.collection('posts')
          await seed(posts, {
            p1: { tags: ['a', 'b'] },
            p2: { tags: ['b', 'c', 'c'] },
            p3: { tags: [{ k: 1 }, 'd', 2] },
            p4: { tags: 'a' },
            p5: { title: 'no tags' },
            p6: { tags: [] },
            p7: { tags: [['a']] },
          })
        })

        it('array-contains matches arrays holding the value, not equal scalars', async () => {
          expect(await idsOf(posts.where('tags', 'array-contains', 'a'))).toEqual(['p1'])
          expect(await idsOf(posts.where('tags', 'array-contains', 'c'))).toEqual(['p2'])
        })

        it('array-contains compares elements deeply and by type', async () => {
          expect(await idsOf(posts.where('tags', 'array-contains', { k: 1 }))).toEqual(['p3'])
          expect(await idsOf(posts.where('tags', 'array-contains', ['a']))).toEqual(['p7'])
          expect(await idsOf(posts.where('tags', 'array-contains', '2'))).toEqual([])
        })

        it('array-contains-any matches arrays holding any value, each document once', async () => {
          expect(await idsOf(posts.where('tags', 'array-contains-any', ['a', 'c', 2]))).toEqual([
            'p1',
            'p2',
            'p3',
          ])
          expect(await idsOf(posts.where('tags', 'array-contains-any', ['zzz']))).toEqual([])
        })

        it('in with an array operand matches the whole array, not its elements', async () => {
          expect(await idsOf(posts.where('tags', 'in', [['a', 'b'], ['a']]))).toEqual(['p1'])
        })
      })

      it('filters on documentId() match the document id', async () => {
        expect(await idsOf(mixed.where(documentId(), '==', 'e_two'))).toEqual(['e_two'])
        expect(await idsOf(mixed.where(documentId(), 'in', ['d_one', 'zzz']))).toEqual(['d_one'])
        expect(await idsOf(mixed.where(documentId(), '>=', 'k'))).toEqual(['k_missing', 'l_nested'])
      })
    })

    describe('filter validation', () => {
      it('documentId() filters take only document id strings', () => {
        const c = db.collection('c')
        expect(thrown(() => c.where(documentId(), '==', 5)).code).toBe('invalid-argument')
        expect(thrown(() => c.where(documentId(), 'in', ['a', 1])).code).toBe('invalid-argument')
        expect(thrown(() => c.where(documentId(), '>', 'a/b')).code).toBe('invalid-argument')
        expect(thrown(() => c.where(documentId(), 'array-contains', 'a')).code).toBe(
          'invalid-argument',
        )
      })

      it('rejects an unknown operator synchronously, naming it and the field', () => {
        const error = thrown(() => db.collection('c').where('age', '=>' as '==', 1))
        expect(error.code).toBe('invalid-argument')
        expect(error.message).toContain("'=>'")
        expect(error.message).toContain("'age'")
      })

      it('limits in and array-contains-any to 30 values and not-in to 10', () => {
        const c = db.collection('c')
        const thirty = Array.from({ length: 30 }, (_, i) => i)
        expect(() => c.where('v', 'in', thirty)).not.toThrow()
        expect(thrown(() => c.where('v', 'in', [...thirty, 30])).code).toBe('invalid-argument')
        expect(thrown(() => c.where('v', 'array-contains-any', [...thirty, 30])).code).toBe(
          'invalid-argument',
        )
        expect(() => c.where('v', 'not-in', thirty.slice(0, 10))).not.toThrow()
        expect(thrown(() => c.where('v', 'not-in', thirty.slice(0, 11))).code).toBe(
          'invalid-argument',
        )
      })

      it('rejects list operators without a non-empty array', () => {
        const c = db.collection('c')
        expect(thrown(() => c.where('v', 'in', [])).code).toBe('invalid-argument')
        expect(thrown(() => c.where('v', 'not-in', 'x')).code).toBe('invalid-argument')
      })

      it('rejects null with range operators and undefined with any operator', () => {
        const c = db.collection('c')
        expect(thrown(() => c.where('v', '<', null)).code).toBe('invalid-argument')
        expect(thrown(() => c.where('v', '==', undefined)).code).toBe('invalid-argument')
      })

      it('rejects malformed field paths', () => {
        const c = db.collection('c')
        expect(thrown(() => c.where('a..b', '==', 1)).code).toBe('invalid-argument')
        expect(thrown(() => c.where('', '==', 1)).code).toBe('invalid-argument')
        expect(thrown(() => c.orderBy('.a')).code).toBe('invalid-argument')
      })
    })

    // ─── Field paths and shorthand ────────────────────────────────────────────────────────────

    describe('dotted field paths', () => {
      let users: CollectionReference
      beforeEach(async () => {
        users = db.collection('users')
        await seed(users, {
          u1: { meta: { age: 30, name: 'ann' } },
          u2: { meta: { age: 45, name: 'bob', deep: { level: 3 } } },
          u3: { meta: { age: 25 } },
          u4: { meta: 50 },
          u5: { 'meta.age': 99 },
          u6: { meta: { age: '60' } },
        })
      })

      it('filter on a nested field', async () => {
        expect(await idsOf(users.where('meta.age', '>', 26))).toEqual(['u1', 'u2'])
        expect(await idsOf(users.where('meta.deep.level', '==', 3))).toEqual(['u2'])
      })

      it('order by a nested field, leaving out documents that lack it', async () => {
        expect(await idsOf(users.orderBy('meta.age', 'desc'))).toEqual(['u6', 'u2', 'u1', 'u3'])
      })

      it('a path does not read through non-map values', async () => {
        expect(await idsOf(users.where('meta.age', '==', 50))).toEqual([])
        expect(await idsOf(users.where('meta.age', '==', 99))).toEqual([])
      })

      it('fields named like Object.prototype members exist only when the document has them', async () => {
        const c = db.collection('protoNames')
        await seed(c, {
          p1: { constructor: 'x', n: 1 },
          p2: { n: 2 },
          p3: { meta: { toString: 3 } },
        })
        expect(await idsOf(c.where('constructor', '!=', null))).toEqual(['p1'])
        expect(await idsOf(c.orderBy('constructor'))).toEqual(['p1'])
        expect(await idsOf(c.where('meta.toString', '>', 0))).toEqual(['p3'])
        expect(await idsOf(c.where('hasOwnProperty', 'not-in', ['z']))).toEqual([])
      })

      it('a map field equals a map operand as a whole', async () => {
        expect(await idsOf(users.where('meta', '==', { name: 'ann', age: 30 }))).toEqual(['u1'])
      })
    })

    describe('object shorthand', () => {
      it('where({ a, b }) requires every key to equal its value', async () => {
        const c = db.collection('c')
        await seed(c, {
          x1: { a: 1, b: 2 },
          x2: { a: 1, b: 3 },
          x3: { a: 2, b: 2 },
          x4: { a: 1, b: 2, c: 9 },
          x5: { a: 1 },
        })
        expect(await idsOf(c.where({ a: 1, b: 2 }))).toEqual(['x1', 'x4'])
      })

      it('where({}) keys may be dotted paths and null', async () => {
        const c = db.collection('c')
        await seed(c, {
          x1: { m: { k: 'v' }, z: null },
          x2: { m: { k: 'v' } },
          x3: { m: { k: 'w' }, z: null },
        })
        expect(await idsOf(c.where({ 'm.k': 'v', z: null }))).toEqual(['x1'])
      })

      it('rejects an empty equality object', () => {
        expect(thrown(() => db.collection('c').where({})).code).toBe('invalid-argument')
      })
    })

    // ─── Ordering ─────────────────────────────────────────────────────────────────────────────

    describe('orderBy', () => {
      let people: CollectionReference
      beforeEach(async () => {
        people = db.collection('people')
        await seed(people, {
          p1: { name: 'carol', age: 35, team: 'red' },
          p2: { name: 'alice', age: 30, team: 'blue' },
          p3: { name: 'bob', age: 30, team: 'red' },
          p4: { name: 'dave', age: 25, team: 'blue' },
          p5: { name: 'erin', age: 40, team: 'red' },
        })
      })

      it('sorts ascending by default', async () => {
        expect(await idsOf(people.orderBy('name'))).toEqual(['p2', 'p3', 'p1', 'p4', 'p5'])
      })

      it('sorts descending', async () => {
        expect(await idsOf(people.orderBy('name', 'desc'))).toEqual(['p5', 'p4', 'p1', 'p3', 'p2'])
      })

      it('sorts by a second key where the first ties', async () => {
        expect(await idsOf(people.orderBy('team').orderBy('age', 'desc'))).toEqual([
          'p2',
          'p4',
          'p5',
          'p1',
          'p3',
        ])
      })

      it('breaks ties by document id, ascending after an ascending key', async () => {
        expect(await idsOf(people.orderBy('age'))).toEqual(['p4', 'p2', 'p3', 'p1', 'p5'])
      })

      it('breaks ties by document id, descending after a descending key', async () => {
        expect(await idsOf(people.orderBy('age', 'desc'))).toEqual(['p5', 'p1', 'p3', 'p2', 'p4'])
      })

      it('combines with filters on other fields', async () => {
        expect(await idsOf(people.where('team', '==', 'red').orderBy('age'))).toEqual([
          'p3',
          'p1',
          'p5',
        ])
      })

      it('returns documents in document-id order when there is no orderBy', async () => {
        const c = db.collection('unordered')
        for (const id of ['m', 'b', 'z', 'a', 'B', '10', '9']) await c.doc(id).set({ x: 1 })
        expect(await idsOf(c)).toEqual(['10', '9', 'B', 'a', 'b', 'm', 'z'])
      })

      it('orders mixed types null < boolean < number < string < array < map', async () => {
        const c = db.collection('mixed')
        await seed(c, MIXED)
        expect(await idsOf(c.orderBy('v'))).toEqual([
          'a_null',
          'b_false',
          'c_true',
          'd_one',
          'e_two',
          'f_three',
          'g_str2',
          'h_strB',
          'i_arr',
          'j_map',
          'l_nested',
        ])
      })

      it('reverses the whole type order when descending', async () => {
        const c = db.collection('mixed')
        await seed(c, MIXED)
        expect(await idsOf(c.orderBy('v', 'desc'))).toEqual([
          'l_nested',
          'j_map',
          'i_arr',
          'h_strB',
          'g_str2',
          'f_three',
          'e_two',
          'd_one',
          'c_true',
          'b_false',
          'a_null',
        ])
      })

      it('leaves out documents missing the orderBy field', async () => {
        await people.doc('p6').set({ name: 'frank' })
        await people.doc('p7').set({ name: 'gina', age: null })
        expect(await idsOf(people.orderBy('age'))).toEqual(['p7', 'p4', 'p2', 'p3', 'p1', 'p5'])
      })

      it('orders by documentId()', async () => {
        expect(await idsOf(people.orderBy(documentId(), 'desc'))).toEqual([
          'p5',
          'p4',
          'p3',
          'p2',
          'p1',
        ])
      })

      it('rejects a direction other than asc or desc', () => {
        expect(thrown(() => people.orderBy('age', 'down' as 'asc')).code).toBe('invalid-argument')
      })
    })

    // ─── Limits and offset ────────────────────────────────────────────────────────────────────

    describe('limit and limitToLast', () => {
      let nums: CollectionReference
      beforeEach(async () => {
        nums = db.collection('nums')
        await seed(nums, { a: { n: 3 }, b: { n: 1 }, c: { n: 5 }, d: { n: 2 }, e: { n: 4 } })
      })

      it('limit keeps the first n results in order', async () => {
        expect(await idsOf(nums.orderBy('n').limit(2))).toEqual(['b', 'd'])
        expect(await idsOf(nums.orderBy('n', 'desc').limit(3))).toEqual(['c', 'e', 'a'])
      })

      it('limit without orderBy keeps the first n by document id', async () => {
        expect(await idsOf(nums.limit(2))).toEqual(['a', 'b'])
      })

      it('limit larger than the result returns every match', async () => {
        expect(await idsOf(nums.where('n', '>', 3).limit(10))).toEqual(['c', 'e'])
      })

      it('limitToLast keeps the last n results, still in query order', async () => {
        expect(await idsOf(nums.orderBy('n').limitToLast(2))).toEqual(['e', 'c'])
        expect(await idsOf(nums.orderBy('n', 'desc').limitToLast(2))).toEqual(['d', 'b'])
      })

      it('the last of limit() and limitToLast() wins', async () => {
        expect(await idsOf(nums.orderBy('n').limitToLast(2).limit(1))).toEqual(['b'])
        expect(await idsOf(nums.orderBy('n').limit(1).limitToLast(3))).toEqual(['a', 'e', 'c'])
      })

      it('limitToLast without orderBy makes get() reject with invalid-argument', async () => {
        const query = nums.limitToLast(2)
        const error = await rejection(query.get())
        expect(error.code).toBe('invalid-argument')
        expect(error.message).toContain('orderBy')
      })

      it('limitToLast without orderBy makes subscribe() throw synchronously', () => {
        const query = nums.limitToLast(2)
        const error = thrown(() => query.subscribe(() => {}))
        expect(error.code).toBe('invalid-argument')
      })

      it('rejects a negative or fractional limit synchronously', () => {
        expect(thrown(() => nums.limit(-1)).code).toBe('invalid-argument')
        expect(thrown(() => nums.limitToLast(1.5)).code).toBe('invalid-argument')
        expect(thrown(() => nums.offset(-2)).code).toBe('invalid-argument')
      })
    })

    // ─── Cursors ──────────────────────────────────────────────────────────────────────────────

    describe('cursors', () => {
      let nums: CollectionReference
      beforeEach(async () => {
        nums = db.collection('nums')
        await seed(nums, {
          a: { n: 1, g: 'x' },
          b: { n: 2, g: 'y' },
          c: { n: 2, g: 'x' },
          d: { n: 2, g: 'x' },
          e: { n: 3, g: 'y' },
          f: { n: 4, g: 'x' },
        })
      })

      it('startAt and startAfter take orderBy values', async () => {
        expect(await idsOf(nums.orderBy('n').startAt(2))).toEqual(['b', 'c', 'd', 'e', 'f'])
        expect(await idsOf(nums.orderBy('n').startAfter(2))).toEqual(['e', 'f'])
      })

      it('endAt and endBefore take orderBy values', async () => {
        expect(await idsOf(nums.orderBy('n').endAt(2))).toEqual(['a', 'b', 'c', 'd'])
        expect(await idsOf(nums.orderBy('n').endBefore(2))).toEqual(['a'])
      })

      it('combines a start and an end cursor', async () => {
        expect(await idsOf(nums.orderBy('n').startAfter(1).endBefore(4))).toEqual([
          'b',
          'c',
          'd',
          'e',
        ])
      })

      it('cursor values follow a descending order', async () => {
        expect(await idsOf(nums.orderBy('n', 'desc').startAt(3).endAt(2))).toEqual([
          'e',
          'd',
          'c',
          'b',
        ])
        expect(await idsOf(nums.orderBy('n', 'desc').startAfter(2))).toEqual(['a'])
      })

      it('cursor values may cover a prefix of several orderBy keys', async () => {
        const byGroup = nums.orderBy('g').orderBy('n')
        expect(await idsOf(byGroup.startAt('x', 2))).toEqual(['c', 'd', 'f', 'b', 'e'])
        expect(await idsOf(byGroup.startAfter('x', 2))).toEqual(['f', 'b', 'e'])
        expect(await idsOf(byGroup.startAfter('x'))).toEqual(['b', 'e'])
      })

      it('a cursor value between stored values starts at the next one', async () => {
        expect(await idsOf(nums.orderBy('n').startAt(2.5))).toEqual(['e', 'f'])
      })

      it('cursor values compare across types by type order', async () => {
        await nums.doc('s').set({ n: 'text' })
        expect(await idsOf(nums.orderBy('n').startAfter(100))).toEqual(['s'])
        expect(await idsOf(nums.orderBy('n').endBefore(''))).toEqual(['a', 'b', 'c', 'd', 'e', 'f'])
      })

      it('startAfter(snapshot) continues after that document among equal sort keys', async () => {
        const c = await nums.doc('c').get()
        expect(await idsOf(nums.orderBy('n').startAfter(c))).toEqual(['d', 'e', 'f'])
        expect(await idsOf(nums.orderBy('n').startAt(c))).toEqual(['c', 'd', 'e', 'f'])
      })

      it('endBefore(snapshot) and endAt(snapshot) stop at that document among equal keys', async () => {
        const c = await nums.doc('c').get()
        expect(await idsOf(nums.orderBy('n').endBefore(c))).toEqual(['a', 'b'])
        expect(await idsOf(nums.orderBy('n').endAt(c))).toEqual(['a', 'b', 'c'])
      })

      it('a snapshot cursor follows the id tiebreak of a descending order', async () => {
        const c = await nums.doc('c').get()
        expect(await idsOf(nums.orderBy('n', 'desc'))).toEqual(['f', 'e', 'd', 'c', 'b', 'a'])
        expect(await idsOf(nums.orderBy('n', 'desc').startAfter(c))).toEqual(['b', 'a'])
      })

      it('a snapshot cursor without orderBy continues in document-id order', async () => {
        const c = await nums.doc('c').get()
        expect(await idsOf(nums.startAfter(c))).toEqual(['d', 'e', 'f'])
        expect(await idsOf(nums.endAt(c))).toEqual(['a', 'b', 'c'])
      })

      it('a query-result snapshot works as a cursor', async () => {
        const first = await nums.orderBy('n').limit(2).get()
        const last = first.docs[first.docs.length - 1]!
        expect(last.id).toBe('b')
        expect(await idsOf(nums.orderBy('n').startAfter(last).limit(2))).toEqual(['c', 'd'])
      })

      it('pages of startAfter(last).limit(k) visit every document once, in order', async () => {
        const base = nums.orderBy('g', 'desc').orderBy('n')
        const seen: string[] = []
        let page = await base.limit(2).get()
        while (!page.empty) {
          seen.push(...ids(page))
          page = await base
            .startAfter(page.docs[page.docs.length - 1]!)
            .limit(2)
            .get()
        }
        expect(seen).toEqual(await idsOf(base))
        expect(seen).toEqual(['b', 'e', 'a', 'c', 'd', 'f'])
      })

      it('rejects more cursor values than orderBy keys synchronously', () => {
        const error = thrown(() => nums.orderBy('n').startAt(1, 2))
        expect(error.code).toBe('invalid-argument')
        expect(thrown(() => nums.startAt(1)).code).toBe('invalid-argument')
      })

      it('rejects a snapshot missing an orderBy field, or of a missing document', async () => {
        await nums.doc('nog').set({ n: 9 })
        const nog = await nums.doc('nog').get()
        const absent = await nums.doc('absent').get()
        expect(thrown(() => nums.orderBy('g').startAt(nog)).code).toBe('invalid-argument')
        expect(thrown(() => nums.orderBy('n').startAt(absent)).code).toBe('invalid-argument')
      })

      it('rejects orderBy() after a cursor, as the cursor was built for the earlier order', () => {
        expect(thrown(() => nums.orderBy('n').startAt(2).orderBy('g')).code).toBe(
          'invalid-argument',
        )
        expect(thrown(() => nums.orderBy('n').endBefore(2).orderBy('g')).code).toBe(
          'invalid-argument',
        )
      })
    })

    // ─── OR and AND ───────────────────────────────────────────────────────────────────────────

    describe('composite filters', () => {
      let accounts: CollectionReference
      beforeEach(async () => {
        accounts = db.collection('accounts')
        // d1 separates (A OR B) AND C from A OR (B AND C): A holds, C does not.
        await seed(accounts, {
          d1: { status: 'active', role: 'user', plan: 'basic' },
          d2: { status: 'active', role: 'user', plan: 'premium' },
          d3: { status: 'inactive', role: 'admin', plan: 'premium' },
          d4: { status: 'inactive', role: 'admin', plan: 'basic' },
          d5: { status: 'inactive', role: 'user', plan: 'premium' },
          d6: { status: 'inactive', role: 'moderator', plan: 'premium' },
        })
      })

      it('composite() chains left to right: where(A).or(B).and(C) is (A OR B) AND C', async () => {
        const result = await accounts
          .composite()
          .where('status', '==', 'active')
          .or('role', 'in', ['admin', 'moderator'])
          .and('plan', '==', 'premium')
          .execute()
        expect(ids(result)).toEqual(['d2', 'd3', 'd6'])
      })

      it('composite() where(A).and(B).or(C) is (A AND B) OR C', async () => {
        const result = await accounts
          .composite()
          .where('plan', '==', 'premium')
          .and('role', '==', 'user')
          .or('status', '==', 'active')
          .get()
        expect(ids(result)).toEqual(['d1', 'd2', 'd5'])
      })

      it('composite() keeps the base query filters and its ordering and limit', async () => {
        const result = await accounts
          .where('plan', '==', 'premium')
          .composite()
          .where('role', '==', 'admin')
          .or('status', '==', 'active')
          .orderBy('role', 'desc')
          .limit(1)
          .get()
        expect(ids(result)).toEqual(['d2'])
      })

      it('composite() passes cursors through', async () => {
        const result = await accounts
          .composite()
          .where('plan', '==', 'premium')
          .orderBy('role')
          .startAfter('admin')
          .endAt('user')
          .get()
        expect(ids(result)).toEqual(['d6', 'd2', 'd5'])
      })

      it('composite().or() before any where() throws', () => {
        expect(thrown(() => accounts.composite().or('role', '==', 'x')).code).toBe(
          'invalid-argument',
        )
      })

      it('or() of where() filters matches documents matching any of them', async () => {
        const q = accounts.where(or(where('role', '==', 'moderator'), where('plan', '==', 'basic')))
        expect(await idsOf(q)).toEqual(['d1', 'd4', 'd6'])
      })

      it('or() and and() nest: A OR (B AND C)', async () => {
        const q = accounts.where(
          or(
            where('status', '==', 'active'),
            and(where('role', '==', 'admin'), where('plan', '!=', 'basic')),
          ),
        )
        expect(await idsOf(q)).toEqual(['d1', 'd2', 'd3'])
      })

      it('a filter passed to where() is ANDed with the chain', async () => {
        const q = accounts
          .where('plan', '==', 'premium')
          .where(or(where('role', '==', 'admin'), where('status', '==', 'active')))
        expect(await idsOf(q)).toEqual(['d2', 'd3'])
      })

      it('or() with range and list operators on different fields', async () => {
        await seed(accounts, { d7: { status: 'active', score: 10 }, d8: { score: 2 } })
        const q = accounts.where(
          or(where('score', '>', 5), where('role', 'not-in', ['user', 'admin'])),
        )
        expect(await idsOf(q)).toEqual(['d6', 'd7'])
      })

      it('or() rejects an argument that is not a filter', () => {
        expect(thrown(() => or(where('a', '==', 1), 'b' as never)).code).toBe('invalid-argument')
      })
    })

    // ─── Results ──────────────────────────────────────────────────────────────────────────────

    describe('results', () => {
      it('execute() resolves to the same snapshot contents as get()', async () => {
        const c = db.collection('c')
        await seed(c, { a: { n: 1 }, b: { n: 2 }, c: { n: 3 } })
        const q = c.where('n', '>=', 2).orderBy('n', 'desc')
        const [viaGet, viaExecute] = await Promise.all([q.get(), q.execute()])
        expect(ids(viaExecute)).toEqual(['c', 'b'])
        expect(ids(viaExecute)).toEqual(ids(viaGet))
        expect(viaExecute.docs.map((d) => d.data())).toEqual(viaGet.docs.map((d) => d.data()))
        expect(viaExecute.size).toBe(viaGet.size)
      })

      it('a snapshot reports size, empty, data and each document as added', async () => {
        const c = db.collection('c')
        await seed(c, { a: { n: 1 }, b: { n: 2 } })
        const snap = await c.orderBy('n').get()
        expect(snap.size).toBe(2)
        expect(snap.empty).toBe(false)
        expect(snap.docs.map((d) => d.data())).toEqual([{ n: 1 }, { n: 2 }])
        expect(snap.docs.every((d) => d.exists && !d.hasPendingWrites)).toBe(true)
        expect(snap.changes.map((ch) => [ch.type, ch.id, ch.oldIndex, ch.newIndex])).toEqual([
          ['added', 'a', -1, 0],
          ['added', 'b', -1, 1],
        ])
        expect((await c.where('n', '>', 5).get()).empty).toBe(true)
      })

      it('a query sees deletes and updates committed before it runs', async () => {
        const c = db.collection('c')
        await seed(c, { a: { n: 1 }, b: { n: 2 }, c: { n: 3 } })
        await c.doc('a').delete()
        await c.doc('c').update({ n: 0 })
        expect(await idsOf(c.orderBy('n'))).toEqual(['c', 'b'])
      })
    })

    // ─── Paths and projects ───────────────────────────────────────────────────────────────────

    describe('sub-collections', () => {
      it('a sub-collection query reads only that sub-collection', async () => {
        await seed(db.collection('users'), { u1: { name: 'ann' }, u2: { name: 'bob' } })
        await seed(db.collection('users/u1/posts'), {
          p1: { likes: 5 },
          p2: { likes: 1 },
        })
        await seed(db.collection('users/u2/posts'), { p3: { likes: 9 } })

        const u1Posts = db.collection('users/u1/posts')
        expect(await idsOf(u1Posts.orderBy('likes', 'desc'))).toEqual(['p1', 'p2'])
        expect(await idsOf(db.collection('users/u2/posts'))).toEqual(['p3'])
        expect(await idsOf(db.collection('users'))).toEqual(['u1', 'u2'])
        expect(await idsOf(db.collection('posts'))).toEqual([])
      })

      it('filters and cursors work on a sub-collection', async () => {
        const posts = db.collection('users/u1/posts')
        await seed(posts, { p1: { likes: 5 }, p2: { likes: 1 }, p3: { likes: 3 } })
        expect(await idsOf(posts.where('likes', '>=', 3).orderBy('likes').startAfter(3))).toEqual([
          'p1',
        ])
      })
    })

    describe('projects', () => {
      it('two projects on one backend see nothing of each other', async () => {
        const other = new Metal({ backend: env.backend, projectId: 'other-project' })
        try {
          const mine = db.collection('shared')
          const theirs = other.db().collection('shared')
          await seed(mine, { a: { owner: 'mine' }, b: { owner: 'mine' } })
          await seed(theirs, { a: { owner: 'theirs' }, z: { owner: 'theirs' } })

          expect(await idsOf(theirs)).toEqual(['a', 'z'])
          expect((await theirs.doc('a').get()).data()).toEqual({ owner: 'theirs' })
          expect(await idsOf(mine)).toEqual(['a', 'b'])
          expect(await idsOf(theirs.where('owner', '==', 'mine'))).toEqual([])
          expect(await idsOf(mine.where('owner', '==', 'theirs'))).toEqual([])
        } finally {
          other.close()
        }
      })
    })
  })
}
