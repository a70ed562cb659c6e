import { describe, expect, it } from 'vitest'
import { FieldPath, average, documentId, increment, sum } from '../../index.js'
import { eventually, type BackendHarness } from './harness.js'
import { backendFor, clientFor, open, rejection, dataOf, seed } from './helpers.js'
import type { RulesConfig } from '../../server/rules.js'

// Field paths as Cloud Firestore documents them: `new FieldPath(...names)` names fields whose
// names hold any character (dots, spaces, backticks), wherever a dotted string is taken: where,
// orderBy, update, snapshot.get, cursors and aggregations. Dotted strings may not hold
// `~ * / [ ]` ("Paths must not contain '~', '*', '/', '[', or ']'"). update() naming a field twice
// keeps the last value (the SDK's field mask takes the last occurrence of a path).

/** The ids of a query's result, in order. */
async function ids(query: { get(): Promise<{ docs: readonly { id: string }[] }> }) {
  return (await query.get()).docs.map((d) => d.id)
}

export function fieldPathsSuite(harness: BackendHarness): void {
  describe(`field paths (${harness.name})`, () => {
    async function prices() {
      const { metal } = await open(harness)
      const coll = metal.db().collection('prices')
      await seed(coll, {
        a: { m: { 'a.b': 3, 'x`y': 'p', 'sp ace': 1 }, 'a.b': 100 },
        b: { m: { 'a.b': 1, 'x`y': 'q', 'sp ace': 2 }, 'a.b': 200 },
        c: { m: { 'a.b': 2, 'x`y': 'r', 'sp ace': 3 }, a: { b: 0 } },
      })
      return coll
    }

    it('filters and orders on a FieldPath whose field names hold dots and backticks', async () => {
      const coll = await prices()
      const ab = new FieldPath('m', 'a.b')

      expect(await ids(coll.where(ab, '>=', 2).orderBy(ab))).toEqual(['c', 'a'])
      expect(await ids(coll.orderBy(ab, 'desc'))).toEqual(['a', 'c', 'b'])
      expect(await ids(coll.where(new FieldPath('m', 'x`y'), '==', 'q'))).toEqual(['b'])
      expect(await ids(coll.where(new FieldPath('a.b'), '>', 150))).toEqual(['b'])
      // The dotted string 'a.b' is the field b of the map a, not the field named 'a.b'.
      expect(await ids(coll.where('a.b', '==', 0))).toEqual(['c'])
    })

    it('a FieldPath of simple names is the same field as the dotted string', async () => {
      const coll = await prices()
      const asString = coll.where('m.sp ace', '>', 1).orderBy('m.sp ace')
      const asPath = coll
        .where(new FieldPath('m', 'sp ace'), '>', 1)
        .orderBy(new FieldPath('m', 'sp ace'))

      expect(asPath.isEqual(asString)).toBe(true)
      expect(await ids(asPath)).toEqual(['b', 'c'])
    })

    it('live queries and cursors follow a FieldPath order', async () => {
      const coll = await prices()
      const ab = new FieldPath('m', 'a.b')
      const first = (await coll.orderBy(ab).limit(1).get()).docs[0]!

      expect(await ids(coll.orderBy(ab).startAfter(first))).toEqual(['c', 'a'])
      expect(await ids(coll.orderBy(ab).endAt(2))).toEqual(['b', 'c'])
      const seen: string[][] = []
      const stop = coll
        .where(ab, '<', 3)
        .subscribe((_, snap) => seen.push(snap.docs.map((d) => d.id)))
      await coll.doc('a').update(ab, 0)
      await eventually(() => expect(seen.at(-1)).toEqual(['a', 'b', 'c']))
      stop()
    })

    it('aggregates a FieldPath', async () => {
      const coll = await prices()
      const ab = new FieldPath('m', 'a.b')

      expect(await coll.sum(ab)).toBe(6)
      expect(await coll.average(ab)).toBe(2)
      const snap = await coll.aggregate({ total: sum(ab), mean: average(new FieldPath('a.b')) })
      expect(snap.data()).toEqual({ total: 6, mean: 150 })
    })

    it('update() and snapshot.get() take FieldPaths; documentId() is a FieldPath', async () => {
      const coll = await prices()
      const ref = coll.doc('a')
      await ref.update(new FieldPath('m', 'a.b'), increment(1), new FieldPath('a.b'), 'x')
      const snap = await ref.get()

      expect(snap.get(new FieldPath('m', 'a.b'))).toBe(4)
      expect(snap.get(new FieldPath('a.b'))).toBe('x')
      expect(snap.get(documentId())).toBe('a')
      expect(documentId()).toBeInstanceOf(FieldPath)
      expect(await ids(coll.where(documentId(), '>', 'a').orderBy(documentId(), 'desc'))).toEqual([
        'c',
        'b',
      ])
      // The string form stays accepted.
      expect(await ids(coll.orderBy('__name__', 'desc'))).toEqual(['c', 'b', 'a'])
    })

    it('set() with merge fields takes FieldPaths', async () => {
      const { metal } = await open(harness)
      const ref = metal.db().collection('m').doc('d')
      await ref.set({ 'a.b': 1, a: { b: 2 } })
      await ref.set({ 'a.b': 5, a: { b: 6 } }, { merge: [new FieldPath('a.b')] })

      expect(await dataOf(ref)).toEqual({ 'a.b': 5, a: { b: 2 } })
    })

    it('refuses dotted strings holding ~ * / [ or ] everywhere a field path is taken', async () => {
      const { metal } = await open(harness)
      const coll = metal.db().collection('c')
      const ref = coll.doc('d')
      await ref.set({ 'a~b': 1 })
      const snap = await ref.get()

      for (const bad of ['a~b', 'a*', 'a/b', 'a[0]', 'b]']) {
        expect(() => coll.where(bad, '==', 1)).toThrow(/where\(\).*'~', '\*', '\/', '\[' or '\]'/)
        expect(() => coll.orderBy(bad)).toThrow(/orderBy\(\)/)
        expect(() => sum(bad)).toThrow(/sum\(\)/)
        expect(() => snap.get(bad)).toThrow(/get\(\)/)
        expect((await rejection(ref.update(bad, 2))).code).toBe('invalid-argument')
        expect((await rejection(ref.update({ [bad]: 2 }))).code).toBe('invalid-argument')
        expect((await rejection(ref.set({ x: 1 }, { merge: [bad] }))).code).toBe('invalid-argument')
      }
      // Map keys are not paths: any character may be written, and read back through a FieldPath.
      expect((await ref.get()).get(new FieldPath('a~b'))).toBe(1)
      expect(await ids(coll.where(new FieldPath('a~b'), '==', 1))).toEqual(['d'])
    })

    it('access rules see the fields a query fixes, whatever their names hold', async () => {
      type Data = { 'owner-id'?: unknown; m?: Record<string, unknown> } | null
      const rules: RulesConfig = {
        documents: {
          'notes/{id}': {
            read: ({ auth, doc }) =>
              auth !== null &&
              ((doc as Data)?.['owner-id'] === auth.userId ||
                (doc as Data)?.m?.['a.b'] === auth.userId),
            write: () => true,
          },
        },
      }
      const backend = await backendFor(harness, { rules })
      const metal = clientFor(backend)
      await metal.auth().ready
      await metal.auth().authenticate({ type: 'custom', token: 'u1', metadata: { userId: 'u1' } })
      const notes = metal.db().collection('notes')
      await notes.doc('n1').set({ 'owner-id': 'u1', m: { 'a.b': 'u1' } })

      expect(await ids(notes.where('owner-id', '==', 'u1'))).toEqual(['n1'])
      expect(await ids(notes.where(new FieldPath('m', 'a.b'), '==', 'u1'))).toEqual(['n1'])
      expect((await rejection(notes.get())).code).toBe('permission-denied')
    })

    it('update() naming one field twice keeps the last value', async () => {
      const { metal } = await open(harness)
      const ref = metal.db().collection('c').doc('d')
      await ref.set({ a: 1, m: { x: 1 } })
      await ref.update('a', 2, 'm.x', 5, 'a', 3)
      expect(await dataOf(ref)).toEqual({ a: 3, m: { x: 5 } })
      await ref.update('m.x', 7, new FieldPath('m', 'x'), 6)

      expect(await dataOf(ref)).toEqual({ a: 3, m: { x: 6 } })
      const batch = metal.db().batch()
      batch.update(ref, 'a', 4, 'a', 5)
      await batch.commit()
      expect(await dataOf(ref)).toEqual({ a: 5, m: { x: 6 } })
      // A field and a field inside it still conflict.
      const overlap = await rejection(ref.update('m', 1, 'm.x', 2))
      expect(overlap.message).toMatch(/overlaps/)
    })
  })
}
