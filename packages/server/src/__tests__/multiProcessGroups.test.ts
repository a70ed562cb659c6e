import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import type { QuerySnapshot } from '@metal/core'
import { databases, type TestDatabase } from './databases.js'
import { connect, eventually, killAll, start, type ServerProcess } from './serverProcess.js'

// A collection group query listened through one `metal-server` process stays live with writes
// committed through another process on the same PostgreSQL database (the change feed routes
// each change to the group's live queries, keyed by full document path).

const postgres = databases.find((d) => d.name === 'PostgreSQL')

describe.skipIf(!postgres)('collection group queries across two metal-server processes', () => {
  let db: TestDatabase
  let a: ServerProcess
  let b: ServerProcess

  beforeAll(async () => {
    db = await postgres!.create()
    const env = { DATABASE_URL: db.url! }
    ;[a, b] = await Promise.all([start(['--port', '0'], env), start(['--port', '0'], env)])
  })
  afterAll(async () => {
    for (const server of [a, b]) if (server) expect((await server.stop()).code).toBe(0)
    killAll()
    await db?.drop()
  })

  it('a write through one process reaches a group listener on the other, with its real path', async () => {
    const onA = connect(a.url, { projectId: 'groups' })
    const onB = connect(b.url, { projectId: 'groups' })
    await onA.db().doc('posts/p1/comments/c1').set({ by: 'ann', n: 1 })
    const snaps: QuerySnapshot[] = []
    const stop = onB
      .db()
      .collectionGroup('comments')
      .where('by', '==', 'ann')
      .orderBy('n')
      .subscribe((_changes, snap) => snaps.push(snap))
    onTestFinished(stop)
    await eventually(() => expect(snaps).toHaveLength(1))
    const paths = () => snaps.at(-1)!.docs.map((d) => d.ref.path)
    expect(paths()).toEqual(['posts/p1/comments/c1'])

    // The same id in new collections at two depths, one not matching the filter.
    await onA.db().doc('users/u1/posts/p2/comments/c1').set({ by: 'ann', n: 2 })
    await onA.db().doc('comments/c1').set({ by: 'bob', n: 0 })
    await eventually(() =>
      expect(paths()).toEqual(['posts/p1/comments/c1', 'users/u1/posts/p2/comments/c1']),
    )
    await onA.db().doc('comments/c1').update({ by: 'ann' })
    await eventually(() =>
      expect(paths()).toEqual([
        'comments/c1',
        'posts/p1/comments/c1',
        'users/u1/posts/p2/comments/c1',
      ]),
    )
    await onA.db().doc('posts/p1/comments/c1').delete()
    await eventually(() =>
      expect(paths()).toEqual(['comments/c1', 'users/u1/posts/p2/comments/c1']),
    )
    const last = snaps.at(-1)!
    expect(last.changes.map((c) => [c.type, c.doc.ref.path])).toEqual([
      ['removed', 'posts/p1/comments/c1'],
    ])
  })
})
