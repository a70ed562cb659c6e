import { describe, expect, it } from 'vitest'
import { Metal, MetalError, increment } from '../../index.js'
import type { Backend, Transaction } from '../../index.js'
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

  describe(`transactions (${harness.name})`, () => {
    it('reads, modifies and writes a document, resolving with the function result', async () => {
      const { metal } = await open(harness)
      const ref = metal.db().collection('counters').doc('c')
      await ref.set({ n: 41, label: 'x' })

      const result = await metal.db().runTransaction(async (tx) => {
        const snap = await tx.get(ref)
        const next = (snap.data()!.n as number) + 1
        tx.update(ref, { n: next })
        return next
      })

      expect(result).toBe(42)
      expect(await dataOf(ref)).toEqual({ n: 42, label: 'x' })
    })

    it('creates a document it read as missing', async () => {
      const { metal } = await open(harness)
      const ref = metal.db().collection('counters').doc('c')

      const existed = await metal.db().runTransaction(async (tx) => {
        const snap = await tx.get(ref)
        tx.set(ref, { n: 1 })
        return snap.exists
      })

      expect(existed).toBe(false)
      expect(await dataOf(ref)).toEqual({ n: 1 })
    })

    it('run concurrently from two clients, 20 increments of one counter add exactly 20', async () => {
      const {
        clients: [a, b],
      } = await open(harness, 2)
      await a!.db().collection('counters').doc('c').set({ n: 5 })
      const bump = (client: typeof a) => {
        const ref = client!.db().collection('counters').doc('c')
        return client!.db().runTransaction(async (tx) => {
          const snap = await tx.get(ref)
          tx.update(ref, { n: (snap.data()!.n as number) + 1 })
        })
      }

      await Promise.all(Array.from({ length: 20 }, (_, i) => bump(i % 2 === 0 ? a : b)))

      expect(await dataOf(b!.db().collection('counters').doc('c'))).toEqual({ n: 25 })
    })

    it('runs again when a document it read is changed before it commits', async () => {
      const {
        clients: [a, b],
      } = await open(harness, 2)
      const ref = a!.db().collection('counters').doc('c')
      await ref.set({ n: 1 })
      const seen: number[] = []

      await a!.db().runTransaction(async (tx) => {
        const n = (await tx.get(ref)).data()!.n as number
        seen.push(n)
        if (seen.length === 1) await b!.db().collection('counters').doc('c').update({ n: 100 })
        tx.update(ref, { n: n + 1 })
      })

      expect(seen).toEqual([1, 100])
      expect(await dataOf(ref)).toEqual({ n: 101 })
    })

    it('gives up with aborted after timeoutMs when it keeps losing to other writes', async () => {
      const {
        clients: [a, b],
      } = await open(harness, 2)
      const ref = a!.db().collection('counters').doc('c')
      await ref.set({ n: 0 })
      let attempts = 0

      const started = Date.now()
      const error = await rejection(
        a!.db().runTransaction(
          async (tx) => {
            attempts++
            const n = (await tx.get(ref)).data()!.n as number
            await b!
              .db()
              .collection('counters')
              .doc('c')
              .update({ n: increment(1) })
            tx.update(ref, { n: n + 1000 })
          },
          { timeoutMs: 150 },
        ),
      )

      expect(error.code).toBe('aborted')
      expect(error.message).toContain('runTransaction()')
      expect(Date.now() - started).toBeGreaterThanOrEqual(150)
      expect(attempts).toBeGreaterThan(1)
      expect(await dataOf(ref)).toEqual({ n: attempts })
    })

    it('whose function throws writes nothing and rejects with that same error', async () => {
      const { metal } = await open(harness)
      const ref = metal.db().collection('counters').doc('c')
      await ref.set({ n: 1 })
      const failure = new Error('business rule failed')
      let attempts = 0

      const outcome = metal.db().runTransaction(async (tx) => {
        attempts++
        await tx.get(ref)
        tx.update(ref, { n: 2 })
        tx.set(metal.db().collection('counters').doc('other'), { n: 3 })
        throw failure
      })

      await expect(outcome).rejects.toBe(failure)
      expect(attempts).toBe(1)
      expect(await dataOf(ref)).toEqual({ n: 1 })
      expect((await metal.db().collection('counters').doc('other').get()).exists).toBe(false)
    })

    it('releases the backend after a function throws, so the next transaction runs', async () => {
      const { metal } = await open(harness)
      const ref = metal.db().collection('counters').doc('c')
      await ref.set({ n: 1 })
      await rejection(
        metal.db().runTransaction(async (tx) => {
          await tx.get(ref)
          throw new MetalError('failed-precondition', 'no')
        }),
      )

      await metal.db().runTransaction(async (tx) => {
        const n = (await tx.get(ref)).data()!.n as number
        tx.update(ref, { n: n + 1 })
      })

      expect(await dataOf(ref)).toEqual({ n: 2 })
    })

    it('rejects a read made after a write, and writes nothing', async () => {
      const { metal } = await open(harness)
      const items = metal.db().collection('items')
      await items.doc('a').set({ n: 1 })
      let readError: unknown

      const outcome = metal.db().runTransaction(async (tx: Transaction) => {
        tx.update(items.doc('a'), { n: 2 })
        try {
          await tx.get(items.doc('b'))
        } catch (error) {
          readError = error
          throw error
        }
      })

      const error = await rejection(outcome)
      expect(error).toBe(readError)
      expect(error.code).toBe('invalid-argument')
      expect(error.message).toContain('transaction.get()')
      expect(error.message).toContain('items/b')
      expect(await dataOf(items.doc('a'))).toEqual({ n: 1 })
    })

    it('whose update targets a missing document rejects with not-found without retrying', async () => {
      const { metal } = await open(harness)
      const items = metal.db().collection('items')
      let attempts = 0

      const error = await rejection(
        metal.db().runTransaction(async (tx) => {
          attempts++
          await tx.get(items.doc('missing'))
          tx.set(items.doc('a'), { n: 1 })
          tx.update(items.doc('missing'), { n: 1 })
        }),
      )

      expect(error.code).toBe('not-found')
      expect(attempts).toBe(1)
      expect((await items.get()).empty).toBe(true)
    })

    it.each([
      [-1, '-1'],
      [0, '0'],
      [Number.NaN, 'NaN'],
      ['1000', "'1000'"],
    ])('rejects timeoutMs %s with invalid-argument', async (timeoutMs, shown) => {
      const { metal } = await open(harness)
      let ran = false

      const outcome = metal.db().runTransaction(
        async () => {
          ran = true
        },
        { timeoutMs: timeoutMs as number },
      )
      const error = await rejection(outcome)

      expect(error.code).toBe('invalid-argument')
      expect(error.message).toContain('runTransaction()')
      expect(error.message).toContain("'timeoutMs'")
      expect(error.message).toContain(`got ${shown}`)
      expect(ran).toBe(false)
    })
  })
}
