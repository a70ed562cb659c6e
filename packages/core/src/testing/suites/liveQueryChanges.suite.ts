import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Metal } from '../../index.js'
import type { CollectionReference, DocumentData } from '../../index.js'
import { clients, eventually, settle, type BackendHarness } from './harness.js'
import { seededRandom } from '../random.js'
import { type Recorder, record, rows, expectReplayable } from './liveQueries.helpers.js'
import { type Env, seed } from './helpers.js'

export function liveQueryChangesSuite(harness: BackendHarness): void {
  describe(`live queries: results and changes (${harness.name})`, () => {
    let env: Env
    let db: ReturnType<Metal['db']>
    /** A second client on the same backend, for writes made by someone else. */
    let otherDb: ReturnType<Metal['db']>

    beforeEach(async () => {
      env = await clients(harness, 2)
      db = env.metal.db()
      otherDb = (env.clients[1] as Metal).db()
    })
    afterEach(async () => {
      await env.close()
    })

    // ─── The first callback ───────────────────────────────────────────────────────────────────

    describe('first callback', () => {
      it('lists every current match as added, in query order', async () => {
        const c = db.collection('items')
        await seed(c, { a: { n: 1 }, b: { n: 3 }, c: { n: 2 }, d: { n: 'x' } })
        const rec = record(c.where('n', '>=', 2).orderBy('n'))
        await rec.waitFor(1)
        expect(rec.changesOf(0)).toEqual([
          ['added', 'c', -1, 0],
          ['added', 'b', -1, 1],
        ])
        expect(rows(rec.calls[0]!.snapshot)).toEqual([
          { id: 'c', data: { n: 2 } },
          { id: 'b', data: { n: 3 } },
        ])
        rec.unsubscribe()
      })

      it('is an empty list when nothing matches', async () => {
        const c = db.collection('items')
        await seed(c, { a: { n: 1 } })
        const rec = record(c.where('n', '>', 5))
        await rec.waitFor(1)
        expect(rec.calls[0]!.changes).toEqual([])
        expect(rec.calls[0]!.snapshot.empty).toBe(true)
        rec.unsubscribe()
      })

      it('carries the same changes on the snapshot as in the first argument', async () => {
        const c = db.collection('items')
        await seed(c, { a: { n: 1 }, b: { n: 2 } })
        const rec = record(c.orderBy('n'))
        await rec.waitFor(1)
        await c.doc('a').update({ n: 5 })
        await rec.waitFor(2)
        for (const call of rec.calls) expect(call.snapshot.changes).toEqual(call.changes)
        expect(rec.calls[1]!.snapshot.changes.map((ch) => ch.type)).toEqual(['modified'])
        rec.unsubscribe()
      })

      it('matches what get() returns for the same query', async () => {
        const c = db.collection('items')
        await seed(c, { a: { n: 1, g: 'x' }, b: { n: 3, g: 'y' }, c: { n: 2, g: 'x' } })
        const query = c
          .composite()
          .where('g', '==', 'x')
          .or('n', '>', 2)
          .orderBy('n', 'desc')
          .limit(2)
        const rec = record(query)
        await rec.waitFor(1)
        expect(rec.ids()).toEqual(['b', 'c'])
        expect(rec.ids()).toEqual((await query.get()).docs.map((d) => d.id))
        rec.unsubscribe()
      })

      it('each of two identical subscriptions gets its own first callback', async () => {
        const c = db.collection('items')
        await seed(c, { a: { n: 1 }, b: { n: 2 } })
        const first = record(c.orderBy('n'))
        await first.waitFor(1)
        const second = record(c.orderBy('n'))
        await second.waitFor(1)
        expect(second.changesOf(0)).toEqual([
          ['added', 'a', -1, 0],
          ['added', 'b', -1, 1],
        ])
        expect(first.calls).toHaveLength(1)

        await c.doc('z').set({ n: 0 })
        await first.waitFor(2)
        await second.waitFor(2)
        expect(first.changesOf(1)).toEqual([['added', 'z', -1, 0]])
        expect(second.changesOf(1)).toEqual([['added', 'z', -1, 0]])
        first.unsubscribe()
        second.unsubscribe()
      })

      it('identical subscriptions opened together each get one first callback', async () => {
        const c = db.collection('items')
        await seed(c, { a: { n: 1 } })
        const first = record(c.where('n', '==', 1))
        const second = record(c.where('n', '==', 1))
        await first.waitFor(1)
        await second.waitFor(1)
        await settle()
        expect(first.changesOf(0)).toEqual([['added', 'a', -1, 0]])
        expect(second.changesOf(0)).toEqual([['added', 'a', -1, 0]])
        first.unsubscribe()
        second.unsubscribe()
      })
    })

    // ─── Enter, change, leave ─────────────────────────────────────────────────────────────────

    describe('changes', () => {
      let c: CollectionReference
      let rec: Recorder
      beforeEach(async () => {
        c = db.collection('items')
        await seed(c, { a: { n: 1, g: 'x' }, b: { n: 2, g: 'x' }, c: { n: 3, g: 'x' } })
        rec = record(c.where('g', '==', 'x').orderBy('n'))
        await rec.waitFor(1)
      })
      afterEach(() => rec.unsubscribe())

      it('a document entering the result calls back once with added at its index', async () => {
        await otherDb.collection('items').doc('m').set({ n: 1.5, g: 'x' })
        await rec.waitFor(2)
        expect(rec.changesOf(1)).toEqual([['added', 'm', -1, 1]])
        expect(rec.ids()).toEqual(['a', 'm', 'b', 'c'])
      })

      it('a matching document changing in place calls back with modified and its new data', async () => {
        await otherDb.collection('items').doc('b').update({ label: 'hello' })
        await rec.waitFor(2)
        expect(rec.changesOf(1)).toEqual([['modified', 'b', 1, 1]])
        expect(rec.calls[1]!.changes[0]!.doc.data()).toEqual({ n: 2, g: 'x', label: 'hello' })
      })

      it('a matching document moving calls back with modified from its old to its new index', async () => {
        await otherDb.collection('items').doc('a').update({ n: 10 })
        await rec.waitFor(2)
        expect(rec.changesOf(1)).toEqual([['modified', 'a', 0, 2]])
        expect(rec.ids()).toEqual(['b', 'c', 'a'])
      })

      it('a document that stops matching calls back with removed', async () => {
        await otherDb.collection('items').doc('b').update({ g: 'y' })
        await rec.waitFor(2)
        expect(rec.changesOf(1)).toEqual([['removed', 'b', 1, -1]])
        expect(rec.calls[1]!.changes[0]!.doc.data()).toMatchObject({ n: 2 })
        expect(rec.ids()).toEqual(['a', 'c'])
      })

      it('a deleted document calls back with removed', async () => {
        await otherDb.collection('items').doc('c').delete()
        await rec.waitFor(2)
        expect(rec.changesOf(1)).toEqual([['removed', 'c', 2, -1]])
        expect(rec.ids()).toEqual(['a', 'b'])
      })

      it('a document losing the orderBy field leaves the result', async () => {
        await otherDb.collection('items').doc('a').set({ g: 'x' })
        await rec.waitFor(2)
        expect(rec.changesOf(1)).toEqual([['removed', 'a', 0, -1]])
      })

      it('writes that do not change the result do not call back', async () => {
        const items = otherDb.collection('items')
        await items.doc('y').set({ n: 0, g: 'y' }) // never matches
        await items.doc('y').update({ n: 5 })
        await items.doc('a').set({ n: 1, g: 'x' }) // identical data
        await items.doc('gone').delete() // nothing there
        await items.doc('sentinel').set({ n: 9, g: 'x' })
        await rec.waitFor(2)
        expect(rec.changesOf(1)).toEqual([['added', 'sentinel', -1, 3]])
      })

      it('a batch that changes several matches calls back once', async () => {
        const batch = otherDb.batch()
        const items = otherDb.collection('items')
        batch.delete(items.doc('a'))
        batch.update(items.doc('b'), { n: 20 })
        batch.set(items.doc('d'), { n: 0, g: 'x' })
        await batch.commit()
        await rec.waitFor(2)
        await settle()
        expect(rec.calls).toHaveLength(2)
        expect(rec.ids()).toEqual(['d', 'c', 'b'])
        expectReplayable(rec)
      })

      it('unsubscribe stops callbacks and may be called again', async () => {
        const twin = record(c.where('g', '==', 'x').orderBy('n'))
        await twin.waitFor(1)
        expect(rec.unsubscribe()).toBeUndefined()
        expect(() => rec.unsubscribe()).not.toThrow()
        await otherDb.collection('items').doc('z').set({ n: 0, g: 'x' })
        await twin.waitFor(2)
        await settle()
        expect(rec.calls).toHaveLength(1)
        twin.unsubscribe()
        twin.unsubscribe()
      })

      it('unsubscribing before the first callback means no callback at all', async () => {
        const early = record(c.orderBy('n'))
        early.unsubscribe()
        const probe = record(c.orderBy('n', 'desc'))
        await probe.waitFor(1)
        await settle()
        expect(early.calls).toHaveLength(0)
        probe.unsubscribe()
      })
    })

    // ─── Windows ──────────────────────────────────────────────────────────────────────────────

    describe('limit windows', () => {
      let c: CollectionReference
      beforeEach(async () => {
        c = db.collection('items')
        await seed(c, { a: { n: 1 }, b: { n: 2 }, c: { n: 3 }, d: { n: 4 } })
      })

      it('a document entering a full limit window pushes the last one out', async () => {
        const rec = record(c.orderBy('n').limit(2))
        await rec.waitFor(1)
        await otherDb.collection('items').doc('z').set({ n: 0 })
        await rec.waitFor(2)
        expect(rec.changesOf(1)).toEqual([
          ['removed', 'b', 1, -1],
          ['added', 'z', -1, 0],
        ])
        expect(rec.ids()).toEqual(['z', 'a'])
        rec.unsubscribe()
      })

      it('a document leaving a limit window pulls the next one in', async () => {
        const rec = record(c.orderBy('n').limit(2))
        await rec.waitFor(1)
        await otherDb.collection('items').doc('a').delete()
        await rec.waitFor(2)
        expect(rec.changesOf(1)).toEqual([
          ['removed', 'a', 0, -1],
          ['added', 'c', -1, 1],
        ])
        expect(rec.ids()).toEqual(['b', 'c'])
        rec.unsubscribe()
      })

      it('a document moving out of a limit window swaps with the next one', async () => {
        const rec = record(c.orderBy('n').limit(2))
        await rec.waitFor(1)
        await otherDb.collection('items').doc('a').update({ n: 10 })
        await rec.waitFor(2)
        expect(rec.ids()).toEqual(['b', 'c'])
        expectReplayable(rec)
        rec.unsubscribe()
      })

      it('a write behind a limit window does not call back', async () => {
        const rec = record(c.orderBy('n').limit(2))
        await rec.waitFor(1)
        await otherDb.collection('items').doc('d').update({ n: 3.5 })
        await otherDb.collection('items').doc('e').set({ n: 99 })
        await otherDb.collection('items').doc('sentinel').set({ n: 1.5 })
        await rec.waitFor(2)
        expect(rec.changesOf(1)).toEqual([
          ['removed', 'b', 1, -1],
          ['added', 'sentinel', -1, 1],
        ])
        rec.unsubscribe()
      })

      it('a document entering a limitToLast window pushes the first one out', async () => {
        const rec = record(c.orderBy('n').limitToLast(2))
        await rec.waitFor(1)
        expect(rec.ids()).toEqual(['c', 'd'])
        await otherDb.collection('items').doc('z').set({ n: 9 })
        await rec.waitFor(2)
        expect(rec.changesOf(1)).toEqual([
          ['removed', 'c', 0, -1],
          ['added', 'z', -1, 1],
        ])
        expect(rec.ids()).toEqual(['d', 'z'])
        rec.unsubscribe()
      })

      it('a document leaving a limitToLast window pulls the previous one in', async () => {
        const rec = record(c.orderBy('n').limitToLast(2))
        await rec.waitFor(1)
        await otherDb.collection('items').doc('d').delete()
        await rec.waitFor(2)
        expect(rec.changesOf(1)).toEqual([
          ['removed', 'd', 1, -1],
          ['added', 'b', -1, 0],
        ])
        expect(rec.ids()).toEqual(['b', 'c'])
        rec.unsubscribe()
      })

      it('a limit window with cursors stays between them', async () => {
        const rec = record(c.orderBy('n').startAfter(1).endAt(3).limit(5))
        await rec.waitFor(1)
        expect(rec.ids()).toEqual(['b', 'c'])
        await otherDb.collection('items').doc('x').set({ n: 1 }) // at the start cursor: excluded
        await otherDb.collection('items').doc('y').set({ n: 3 }) // at the end cursor: included
        await rec.waitFor(2)
        expect(rec.changesOf(1)).toEqual([['added', 'y', -1, 2]])
        rec.unsubscribe()
      })
    })

    // ─── Indexes under many writes ────────────────────────────────────────────────────────────

    describe('change indexes', () => {
      const shapes = {
        'filter + orderBy desc + limit': {
          build: (c: CollectionReference) => c.where('g', '==', 'x').orderBy('n', 'desc').limit(4),
          expected: (model: Map<string, DocumentData>) =>
            [...model]
              .filter(([, d]) => d.g === 'x')
              .sort(([ia, a], [ib, b]) => (b.n as number) - (a.n as number) || (ia < ib ? 1 : -1))
              .slice(0, 4)
              .map(([id]) => id),
        },
        'orderBy + limitToLast': {
          build: (c: CollectionReference) => c.orderBy('n').limitToLast(3),
          expected: (model: Map<string, DocumentData>) =>
            [...model]
              .sort(([ia, a], [ib, b]) => (a.n as number) - (b.n as number) || (ia < ib ? -1 : 1))
              .slice(-3)
              .map(([id]) => id),
        },
        'no orderBy': {
          // Ordered implicitly by n, then id (Firestore's order for an inequality filter).
          build: (c: CollectionReference) => c.where('n', '>=', 3),
          expected: (model: Map<string, DocumentData>) =>
            [...model]
              .filter(([, d]) => (d.n as number) >= 3)
              .sort(([a, x], [b, y]) => (x.n as number) - (y.n as number) || (a < b ? -1 : 1))
              .map(([id]) => id),
        },
      }

      for (const [name, shape] of Object.entries(shapes)) {
        for (const writer of ['another client', 'the listening client'] as const) {
          it(`applying each callback's changes in order yields its docs (${name}, writes by ${writer})`, async () => {
            const random = seededRandom(name.length * 31 + writer.length)
            const c = db.collection('items')
            const target = (writer === 'another client' ? otherDb : db).collection('items')
            const model = new Map<string, DocumentData>()
            const rec = record(shape.build(c))
            await rec.waitFor(1)

            for (let step = 0; step < 80; step++) {
              const id = `d${Math.floor(random() * 8)}`
              if (random() < 0.25) {
                model.delete(id)
                await target.doc(id).delete()
              } else {
                const data = { n: Math.floor(random() * 6), g: random() < 0.6 ? 'x' : 'y' }
                model.set(id, data)
                await target.doc(id).set(data)
              }
              await eventually(() =>
                expect(rec.ids(), `step ${step}`).toEqual(shape.expected(model)),
              )
            }
            expectReplayable(rec)
            expect((await shape.build(c).get()).docs.map((d) => d.id)).toEqual(rec.ids())
            rec.unsubscribe()
          })
        }
      }

      it('writes made before the first callback are not lost or doubled', async () => {
        const c = db.collection('items')
        const rec = record(c.orderBy('n'))
        const writes = [
          c.doc('a').set({ n: 2 }),
          otherDb.collection('items').doc('b').set({ n: 1 }),
        ]
        await Promise.all(writes)
        await eventually(() => expect(rec.ids()).toEqual(['b', 'a']))
        expectReplayable(rec)
        rec.unsubscribe()
      })
    })
  })
}
