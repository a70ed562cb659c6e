import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { WebSocket } from 'ws'
import { increment, type Metal, type PresenceMember, type PresenceMessage } from '@metal/core'
import { remote } from '@metal/core/remote'
import type { BackendConnection, BackendRequest } from '@metal/core/protocol'
import { databases, type TestDatabase } from './databases.js'
import { connect, eventually, health, killAll, start, type ServerProcess } from './serverProcess.js'

// Two `metal-server` processes on one PostgreSQL database, each with its own clients: what one
// process commits reaches the other's live queries (atomically, with the right change types),
// mutation ids are remembered across processes, and presence crosses them.

const postgres = databases.find((d) => d.name === 'PostgreSQL')

describe.skipIf(!postgres)('two metal-server processes on one PostgreSQL', () => {
  let db: TestDatabase
  let a: ServerProcess
  let b: ServerProcess
  let projects = 0

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

  /** A project of its own for each test, and a client factory on it. */
  function project() {
    const projectId = `mp${++projects}`
    return {
      projectId,
      on: (server: ServerProcess, options: Parameters<typeof connect>[1] = {}) =>
        connect(server.url, { projectId, ...options }),
    }
  }

  /** Every change a collection's live query reports, as `type id`, and its current ids. */
  function watch(metal: Metal, collection: string, filter?: [string, '==', unknown]) {
    const coll = metal.db().collection(collection)
    const query = filter ? coll.where(...filter) : coll
    const seen = { changes: [] as string[], calls: 0, ids: [] as string[] }
    const stop = query.subscribe((changes, snap) => {
      seen.calls++
      seen.changes.push(...changes.map((c) => `${c.type} ${c.id}`))
      seen.ids = snap.docs.map((d) => d.id)
    })
    onTestFinished(stop)
    return seen
  }

  /**
   * Waits until presence tracked through `source` reaches `sink` on the other process: both
   * processes' relays of the project have met, so their greetings are behind them.
   */
  async function linked(source: Metal, sink: Metal) {
    let seen = false
    const stop = sink.presence('probe').subscribe((list) => (seen = list.length > 0))
    source.presence('probe').track({ userId: 'probe' })
    await eventually(() => expect(seen).toBe(true))
    stop()
  }

  it('both report PostgreSQL and the same epoch', async () => {
    const [ha, hb] = await Promise.all([health(a.url), health(b.url)])
    expect(ha.body).toMatchObject({ status: 'ok', database: 'postgres' })
    expect(hb.body).toMatchObject({ status: 'ok', database: 'postgres', epoch: ha.body.epoch })
  })

  it('writes through either process reach live queries on the other, with their change types', async () => {
    const p = project()
    const onA = p.on(a)
    const onB = p.on(b)
    const seenOnA = watch(onA, 'tasks')
    const seenOnB = watch(onB, 'tasks')
    const openOnB = watch(onB, 'tasks', ['done', '==', false])
    await eventually(() => expect([seenOnA.calls, seenOnB.calls, openOnB.calls]).toEqual([1, 1, 1]))

    const viaA = onA.db().collection('tasks')
    const viaB = onB.db().collection('tasks')
    await viaA.doc('t1').set({ title: 'one', done: false })
    await eventually(() => expect(seenOnB.changes).toEqual(['added t1']))
    await eventually(() => expect(openOnB.changes).toEqual(['added t1']))
    await viaA.doc('t1').update({ title: 'one!' })
    await eventually(() => expect(seenOnB.changes).toEqual(['added t1', 'modified t1']))

    await viaB.doc('t2').set({ title: 'two', done: false })
    await eventually(() => expect(seenOnA.changes).toEqual(['added t1', 'modified t1', 'added t2']))
    await viaB.doc('t1').delete()
    await eventually(() =>
      expect(seenOnA.changes).toEqual(['added t1', 'modified t1', 'added t2', 'removed t1']),
    )
    // t2 leaves the filtered query on B when A marks it done, and stays in the unfiltered one.
    await viaA.doc('t2').update({ done: true })
    await eventually(() =>
      expect(openOnB.changes).toEqual([
        'added t1',
        'modified t1',
        'added t2',
        'removed t1',
        'removed t2',
      ]),
    )
    await eventually(() => expect(seenOnB.changes.at(-1)).toBe('modified t2'))
    await eventually(() => expect(seenOnA.changes.at(-1)).toBe('modified t2'))
    expect(seenOnA.ids).toEqual(['t2'])
    expect(seenOnB.ids).toEqual(['t2'])
    expect(openOnB.ids).toEqual([])
    // Each side's own writes count once: no change was reported twice.
    expect(seenOnA.changes).toEqual(seenOnB.changes)
  })

  it('a batch and a transaction on one process are seen whole on the other', async () => {
    const p = project()
    const onA = p.on(a)
    const onB = p.on(b)
    const accounts = onA.db().collection('accounts')
    await accounts.doc('x').set({ balance: 50 })
    await accounts.doc('y').set({ balance: 50 })
    const totals: number[] = []
    const changesPerCall: string[][] = []
    const stop = onB
      .db()
      .collection('accounts')
      .subscribe((changes, snap) => {
        totals.push(snap.docs.reduce((sum, d) => sum + (d.data().balance as number), 0))
        changesPerCall.push(changes.map((c) => `${c.type} ${c.id}`).sort())
      })
    onTestFinished(stop)
    await eventually(() => expect(changesPerCall).toEqual([['added x', 'added y']]))

    const batch = onA.db().batch()
    batch.update(accounts.doc('x'), { balance: 30 })
    batch.update(accounts.doc('y'), { balance: 70 })
    batch.set(accounts.doc('z'), { balance: 0 })
    await batch.commit()
    await eventually(() => expect(changesPerCall).toHaveLength(2))
    expect(changesPerCall[1]).toEqual(['added z', 'modified x', 'modified y'])

    await onA.db().runTransaction(async (tx) => {
      const x = await tx.get(accounts.doc('x'))
      const z = await tx.get(accounts.doc('z'))
      tx.update(accounts.doc('x'), { balance: (x.data()!.balance as number) - 10 })
      tx.update(accounts.doc('z'), { balance: (z.data()!.balance as number) + 10 })
    })
    await eventually(() => expect(changesPerCall).toHaveLength(3))
    expect(changesPerCall[2]).toEqual(['modified x', 'modified z'])
    // Never a half-applied batch or transaction: every snapshot B showed adds up.
    expect(totals).toEqual([100, 100, 100])
    const final = await onB.db().collection('accounts').orderBy('balance').get()
    expect(final.docs.map((d) => [d.id, d.data().balance])).toEqual([
      ['z', 10],
      ['x', 20],
      ['y', 70],
    ])
  })

  it('a mutation id resent to the other process is applied once', async () => {
    const p = project()
    const open = (server: ServerProcess): BackendConnection => {
      const conn = remote({ url: server.url, WebSocket }).connect({
        projectId: p.projectId,
        apiKey: 'key',
        onPush: () => {},
      })
      onTestFinished(() => conn.close())
      return conn
    }
    const viaA = open(a)
    const viaB = open(b)
    await viaA.request({
      type: 'commit',
      writes: [{ op: 'set', collection: 'c', id: 'n', data: { n: 0 } }],
    })
    const bump = (mutationId: string): BackendRequest & { type: 'commit' } => ({
      type: 'commit',
      writes: [{ op: 'update', collection: 'c', id: 'n', fields: [[['n'], increment(1)]] }],
      mutationId,
    })
    const first = await viaA.request(bump('m-1'))
    const again = await viaB.request(bump('m-1'))
    const onceMore = await viaA.request(bump('m-1'))
    expect(again.version).toBe(first.version)
    expect(onceMore.version).toBe(first.version)
    expect(again.docs).toEqual(first.docs)
    expect((await viaB.request({ type: 'get', collection: 'c', id: 'n' })).doc?.data).toEqual({
      n: 1,
    })
    const other = await viaB.request(bump('m-2'))
    expect(other.version).toBeGreaterThan(first.version)
    expect((await viaA.request({ type: 'get', collection: 'c', id: 'n' })).doc?.data).toEqual({
      n: 2,
    })
  })

  it('presence tracked on one process is seen on the other: join, update, leave', async () => {
    const p = project()
    const alice = p.on(a, { presence: { throttleMs: 0 } })
    const bob = p.on(b)
    const events: string[] = []
    let members: PresenceMember[] = []
    const room = bob.presence('lobby')
    room.on('join', (m) => events.push(`join ${m.userId}`))
    room.on('update', (m) => events.push(`update ${m.userId} ${m.status}`))
    room.on('leave', (m) => events.push(`leave ${m.userId}`))
    const stop = room.subscribe((list) => (members = list))
    onTestFinished(stop)
    await linked(bob, alice)

    alice.presence('lobby').track({ userId: 'alice', status: 'online', metadata: { page: '/' } })
    await eventually(() => expect(events).toEqual(['join alice']))
    expect(members).toMatchObject([{ userId: 'alice', status: 'online', metadata: { page: '/' } }])
    alice.presence('lobby').track({ userId: 'alice', status: 'away', metadata: { page: '/x' } })
    await eventually(() => expect(events).toEqual(['join alice', 'update alice away']))
    expect(members).toMatchObject([{ userId: 'alice', status: 'away', metadata: { page: '/x' } }])
    alice.close()
    await eventually(() =>
      expect(events).toEqual(['join alice', 'update alice away', 'leave alice']),
    )
    expect(members).toEqual([])
  })

  it('presence changes arrive on the other process in the order they were made, whatever their size', async () => {
    const p = project()
    const alice = p.on(a, { presence: { throttleMs: 0 } })
    const bob = p.on(b)
    const statuses: string[] = []
    let members: PresenceMember[] = []
    const room = bob.presence()
    room.on('join', (m) => statuses.push(`join ${m.status}`))
    room.on('update', (m) => statuses.push(m.status ?? ''))
    onTestFinished(room.subscribe((list) => (members = list)))
    await linked(bob, alice)
    const steps = Array.from({ length: 40 }, (_, i) => `s${i}`)
    for (const status of steps) alice.presence().track({ userId: 'alice', status })
    await eventually(() => expect(statuses).toHaveLength(steps.length), 10_000)
    expect(statuses).toEqual([`join s0`, ...steps.slice(1)])
    // A state too large for one PostgreSQL notification (8000 bytes) still reaches the others.
    const big = 'x'.repeat(20_000)
    alice.presence().track({ userId: 'alice', status: 'big', metadata: { big } })
    await eventually(() => expect(members[0]?.status).toBe('big'))
    expect(members[0]?.metadata).toEqual({ big })
    alice.presence().track({ userId: 'alice', status: 'small', metadata: { big: 'gone' } })
    await eventually(() => expect(members[0]?.metadata).toEqual({ big: 'gone' }))
    expect(members).toHaveLength(1)
  })

  it('a broadcast message sent through one process reaches listeners on the other, whatever its size', async () => {
    const p = project()
    const alice = p.on(a, { presence: { throttleMs: 0 } })
    const bob = p.on(b)
    const got: PresenceMessage[] = []
    onTestFinished(bob.presence().on('message', (m) => got.push(m)))
    await linked(bob, alice)
    alice.presence().track({ userId: 'alice' })
    alice.presence().broadcast('cursor', { x: 1 })
    await eventually(() => expect(got).toHaveLength(1))
    expect(got[0]).toMatchObject({ event: 'cursor', payload: { x: 1 }, userId: 'alice' })
    const big = 'y'.repeat(20_000) // more than one PostgreSQL notification
    alice.presence().broadcast('note', { big })
    await eventually(() => expect(got).toHaveLength(2))
    expect(got[1]?.payload).toEqual({ big })
  })

  it('a process started later learns the members already there; a stopped one takes its own away', async () => {
    const p = project()
    const env = { DATABASE_URL: db.url! }
    const early = await start(['--port', '0'], env)
    const alice = p.on(early)
    alice.presence().track({ userId: 'alice', status: 'online' })
    await alice.db().collection('sync').get()
    const late = await start(['--port', '0'], env)
    const bob = p.on(late)
    const events: string[] = []
    const presence = bob.presence()
    presence.on('join', (m) => events.push(`join ${m.userId}`))
    presence.on('leave', (m) => events.push(`leave ${m.userId}`))
    onTestFinished(presence.subscribe(() => {}))
    await eventually(() => expect(events).toEqual(['join alice']))
    expect((await early.stop('SIGTERM')).code).toBe(0)
    await eventually(() => expect(events).toEqual(['join alice', 'leave alice']))
    expect((await late.stop('SIGTERM')).code).toBe(0)
  })

  it('a client whose process is killed resumes on the other: only what it missed, its queued write once', async () => {
    const p = project()
    const doomed = await start(['--port', '0'], { DATABASE_URL: db.url! })
    // A load balancer in front of both: new sockets go to `target`.
    let target = doomed.url
    const pushes: { resumed?: boolean; initial?: boolean }[] = []
    class Balanced extends WebSocket {
      constructor() {
        super(`${target.replace('http', 'ws')}/v1/socket`)
        this.on('message', (data) => {
          const frame = JSON.parse(String(data)) as {
            push?: { type: string; resumed?: boolean; initial?: boolean }
          }
          if (frame.push?.type === 'target') pushes.push(frame.push)
        })
      }
    }
    const reader = p.on(doomed, { WebSocket: Balanced })
    const writer = p.on(b)
    const seen = watch(reader, 'feed')
    const feed = writer.db().collection('feed')
    await feed.doc('1').set({ v: 1 })
    await feed.doc('2').set({ v: 1 })
    const counter = reader.db().collection('counters').doc('n')
    await counter.set({ n: 0 })
    await eventually(() => expect(seen.ids).toEqual(['1', '2']))

    const killed = await doomed.stop('SIGKILL')
    expect(killed.signal).toBe('SIGKILL')
    await eventually(() => expect(reader.network).toBe('offline'))
    await counter.update({ n: increment(1) }, { wait: 'local' })
    await feed.doc('1').update({ v: 2 })
    await feed.doc('3').set({ v: 1 })
    await feed.doc('2').delete()
    const before = seen.changes.length
    const framesBefore = pushes.length
    target = b.url
    await eventually(() => expect(seen.ids).toEqual(['1', '3']), 10_000)
    await eventually(() => expect(reader.sync({ collection: 'counters' }).pending).toBe(0))
    expect(seen.changes.slice(before).sort()).toEqual(['added 3', 'modified 1', 'removed 2'])
    expect(pushes[framesBefore]).toMatchObject({ resumed: true })
    expect((await writer.db().collection('counters').doc('n').get()).data()).toEqual({ n: 1 })
  })
  it('transactions through either process commit atomically, and a stalled one blocks neither', async () => {
    const p = project()
    const onA = p.on(a)
    const onB = p.on(b)
    const counter = (m: Metal) => m.db().collection('counters').doc('n')
    await counter(onA).set({ n: 0 })
    const bump = (m: Metal) =>
      m.db().runTransaction(
        async (tx) => {
          const n = (await tx.get(counter(m))).data()!.n as number
          tx.update(counter(m), { n: n + 1 })
        },
        { maxAttempts: 20 },
      )
    let release = (): void => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    let reads = 0
    const stalled = onA.db().runTransaction(async (tx) => {
      const n = (await tx.get(counter(onA))).data()!.n as number
      if (++reads === 1) await held
      tx.update(counter(onA), { n: n + 100 })
    })
    await eventually(() => expect(reads).toBe(1))

    // Optimistic: the version checks of a commit and its writes are atomic across processes
    // (advisory locks on the documents' keys), and nothing waits for the stalled transaction.
    await Promise.all(Array.from({ length: 10 }, (_, i) => bump(i % 2 === 0 ? onA : onB)))
    release()
    await stalled

    expect(reads).toBe(2)
    expect((await counter(onB).get()).data()).toEqual({ n: 110 })
  })
})
