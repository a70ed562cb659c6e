import { describe, expect, it, onTestFinished, vi } from 'vitest'
import { MetalError, increment } from '../../index.js'
import { eventually, settle, type BackendHarness } from './harness.js'
import { open, clientOn, rejectingCommits, rejection, dataOf, watchQuery } from './helpers.js'
import { gatedCommits, track, watchDoc } from './writes.helpers.js'

export function writeLifecycleSuite(harness: BackendHarness): void {
  describe(`writes: optimistic state, rollback and concurrency (${harness.name})`, () => {
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
