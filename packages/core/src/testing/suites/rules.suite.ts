import { describe, expect, it, onTestFinished } from 'vitest'
import { MetalError, or, where } from '../../index.js'
import type { Backend, Metal, PresenceMember } from '../../index.js'
import type { BackendPush, BackendConnection } from '../../protocol/backend.js'
import type { RulesConfig } from '../../server/rules.js'
import { eventually, settle, type BackendHarness } from './harness.js'
import { backendFor, clientFor } from './helpers.js'

type Data = Record<string, unknown> | null

/** Rules in the shape of the seed's Firestore rules, plus a field that hides a task. */
const RULES: RulesConfig = {
  documents: {
    'users/{userId}': {
      read: ({ auth, path }) => auth !== null && auth.userId === path.params.userId,
      write: ({ auth, path }) => auth !== null && auth.userId === path.params.userId,
    },
    'tasks/{taskId}': {
      read: ({ auth, doc }) =>
        auth !== null && (doc as Data)?.userId === auth.userId && (doc as Data)?.hidden !== true,
      create: ({ auth, newDoc }) => auth !== null && (newDoc as Data)?.userId === auth.userId,
      update: ({ auth, doc, newDoc }) =>
        auth !== null &&
        (doc as Data)?.userId === auth.userId &&
        (newDoc as Data)?.userId === auth.userId,
      delete: ({ auth, doc }) => auth !== null && (doc as Data)?.userId === auth.userId,
    },
  },
  presence: ({ auth, room }) => auth !== null && room === 'lobby',
}

async function signedIn(backend: Backend, userId: string): Promise<Metal> {
  const metal = clientFor(backend)
  await metal.auth().ready
  await metal.auth().authenticate({ type: 'custom', token: userId, metadata: { userId } })
  return metal
}

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
    return 'ok'
  } catch (error) {
    return MetalError.is(error) ? error.code : String(error)
  }
}

/** Access rules as every backend enforces them (the server's, over any storage). */
export function rulesSuite(harness: BackendHarness): void {
  describe(`access rules (${harness.name})`, () => {
    it('reads and writes only the documents its path rule allows', async () => {
      const backend = await backendFor(harness, { rules: RULES })
      const alice = await signedIn(backend, 'alice')
      const users = alice.db().collection('users')
      await users.doc('alice').set({ name: 'Alice' })
      expect(await code(users.doc('bob').set({ name: 'not Bob' }))).toBe('permission-denied')
      expect((await users.doc('alice').get()).data()).toEqual({ name: 'Alice' })
      // Refused whether or not the document exists: the answer says nothing of it.
      expect(await code(users.doc('bob').get())).toBe('permission-denied')
      // A query of the whole collection could return others' documents: refused as a whole.
      expect(await code(users.get())).toBe('permission-denied')
      // Listening to one's own document pins its id down: allowed.
      const seen: unknown[] = []
      const stop = users.doc('alice').subscribe((_changes, snap) => seen.push(snap.data()))
      onTestFinished(stop)
      await eventually(() => expect(seen).toContainEqual({ name: 'Alice' }))
    })

    it('refuses a query that could return a document the user may not read, even an empty one', async () => {
      const backend = await backendFor(harness, { rules: RULES })
      const alice = await signedIn(backend, 'alice')
      const tasks = alice.db().collection('tasks')
      await tasks.doc('a1').set({ userId: 'alice', title: 'one' })
      await tasks.doc('a2').set({ userId: 'alice', title: 'two' })
      // Only Alice's documents exist, yet the query could return Bob's: refused, not filtered.
      expect(await code(tasks.get())).toBe('permission-denied')
      expect(await code(tasks.where('userId', '==', 'bob').get())).toBe('permission-denied')
      expect(
        await code(
          tasks.where(or(where('userId', '==', 'alice'), where('userId', '==', 'bob'))).get(),
        ),
      ).toBe('permission-denied')
      const mine = await tasks.where('userId', '==', 'alice').orderBy('title').get()
      expect(mine.docs.map((d) => d.id)).toEqual(['a1', 'a2'])
      const inOne = await tasks.where('userId', 'in', ['alice']).get()
      expect(inOne.size).toBe(2)
      const signedOut = clientFor(backend)
      await signedOut.auth().ready
      expect(
        await code(signedOut.db().collection('tasks').where('userId', '==', 'alice').get()),
      ).toBe('permission-denied')
    })

    it('judges a document listener as a get of that document', async () => {
      const backend = await backendFor(harness, { rules: RULES })
      const alice = await signedIn(backend, 'alice')
      const bob = await signedIn(backend, 'bob')
      await alice.db().collection('tasks').doc('a1').set({ userId: 'alice', title: 'mine' })
      await bob.db().collection('tasks').doc('b1').set({ userId: 'bob', title: 'his' })
      const tasks = alice.db().collection('tasks')
      const seen: unknown[] = []
      const errors: string[] = []
      const stops = [
        tasks.doc('a1').subscribe((_c, snap) => seen.push(snap.data())),
        tasks.doc('b1').subscribe(
          () => seen.push('b1 shown'),
          (e) => errors.push(e.code),
        ),
      ]
      onTestFinished(() => stops.forEach((stop) => stop()))
      await eventually(() => expect(seen).toEqual([{ userId: 'alice', title: 'mine' }]))
      await eventually(() => expect(errors).toEqual(['permission-denied']))
      // Her listener keeps receiving her document's changes.
      await alice.db().collection('tasks').doc('a1').update({ title: 'still mine' })
      await eventually(() => expect(seen).toHaveLength(2))
      expect(errors).toEqual(['permission-denied'])
    })

    it('refuses the whole result when one document of it fails its rule', async () => {
      const backend = await backendFor(harness, { rules: RULES })
      const alice = await signedIn(backend, 'alice')
      const tasks = alice.db().collection('tasks')
      await tasks.doc('a1').set({ userId: 'alice', title: 'shown' })
      await tasks.doc('a2').set({ userId: 'alice', title: 'hidden', hidden: true })
      const refused = await tasks
        .where('userId', '==', 'alice')
        .get()
        .catch((e: unknown) => e)
      expect(MetalError.is(refused, 'permission-denied')).toBe(true)
      expect((refused as Error).message).toMatch(/query of 'tasks' is not allowed for user 'alice'/)
      // The count of the same documents would tell as much: refused too.
      expect(await code(tasks.where('userId', '==', 'alice').count())).toBe('permission-denied')
    })

    it('ends a live query when a document it may not read would enter it, without showing it', async () => {
      const backend = await backendFor(harness, { rules: RULES })
      const reader = await signedIn(backend, 'alice')
      const writer = await signedIn(backend, 'alice')
      await writer.db().collection('tasks').doc('a1').set({ userId: 'alice', title: 'one' })
      const seen: Data[] = []
      const errors: string[] = []
      const stop = reader
        .db()
        .collection('tasks')
        .where('userId', '==', 'alice')
        .subscribe(
          (changes) => changes.forEach((c) => seen.push(c.doc.data() as Data)),
          (e) => errors.push(e.code),
        )
      onTestFinished(stop)
      await eventually(() => expect(seen).toEqual([{ userId: 'alice', title: 'one' }]))
      await writer.db().collection('tasks').doc('a2').set({ userId: 'alice', title: 'two' })
      await eventually(() => expect(seen).toHaveLength(2))
      await writer.db().collection('tasks').doc('a1').update({ hidden: true })
      await eventually(() => expect(errors).toEqual(['permission-denied']))
      await writer.db().collection('tasks').doc('a3').set({ userId: 'alice', title: 'three' })
      await settle(50)
      expect(seen.some((d) => d?.hidden === true)).toBe(false)
      expect(seen.map((d) => d?.title)).toEqual(['one', 'two'])
    })

    it('judges each write as a create, an update or a delete of what is stored', async () => {
      const backend = await backendFor(harness, { rules: RULES })
      const alice = await signedIn(backend, 'alice')
      const bob = await signedIn(backend, 'bob')
      const asAlice = alice.db().collection('tasks')
      const asBob = bob.db().collection('tasks')
      expect(await code(asBob.doc('b1').set({ userId: 'alice', title: 'forged' }))).toBe(
        'permission-denied',
      )
      await asAlice.doc('a1').set({ userId: 'alice', title: 'mine' })
      // Moving a task to another user, or touching another user's task, is refused.
      expect(await code(asAlice.doc('a1').update({ userId: 'bob' }))).toBe('permission-denied')
      expect(await code(asBob.doc('a1').set({ userId: 'bob', title: 'taken' }))).toBe(
        'permission-denied',
      )
      expect(await code(asBob.doc('a1').delete())).toBe('permission-denied')
      // A batch with one refused write writes nothing.
      const batch = alice.db().batch()
      batch.set(asAlice.doc('a2'), { userId: 'alice', title: 'two' })
      batch.set(asAlice.doc('a3'), { userId: 'bob', title: 'three' })
      expect(await code(batch.commit())).toBe('permission-denied')
      const left = await asAlice.where('userId', '==', 'alice').get()
      expect(left.docs.map((d) => d.id)).toEqual(['a1'])
      await asAlice.doc('a1').set({ done: true }, { merge: true })
      expect((await asAlice.doc('a1').get()).data()).toEqual({
        userId: 'alice',
        title: 'mine',
        done: true,
      })
      await asAlice.doc('a1').delete()
      expect((await asAlice.where('userId', '==', 'alice').get()).size).toBe(0)
    })

    it('lets only signed-in users into the rooms the presence rule names', async () => {
      const backend = await backendFor(harness, { rules: RULES })
      const conn = backend.connect({ projectId: 'test', onPush: () => {} })
      onTestFinished(() => conn.close())
      expect(await code(conn.request({ type: 'presenceSubscribe', room: 'lobby' }))).toBe(
        'permission-denied',
      )
      await conn.request({
        type: 'authenticate',
        credential: { type: 'custom', token: 'a', metadata: { userId: 'alice' } },
      })
      await conn.request({ type: 'presenceSubscribe', room: 'lobby' })
      const diff = { userId: 'alice', status: 'online' }
      await conn.request({ type: 'presenceTrack', room: 'lobby', diff })
      expect(await code(conn.request({ type: 'presenceTrack', room: 'secret', diff }))).toBe(
        'permission-denied',
      )
      const bob = await signedIn(backend, 'bob')
      const members: PresenceMember[][] = []
      bob.presence('lobby').subscribe((m) => members.push(m))
      await eventually(() => expect(members.at(-1)?.map((m) => m.userId)).toEqual(['alice']))
    })

    it("shows a client's live query ending with unauthenticated when its session expires", async () => {
      const backend = await backendFor(harness, { rules: RULES })
      const metal = clientFor(backend)
      await metal.auth().ready
      const expiresAt = Date.now() + 500
      await metal.auth().authenticate({
        type: 'custom',
        token: 'a',
        metadata: { userId: 'alice', expiresAt },
      })
      const errors: string[] = []
      const stop = metal
        .db()
        .collection('tasks')
        .where('userId', '==', 'alice')
        .subscribe(
          () => {},
          (e) => errors.push(e.code),
        )
      onTestFinished(stop)
      await eventually(() => expect(errors).toEqual(['unauthenticated']), 4000)
      expect(metal.auth().status).toBe('signed-out')
    })

    it('ends live queries with unauthenticated when the session expires, and its presence leaves', async () => {
      const backend = await backendFor(harness, { rules: RULES })
      const bob = await signedIn(backend, 'bob')
      const members: string[][] = []
      bob.presence('lobby').subscribe((m) => members.push(m.map((x) => x.userId)))
      // A raw connection: no client-side session logic, only what the backend decides.
      const pushes: BackendPush[] = []
      const conn: BackendConnection = backend.connect({
        projectId: 'test',
        onPush: (m) => pushes.push(m),
      })
      onTestFinished(() => conn.close())
      const expiresAt = Date.now() + 600
      await conn.request({
        type: 'authenticate',
        credential: { type: 'custom', token: 'a', metadata: { userId: 'alice', expiresAt } },
      })
      const query = { collection: 'tasks', filter: where('userId', '==', 'alice'), orderBy: [] }
      await conn.request({ type: 'listen', targetId: 1, query })
      await conn.request({
        type: 'presenceTrack',
        room: 'lobby',
        diff: { userId: 'alice', status: 'online' },
      })
      await eventually(() => expect(members.at(-1)).toEqual(['alice']))
      await eventually(
        () =>
          expect(pushes.filter((p) => p.type === 'targetError')).toEqual([
            expect.objectContaining({ targetId: 1, code: 'unauthenticated' }),
          ]),
        4000,
      )
      expect(Date.now()).toBeGreaterThanOrEqual(expiresAt)
      await eventually(() => expect(members.at(-1)).toEqual([]))
      // Signed out now: what needs a session is refused.
      expect(await code(conn.request({ type: 'listen', targetId: 2, query }))).toBe(
        'permission-denied',
      )
    })
  })
}
