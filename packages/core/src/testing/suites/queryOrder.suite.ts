import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Metal, documentId } from '../../index.js'
import type { CollectionReference } from '../../index.js'
import { clients, type BackendHarness } from './harness.js'
import { ids, idsOf, thrown, MIXED } from './queries.helpers.js'
import { type Env, seed } from './helpers.js'
import { rejection } from './helpers.js'

export function queryOrderSuite(harness: BackendHarness): void {
  describe(`queries: order, windows and cursors (${harness.name})`, () => {
    let env: Env
    let db: ReturnType<Metal['db']>

    beforeEach(async () => {
      env = await clients(harness)
      db = env.metal.db()
    })
    afterEach(async () => {
      await env.close()
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
        // Ordered by n: Firestore orders by the inequality field when no orderBy() is given.
        expect(await idsOf(nums.where('n', '>', 3).limit(10))).toEqual(['e', 'c'])
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
