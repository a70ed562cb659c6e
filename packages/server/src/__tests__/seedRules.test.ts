import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { MetalError, or, where, type Metal, type Query } from '@metal/core'
import type { VerifyToken } from '@metal/core/server'
import { seedRules } from '../../../../examples/server/seed-rules.mjs'
import { createServer, type MetalServer } from '../server.js'
import { databases, type TestDatabase } from './databases.js'
import { connect, eventually } from './serverProcess.js'

// The seed project's rules (examples/server/seed-rules.mjs, its Firestore rules as a
// RulesConfig) on a real server, with real clients signed in as different users: alice and bob
// (users), carol (an admin) and a signed-out client. A second server on the same database runs
// without rules: the project's trusted back office, used to seed documents and to change them
// behind the users' backs.

/** Tokens are user names; carol is an admin. */
const verifyToken: VerifyToken = (credential) => {
  if (credential.type !== 'custom' || !/^[a-z]+$/.test(credential.token)) {
    throw new MetalError('unauthenticated', 'authenticate(): unknown token')
  }
  const role = credential.token === 'carol' ? 'admin' : null
  return {
    userId: credential.token,
    role,
    roles: role ? [role] : [],
    expiresAt: null,
    claims: role ? { role } : {},
  }
}

/** Awaits `promise` and expects it to fail with `permission-denied`. */
async function denied(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(MetalError.is(error, 'permission-denied'), String(error)).toBe(true)
}

/** A live query's ids and the error that ended it. */
function watch(query: Query) {
  const seen = { ids: [] as string[], calls: 0, error: undefined as MetalError | undefined }
  onTestFinished(
    query.subscribe(
      (_, snap) => {
        seen.calls++
        seen.ids = snap.docs.map((d) => d.id)
      },
      (error) => (seen.error = error),
    ),
  )
  return seen
}

const ids = async (query: Query): Promise<string[]> => (await query.get()).docs.map((d) => d.id)

describe.each(databases)('the seed rules on $name', ({ create }) => {
  let db: TestDatabase
  let guarded: MetalServer
  let backOffice: MetalServer
  let url: string
  let backOfficeUrl: string
  let projects = 0

  beforeAll(async () => {
    db = await create()
    guarded = createServer({
      driver: db.driver,
      port: 0,
      log: false,
      pollMs: 50,
      rules: seedRules,
      verifyToken,
    })
    backOffice = createServer({ driver: db.driver, port: 0, log: false, pollMs: 50 })
    url = (await guarded.listen()).url
    backOfficeUrl = (await backOffice.listen()).url
  })
  afterAll(async () => {
    await guarded?.close()
    await backOffice?.close()
    await db?.drop()
  })

  /** A fresh project, with clients signed in as `user` (null: signed out) and the back office. */
  function project() {
    const projectId = `seed${++projects}`
    return {
      async as(user: string | null): Promise<Metal> {
        const metal = connect(url, { projectId })
        if (user) await metal.auth().authenticate({ type: 'custom', token: user })
        return metal
      },
      admin: () => connect(backOfficeUrl, { projectId }),
    }
  }

  it('a user reads and writes only their own profile, users/{their id}', async () => {
    const p = project()
    const alice = await p.as('alice')
    const bob = await p.as('bob')
    await alice.db().collection('users').doc('alice').set({ name: 'Alice' })
    await bob.db().collection('users').doc('bob').set({ name: 'Bob' })
    expect((await alice.db().collection('users').doc('alice').get()).data()).toEqual({
      name: 'Alice',
    })
    await alice.db().collection('users').doc('alice').update({ name: 'Alice A.' })
    await denied(alice.db().collection('users').doc('bob').get())
    await denied(alice.db().collection('users').doc('bob').set({ name: 'Mallory' }))
    await denied(alice.db().collection('users').doc('bob').delete())
    // A query of users cannot prove it returns only the caller's profile.
    await denied(alice.db().collection('users').get())
    await denied(alice.db().collection('users').where('name', '==', 'Bob').get())
    const stored = await p.admin().db().collection('users').get()
    expect(stored.docs.map((d) => [d.id, d.data()])).toEqual([
      ['alice', { name: 'Alice A.' }],
      ['bob', { name: 'Bob' }],
    ])
  })

  it.each(['tasks', 'processingJobs'])(
    '%s: a user creates, updates and deletes only their own, and never hands one to another user',
    async (collection) => {
      const p = project()
      const alice = (await p.as('alice')).db().collection(collection)
      const bob = (await p.as('bob')).db().collection(collection)
      await alice.doc('a1').set({ userId: 'alice', title: 'write rules' })
      await bob.doc('b1').set({ userId: 'bob', title: 'review' })
      // create: the new document must be the caller's.
      await denied(alice.doc('a2').set({ userId: 'bob', title: 'for bob' }))
      await denied(alice.doc('a3').set({ title: 'no owner' }))
      await denied(alice.add({ userId: 'carol' }))
      // update: the caller's before and after.
      await alice.doc('a1').update({ title: 'write the rules' })
      await denied(alice.doc('a1').update({ userId: 'bob' }))
      await denied(alice.doc('a1').set({ title: 'ownerless' }))
      await denied(alice.doc('b1').update({ title: 'taken' }))
      await denied(alice.doc('b1').set({ userId: 'alice', title: 'taken' }))
      // get and delete: the stored document must be the caller's.
      await denied(alice.doc('b1').get())
      await denied(bob.doc('a1').get())
      await denied(alice.doc('b1').delete())
      await denied(alice.doc('missing').get())
      expect((await alice.doc('a1').get()).data()).toEqual({
        userId: 'alice',
        title: 'write the rules',
      })
      await bob.doc('b1').delete()
      const stored = await p.admin().db().collection(collection).get()
      expect(stored.docs.map((d) => [d.id, d.data()])).toEqual([
        ['a1', { userId: 'alice', title: 'write the rules' }],
      ])
    },
  )

  it('a batch with one refused write writes nothing', async () => {
    const p = project()
    const alice = await p.as('alice')
    const batch = alice.db().batch()
    batch.set(alice.db().collection('tasks').doc('ok'), { userId: 'alice' })
    batch.set(alice.db().collection('tasks').doc('theirs'), { userId: 'bob' })
    await denied(batch.commit())
    expect((await p.admin().db().collection('tasks').get()).size).toBe(0)
  })

  it("queries: only a query for the caller's own documents runs; any other is refused as a whole", async () => {
    const p = project()
    const office = p.admin().db().collection('tasks')
    await office.doc('t1').set({ userId: 'alice', title: 'b', done: false })
    await office.doc('t2').set({ userId: 'alice', title: 'a', done: true })
    await office.doc('t3').set({ userId: 'bob', title: 'c', done: false })
    const tasks = (await p.as('alice')).db().collection('tasks')
    expect(await ids(tasks.where('userId', '==', 'alice'))).toEqual(['t1', 't2'])
    expect(
      await ids(tasks.where('userId', '==', 'alice').where('done', '==', false).orderBy('title')),
    ).toEqual(['t1'])
    expect(await tasks.where('userId', '==', 'alice').count()).toBe(2)
    // All tasks, another user's, or a mix: refused, never filtered down to hers.
    await denied(tasks.get())
    await denied(tasks.where('userId', '==', 'bob').get())
    await denied(tasks.where('userId', 'in', ['alice', 'bob']).get())
    await denied(tasks.where('done', '==', false).get())
    await denied(
      tasks.where(or(where('userId', '==', 'alice'), where('userId', '==', 'bob'))).get(),
    )
    await denied(tasks.count())
  })

  it("live queries: a user's shows only their own changes; a refused one ends with permission-denied", async () => {
    const p = project()
    const alice = await p.as('alice')
    const bob = await p.as('bob')
    const mine = watch(alice.db().collection('tasks').where('userId', '==', 'alice'))
    const everything = watch(alice.db().collection('tasks'))
    const bobs = watch(alice.db().collection('tasks').where('userId', '==', 'bob'))
    await eventually(() => expect(mine.calls).toBe(1))
    await eventually(() => expect(everything.error?.code).toBe('permission-denied'))
    await eventually(() => expect(bobs.error?.code).toBe('permission-denied'))
    await bob.db().collection('tasks').doc('b1').set({ userId: 'bob' })
    await alice.db().collection('tasks').doc('a1').set({ userId: 'alice' })
    await eventually(() => expect(mine.ids).toEqual(['a1']))
    // The back office hands alice's task to bob: it leaves her query.
    await p.admin().db().collection('tasks').doc('a1').update({ userId: 'bob' })
    await eventually(() => expect(mine.ids).toEqual([]))
    expect(mine.error).toBeUndefined()
    await bob.db().collection('tasks').doc('b2').set({ userId: 'bob' })
    await alice.db().collection('tasks').doc('a2').set({ userId: 'alice' })
    await eventually(() => expect(mine.ids).toEqual(['a2']))
  })

  it('adminData: only an admin reads and writes it', async () => {
    const p = project()
    const carolClient = await p.as('carol')
    const carol = carolClient.db().collection('adminData')
    const alice = (await p.as('alice')).db().collection('adminData')
    const nobody = (await p.as(null)).db().collection('adminData')
    await carol.doc('settings').set({ maintenance: false })
    expect((await carol.doc('settings').get()).data()).toEqual({ maintenance: false })
    expect(await ids(carol)).toEqual(['settings'])
    const live = watch(carol)
    await carol.doc('stats').set({ users: 2 })
    await eventually(() => expect(live.ids).toEqual(['settings', 'stats']))
    await carol.doc('stats').delete()
    for (const other of [alice, nobody]) {
      await denied(other.doc('settings').get())
      await denied(other.get())
      await denied(other.doc('settings').set({ maintenance: true }))
      await denied(other.doc('settings').delete())
    }
    // The admin role opens the admin area only: carol's tasks follow the task rules.
    await denied(carolClient.db().collection('tasks').get())
    await denied(carolClient.db().collection('users').doc('alice').get())
    expect((await p.admin().db().collection('adminData').doc('settings').get()).data()).toEqual({
      maintenance: false,
    })
  })

  it('signed out: nothing is readable or writable', async () => {
    const p = project()
    const office = p.admin().db()
    await office.collection('users').doc('alice').set({ name: 'Alice' })
    await office.collection('tasks').doc('t1').set({ userId: 'alice' })
    const nobody = (await p.as(null)).db()
    await denied(nobody.collection('users').doc('alice').get())
    await denied(nobody.collection('users').doc('alice').set({ name: 'Mallory' }))
    await denied(nobody.collection('tasks').doc('t1').get())
    await denied(nobody.collection('tasks').where('userId', '==', 'alice').get())
    await denied(nobody.collection('tasks').doc('t2').set({ userId: 'alice' }))
    await denied(nobody.collection('processingJobs').where('userId', '==', 'alice').get())
    await denied(nobody.collection('elsewhere').doc('x').set({ a: 1 }))
    const live = watch(nobody.collection('tasks').where('userId', '==', 'alice'))
    await eventually(() => expect(live.error?.code).toBe('permission-denied'))
  })

  it('a session change re-checks live queries: signing out or switching user ends those it may no longer read', async () => {
    const p = project()
    const office = p.admin().db().collection('tasks')
    await office.doc('a1').set({ userId: 'alice' })
    await office.doc('b1').set({ userId: 'bob' })
    const metal = await p.as('alice')
    const tasks = metal.db().collection('tasks')
    const hers = watch(tasks.where('userId', '==', 'alice'))
    await eventually(() => expect(hers.ids).toEqual(['a1']))
    // alice → bob: her query is no longer readable; his is.
    await metal.auth().authenticate({ type: 'custom', token: 'bob' })
    await eventually(() => expect(hers.error?.code).toBe('permission-denied'))
    const his = watch(tasks.where('userId', '==', 'bob'))
    await eventually(() => expect(his.ids).toEqual(['b1']))
    await office.doc('b2').set({ userId: 'bob' })
    await eventually(() => expect(his.ids).toEqual(['b1', 'b2']))
    // Signing out ends it too.
    await metal.auth().signOut()
    await eventually(() => expect(his.error?.code).toBe('permission-denied'))
    await denied(tasks.where('userId', '==', 'bob').get())
  })
})
