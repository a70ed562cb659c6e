import { describe, expect, it } from 'vitest'
import { arrayRemove, arrayUnion, deleteField, increment, serverTimestamp } from '../../index.js'
import { eventually, settle, type BackendHarness } from './harness.js'
import { open, clientOn, rejection, dataOf } from './helpers.js'
import { gatedCommits, track, watchDoc } from './writes.helpers.js'

export function writeOperationsSuite(harness: BackendHarness): void {
  describe(`writes: operations and field values (${harness.name})`, () => {
    describe('add()', () => {
      it('creates documents with distinct random 20-character ids', async () => {
        const { metal } = await open(harness)
        const items = metal.db().collection('items')

        const a = await items.add({ n: 1 })
        const b = await items.add({ n: 2 })

        expect(a.id).toMatch(/^[A-Za-z0-9]{20}$/)
        expect(b.id).toMatch(/^[A-Za-z0-9]{20}$/)
        expect(a.id).not.toBe(b.id)
        expect(a.parent.path).toBe('items')
      })

      it('stores the data so that a second client reads it', async () => {
        const {
          clients: [writer, reader],
        } = await open(harness, 2)

        const ref = await writer!
          .db()
          .collection('users')
          .add({ name: 'Ada', tags: ['x'] })
        const snap = await reader!.db().collection('users').doc(ref.id).get()

        expect(snap.exists).toBe(true)
        expect(snap.data()).toEqual({ name: 'Ada', tags: ['x'] })
      })

      it('resolves only after the backend has committed the document', async () => {
        const env = await open(harness, 2)
        const gate = gatedCommits(env.backend)
        const writer = clientOn(gate.backend)

        const adding = writer.db().collection('items').add({ n: 1 })
        const state = track(adding)
        await settle(20)

        expect(state.settled).toBe(false)
        expect(gate.held).toBe(1)
        gate.release()
        const ref = await adding
        expect(await dataOf(env.metal.db().collection('items').doc(ref.id))).toEqual({ n: 1 })
      })
    })

    describe('set()', () => {
      it('replaces every field of an existing document', async () => {
        const { metal } = await open(harness)
        const ref = metal.db().collection('items').doc('a')
        await ref.set({ a: 1, m: { x: 1 } })

        await ref.set({ b: 2 })

        expect(await dataOf(ref)).toEqual({ b: 2 })
      })

      it('with merge: true deep-merges nested maps and keeps other fields', async () => {
        const { metal } = await open(harness)
        const ref = metal.db().collection('items').doc('a')
        await ref.set({ a: 1, m: { x: 1, y: { z: 1 } } })

        await ref.set({ b: 2, m: { y: { w: 2 } } }, { merge: true })

        expect(await dataOf(ref)).toEqual({ a: 1, b: 2, m: { x: 1, y: { z: 1, w: 2 } } })
      })

      it('with merge: true creates a missing document', async () => {
        const { metal } = await open(harness)
        const ref = metal.db().collection('items').doc('a')

        await ref.set({ m: { x: 1 } }, { merge: true })

        expect(await dataOf(ref)).toEqual({ m: { x: 1 } })
      })

      it('with a list of merge fields changes only those paths', async () => {
        const { metal } = await open(harness)
        const ref = metal.db().collection('items').doc('a')
        await ref.set({ a: 1, m: { x: 1, y: 2 } })

        await ref.set({ a: 9, m: { x: 5, y: 7 }, b: 3 }, { merge: ['m.x', 'b'] })

        expect(await dataOf(ref)).toEqual({ a: 1, m: { x: 5, y: 2 }, b: 3 })
      })
    })

    describe('update()', () => {
      it('creates the nested maps a dotted path needs', async () => {
        const { metal } = await open(harness)
        const ref = metal.db().collection('users').doc('u1')
        await ref.set({ name: 'Ada' })

        await ref.update({ 'metadata.login.last': 5, 'metadata.visits': 1 })

        expect(await dataOf(ref)).toEqual({
          name: 'Ada',
          metadata: { login: { last: 5 }, visits: 1 },
        })
      })

      it('keeps the other fields of a map it updates by dotted path', async () => {
        const { metal } = await open(harness)
        const ref = metal.db().collection('users').doc('u1')
        await ref.set({ m: { keep: 1, change: 1 } })

        await ref.update({ 'm.change': 2 })

        expect(await dataOf(ref)).toEqual({ m: { keep: 1, change: 2 } })
      })

      it('replaces a whole map given as a top-level value', async () => {
        const { metal } = await open(harness)
        const ref = metal.db().collection('users').doc('u1')
        await ref.set({ m: { a: 1, b: 2 }, other: true })

        await ref.update({ m: { c: 3 } })

        expect(await dataOf(ref)).toEqual({ m: { c: 3 }, other: true })
      })

      it('takes (field, value, field, value) pairs', async () => {
        const { metal } = await open(harness)
        const ref = metal.db().collection('users').doc('u1')
        await ref.set({ a: 1, m: { b: 1 } })

        await ref.update('a', 2, 'm.b', 3)

        expect(await dataOf(ref)).toEqual({ a: 2, m: { b: 3 } })
      })

      it('of a missing document rejects with not-found and creates nothing', async () => {
        const {
          clients: [writer, reader],
        } = await open(harness, 2)
        const ref = writer!.db().collection('users').doc('ghost')

        const error = await rejection(ref.update({ a: 1 }))

        expect(error.code).toBe('not-found')
        expect(error.message).toContain('users/ghost')
        expect((await ref.get()).exists).toBe(false)
        expect((await reader!.db().collection('users').doc('ghost').get()).exists).toBe(false)
      })

      it('that would grow a document past 1 MiB rejects with invalid-argument and changes nothing', async () => {
        const { metal } = await open(harness)
        const ref = metal.db().collection('items').doc('big')
        const half = 'x'.repeat(600_000)
        await ref.set({ a: half })

        const error = await rejection(ref.update({ b: half }))

        expect(error.code).toBe('invalid-argument')
        expect(error.message).toContain('update()')
        expect(error.message).toContain('items/big')
        expect(error.message).toContain('1048576')
        expect(await dataOf(ref)).toEqual({ a: half })
      })
    })

    describe('delete()', () => {
      it('removes the document', async () => {
        const {
          clients: [writer, reader],
        } = await open(harness, 2)
        const ref = writer!.db().collection('items').doc('a')
        await ref.set({ a: 1 })

        await ref.delete()

        expect((await ref.get()).exists).toBe(false)
        expect((await reader!.db().collection('items').doc('a').get()).exists).toBe(false)
      })

      it('of a missing document resolves and leaves it missing', async () => {
        const { metal } = await open(harness)
        const ref = metal.db().collection('items').doc('ghost')

        await ref.delete()

        expect((await ref.get()).exists).toBe(false)
      })
    })

    describe('get()', () => {
      it('of a missing document has exists false, no data and version 0', async () => {
        const { metal } = await open(harness)

        const snap = await metal.db().collection('items').doc('ghost').get()

        expect(snap.id).toBe('ghost')
        expect(snap.exists).toBe(false)
        expect(snap.data()).toBeUndefined()
        expect(snap.version).toBe(0)
        expect(snap.hasPendingWrites).toBe(false)
      })

      it('reports a version that increases with every commit to the document', async () => {
        const { metal } = await open(harness)
        const ref = metal.db().collection('items').doc('a')

        await ref.set({ n: 1 })
        const v1 = (await ref.get()).version
        await ref.update({ n: 2 })
        const v2 = (await ref.get()).version
        await ref.set({ n: 3 }, { merge: true })
        const v3 = (await ref.get()).version

        expect(v1).toBeGreaterThan(0)
        expect(v2).toBeGreaterThan(v1)
        expect(v3).toBeGreaterThan(v2)
      })

      it('returns deep-frozen data unaffected by later changes to the written object', async () => {
        const { metal } = await open(harness)
        const ref = metal.db().collection('items').doc('a')
        const input = { m: { x: 1 }, list: [1, { y: 2 }] }
        await ref.set(input)

        input.m.x = 99
        ;(input.list as unknown[]).push(3)
        const data = (await ref.get()).data() as { m: { x: number }; list: unknown[] }

        expect(data).toEqual({ m: { x: 1 }, list: [1, { y: 2 }] })
        expect(Object.isFrozen(data)).toBe(true)
        expect(Object.isFrozen(data.m)).toBe(true)
        expect(Object.isFrozen(data.list)).toBe(true)
        expect(Object.isFrozen(data.list[1])).toBe(true)
        expect(() => {
          data.m.x = 2
        }).toThrow(TypeError)
      })
    })

    describe('field values', () => {
      it('serverTimestamp() stores the commit time in epoch milliseconds, nested too', async () => {
        const { metal } = await open(harness)
        const ref = metal.db().collection('items').doc('a')

        const before = Date.now()
        await ref.set({ at: serverTimestamp(), meta: { at: serverTimestamp() } })
        const after = Date.now()
        const data = (await dataOf(ref)) as { at: number; meta: { at: number } }

        expect(typeof data.at).toBe('number')
        expect(data.at).toBeGreaterThanOrEqual(before)
        expect(data.at).toBeLessThanOrEqual(after)
        expect(data.meta.at).toBe(data.at)
      })

      it('serverTimestamp() shows a local estimate at once, then the committed time', async () => {
        const env = await open(harness)
        const gate = gatedCommits(env.backend)
        const writer = clientOn(gate.backend)
        const ref = writer.db().collection('items').doc('a')
        const calls = await watchDoc(ref)

        const before = Date.now()
        const writing = ref.set({ at: serverTimestamp() })
        const after = Date.now()
        await settle(30)
        const released = Date.now()
        gate.release()
        await writing
        await eventually(() => expect(calls).toHaveLength(3))
        const done = Date.now()

        const estimate = calls[1]!.data!.at as number
        const committed = calls[2]!.data!.at as number
        expect(calls[1]!.pending).toBe(true)
        expect(estimate).toBeGreaterThanOrEqual(before)
        expect(estimate).toBeLessThanOrEqual(after)
        expect(calls[2]).toMatchObject({ changes: ['modified'], pending: false })
        expect(committed).toBeGreaterThanOrEqual(released)
        expect(committed).toBeLessThanOrEqual(done)
      })

      it('increment() adds to a number', async () => {
        const { metal } = await open(harness)
        const ref = metal.db().collection('items').doc('a')
        await ref.set({ n: 5, m: { k: 1 } })

        await ref.update({ n: increment(2), 'm.k': increment(-1.5) })

        expect(await dataOf(ref)).toEqual({ n: 7, m: { k: -0.5 } })
      })

      it('increment() of a missing field sets the field to the amount', async () => {
        const { metal } = await open(harness)
        const ref = metal.db().collection('items').doc('a')
        await ref.set({ other: 1 })

        await ref.update({ n: increment(3) })

        expect(await dataOf(ref)).toEqual({ other: 1, n: 3 })
      })

      it('increment() of a non-number replaces it with the amount', async () => {
        const { metal } = await open(harness)
        const ref = metal.db().collection('items').doc('a')
        await ref.set({ s: 'ten', b: true, m: { x: 1 } })

        await ref.update({ s: increment(3), b: increment(1), m: increment(2) })

        expect(await dataOf(ref)).toEqual({ s: 3, b: 1, m: 2 })
      })

      it('increment() in a merging set() adds to the stored value', async () => {
        const { metal } = await open(harness)
        const ref = metal.db().collection('items').doc('a')
        await ref.set({ n: 10, keep: 'x' })

        await ref.set({ n: increment(5) }, { merge: true })

        expect(await dataOf(ref)).toEqual({ n: 15, keep: 'x' })
      })

      it('arrayUnion() appends only the elements not already present', async () => {
        const { metal } = await open(harness)
        const ref = metal.db().collection('items').doc('a')
        await ref.set({ tags: ['a', 'b'] })

        await ref.update({ tags: arrayUnion('b', 'c', 'c', 'd') })

        expect(await dataOf(ref)).toEqual({ tags: ['a', 'b', 'c', 'd'] })
      })

      it('arrayUnion() compares maps and arrays by deep equality, ignoring key order', async () => {
        const { metal } = await open(harness)
        const ref = metal.db().collection('items').doc('a')
        await ref.set({ list: [{ a: 1, b: { c: [1, 2] } }] })

        await ref.update({ list: arrayUnion({ b: { c: [1, 2] }, a: 1 }, { a: 2 }) })

        expect(await dataOf(ref)).toEqual({ list: [{ a: 1, b: { c: [1, 2] } }, { a: 2 }] })
      })

      it('arrayUnion() on a missing or non-array field sets it to the elements', async () => {
        const { metal } = await open(harness)
        const ref = metal.db().collection('items').doc('a')
        await ref.set({ s: 'text' })

        await ref.update({ s: arrayUnion(1, 1, 2), missing: arrayUnion('x') })

        expect(await dataOf(ref)).toEqual({ s: [1, 2], missing: ['x'] })
      })

      it('arrayRemove() removes every instance of each element, by deep equality', async () => {
        const { metal } = await open(harness)
        const ref = metal.db().collection('items').doc('a')
        await ref.set({ list: [1, 2, 1, { a: 1, b: 2 }, 3, { b: 2, a: 1 }, '1'] })

        await ref.update({ list: arrayRemove(1, { a: 1, b: 2 }, 'absent') })

        expect(await dataOf(ref)).toEqual({ list: [2, 3, '1'] })
      })

      it('arrayRemove() on a missing or non-array field sets it to an empty array', async () => {
        const { metal } = await open(harness)
        const ref = metal.db().collection('items').doc('a')
        await ref.set({ n: 1 })

        await ref.update({ n: arrayRemove(1), missing: arrayRemove(1) })

        expect(await dataOf(ref)).toEqual({ n: [], missing: [] })
      })

      it('deleteField() in update() removes top-level and nested fields', async () => {
        const { metal } = await open(harness)
        const ref = metal.db().collection('items').doc('a')
        await ref.set({ a: 1, b: 2, m: { x: 1, y: 2 } })

        await ref.update({ a: deleteField(), 'm.x': deleteField(), 'no.such': deleteField() })

        expect(await dataOf(ref)).toEqual({ b: 2, m: { y: 2 } })
      })

      it('deleteField() in a merging set() removes the field', async () => {
        const { metal } = await open(harness)
        const ref = metal.db().collection('items').doc('a')
        await ref.set({ a: 1, b: 2, m: { x: 1, y: 2 } })

        await ref.set({ a: deleteField(), m: { x: deleteField() }, c: 3 }, { merge: true })

        expect(await dataOf(ref)).toEqual({ b: 2, m: { y: 2 }, c: 3 })
      })
    })
  })
}
