import { describe, expect, it } from 'vitest'
import { MetalError, and, arrayRemove, arrayUnion, or, where } from '../../index.js'
import type { Filter } from '../../index.js'
import type { BackendHarness } from './harness.js'
import { backendFor, clientFor, open, rejection } from './helpers.js'
import { thrown } from './queries.helpers.js'

// Cloud Firestore's value limits ("Usage and limits": a map or array nests at most 20 levels;
// "Nested arrays are not supported"; the SDK's `ignoreUndefinedProperties`), at every entry point
// of the client, on every backend.

/** A value nested `n` levels deep: arrays alternate with maps so no array sits in an array. */
function deep(n: number): unknown {
  let v: unknown = 1
  for (let i = 0; i < n; i++) v = i % 2 ? [v] : { a: v }
  return v
}

/** Expects `error` to be invalid-argument and not a stack overflow in disguise. */
function expectRefused(error: unknown, call: string): void {
  expect(error).toBeInstanceOf(MetalError)
  expect((error as MetalError).code).toBe('invalid-argument')
  expect((error as MetalError).message).toContain(call)
  expect((error as MetalError).message).not.toMatch(/call stack|RangeError/)
}

export function valueLimitsSuite(harness: BackendHarness): void {
  describe(`writes: value limits (${harness.name})`, () => {
    describe('nesting depth', () => {
      it('refuses a value nested 5,000 deep at every entry point, writing nothing', async () => {
        const { metal } = await open(harness)
        const db = metal.db()
        const c = db.collection('deep')
        const ref = c.doc('d')
        await ref.set({ n: 1 })
        const v = deep(5_000)
        const calls: [string, () => Promise<unknown>][] = [
          ['set()', () => ref.set({ v })],
          ['set()', () => ref.set({ v }, { merge: true })],
          ['update()', () => ref.update({ v })],
          ['update()', () => ref.update('v', v)],
          ['update()', () => ref.update({ v: arrayUnion(v) })],
          ['update()', () => ref.update({ v: arrayRemove(v) })],
          ['add()', () => c.add({ v })],
          ['batch.set()', async () => db.batch().set(ref, { v }).commit()],
          ['transaction.set()', () => db.runTransaction(async (tx) => void tx.set(ref, { v }))],
          ['where()', () => c.where('v', '==', v).get()],
          ['where()', () => c.where('v', 'in', [v]).get()],
          ['startAt()', () => c.orderBy('v').startAt(v).get()],
          [
            'track()',
            async () => metal.presence().track({ userId: 'u', status: 's', metadata: { v } }),
          ],
          [
            'authenticate()',
            () => metal.auth().authenticate({ type: 'custom', token: 't', metadata: { v } }),
          ],
        ]
        for (const [call, run] of calls) {
          let error: unknown
          try {
            await run()
          } catch (e) {
            error = e
          }
          expectRefused(error, call)
        }
        expect((await ref.get()).data()).toEqual({ n: 1 })
        expect((await c.get()).size).toBe(1)
      })

      it('refuses or()/and() nested more than 20 levels, also as a hand-built filter', async () => {
        const { metal } = await open(harness)
        let f: Filter = where('a', '==', 1)
        for (let i = 0; i < 20; i++)
          f = i % 2 ? and(f, where('b', '==', i)) : or(f, where('b', '==', i))
        expectRefused(
          thrown(() => and(f, where('c', '==', 1))),
          'and()',
        )
        let plain: unknown = where('a', '==', 1)
        for (let i = 0; i < 100_000; i++) plain = { type: 'and', filters: [plain] }
        expectRefused(
          thrown(() =>
            metal
              .db()
              .collection('deep')
              .where(plain as Filter),
          ),
          'where()',
        )
      })
    })

    describe('nested arrays', () => {
      it('refuses an array directly inside an array in written data, naming the field', async () => {
        const { metal } = await open(harness)
        const ref = metal.db().collection('arrays').doc('a')
        const error = await rejection(ref.set({ grid: [[1, 2], [3]] }))
        expectRefused(error, 'set()')
        expect(error.message).toContain("'grid[0]'")
        expectRefused(await rejection(ref.set({ m: { x: [1, [2]] } })), 'set()')
        expectRefused(await rejection(ref.set({ ok: 1, bad: [[]] }, { merge: true })), 'set()')
        expect((await ref.get()).exists).toBe(false)
      })

      it('accepts an array inside a map inside an array', async () => {
        const { metal } = await open(harness)
        const ref = metal.db().collection('arrays').doc('b')
        await ref.set({ rows: [{ cells: [1, 2] }, { cells: [3] }] })
        expect((await ref.get()).data()).toEqual({ rows: [{ cells: [1, 2] }, { cells: [3] }] })
      })

      it('refuses array elements of arrayUnion() and arrayRemove()', async () => {
        const { metal } = await open(harness)
        const ref = metal.db().collection('arrays').doc('c')
        await ref.set({ tags: [1] })
        expectRefused(await rejection(ref.update({ tags: arrayUnion([2]) })), 'update()')
        expectRefused(await rejection(ref.update({ tags: arrayRemove(1, [1]) })), 'update()')
        expect((await ref.get()).data()).toEqual({ tags: [1] })
      })

      it("lets 'in' and 'not-in' list arrays, as the Firestore SDK does, and no other operand", async () => {
        const { metal } = await open(harness)
        const c = metal.db().collection('arrays')
        await c.doc('d').set({ pair: [1, 2] })
        await c.doc('e').set({ pair: [3, 4] })
        const hits = await c.where('pair', 'in', [[1, 2], [5]]).get()
        expect(hits.docs.map((d) => d.id)).toEqual(['d'])
        const rest = await c.where('pair', 'not-in', [[1, 2]]).get()
        expect(rest.docs.map((d) => d.id)).toEqual(['e'])
        expectRefused(
          thrown(() => c.where('pair', '==', [[1, 2]])),
          'where()',
        )
        expectRefused(
          thrown(() => c.where('pair', 'array-contains', [[1]])),
          'where()',
        )
        expectRefused(
          thrown(() => c.where('pair', 'array-contains-any', [[1]])),
          'where()',
        )
        expectRefused(
          thrown(() => c.orderBy('pair').startAt([[1]])),
          'startAt()',
        )
      })
    })

    describe('ignoreUndefinedProperties', () => {
      it('refuses undefined fields by default', async () => {
        const { metal } = await open(harness)
        const ref = metal.db().collection('u').doc('a')
        expectRefused(await rejection(ref.set({ a: 1, b: undefined })), 'set()')
        expect((await ref.get()).exists).toBe(false)
      })

      it('leaves out undefined map fields at any depth in set, add, update, batches and transactions', async () => {
        const metal = clientFor(await backendFor(harness), { ignoreUndefinedProperties: true })
        const db = metal.db()
        const c = db.collection('u')
        await c.doc('a').set({ a: 1, b: undefined, m: { x: undefined, y: { z: undefined, k: 2 } } })
        expect((await c.doc('a').get()).data()).toEqual({ a: 1, m: { y: { k: 2 } } })
        await c.doc('a').update({ b: undefined, c: 3, 'm.y.w': undefined })
        await c.doc('a').update('d', undefined, 'e', 4)
        expect((await c.doc('a').get()).data()).toEqual({ a: 1, c: 3, e: 4, m: { y: { k: 2 } } })
        const added = await c.add({ n: 1, gone: undefined })
        expect((await added.get()).data()).toEqual({ n: 1 })
        await db.batch().set(c.doc('b'), { n: 2, gone: undefined }).commit()
        await db.runTransaction(async (tx) => void tx.set(c.doc('t'), { n: 3, gone: undefined }))
        expect((await c.doc('b').get()).data()).toEqual({ n: 2 })
        expect((await c.doc('t').get()).data()).toEqual({ n: 3 })
      })

      it('still refuses undefined inside an array', async () => {
        const metal = clientFor(await backendFor(harness), { ignoreUndefinedProperties: true })
        const ref = metal.db().collection('u').doc('arr')
        expectRefused(await rejection(ref.set({ list: [1, undefined] })), 'set()')
        expect((await ref.get()).exists).toBe(false)
      })

      it('checks that the option is a boolean', async () => {
        const backend = await backendFor(harness)
        expectRefused(
          thrown(() => clientFor(backend, { ignoreUndefinedProperties: 'yes' as never })),
          'new Metal()',
        )
      })
    })
  })
}
