import { describe, expect, it } from 'vitest'
import { MetalError, increment } from '../../index.js'
import type { Transaction } from '../../index.js'
import type { BackendHarness } from './harness.js'
import { open, rejection, dataOf } from './helpers.js'

/** Transactions: reads checked at commit, writes applied atomically, retried on contention. */
export function transactionsSuite(harness: BackendHarness): void {
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
        // Optimistic: of the transactions that read one version, one commits; 20 attempts
        // always suffice for 20 transactions (the default, 5, bounds ordinary contention).
        return client!.db().runTransaction(
          async (tx) => {
            const snap = await tx.get(ref)
            tx.update(ref, { n: (snap.data()!.n as number) + 1 })
          },
          { maxAttempts: 20 },
        )
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
          // timeoutMs also bounds one run of the function: 150 ms (this test's first figure)
          // was too short for one run on a loaded machine. maxAttempts must not end it first.
          { timeoutMs: 600, maxAttempts: 1000 },
        ),
      )

      expect(error.code).toBe('aborted')
      expect(error.message).toContain('runTransaction()')
      expect(Date.now() - started).toBeGreaterThanOrEqual(600)
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

    // Firestore: "Can't update a document that doesn't exist" is invalid-argument, found at once.
    it('whose update targets a document it read as missing rejects with invalid-argument without retrying', async () => {
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

      expect(error.code).toBe('invalid-argument')
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
