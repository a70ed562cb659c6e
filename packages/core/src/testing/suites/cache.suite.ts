import { describe, expect, it } from 'vitest'
import { MetalError, serverTimestamp } from '../../index.js'
import type { QuerySnapshot } from '../../index.js'
import { eventually, perTest, settle, type BackendHarness } from './harness.js'

/** The error a promise rejects with (fails the test when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<MetalError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof MetalError) return error
    throw error
  }
  throw new Error('expected a rejection')
}

// The client's local cache, snapshot metadata, get({ source }), waitForPendingWrites(),
// pending server timestamps and close(): each test follows a rule of Firestore's documentation
// (https://firebase.google.com/docs/firestore/manage-data/enable-offline and the web SDK
// reference: DocumentSnapshot.data(options), getDocFromCache, terminate).
export function cacheSuite(harness: BackendHarness): void {
  const { backend, client } = perTest(harness)

  describe(`local cache (${harness.name})`, () => {
    it('offline, get() serves a document read earlier, with metadata.fromCache', async () => {
      const metal = client(await backend())
      const ref = metal.db().collection('notes').doc('n1')
      await ref.set({ text: 'hi' })
      const online = await ref.get()
      expect(online.metadata.fromCache).toBe(false)
      metal.disableNetwork()
      const offline = await ref.get()
      expect(offline.exists).toBe(true)
      expect(offline.data()).toEqual({ text: 'hi' })
      expect(offline.metadata.fromCache).toBe(true)
      expect(offline.metadata.hasPendingWrites).toBe(false)
    })

    it('offline, a document deleted earlier reads as not existing; one never seen is unavailable', async () => {
      const metal = client(await backend())
      const notes = metal.db().collection('notes')
      await notes.doc('gone').set({ n: 1 })
      await notes.doc('gone').delete()
      metal.disableNetwork()
      const gone = await notes.doc('gone').get()
      expect(gone.exists).toBe(false)
      expect(gone.metadata.fromCache).toBe(true)
      expect((await rejection(notes.doc('never').get())).code).toBe('unavailable')
    })

    it('offline, a document a listener dropped is still served, and query.get() runs over the cache', async () => {
      const metal = client(await backend())
      const notes = metal.db().collection('notes')
      await notes.doc('a').set({ n: 1 })
      await notes.doc('b').set({ n: 2 })
      await notes.doc('c').set({ n: 3 })
      let seen = 0
      const stop = notes.subscribe((_, snap) => (seen = snap.size))
      await eventually(() => expect(seen).toBe(3))
      stop()
      metal.disableNetwork()
      const result = await notes.where('n', '>=', 2).get()
      expect(result.docs.map((d) => d.id)).toEqual(['b', 'c'])
      expect(result.metadata.fromCache).toBe(true)
      expect((await notes.doc('a').get()).data()).toEqual({ n: 1 })
    })

    it('an online get() replaces what the cache holds: a document deleted elsewhere reads as missing', async () => {
      const b = await backend()
      const metal = client(b)
      const other = client(b)
      const ref = metal.db().collection('notes').doc('d')
      await other.db().collection('notes').doc('d').set({ v: 1 })
      expect((await ref.get()).exists).toBe(true)
      await other.db().collection('notes').doc('d').delete()
      expect((await ref.get()).exists).toBe(false)
      metal.disableNetwork()
      expect((await ref.get()).exists).toBe(false)
    })

    it('the cache is bounded: the least recently seen documents are dropped first', async () => {
      const b = await backend()
      const writer = client(b)
      const metal = client(b, { cache: { maxDocuments: 2 } })
      const notes = metal.db().collection('notes')
      for (const id of ['a', 'b', 'c']) await writer.db().collection('notes').doc(id).set({ id })
      for (const id of ['a', 'b', 'c']) await notes.doc(id).get()
      metal.disableNetwork()
      expect((await rejection(notes.doc('a').get())).code).toBe('unavailable')
      expect((await notes.doc('c').get()).data()).toEqual({ id: 'c' })
      expect(() => client(b, { cache: { maxDocuments: -1 } })).toThrow(/cache\.maxDocuments/)
    })

    it("get({ source: 'cache' }) reads only the cache; { source: 'server' } never does", async () => {
      const metal = client(await backend())
      const notes = metal.db().collection('notes')
      expect((await rejection(notes.doc('x').get({ source: 'cache' }))).code).toBe('unavailable')
      await notes.doc('x').set({ v: 1 })
      const cached = await notes.doc('x').get({ source: 'cache' })
      expect(cached.data()).toEqual({ v: 1 })
      expect(cached.metadata.fromCache).toBe(true)
      const fromServer = await notes.get({ source: 'server' })
      expect(fromServer.metadata.fromCache).toBe(false)
      expect((await notes.get({ source: 'cache' })).size).toBe(1)
      metal.disableNetwork()
      expect((await rejection(notes.doc('x').get({ source: 'server' }))).code).toBe('unavailable')
      expect((await rejection(notes.get({ source: 'server' }))).code).toBe('unavailable')
      const bad = await rejection(notes.doc('x').get({ source: 'disk' } as never))
      expect(bad.code).toBe('invalid-argument')
      expect(bad.message).toMatch(/get\(\).*source.*'disk'/)
    })

    it('a live listener says fromCache while offline, and with includeMetadataChanges hears it flip', async () => {
      const metal = client(await backend())
      const notes = metal.db().collection('notes')
      await notes.doc('a').set({ n: 1 })
      const seen: boolean[] = []
      const stop = notes.subscribe((_, snap: QuerySnapshot) => seen.push(snap.metadata.fromCache), {
        includeMetadataChanges: true,
      })
      await eventually(() => expect(seen).toEqual([false]))
      metal.disableNetwork()
      await eventually(() => expect(seen).toEqual([false, true]))
      metal.enableNetwork()
      await eventually(() => expect(seen).toEqual([false, true, false]))
      stop()
    })

    it('waitForPendingWrites() resolves once the writes made before it are committed, offline too', async () => {
      const b = await backend()
      const metal = client(b)
      const other = client(b)
      const db = metal.db()
      await db.waitForPendingWrites() // nothing pending
      metal.disableNetwork()
      void db.collection('notes').doc('w').set({ v: 1 }, { wait: 'local' })
      let done = false
      const waiting = db.waitForPendingWrites().then(() => (done = true))
      await settle(20)
      expect(done).toBe(false)
      metal.enableNetwork()
      await waiting
      expect((await other.db().collection('notes').doc('w').get()).data()).toEqual({ v: 1 })
    })
  })

  describe(`waitForPendingWrites() (${harness.name})`, () => {
    it('counts a rejected write as settled', async () => {
      const metal = client(await backend())
      const db = metal.db()
      const failing = db.collection('notes').doc('missing').update({ v: 1 })
      const settled = failing.catch((e: MetalError) => e.code)
      await db.waitForPendingWrites()
      expect(await settled).toBe('not-found')
    })
  })

  describe(`pending server timestamps (${harness.name})`, () => {
    // Firestore: "serverTimestamps: 'estimate' | 'previous' | 'none'" — by default (none) a
    // server timestamp not yet set by the backend reads as null.
    it('read as null by default, or as the estimate or the previous value when asked', async () => {
      const metal = client(await backend())
      const ref = metal.db().collection<{ at: number | null; name: string }>('notes').doc('t')
      await ref.set({ at: 5, name: 'x' })
      metal.disableNetwork()
      const before = Date.now()
      void ref.update({ at: serverTimestamp() }, { wait: 'local' })
      const snap = await ref.get()
      expect(snap.metadata.hasPendingWrites).toBe(true)
      expect(snap.data()).toEqual({ at: null, name: 'x' })
      expect(snap.get('at')).toBeNull()
      expect(snap.data({ serverTimestamps: 'none' })?.at).toBeNull()
      expect(snap.data({ serverTimestamps: 'previous' })?.at).toBe(5)
      const estimate = snap.get('at', { serverTimestamps: 'estimate' }) as number
      expect(estimate).toBeGreaterThanOrEqual(before)
      expect(estimate).toBeLessThanOrEqual(Date.now())
      expect(() => snap.data({ serverTimestamps: 'later' } as never)).toThrow(
        /data\(\).*serverTimestamps.*'later'/,
      )
      metal.enableNetwork()
      await metal.db().waitForPendingWrites()
      const committed = await ref.get()
      expect(typeof committed.data()?.at).toBe('number')
    })

    it("'previous' of a field that had no value reads null", async () => {
      const metal = client(await backend())
      const ref = metal.db().collection('notes').doc('p')
      metal.disableNetwork()
      void ref.set({ at: serverTimestamp() }, { wait: 'local' })
      const snap = await ref.get()
      expect(snap.data({ serverTimestamps: 'previous' })).toEqual({ at: null })
      metal.enableNetwork()
      await metal.db().waitForPendingWrites()
    })

    // Firestore: "You are trying to start or end a query using a document for which the field
    // is an uncommitted server timestamp" — refused.
    it('a pending server timestamp is refused as a cursor value', async () => {
      const metal = client(await backend())
      const notes = metal.db().collection('notes')
      metal.disableNetwork()
      void notes.doc('c').set({ at: serverTimestamp() }, { wait: 'local' })
      const snap = await notes.doc('c').get()
      expect(() => notes.orderBy('at').startAfter(snap)).toThrow(MetalError)
      expect(() => notes.orderBy('at').startAfter(snap)).toThrow(/startAfter\(\).*'at'/)
      metal.enableNetwork()
      await metal.db().waitForPendingWrites()
    })
  })

  describe(`close() (${harness.name})`, () => {
    // Firestore's terminate(): listeners are cancelled; later calls fail at once.
    it('open listeners get a cancelled error; later calls fail at once', async () => {
      const metal = client(await backend())
      const notes = metal.db().collection('notes')
      await notes.doc('a').set({ n: 1 })
      const errors: string[] = []
      let ready = 0
      notes.subscribe(
        () => ready++,
        (e) => errors.push(`query:${e.code}`),
      )
      notes.doc('a').subscribe(
        () => ready++,
        (e) => errors.push(`doc:${e.code}`),
      )
      notes.subscribeCount(
        () => ready++,
        (e) => errors.push(`count:${e.code}`),
      )
      await eventually(() => expect(ready).toBe(3))
      await metal.terminate()
      expect(errors.sort()).toEqual(['count:cancelled', 'doc:cancelled', 'query:cancelled'])
      const calls: (() => Promise<unknown>)[] = [
        () => notes.doc('a').get(),
        () => notes.get(),
        () => notes.doc('a').set({ n: 2 }),
        () => metal.db().batch().set(notes.doc('b'), {}).commit(),
        () => metal.db().runTransaction(async (tx) => tx.get(notes.doc('a'))),
        () => metal.db().waitForPendingWrites(),
        () => notes.count(),
      ]
      for (const call of calls) {
        const error = await rejection(call())
        expect(error.code).toBe('failed-precondition')
        expect(error.message).toMatch(/closed/)
      }
      expect(() => notes.subscribe(() => {})).toThrow(/closed/)
    })
  })
}
