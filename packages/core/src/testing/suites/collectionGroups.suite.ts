import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { documentId, or, where } from '../../index.js'
import type { Database, DocumentChange, Metal, QuerySnapshot } from '../../index.js'
import type { RulesConfig } from '../../server/rules.js'
import { clients, eventually, type BackendHarness } from './harness.js'
import { backendFor, clientFor, rejection, thrown, type Env } from './helpers.js'

// Collection group queries, from Cloud Firestore's documentation ("Collection group queries":
// "A collection group consists of all collections with the same ID"; documentId() on a
// collection group takes a full document path; rules need a recursive wildcard).

const paths = (snap: QuerySnapshot): string[] => snap.docs.map((d) => d.ref.path)

/** Comments at three depths, with ids that repeat across collections, and look-alike collections. */
async function seedComments(db: Database): Promise<void> {
  await Promise.all([
    db.doc('comments/c1').set({ n: 3, by: 'ann' }),
    db.doc('posts/p1/comments/c1').set({ n: 1, by: 'bob' }),
    db.doc('posts/p1/comments/c2').set({ n: 2, by: 'ann' }),
    db.doc('posts/p2/comments/c1').set({ n: 2, by: 'cid' }),
    db.doc('users/u1/posts/p9/comments/c7').set({ n: 5, by: 'ann' }),
    // Not in the group: another last segment, or 'comments' as a document id.
    db.doc('posts/p1/commentsX/c1').set({ n: 1, by: 'ann' }),
    db.doc('xcomments/c1').set({ n: 1, by: 'ann' }),
    db.doc('posts/comments/replies/r1').set({ n: 1, by: 'ann' }),
  ])
}

export function collectionGroupsSuite(harness: BackendHarness): void {
  describe(`collection group queries (${harness.name})`, () => {
    let env: Env
    let db: Database

    beforeEach(async () => {
      env = await clients(harness, 2)
      db = env.metal.db()
      await seedComments(db)
    })
    afterEach(async () => {
      await env.close()
    })

    it('reads every collection whose last segment is the id, at any depth, in full-path order', async () => {
      const snap = await db.collectionGroup('comments').get()
      expect(paths(snap)).toEqual([
        'comments/c1',
        'posts/p1/comments/c1',
        'posts/p1/comments/c2',
        'posts/p2/comments/c1',
        'users/u1/posts/p9/comments/c7',
      ])
      // Ids repeat across collections: each snapshot keeps its own id and real reference.
      expect(snap.docs.map((d) => d.id)).toEqual(['c1', 'c1', 'c2', 'c1', 'c7'])
      const second = snap.docs[1]!
      expect(second.ref.parent.path).toBe('posts/p1/comments')
      expect(second.data()).toEqual({ n: 1, by: 'bob' })
      expect((await second.ref.get()).data()).toEqual({ n: 1, by: 'bob' })
    })

    it('filters, orders (ties by full path), limits and pages with a snapshot cursor', async () => {
      const q = db.collectionGroup('comments').where('n', '>=', 2).orderBy('n').limit(2)
      const first = await q.get()
      expect(paths(first)).toEqual(['posts/p1/comments/c2', 'posts/p2/comments/c1'])
      const next = await db
        .collectionGroup('comments')
        .where('n', '>=', 2)
        .orderBy('n')
        .startAfter(first.docs[0]!)
        .limit(2)
        .get()
      expect(paths(next)).toEqual(['posts/p2/comments/c1', 'comments/c1'])
      const ors = await db
        .collectionGroup('comments')
        .where(or(where('by', '==', 'bob'), where('by', '==', 'cid')))
        .get()
      expect(paths(ors)).toEqual(['posts/p1/comments/c1', 'posts/p2/comments/c1'])
      const last = await db.collectionGroup('comments').orderBy('n').limitToLast(1).get()
      expect(paths(last)).toEqual(['users/u1/posts/p9/comments/c7'])
    })

    it('takes full document paths for documentId(), and refuses a bare id', async () => {
      const one = await db
        .collectionGroup('comments')
        .where(documentId(), '==', 'posts/p2/comments/c1')
        .get()
      expect(paths(one)).toEqual(['posts/p2/comments/c1'])
      const under = await db
        .collectionGroup('comments')
        .orderBy(documentId())
        .startAfter('posts/p1/comments/c1')
        .endAt('posts/p2/comments/c1')
        .get()
      expect(paths(under)).toEqual(['posts/p1/comments/c2', 'posts/p2/comments/c1'])
      const cursor = thrown(() =>
        db.collectionGroup('comments').orderBy(documentId()).startAt('c1'),
      )
      expect(cursor.code).toBe('invalid-argument')
      const error = thrown(() => db.collectionGroup('comments').where(documentId(), '==', 'c1'))
      expect(error.code).toBe('invalid-argument')
      expect(error.message).toMatch(/where\(\).*full document path.*'c1'/)
    })

    it('counts and aggregates over the group', async () => {
      const group = db.collectionGroup('comments')
      expect(await group.count()).toBe(5)
      expect(await group.where('by', '==', 'ann').sum('n')).toBe(10)
    })

    it('refuses a collection id holding a slash', () => {
      const error = thrown(() => db.collectionGroup('posts/comments'))
      expect(error.code).toBe('invalid-argument')
      expect(error.message).toMatch(/collectionGroup\(\).*'posts\/comments'/)
      expect(thrown(() => db.collectionGroup('')).code).toBe('invalid-argument')
    })

    it('stays live: writes from another client in any matching collection, keyed by full path', async () => {
      const calls: { changes: DocumentChange[]; snap: QuerySnapshot }[] = []
      const stop = db
        .collectionGroup('comments')
        .where('by', '==', 'ann')
        .subscribe((changes, snap) => calls.push({ changes, snap }))
      await eventually(() => expect(calls).toHaveLength(1))
      expect(paths(calls[0]!.snap)).toEqual([
        'comments/c1',
        'posts/p1/comments/c2',
        'users/u1/posts/p9/comments/c7',
      ])
      const other = env.clients[1]!.db()
      // Same id as an existing member, in a collection that did not exist.
      await other.doc('posts/p3/comments/c2').set({ n: 9, by: 'ann' })
      await eventually(() => expect(calls).toHaveLength(2))
      expect(calls[1]!.changes.map((c) => [c.type, c.doc.ref.path])).toEqual([
        ['added', 'posts/p3/comments/c2'],
      ])
      await other.doc('posts/p1/comments/c2').delete()
      await eventually(() => expect(calls).toHaveLength(3))
      expect(calls[2]!.changes.map((c) => [c.type, c.doc.ref.path])).toEqual([
        ['removed', 'posts/p1/comments/c2'],
      ])
      expect(paths(calls[2]!.snap)).toEqual([
        'comments/c1',
        'posts/p3/comments/c2',
        'users/u1/posts/p9/comments/c7',
      ])
      // A look-alike collection does not reach the group.
      await other.doc('posts/p3/commentsX/c9').set({ n: 1, by: 'ann' })
      await other.doc('comments/c9').set({ n: 1, by: 'ann' })
      await eventually(() => expect(calls).toHaveLength(4))
      expect(calls[3]!.changes.map((c) => c.doc.ref.path)).toEqual(['comments/c9'])
      stop()
    })

    it('shows a local write at once, pending, then committed', async () => {
      const calls: QuerySnapshot[] = []
      const stop = db
        .collectionGroup('comments')
        .orderBy('n', 'desc')
        .limit(1)
        .subscribe((_c, snap) => calls.push(snap), { includeMetadataChanges: true })
      await eventually(() => expect(calls).toHaveLength(1))
      const write = db.doc('users/u2/posts/p1/comments/top').set({ n: 99, by: 'dan' })
      expect(calls).toHaveLength(2) // synchronously, before the backend answers
      expect(paths(calls[1]!)).toEqual(['users/u2/posts/p1/comments/top'])
      expect(calls[1]!.docs[0]!.hasPendingWrites).toBe(true)
      await write
      await eventually(() => expect(calls.at(-1)!.docs[0]!.hasPendingWrites).toBe(false))
      const got = await db.collectionGroup('comments').orderBy('n', 'desc').limit(1).get()
      expect(paths(got)).toEqual(['users/u2/posts/p1/comments/top'])
      stop()
    })

    it('catches up after a reconnect with the writes it missed', async () => {
      const snaps: QuerySnapshot[] = []
      const stop = db.collectionGroup('comments').subscribe((_c, snap) => snaps.push(snap))
      await eventually(() => expect(snaps).toHaveLength(1))
      env.metal.disableNetwork()
      const other = env.clients[1]!.db()
      await other.doc('posts/p1/comments/c1').delete()
      await other.doc('x/y/comments/c1').set({ n: 7 })
      env.metal.enableNetwork()
      await eventually(() =>
        expect(paths(snaps.at(-1)!)).toEqual([
          'comments/c1',
          'posts/p1/comments/c2',
          'posts/p2/comments/c1',
          'users/u1/posts/p9/comments/c7',
          'x/y/comments/c1',
        ]),
      )
      stop()
    })

    it('answers get() offline from the documents this client holds, with pending writes', async () => {
      const snaps: QuerySnapshot[] = []
      const stop = db.collectionGroup('comments').subscribe((_c, snap) => snaps.push(snap))
      await eventually(() => expect(snaps).toHaveLength(1))
      env.metal.disableNetwork()
      const write = db.doc('z/z1/comments/c1').set({ n: 0, by: 'zed' })
      const offline = await db.collectionGroup('comments').orderBy('n').limit(2).get()
      expect(paths(offline)).toEqual(['z/z1/comments/c1', 'posts/p1/comments/c1'])
      expect(offline.docs[0]!.hasPendingWrites).toBe(true)
      env.metal.enableNetwork()
      await write
      stop()
    })

    it('honours get({ source }): cache reads only what the client holds, server never the cache', async () => {
      // Firestore's getDocsFromCache()/getDocsFromServer() on a collection group query.
      const fromCache = await db.collectionGroup('comments').get({ source: 'cache' })
      expect(fromCache.metadata.fromCache).toBe(true)
      // The seed was written by this client, so its cache holds the five documents of the group.
      expect(paths(fromCache)).toEqual([
        'comments/c1',
        'posts/p1/comments/c1',
        'posts/p1/comments/c2',
        'posts/p2/comments/c1',
        'users/u1/posts/p9/comments/c7',
      ])
      const paged = await db.collectionGroup('comments').orderBy('n').offset(1).limit(2).get({
        source: 'cache',
      })
      expect(paths(paged)).toEqual(['posts/p1/comments/c2', 'posts/p2/comments/c1'])
      const fromServer = await db.collectionGroup('comments').get({ source: 'server' })
      expect(fromServer.metadata.fromCache).toBe(false)
      expect(fromServer.size).toBe(5)
      env.metal.disableNetwork()
      const offline = await rejection(db.collectionGroup('comments').get({ source: 'server' }))
      expect(offline.code).toBe('unavailable')
      env.metal.enableNetwork()
    })

    it('says fromCache on live snapshots while offline, and with includeMetadataChanges hears it flip', async () => {
      const seen: boolean[] = []
      const stop = db
        .collectionGroup('comments')
        .subscribe((_c, snap) => seen.push(snap.metadata.fromCache), {
          includeMetadataChanges: true,
        })
      await eventually(() => expect(seen).toEqual([false]))
      env.metal.disableNetwork()
      await eventually(() => expect(seen).toEqual([false, true]))
      env.metal.enableNetwork()
      await eventually(() => expect(seen).toEqual([false, true, false]))
      stop()
    })

    it('keeps a live count of the group', async () => {
      const counts: number[] = []
      const stop = db.collectionGroup('comments').subscribeCount((n) => counts.push(n))
      await eventually(() => expect(counts).toEqual([5]))
      await env.clients[1]!.db().doc('a/b/comments/new').set({ n: 0 })
      await eventually(() => expect(counts).toEqual([5, 6]))
      stop()
    })
  })

  describe(`collection group rules (${harness.name})`, () => {
    const RULES: RulesConfig = {
      documents: {
        '{path=**}/comments/{commentId}': {
          read: ({ doc }) => (doc as { hidden?: boolean } | null)?.hidden !== true,
          write: ({ path }) => path.params.path !== 'locked/l1',
        },
        'posts/{postId}/notes/{noteId}': { read: () => true, write: () => true },
      },
    }

    async function client(): Promise<Metal> {
      return clientFor(await backendFor(harness, { rules: RULES }))
    }

    it('a recursive-wildcard rule allows group queries and the reads and writes it matches', async () => {
      const db = (await client()).db()
      await db.doc('comments/c1').set({ n: 1 })
      await db.doc('posts/p1/comments/c1').set({ n: 2 })
      expect(paths(await db.collectionGroup('comments').get())).toEqual([
        'comments/c1',
        'posts/p1/comments/c1',
      ])
      expect((await db.doc('posts/p1/comments/c1').get()).data()).toEqual({ n: 2 })
      // `path` is the parent document's path.
      const denied = await rejection(db.doc('locked/l1/comments/c1').set({ n: 3 }))
      expect(denied.code).toBe('permission-denied')
    })

    it('refuses a group query no recursive-wildcard rule allows, and one returning a hidden document', async () => {
      const db = (await client()).db()
      await db.doc('posts/p1/notes/n1').set({ n: 1 })
      // 'posts/{postId}/notes/{noteId}' allows the collection, not the group (as Firestore).
      expect((await db.collection('posts/p1/notes').get()).size).toBe(1)
      const error = await rejection(db.collectionGroup('notes').get())
      expect(error.code).toBe('permission-denied')
      expect(error.message).toMatch(/collection group 'notes'/)
      await db.doc('posts/p2/comments/h').set({ hidden: true })
      expect((await rejection(db.collectionGroup('comments').get())).code).toBe('permission-denied')
    })
  })
}
