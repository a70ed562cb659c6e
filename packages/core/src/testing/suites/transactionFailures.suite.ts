import { describe, expect, it } from 'vitest'
import { increment } from '../../index.js'
import type { DocumentReference, Metal, Transaction } from '../../index.js'
import type { RulesConfig } from '../../server/rules.js'
import type { BackendHarness } from './harness.js'
import { backendFor, clientFor, dataOf, open, rejection, thrown } from './helpers.js'

// Transactions that fail, run out of attempts or time, or run beside each other. Each test
// follows the Firestore SDK's documented behaviour (its Transaction and TransactionOptions).

/** Everything readable and writable except `secret`, which nobody may read. */
const RULES: RulesConfig = {
  documents: {
    'items/{id}': { read: () => true, write: () => true },
    'secret/{id}': { read: () => false, write: () => true },
  },
}

/** A promise and the function that settles it. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = (): void => {}
  const opened = new Promise<void>((resolve) => (open = resolve))
  return { opened, open }
}

/** A transaction that adds one to `n`, counting its attempts. */
function bump(metal: Metal, ref: DocumentReference): Promise<void> {
  return metal.db().runTransaction(async (tx) => {
    const n = (await tx.get(ref)).data()!.n as number
    tx.update(ref, { n: n + 1 })
  })
}

/** Transaction failures, bounds and concurrency, against one backend implementation. */
export function transactionFailuresSuite(harness: BackendHarness): void {
  describe(`transaction failures (${harness.name})`, () => {
    // Firestore: a failed read fails the transaction, whatever the function does with it.
    it('fails with the error of a read that failed, even when the function caught it', async () => {
      const metal = clientFor(await backendFor(harness, { rules: RULES }))
      const items = metal.db().collection('items')
      let readError: unknown

      const error = await rejection(
        metal.db().runTransaction(async (tx) => {
          await tx.get(metal.db().collection('secret').doc('s')).catch((e: unknown) => {
            readError = e
          })
          tx.set(items.doc('a'), { n: 1 })
        }),
      )

      expect(error).toBe(readError)
      expect(error.code).toBe('permission-denied')
      expect((await items.doc('a').get()).exists).toBe(false)
    })

    it('fails when a read after a write was refused, even when the function caught it', async () => {
      const { metal } = await open(harness)
      const items = metal.db().collection('items')

      const error = await rejection(
        metal.db().runTransaction(async (tx: Transaction) => {
          tx.set(items.doc('a'), { n: 1 })
          await tx.get(items.doc('b')).catch(() => undefined)
        }),
      )

      expect(error.code).toBe('invalid-argument')
      expect(error.message).toContain('transaction.get()')
      expect((await items.doc('a').get()).exists).toBe(false)
    })

    it('refuses at once the update of a document another client created after it was read as missing', async () => {
      const {
        clients: [a, b],
      } = await open(harness, 2)
      const ref = a!.db().collection('items').doc('x')
      let attempts = 0
      let updateError: unknown

      const error = await rejection(
        a!.db().runTransaction(async (tx) => {
          attempts++
          await tx.get(ref)
          await b!.db().collection('items').doc('x').set({ n: 1 })
          updateError = thrown(() => tx.update(ref, { n: 2 }))
        }),
      )

      expect(error).toBe(updateError)
      expect(error.code).toBe('invalid-argument')
      expect(error.message).toContain("update(): 'items/x' does not exist")
      expect(attempts).toBe(1)
      expect(await dataOf(ref)).toEqual({ n: 1 })
    })

    it('refuses at once the update of a document it deleted earlier', async () => {
      const { metal } = await open(harness)
      const ref = metal.db().collection('items').doc('x')
      await ref.set({ n: 1 })

      const error = await rejection(
        metal.db().runTransaction(async (tx) => {
          await tx.get(ref)
          tx.delete(ref)
          tx.update(ref, { n: 2 })
        }),
      )

      expect(error.code).toBe('invalid-argument')
      expect(error.message).toContain("'items/x' does not exist")
      expect(await dataOf(ref)).toEqual({ n: 1 })
    })

    it.each([
      [undefined, 5],
      [2, 2],
    ])(
      'gives up with aborted after maxAttempts %s (%s attempts) when it keeps losing',
      async (maxAttempts, expected) => {
        const {
          clients: [a, b],
        } = await open(harness, 2)
        const ref = a!.db().collection('items').doc('c')
        await ref.set({ n: 0 })
        let attempts = 0

        const error = await rejection(
          a!.db().runTransaction(
            async (tx) => {
              attempts++
              const n = (await tx.get(ref)).data()!.n as number
              await b!
                .db()
                .collection('items')
                .doc('c')
                .update({ n: increment(1) })
              tx.update(ref, { n: n + 1000 })
            },
            maxAttempts === undefined ? {} : { maxAttempts },
          ),
        )

        expect(error.code).toBe('aborted')
        expect(error.message).toContain(`runTransaction(): gave up after ${expected} attempts`)
        expect(attempts).toBe(expected)
        expect(await dataOf(ref)).toEqual({ n: expected })
      },
    )

    it('blocks nobody while its function waits: transactions on the same and other documents commit', async () => {
      const {
        clients: [a, b],
      } = await open(harness, 2)
      const items = a!.db().collection('items')
      await items.doc('x').set({ n: 0 })
      await items.doc('y').set({ n: 0 })
      const held = gate()
      const reading = gate()
      let attempts = 0

      const stalled = a!.db().runTransaction(async (tx) => {
        attempts++
        const n = (await tx.get(items.doc('x'))).data()!.n as number
        reading.open()
        await held.opened
        tx.update(items.doc('x'), { n: n + 10 })
      })
      await reading.opened
      await bump(b!, b!.db().collection('items').doc('y'))
      await bump(b!, b!.db().collection('items').doc('x'))
      held.open()
      await stalled

      // The stalled one read x before the other changed it: it ran again on the new value.
      expect(attempts).toBe(2)
      expect(await dataOf(items.doc('x'))).toEqual({ n: 11 })
      expect(await dataOf(items.doc('y'))).toEqual({ n: 1 })
    })

    it('fails with deadline-exceeded when its function never settles, and blocks nothing', async () => {
      const { metal } = await open(harness)
      const ref = metal.db().collection('items').doc('x')
      await ref.set({ n: 0 })

      const error = await rejection(
        metal.db().runTransaction(
          async (tx) => {
            await tx.get(ref)
            tx.set(ref, { n: 100 })
            await new Promise(() => {})
          },
          { timeoutMs: 50 },
        ),
      )
      await bump(metal, ref)

      expect(error.code).toBe('deadline-exceeded')
      expect(error.message).toContain('runTransaction()')
      expect(error.message).toContain('50 ms')
      expect(await dataOf(ref)).toEqual({ n: 1 })
    })

    it.each([
      ['a number', () => 42, '42'],
      ['undefined', () => undefined, 'undefined'],
    ])(
      'rejects a function that returns %s instead of a promise, and writes nothing',
      async (_, body, shown) => {
        const { metal } = await open(harness)
        const ref = metal.db().collection('items').doc('x')

        const error = await rejection(
          metal.db().runTransaction(((tx: Transaction) => {
            tx.set(ref, { n: 1 })
            return body()
          }) as unknown as (tx: Transaction) => Promise<unknown>),
        )

        expect(error.code).toBe('invalid-argument')
        expect(error.message).toContain('runTransaction()')
        expect(error.message).toContain(`got ${shown}`)
        expect((await ref.get()).exists).toBe(false)
      },
    )

    it.each([
      [0, '0'],
      [1.5, '1.5'],
      ['3', "'3'"],
    ])('rejects maxAttempts %s with invalid-argument', async (maxAttempts, shown) => {
      const { metal } = await open(harness)
      let ran = false

      const error = await rejection(
        metal.db().runTransaction(
          async () => {
            ran = true
          },
          { maxAttempts: maxAttempts as number },
        ),
      )

      expect(error.code).toBe('invalid-argument')
      expect(error.message).toContain("runTransaction(): option 'maxAttempts'")
      expect(error.message).toContain(`got ${shown}`)
      expect(ran).toBe(false)
    })
  })
}
