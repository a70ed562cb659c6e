import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Metal, MetalError, increment } from '../../index.js'
import type { CollectionReference, DocumentChange, DocumentSnapshot } from '../../index.js'
import { clients, eventually, settle, type BackendHarness } from './harness.js'
import { record, expectReplayable } from './liveQueries.helpers.js'
import { type Env, seed } from './helpers.js'

export function liveQueryScopesSuite(harness: BackendHarness): void {
  describe(`live queries: documents, clients and local writes (${harness.name})`, () => {
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

    // ─── Documents ────────────────────────────────────────────────────────────────────────────

    describe('doc.subscribe', () => {
      interface DocCall {
        changes: DocumentChange[]
        snapshot: DocumentSnapshot
      }

      function recordDoc(ref: ReturnType<CollectionReference['doc']>) {
        const calls: DocCall[] = []
        const unsubscribe = ref.subscribe((changes, snapshot) => calls.push({ changes, snapshot }))
        return {
          calls,
          unsubscribe,
          waitFor: (n: number) => eventually(() => expect(calls.length).toBe(n)),
        }
      }

      it('calls back first with [added] and the snapshot of an existing document', async () => {
        const ref = db.collection('docs').doc('one')
        await ref.set({ v: 1 })
        const rec = recordDoc(ref)
        await rec.waitFor(1)
        expect(rec.calls[0]!.changes.map((c) => [c.type, c.id])).toEqual([['added', 'one']])
        expect(rec.calls[0]!.snapshot.exists).toBe(true)
        expect(rec.calls[0]!.snapshot.data()).toEqual({ v: 1 })
        rec.unsubscribe()
      })

      it('calls back first with [] and a missing snapshot when the document does not exist', async () => {
        const rec = recordDoc(db.collection('docs').doc('none'))
        await rec.waitFor(1)
        expect(rec.calls[0]!.changes).toEqual([])
        expect(rec.calls[0]!.snapshot.exists).toBe(false)
        expect(rec.calls[0]!.snapshot.id).toBe('none')
        expect(rec.calls[0]!.snapshot.data()).toBeUndefined()
        rec.unsubscribe()
      })

      it('follows creation, update and deletion of the document by another client', async () => {
        const rec = recordDoc(db.collection('docs').doc('life'))
        await rec.waitFor(1)
        const ref = otherDb.collection('docs').doc('life')

        await ref.set({ v: 1 })
        await rec.waitFor(2)
        await ref.update({ v: increment(1) })
        await rec.waitFor(3)
        await ref.delete()
        await rec.waitFor(4)

        expect(rec.calls.map((c) => c.changes.map((ch) => ch.type))).toEqual([
          [],
          ['added'],
          ['modified'],
          ['removed'],
        ])
        expect(rec.calls.map((c) => c.snapshot.data())).toEqual([
          undefined,
          { v: 1 },
          { v: 2 },
          undefined,
        ])
        rec.unsubscribe()
      })

      it('ignores writes to other documents of the collection', async () => {
        const ref = db.collection('docs').doc('mine')
        await ref.set({ v: 1 })
        const rec = recordDoc(ref)
        await rec.waitFor(1)
        await otherDb.collection('docs').doc('other').set({ v: 1 })
        await otherDb.collection('docs').doc('mine').update({ v: 2 })
        await rec.waitFor(2)
        expect(rec.calls[1]!.snapshot.data()).toEqual({ v: 2 })
        rec.unsubscribe()
      })
    })

    // ─── Clients, projects and paths ──────────────────────────────────────────────────────────

    describe('across clients', () => {
      it("another client's writes reach the listener as committed documents", async () => {
        const rec = record(db.collection('shared').orderBy('n'))
        await rec.waitFor(1)
        await otherDb.collection('shared').doc('a').set({ n: 1 })
        await rec.waitFor(2)
        const doc = rec.calls[1]!.snapshot.docs[0]!
        expect(doc.id).toBe('a')
        expect(doc.data()).toEqual({ n: 1 })
        expect(doc.hasPendingWrites).toBe(false)
        expect(rec.calls[1]!.snapshot.hasPendingWrites).toBe(false)
        rec.unsubscribe()
      })

      it('listeners on two clients both see a write from either', async () => {
        const mine = record(db.collection('shared').orderBy('n'))
        const theirs = record(otherDb.collection('shared').orderBy('n'))
        await mine.waitFor(1)
        await theirs.waitFor(1)
        await db.collection('shared').doc('a').set({ n: 1 })
        await otherDb.collection('shared').doc('b').set({ n: 2 })
        await eventually(() => {
          expect(mine.ids()).toEqual(['a', 'b'])
          expect(theirs.ids()).toEqual(['a', 'b'])
        })
        expectReplayable(mine)
        expectReplayable(theirs)
        mine.unsubscribe()
        theirs.unsubscribe()
      })

      it('a live query on a sub-collection ignores sibling and parent collections', async () => {
        const rec = record(db.collection('users/u1/posts'))
        await rec.waitFor(1)
        await otherDb.collection('users/u2/posts').doc('p').set({ t: 1 })
        await otherDb.collection('users').doc('u1').set({ t: 1 })
        await otherDb.collection('posts').doc('p').set({ t: 1 })
        await otherDb.collection('users/u1/posts').doc('p').set({ t: 2 })
        await rec.waitFor(2)
        expect(rec.changesOf(1)).toEqual([['added', 'p', -1, 0]])
        expect(rec.calls[1]!.changes[0]!.doc.data()).toEqual({ t: 2 })
        rec.unsubscribe()
      })

      it('a live query never sees writes of another project on the same backend', async () => {
        const other = new Metal({ backend: env.backend, projectId: 'other-project' })
        try {
          const rec = record(db.collection('shared'))
          await rec.waitFor(1)
          await other.db().collection('shared').doc('theirs').set({ n: 1 })
          await otherDb.collection('shared').doc('mine').set({ n: 2 })
          await rec.waitFor(2)
          expect(rec.changesOf(1)).toEqual([['added', 'mine', -1, 0]])
          rec.unsubscribe()
        } finally {
          other.close()
        }
      })
    })

    // ─── Local writes ─────────────────────────────────────────────────────────────────────────

    describe('local writes', () => {
      it('show at once with hasPendingWrites, then commit without another callback', async () => {
        const c = db.collection('items')
        const rec = record(c.orderBy('n'))
        await rec.waitFor(1)

        const write = c.doc('a').set({ n: 1 })
        expect(rec.calls).toHaveLength(2) // before the backend answered
        expect(rec.changesOf(1)).toEqual([['added', 'a', -1, 0]])
        expect(rec.calls[1]!.snapshot.docs[0]!.hasPendingWrites).toBe(true)
        expect(rec.calls[1]!.snapshot.hasPendingWrites).toBe(true)

        await write
        await settle()
        expect(rec.calls).toHaveLength(2)
        expect((await c.doc('a').get()).hasPendingWrites).toBe(false)

        await otherDb.collection('items').doc('b').set({ n: 2 })
        await rec.waitFor(3)
        expect(rec.changesOf(2)).toEqual([['added', 'b', -1, 1]])
        expect(rec.calls[2]!.snapshot.docs.map((d) => d.hasPendingWrites)).toEqual([false, false])
      })

      it('a local update shows at once as modified', async () => {
        const c = db.collection('items')
        await seed(c, { a: { n: 1 }, b: { n: 2 } })
        const rec = record(c.orderBy('n'))
        await rec.waitFor(1)
        const write = c.doc('a').update({ n: 3 })
        expect(rec.changesOf(1)).toEqual([['modified', 'a', 0, 1]])
        expect(rec.calls[1]!.changes[0]!.doc.hasPendingWrites).toBe(true)
        await write
        await settle()
        expect(rec.calls).toHaveLength(2)
        rec.unsubscribe()
      })

      it('a local write in the result of another client arrives committed there', async () => {
        const theirs = record(otherDb.collection('items'))
        await theirs.waitFor(1)
        await db.collection('items').doc('a').set({ n: 1 })
        await theirs.waitFor(2)
        expect(theirs.calls[1]!.snapshot.docs[0]!.hasPendingWrites).toBe(false)
        theirs.unsubscribe()
      })
    })

    // ─── Misuse ───────────────────────────────────────────────────────────────────────────────

    describe('misuse', () => {
      it('a listener that throws does not fail the write or starve other listeners', async () => {
        const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
        try {
          const c = db.collection('items')
          const faulty = c.subscribe((changes) => {
            if (changes.length > 0) throw new Error('listener bug')
          })
          const rec = record(c)
          await rec.waitFor(1)
          await expect(c.doc('a').set({ n: 1 })).resolves.toBeUndefined()
          await rec.waitFor(2)
          expect(rec.changesOf(1)).toEqual([['added', 'a', -1, 0]])
          expect(logged).toHaveBeenCalled()
          faulty()
          rec.unsubscribe()
        } finally {
          logged.mockRestore()
        }
      })

      it('closing the client stops its subscriptions', async () => {
        const rec = record(db.collection('items'))
        await rec.waitFor(1)
        env.metal.close()
        const probe = record(otherDb.collection('items'))
        await probe.waitFor(1)
        await otherDb.collection('items').doc('a').set({ n: 1 })
        await probe.waitFor(2)
        await settle()
        expect(rec.calls).toHaveLength(1)
        probe.unsubscribe()
      })

      it('subscribe() on a closed client throws failed-precondition', () => {
        env.metal.close()
        let error: unknown
        try {
          db.collection('items').subscribe(() => {})
        } catch (e) {
          error = e
        }
        expect(error).toBeInstanceOf(MetalError)
        expect((error as MetalError).code).toBe('failed-precondition')
      })

      it('subscribe() throws invalid-argument when the listener is not a function', () => {
        const c = db.collection('items')
        let error: unknown
        try {
          c.subscribe('nope' as never)
        } catch (e) {
          error = e
        }
        expect(error).toBeInstanceOf(MetalError)
        expect((error as MetalError).code).toBe('invalid-argument')
      })
    })
  })
}
