import { describe, expect, it, onTestFinished, vi } from 'vitest'
import {
  MetalError,
  arrayRemove,
  arrayUnion,
  deleteField,
  increment,
  serverTimestamp,
} from '../../index.js'
import type { Backend, DocumentData, DocumentReference } from '../../index.js'
import { eventually, settle, type BackendHarness } from './harness.js'
import { open, clientOn, rejectingCommits, rejection, dataOf, watchQuery } from './helpers.js'

// ─── Helpers ────────────────────────────────────────────────────────────────────────────────────

/** Wraps a backend so that commits are held back until `release()` sends them on. */
function gatedCommits(inner: Backend) {
  const held: (() => void)[] = []
  const backend: Backend = {
    connect(options) {
      const connection = inner.connect(options)
      return {
        request: (message) =>
          message.type === 'commit'
            ? new Promise<void>((resolve) => held.push(resolve)).then(() =>
                connection.request(message),
              )
            : connection.request(message),
        close: () => connection.close(),
      }
    },
  }
  return {
    backend,
    get held(): number {
      return held.length
    },
    release(): void {
      for (const send of held.splice(0)) send()
    },
  }
}

/** Tracks whether a promise has settled. */
function track(promise: Promise<unknown>): { readonly settled: boolean } {
  const state = { settled: false }
  promise.then(
    () => (state.settled = true),
    () => (state.settled = true),
  )
  return state
}

interface DocCall {
  changes: string[]
  exists: boolean
  data: DocumentData | undefined
  pending: boolean
}

/** Subscribes to a document, waits for the first callback, and records every callback. */
async function watchDoc(ref: DocumentReference): Promise<DocCall[]> {
  const calls: DocCall[] = []
  const stop = ref.subscribe((changes, snap) =>
    calls.push({
      changes: changes.map((c) => c.type),
      exists: snap.exists,
      data: snap.data(),
      pending: snap.hasPendingWrites,
    }),
  )
  onTestFinished(stop)
  await eventually(() => expect(calls).toHaveLength(1))
  return calls
}

// ─── Suite ──────────────────────────────────────────────────────────────────────────────────────

/** Writes, field values, optimistic writes and rollback, against one backend implementation. */
export function writesSuite(harness: BackendHarness): void {
  describe(`writes (${harness.name})`, () => {
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

    describe('optimistic writes', () => {
      it("shows a write in the writing client's listener before the backend commits it", async () => {
        const env = await open(harness, 2)
        const gate = gatedCommits(env.backend)
        const writer = clientOn(gate.backend)
        const ref = writer.db().collection('items').doc('a')
        const calls = await watchDoc(ref)

        const writing = ref.set({ n: 1 })

        expect(calls).toEqual([
          { changes: [], exists: false, data: undefined, pending: false },
          { changes: ['added'], exists: true, data: { n: 1 }, pending: true },
        ])
        const state = track(writing)
        await settle(20)
        expect(state.settled).toBe(false)
        expect((await env.metal.db().collection('items').doc('a').get()).exists).toBe(false)
        gate.release()
        await writing
      })

      it('does not call the listener again when the commit only clears hasPendingWrites', async () => {
        const { metal } = await open(harness)
        const ref = metal.db().collection('items').doc('a')
        const calls = await watchDoc(ref)

        await ref.set({ n: 1 })
        await settle(20)

        expect(calls.map((c) => c.changes)).toEqual([[], ['added']])
        const snap = await ref.get()
        expect(snap.hasPendingWrites).toBe(false)
        expect(snap.data()).toEqual({ n: 1 })
        const fresh = await watchDoc(ref)
        expect(fresh).toEqual([
          { changes: ['added'], exists: true, data: { n: 1 }, pending: false },
        ])
      })

      it('passes the committed state to the next callback after a flag-only commit', async () => {
        const {
          clients: [writer, other],
        } = await open(harness, 2)
        const ref = writer!.db().collection('items').doc('a')
        const calls = await watchDoc(ref)
        await ref.set({ n: 1 })

        await other!.db().collection('items').doc('a').update({ n: 2 })
        await eventually(() => expect(calls).toHaveLength(3))

        expect(calls[2]).toEqual({
          changes: ['modified'],
          exists: true,
          data: { n: 2 },
          pending: false,
        })
      })

      it('keeps showing a later pending write while an earlier one commits', async () => {
        const { metal } = await open(harness)
        const items = metal.db().collection('items')
        const ref = items.doc('a')
        const calls = await watchQuery(items.where('x', '==', 2))

        const first = ref.set({ x: 1 })
        const second = ref.update({ x: 2 })
        await Promise.all([first, second])
        await settle(20)

        expect(calls).toEqual([
          { changes: [], docs: [] },
          { changes: ['added a'], docs: [{ id: 'a', data: { x: 2 }, pending: true }] },
        ])
      })

      it("shows a delete in the writing client's listener at once", async () => {
        const { metal } = await open(harness)
        const items = metal.db().collection('items')
        await items.doc('a').set({ n: 1 })
        await items.doc('b').set({ n: 2 })
        const calls = await watchQuery(items)

        const deleting = items.doc('a').delete()

        expect(calls[1]).toEqual({
          changes: ['removed a'],
          docs: [{ id: 'b', data: { n: 2 }, pending: false }],
        })
        await deleting
        await settle(20)
        expect(calls).toHaveLength(2)
      })

      it("{ wait: 'local' } resolves before the backend commits", async () => {
        const env = await open(harness, 2)
        const gate = gatedCommits(env.backend)
        const writer = clientOn(gate.backend)
        const ref = writer.db().collection('items').doc('a')

        await ref.set({ n: 1 }, { wait: 'local' })

        expect(gate.held).toBe(1)
        expect((await env.metal.db().collection('items').doc('a').get()).exists).toBe(false)
        expect(await ref.get()).toMatchObject({ exists: true, hasPendingWrites: true })
        expect(await dataOf(ref)).toEqual({ n: 1 })
        gate.release()
        await settle(20)
        expect(gate.held).toBe(0)
        expect(await dataOf(env.metal.db().collection('items').doc('a'))).toEqual({ n: 1 })
      })

      it('a listener that throws does not stop the write or the other listeners', async () => {
        const { metal } = await open(harness)
        const ref = metal.db().collection('items').doc('a')
        const failure = new Error('listener bug')
        const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
        onTestFinished(() => logged.mockRestore())
        let thrower = 0
        onTestFinished(
          ref.subscribe(() => {
            thrower++
            if (thrower > 1) throw failure
          }),
        )
        const calls = await watchDoc(ref)

        await ref.set({ n: 1 })

        expect(calls.map((c) => c.data)).toEqual([undefined, { n: 1 }])
        expect(await dataOf(ref)).toEqual({ n: 1 })
        expect(logged).toHaveBeenCalledWith(expect.any(String), failure)
      })
    })

    describe('rollback', () => {
      it('removes a rejected write from listeners and rejects with the backend error', async () => {
        const env = await open(harness)
        const denied = new MetalError('permission-denied', 'commit: writes to items are denied')
        const writer = clientOn(rejectingCommits(env.backend, denied))
        const items = writer.db().collection('items')
        const calls = await watchQuery(items)

        const error = await rejection(items.doc('a').set({ n: 1 }))

        expect(error).toBe(denied)
        expect(calls).toEqual([
          { changes: [], docs: [] },
          { changes: ['added a'], docs: [{ id: 'a', data: { n: 1 }, pending: true }] },
          { changes: ['removed a'], docs: [] },
        ])
        expect((await env.metal.db().collection('items').doc('a').get()).exists).toBe(false)
      })

      it('restores the previous data of a document whose update was rejected', async () => {
        const env = await open(harness)
        await env.metal.db().collection('items').doc('a').set({ n: 1 })
        const denied = new MetalError('permission-denied', 'commit: denied')
        const writer = clientOn(rejectingCommits(env.backend, denied))
        const ref = writer.db().collection('items').doc('a')
        const calls = await watchDoc(ref)

        const error = await rejection(ref.update({ n: 2 }))

        expect(error.code).toBe('permission-denied')
        expect(calls).toEqual([
          { changes: ['added'], exists: true, data: { n: 1 }, pending: false },
          { changes: ['modified'], exists: true, data: { n: 2 }, pending: true },
          { changes: ['modified'], exists: true, data: { n: 1 }, pending: false },
        ])
      })

      it("reports a failed { wait: 'local' } write to onWriteError and rolls it back", async () => {
        const env = await open(harness)
        const denied = new MetalError('permission-denied', 'commit: denied')
        const writer = clientOn(rejectingCommits(env.backend, denied))
        const ref = writer.db().collection('items').doc('a')
        const calls = await watchDoc(ref)
        const reported: MetalError[] = []
        onTestFinished(writer.onWriteError((error) => reported.push(error)))

        await ref.set({ n: 1 }, { wait: 'local' })
        await eventually(() => expect(reported).toEqual([denied]))

        expect(calls.map((c) => [c.changes, c.exists])).toEqual([
          [[], false],
          [['added'], true],
          [['removed'], false],
        ])
      })

      it('stops reporting to an onWriteError listener after it unsubscribes', async () => {
        const env = await open(harness)
        const denied = new MetalError('permission-denied', 'commit: denied')
        const writer = clientOn(rejectingCommits(env.backend, denied))
        const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
        onTestFinished(() => logged.mockRestore())
        const reported: MetalError[] = []
        const stop = writer.onWriteError((error) => reported.push(error))

        stop()
        await writer.db().collection('items').doc('a').set({ n: 1 }, { wait: 'local' })
        await eventually(() => expect(logged).toHaveBeenCalledTimes(1))

        expect(reported).toEqual([])
        expect(logged).toHaveBeenCalledWith(expect.any(String), denied)
      })
    })

    describe('closing', () => {
      it('rejects a write still waiting for its commit with unavailable', async () => {
        const env = await open(harness)
        const writer = clientOn(env.backend)
        const writing = writer.db().collection('items').doc('a').set({ n: 1 })

        writer.close()
        const error = await rejection(writing)

        expect(error.code).toBe('unavailable')
      })

      it('rejects writes made after close with failed-precondition', async () => {
        const { metal } = await open(harness)
        metal.close()

        const error = await rejection(metal.db().collection('items').doc('a').set({ n: 1 }))

        expect(error.code).toBe('failed-precondition')
        expect(error.message).toContain('closed')
      })
    })

    describe('concurrent writers', () => {
      it('two clients setting one document converge on the last committed value', async () => {
        const {
          clients: [a, b],
        } = await open(harness, 2)
        const refA = a!.db().collection('items').doc('x')
        const refB = b!.db().collection('items').doc('x')
        const callsA = await watchDoc(refA)
        const callsB = await watchDoc(refB)

        await Promise.all([refA.set({ v: 'a', by: 'a' }), refB.set({ v: 'b' })])
        const final = await dataOf(refA)

        expect([{ v: 'a', by: 'a' }, { v: 'b' }]).toContainEqual(final)
        await eventually(() => {
          expect(callsA.at(-1)!.data).toEqual(final)
          expect(callsB.at(-1)!.data).toEqual(final)
        })
        expect(await refB.get()).toMatchObject({ hasPendingWrites: false, exists: true })
        expect((await refB.get()).data()).toEqual(final)
      })

      it('concurrent updates of different fields from two clients are all kept', async () => {
        const {
          clients: [a, b],
        } = await open(harness, 2)
        const refA = a!.db().collection('items').doc('x')
        const refB = b!.db().collection('items').doc('x')
        await refA.set({ n: 0 })
        const callsA = await watchDoc(refA)
        const callsB = await watchDoc(refB)

        const writes: Promise<void>[] = []
        for (let i = 0; i < 10; i++) {
          writes.push(refA.update({ n: increment(1), a: i }))
          writes.push(refB.update({ n: increment(1), b: i }))
        }
        await Promise.all(writes)

        const expected = { n: 20, a: 9, b: 9 }
        expect(await dataOf(refA)).toEqual(expected)
        expect(await dataOf(refB)).toEqual(expected)
        await eventually(() => {
          expect(callsA.at(-1)!.data).toEqual(expected)
          expect(callsB.at(-1)!.data).toEqual(expected)
        })
      })
    })
  })
}
