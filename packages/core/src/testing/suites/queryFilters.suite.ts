import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Metal, and, documentId, or, where } from '../../index.js'
import type { CollectionReference } from '../../index.js'
import { clients, type BackendHarness } from './harness.js'
import { ids, idsOf, thrown, MIXED } from './queries.helpers.js'
import { type Env, seed } from './helpers.js'

export function queryFiltersSuite(harness: BackendHarness): void {
  describe(`queries: filters (${harness.name})`, () => {
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
            p7: { tags: [{ k: ['a'] }] }, // arrays nest only through a map
          })
        })

        it('array-contains matches arrays holding the value, not equal scalars', async () => {
          expect(await idsOf(posts.where('tags', 'array-contains', 'a'))).toEqual(['p1'])
          expect(await idsOf(posts.where('tags', 'array-contains', 'c'))).toEqual(['p2'])
        })

        it('array-contains compares elements deeply and by type', async () => {
          expect(await idsOf(posts.where('tags', 'array-contains', { k: 1 }))).toEqual(['p3'])
          expect(await idsOf(posts.where('tags', 'array-contains', { k: ['a'] }))).toEqual(['p7'])
          // No stored array holds an array (Firestore refuses nested arrays), so this matches none.
          expect(await idsOf(posts.where('tags', 'array-contains', ['a']))).toEqual([])
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
        await seed(accounts, {
          d7: { role: 'user', score: 10 },
          d8: { role: 'user', score: 2 },
          d9: { role: 'guest', score: 1 },
        })
        const q = accounts.where(
          or(where('score', '>', 5), where('role', 'not-in', ['user', 'admin'])),
        )
        // Ordered implicitly by role, then score (Firestore): d6 (moderator) has no score, so the
        // implicit orderBy('score') leaves it out.
        expect(await idsOf(q)).toEqual(['d9', 'd7'])
      })

      it('or() rejects an argument that is not a filter', () => {
        expect(thrown(() => or(where('a', '==', 1), 'b' as never)).code).toBe('invalid-argument')
      })
    })
  })
}
