import { describe, expect, it } from 'vitest'
import { MetalError } from '../../index.js'
import type { BackendHarness } from './harness.js'
import { open, rejection } from './helpers.js'
import { thrown } from './queries.helpers.js'

// How reference paths are read, as Cloud Firestore's SDK reads them: a leading or trailing '/'
// is ignored (`collection(db, '/users/')`), an empty segment inside is refused; a reserved id
// (`__x__`, "Constraints on collections, documents, and fields") can be put in a reference, and
// the read, write or listen that uses it fails with invalid-argument.

/** The error a listener receives. */
function listenError(subscribe: (onError: (error: MetalError) => void) => unknown) {
  return new Promise<MetalError>((resolve) => {
    subscribe(resolve)
  })
}

export function referencePathsSuite(harness: BackendHarness): void {
  describe(`references: paths and reserved ids (${harness.name})`, () => {
    describe('leading and trailing slashes', () => {
      it('ignores them in collection and document paths', async () => {
        const { metal } = await open(harness)
        const db = metal.db()
        expect(db.collection('/users/').path).toBe('users')
        expect(db.collection('/users/u1/posts').path).toBe('users/u1/posts')
        const ref = db.doc('/users/u1/')
        expect(ref.path).toBe('users/u1')
        await ref.set({ n: 1 })
        expect((await db.collection('users').doc('u1').get()).data()).toEqual({ n: 1 })
      })

      it('still refuses empty segments inside, and a path of only slashes', async () => {
        const { metal } = await open(harness)
        const db = metal.db()
        for (const path of ['users//u1/posts', '//users', '/', 'users/u1//']) {
          expect(thrown(() => db.collection(path)).code).toBe('invalid-argument')
        }
        expect(thrown(() => db.doc('users//u1')).code).toBe('invalid-argument')
        expect(thrown(() => db.doc('/users/')).code).toBe('invalid-argument')
      })
    })

    describe('reserved ids', () => {
      it('builds a reference to a reserved id; get, set, update and delete then fail naming it', async () => {
        const { metal } = await open(harness)
        const c = metal.db().collection('things')
        const ref = c.doc('__x__')
        expect(ref.path).toBe('things/__x__')
        for (const [call, run] of [
          ['get()', () => ref.get()],
          ['set()', () => ref.set({ n: 1 })],
          ['update()', () => ref.update({ n: 1 })],
          ['delete()', () => ref.delete()],
        ] as const) {
          const error = await rejection(run())
          expect(error.code).toBe('invalid-argument')
          expect(error.message).toContain(call)
          expect(error.message).toContain("'__x__'")
        }
        expect((await c.get()).size).toBe(0)
      })

      it('gives a document listener of a reserved id the error through its error callback', async () => {
        const { metal } = await open(harness)
        const ref = metal.db().collection('things').doc('__x__')
        const error = await listenError((onError) => ref.subscribe(() => {}, onError))
        expect(error.code).toBe('invalid-argument')
        expect(error.message).toContain("'__x__'")
      })

      it('fails queries, counts and listeners on a collection with a reserved id', async () => {
        const { metal } = await open(harness)
        const db = metal.db()
        const c = db.collection('__c__')
        expect(c.path).toBe('__c__')
        expect((await rejection(c.get())).message).toContain("'__c__'")
        expect((await rejection(c.count())).code).toBe('invalid-argument')
        // Listeners hear it through their error callback, as a refusal by the backend.
        const listened = await listenError((onError) => c.subscribe(() => {}, onError))
        expect(listened.message).toContain("'__c__'")
        const counted = await listenError((onError) => c.subscribeCount(() => {}, onError))
        expect(counted.code).toBe('invalid-argument')
        const nested = db.doc('users/u1/__c__/d')
        expect((await rejection(nested.set({ n: 1 }))).message).toContain("'__c__'")
      })

      it('refuses a batch or transaction write to a reserved id, writing nothing', async () => {
        const { metal } = await open(harness)
        const db = metal.db()
        const ok = db.collection('things').doc('ok')
        const bad = db.collection('things').doc('__x__')
        const batch = db.batch().set(ok, { n: 1 })
        expect(thrown(() => batch.delete(bad)).message).toContain('batch.delete()')
        expect((await rejection(batch.commit())).code).toBe('invalid-argument')
        const tx = db.runTransaction(async (t) => {
          t.set(ok, { n: 2 })
          t.set(bad, { n: 2 })
        })
        expect((await rejection(tx)).message).toContain('transaction.set()')
        expect((await ok.get()).exists).toBe(false)
      })
    })
  })
}
