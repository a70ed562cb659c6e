import { describe, expect, it } from 'vitest'
import { Metal, MetalError, increment } from '../../index.js'
import type { Backend } from '../../index.js'
import { eventually, settle, type BackendHarness } from './harness.js'
import {
  open,
  clientOn,
  rejectingCommits,
  rejection,
  dataOf,
  watchQuery,
  thrown,
} from './helpers.js'

// ─── Helpers ────────────────────────────────────────────────────────────────────────────────────

/** A client on a wrapper of the harness backend that rejects every commit with `error`. */
function deniedClient(inner: Backend, error: MetalError): Metal {
  return clientOn(rejectingCommits(inner, error))
}

// ─── Suite ──────────────────────────────────────────────────────────────────────────────────────

/** Write batches and transactions, against one backend implementation. */
export function batchesSuite(harness: BackendHarness): void {
  describe(`batches (${harness.name})`, () => {
    it('commits set, update and delete together, seen by another client in one callback', async () => {
      const {
        clients: [writer, watcher],
      } = await open(harness, 2)
      const items = writer!.db().collection('items')
      await items.doc('keep').set({ n: 1 })
      await items.doc('gone').set({ n: 2 })
      const calls = await watchQuery(watcher!.db().collection('items'))

      await writer!
        .db()
        .batch()
        .set(items.doc('new'), { n: 3 })
        .update(items.doc('keep'), { n: increment(10) })
        .delete(items.doc('gone'))
        .commit()
      await eventually(() => expect(calls).toHaveLength(2))
      await settle(20)

      expect(calls).toHaveLength(2)
      expect([...calls[1]!.changes].sort()).toEqual(['added new', 'modified keep', 'removed gone'])
      expect(calls[1]!.docs.map((d) => d.id)).toEqual(['keep', 'new'])
      expect(await dataOf(items.doc('keep'))).toEqual({ n: 11 })
      expect(await dataOf(items.doc('new'))).toEqual({ n: 3 })
      expect((await items.doc('gone').get()).exists).toBe(false)
    })

    it('applies its operations in order, each seeing the ones before it', async () => {
      const { metal } = await open(harness)
      const ref = metal.db().collection('items').doc('a')

      await metal
        .db()
        .batch()
        .set(ref, { n: 1, drop: true })
        .update(ref, { n: increment(1) })
        .set(ref, { extra: 'x' }, { merge: true })
        .update(ref, 'drop', false)
        .commit()

      expect(await dataOf(ref)).toEqual({ n: 2, drop: false, extra: 'x' })
    })

    it('whose update targets a missing document writes nothing and rejects with not-found', async () => {
      const {
        clients: [writer, reader],
      } = await open(harness, 2)
      const items = writer!.db().collection('items')
      await items.doc('existing').set({ n: 1 })
      await items.doc('doomed').set({ n: 2 })

      const error = await rejection(
        writer!
          .db()
          .batch()
          .set(items.doc('new'), { n: 3 })
          .update(items.doc('existing'), { n: 100 })
          .delete(items.doc('doomed'))
          .update(items.doc('missing'), { n: 4 })
          .commit(),
      )

      expect(error.code).toBe('not-found')
      expect(error.message).toContain('items/missing')
      const other = reader!.db().collection('items')
      expect((await other.doc('new').get()).exists).toBe(false)
      expect(await dataOf(other.doc('existing'))).toEqual({ n: 1 })
      expect(await dataOf(other.doc('doomed'))).toEqual({ n: 2 })
      expect((await other.doc('missing').get()).exists).toBe(false)
      expect((await other.get()).docs.map((d) => d.id)).toEqual(['doomed', 'existing'])
    })

    it('with an operation that threw when added rejects on commit and writes nothing', async () => {
      const { metal } = await open(harness)
      const items = metal.db().collection('items')
      const batch = metal.db().batch()
      batch.set(items.doc('a'), { n: 1 })
      const buildError = thrown(() => batch.set(items.doc('b'), { n: undefined }))

      const error = await rejection(batch.commit())

      expect(buildError.code).toBe('invalid-argument')
      expect(error.code).toBe('invalid-argument')
      expect(error.message).toContain('batch.commit()')
      expect(error.message).toContain(buildError.message)
      expect((await items.get()).empty).toBe(true)
    })

    it('cannot be committed twice or changed after commit', async () => {
      const { metal } = await open(harness)
      const ref = metal.db().collection('items').doc('a')
      const batch = metal.db().batch().set(ref, { n: 1 })
      await batch.commit()
      await ref.set({ n: 2 })

      const again = await rejection(batch.commit())
      const added = thrown(() => batch.set(ref, { n: 3 }))

      expect(again.code).toBe('failed-precondition')
      expect(again.message).toContain('batch.commit()')
      expect(added.code).toBe('failed-precondition')
      expect(await dataOf(ref)).toEqual({ n: 2 })
    })

    it('refuses a second commit made while the first is still in flight', async () => {
      const { metal } = await open(harness)
      const ref = metal.db().collection('items').doc('a')
      const batch = metal
        .db()
        .batch()
        .update(ref, { n: increment(1) })
      await ref.set({ n: 0 })

      const first = batch.commit()
      const second = await rejection(batch.commit())
      await first

      expect(second.code).toBe('failed-precondition')
      expect(await dataOf(ref)).toEqual({ n: 1 })
    })

    it("shows in the writing client's listener in one callback, and a rejection rolls it back in one", async () => {
      const env = await open(harness)
      await env.metal.db().collection('items').doc('old').set({ n: 1 })
      const denied = new MetalError('permission-denied', 'commit: denied')
      const writer = deniedClient(env.backend, denied)
      const items = writer.db().collection('items')
      const calls = await watchQuery(items)
      const batch = writer
        .db()
        .batch()
        .set(items.doc('a'), { n: 2 })
        .set(items.doc('b'), { n: 3 })
        .delete(items.doc('old'))

      const committing = batch.commit()
      const afterCommitCall = calls.length
      const error = await rejection(committing)

      expect(afterCommitCall).toBe(2)
      expect(error).toBe(denied)
      expect(
        calls.map((c) => ({ changes: [...c.changes].sort(), ids: c.docs.map((d) => d.id) })),
      ).toEqual([
        { changes: ['added old'], ids: ['old'] },
        { changes: ['added a', 'added b', 'removed old'], ids: ['a', 'b'] },
        { changes: ['added old', 'removed a', 'removed b'], ids: ['old'] },
      ])
    })

    it('with no operations commits and writes nothing', async () => {
      const { metal } = await open(harness)
      const batch = metal.db().batch()

      await batch.commit()

      expect(batch.size).toBe(0)
      expect((await metal.db().collection('items').get()).empty).toBe(true)
    })
  })
}
