import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Metal, documentId, or, where } from '../../index.js'
import type { CollectionReference, DocumentChange } from '../../index.js'
import { clients, eventually, type BackendHarness } from './harness.js'
import { idsOf } from './queries.helpers.js'
import { rejection, seed, type Env } from './helpers.js'

// Cloud Firestore orders a query by its inequality fields when no orderBy() names them ("the
// query is implicitly ordered by the inequality fields", Firestore docs: "Query with range and
// inequality filters on multiple fields", implicit orderBy): explicit keys first, then every
// field of a `<, <=, >, >=, !=, not-in` filter in lexicographic order of the field path, in the
// direction of the last explicit key, then the document id. With limit() this picks which
// documents come back, not only their order.

export function queryImplicitOrderSuite(harness: BackendHarness): void {
  describe(`queries: implicit order by inequality fields (${harness.name})`, () => {
    let env: Env
    let people: CollectionReference

    beforeEach(async () => {
      env = await clients(harness)
      people = env.metal.db().collection('people')
      await seed(people, {
        a: { age: 40, team: 'red', score: 2 },
        b: { age: 30, team: 'blue', score: 1 },
        c: { age: 25, team: 'red', score: 1 },
        d: { age: 35, team: 'blue', score: 3 },
        e: { age: 10, team: 'red', score: 5 },
        f: { team: 'blue', score: 4 },
      })
    })
    afterEach(async () => {
      await env.close()
    })

    it('orders a range filter without orderBy by the filtered field, so limit() keeps the smallest', async () => {
      expect(await idsOf(people.where('age', '>', 20))).toEqual(['c', 'b', 'd', 'a'])
      expect(await idsOf(people.where('age', '>', 20).limit(2))).toEqual(['c', 'b'])
    })

    it("orders by the field of a '!=' or 'not-in' filter", async () => {
      expect(await idsOf(people.where('age', '!=', 30).limit(2))).toEqual(['e', 'c'])
      expect(await idsOf(people.where('score', 'not-in', [2, 3]).limit(3))).toEqual(['b', 'c', 'f'])
    })

    it('adds the inequality fields after the explicit keys, in the direction of the last one', async () => {
      expect(await idsOf(people.where('age', '>', 20).orderBy('team', 'desc'))).toEqual([
        'a',
        'c',
        'd',
        'b',
      ])
      expect(await idsOf(people.where('age', '<', 39).orderBy('team').limitToLast(2))).toEqual([
        'e',
        'c',
      ])
    })

    it('orders several inequality fields by field path, not by the order of the filters', async () => {
      const q = people.where('score', '>=', 1).where('age', '>', 0)
      expect(await idsOf(q)).toEqual(['e', 'c', 'b', 'd', 'a'])
      // score ties (b, c) break by age in score's direction before the id.
      expect(await idsOf(q.orderBy('score', 'desc'))).toEqual(['e', 'd', 'a', 'b', 'c'])
    })

    it('orders by an inequality under or(), leaving out documents without that field', async () => {
      const q = people.where(or(where('age', '>=', 35), where('team', '==', 'blue')))
      // f has team 'blue' but no age: the implicit orderBy('age') leaves it out, as in Firestore.
      expect(await idsOf(q)).toEqual(['b', 'd', 'a'])
    })

    it('keeps id order for an inequality on documentId()', async () => {
      expect(await idsOf(people.where(documentId(), '>', 'b').limit(2))).toEqual(['c', 'd'])
    })

    it('takes the values of a snapshot cursor for the implicit keys', async () => {
      const b = await people.doc('b').get()
      const q = people.where('age', '>', 20)
      expect(await idsOf(q.startAfter(b))).toEqual(['d', 'a'])
      expect(await idsOf(q.endBefore(b))).toEqual(['c'])
      expect(await idsOf(q.startAt(b).limit(2))).toEqual(['b', 'd'])
    })

    it('refuses a snapshot cursor taken before an inequality filter was added', async () => {
      const b = await people.doc('b').get()
      const q = people.startAfter(b).where('age', '>', 20)
      const error = await rejection(q.get())
      expect(error.code).toBe('invalid-argument')
      expect(error.message).toContain("'age'")
    })

    it('keeps a live result with limit() in the implicit order', async () => {
      let latest: string[] = []
      const stop = people
        .where('age', '>', 20)
        .limit(2)
        .subscribe((_changes: DocumentChange[], snap) => {
          latest = snap.docs.map((d) => d.id)
        })
      await eventually(() => expect(latest).toEqual(['c', 'b']))
      await people.doc('g').set({ age: 21 })
      await eventually(() => expect(latest).toEqual(['g', 'c']))
      stop()
    })

    it('gives a second client the same order', async () => {
      const other = new Metal({ backend: env.backend, projectId: 'test' })
      try {
        const q = other.db().collection('people').where('age', '>=', 25)
        expect(await idsOf(q.limit(3))).toEqual(['c', 'b', 'd'])
      } finally {
        await other.close()
      }
    })
  })
}
