import { describe, expect, it, onTestFinished } from 'vitest'
import { arrayUnion, Metal } from '../../index.js'
import type { DocumentReference, Query } from '../../index.js'
import { eventually, type BackendHarness } from './harness.js'
import { open, rejection } from './helpers.js'

// Document references as stored values, from Firestore's documented behaviour: a reference field
// reads back as a DocumentReference; queries compare references by path; in mixed-type order a
// reference sorts after strings and before arrays, and references sort segment by segment
// ("Value type ordering": Null, Boolean, Number, …, String, Bytes, Reference, …, Array, Map).

async function ids(query: Query): Promise<string[]> {
  return (await query.get()).docs.map((d) => d.id)
}

/** Document references as stored values, against one backend implementation. */
export function referencesSuite(harness: BackendHarness): void {
  describe(`references as values (${harness.name})`, () => {
    it('stores a reference that reads back as a DocumentReference of the reading client', async () => {
      const {
        clients: [a, b],
      } = await open(harness, 2)
      await a!.db().doc('users/u1').set({ name: 'Ada' })
      await a!
        .db()
        .doc('tasks/t1')
        .set({
          owner: a!.db().doc('users/u1'),
          team: [a!.db().doc('users/u1')],
          by: { ref: a!.db().doc('users/u2') },
        })

      const data = (await b!.db().doc('tasks/t1').get()).data()!
      const owner = data.owner as DocumentReference

      expect(owner.path).toBe('users/u1')
      expect(owner.isEqual(b!.db().doc('users/u1'))).toBe(true)
      expect((await owner.get()).data()).toEqual({ name: 'Ada' })
      expect((data.team as DocumentReference[])[0]!.path).toBe('users/u1')
      expect((data.by as { ref: DocumentReference }).ref.path).toBe('users/u2')
      const field = (await b!.db().doc('tasks/t1').get()).get('by.ref') as DocumentReference
      expect(field.path).toBe('users/u2')
    })

    it("refuses a reference to another project's document, and takes one from another client of its project", async () => {
      // Firestore refuses a DocumentReference of another database ("Document reference is for
      // database X but should be for database Y"); a Metal project is that database.
      const {
        clients: [a, b],
      } = await open(harness, 2)
      const elsewhere = new Metal({ projectId: 'elsewhere' })
      onTestFinished(() => elsewhere.close())
      const foreign = elsewhere.db().doc('users/u1')
      const refused = await rejection(a!.db().doc('tasks/t9').set({ owner: foreign }))
      expect(refused.code).toBe('invalid-argument')
      expect(refused.message).toContain("project 'elsewhere'")
      const batch = a!.db().batch()
      expect(() => batch.set(a!.db().doc('tasks/t9'), { team: [foreign] })).toThrow(/elsewhere/)
      expect((await a!.db().doc('tasks/t9').get()).exists).toBe(false)
      await a!
        .db()
        .doc('tasks/t9')
        .set({ owner: b!.db().doc('users/u1') })
      const owner = (await a!.db().doc('tasks/t9').get()).data()!.owner as DocumentReference
      expect(owner.path).toBe('users/u1')
    })

    it('filters on a reference by its path: ==, !=, in, array-contains', async () => {
      const { metal } = await open(harness)
      const db = metal.db()
      const tasks = db.collection('tasks')
      await tasks.doc('t1').set({ owner: db.doc('users/u1'), team: [db.doc('users/u1')] })
      await tasks.doc('t2').set({ owner: db.doc('users/u2'), team: [db.doc('users/u2')] })
      await tasks.doc('t3').set({ owner: 'users/u1', team: ['users/u1'] })

      expect(await ids(tasks.where('owner', '==', db.doc('users/u1')))).toEqual(['t1'])
      // Sorted: the order of a != result is item 1 of issue #16, not this test's subject.
      expect((await ids(tasks.where('owner', '!=', db.doc('users/u1')))).sort()).toEqual([
        't2',
        't3',
      ])
      expect(await ids(tasks.where('owner', 'in', [db.doc('users/u2')]))).toEqual(['t2'])
      expect(await ids(tasks.where('team', 'array-contains', db.doc('users/u1')))).toEqual(['t1'])
    })

    it('orders a reference after strings and before arrays, and references by path segments', async () => {
      const { metal } = await open(harness)
      const db = metal.db()
      const items = db.collection('items')
      await items.doc('1-map').set({ v: { a: 1 } })
      await items.doc('2-array').set({ v: [1] })
      await items.doc('3-ref-a').set({ v: db.doc('a/y') })
      await items.doc('4-ref-a-b').set({ v: db.doc('a-b/x') })
      await items.doc('5-string').set({ v: 'zzz' })
      await items.doc('6-number').set({ v: 7 })
      await items.doc('7-null').set({ v: null })

      const order = ['7-null', '6-number', '5-string', '3-ref-a', '4-ref-a-b', '2-array', '1-map']
      expect(await ids(items.orderBy('v'))).toEqual(order)
      expect(await ids(items.orderBy('v').limit(4))).toEqual(order.slice(0, 4))
      expect(await ids(items.orderBy('v', 'desc').limit(3))).toEqual(
        [...order].reverse().slice(0, 3),
      )
      expect(await ids(items.where('v', '>', db.doc('a/y')))).toEqual(['4-ref-a-b'])
      expect(await ids(items.orderBy('v').startAfter(db.doc('a/y')))).toEqual(order.slice(4))
      expect(await ids(items.orderBy('v').endBefore(db.doc('a-b/x')))).toEqual(order.slice(0, 4))
    })

    it('tells a live query of a document whose reference starts to match', async () => {
      const { metal } = await open(harness)
      const db = metal.db()
      const seen: string[][] = []
      const stop = db
        .collection('tasks')
        .where('owner', '==', db.doc('users/u1'))
        .subscribe((_changes, snap) => seen.push(snap.docs.map((d) => d.id)))
      onTestFinished(stop)

      await db.doc('tasks/t1').set({ owner: db.doc('users/u2') })
      await db.doc('tasks/t2').set({ owner: db.doc('users/u1') })
      await db.doc('tasks/t1').update({ owner: db.doc('users/u1') })

      await eventually(() => expect(seen.at(-1)).toEqual(['t1', 't2']))
    })

    it('adds a reference to an array once with arrayUnion', async () => {
      const { metal } = await open(harness)
      const db = metal.db()
      const ref = db.doc('tasks/t1')
      await ref.set({ team: [db.doc('users/u1')] })

      await ref.update({ team: arrayUnion(db.doc('users/u1'), db.doc('users/u2')) })

      const team = (await ref.get()).data()!.team as DocumentReference[]
      expect(team.map((r) => r.path)).toEqual(['users/u1', 'users/u2'])
    })

    it('takes the stored form { __ref__: path } as a reference, and refuses a bad one', async () => {
      const { metal } = await open(harness)
      const ref = metal.db().doc('tasks/t1')

      await ref.set({ owner: { __ref__: 'users/u1' } })
      const bad = await rejection(ref.set({ owner: { __ref__: 'users' } }))
      const extra = await rejection(ref.set({ owner: { __ref__: 'users/u1', x: 1 } }))

      expect(((await ref.get()).data()!.owner as DocumentReference).path).toBe('users/u1')
      expect(bad.code).toBe('invalid-argument')
      expect(bad.message).toContain("'users'")
      expect(extra.code).toBe('invalid-argument')
      expect(extra.message).toContain("'owner.__ref__'")
    })
  })
}
