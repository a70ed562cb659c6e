import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { WebSocket } from 'ws'
import { increment, type Metal, type Query } from '@metal/core'
import { createServer, type MetalServer } from '../server.js'
import { SqlStorage } from '../sql/storage.js'
import type { SqlDriver } from '../sql/driver.js'
import { databases, type TestDatabase } from './databases.js'
import { connect, eventually } from './serverProcess.js'

// Resume as a client meets it: its server goes away (stopped, then started again on the same
// database and port), others commit meanwhile through another server, and when the client is
// back its live queries show exactly what it missed, once; a window query and a log pruned past
// its token reset to a fresh snapshot; writes queued offline are applied exactly once.

type TargetPush = { type: 'target'; initial?: boolean; resumed?: boolean; targetId: number }

/** A WebSocket class that records the target pushes its sockets receive. */
function recording() {
  const pushes: TargetPush[] = []
  class Recording extends WebSocket {
    constructor(url: string) {
      super(url)
      this.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { push?: { type: string } }
        if (frame.push?.type === 'target') pushes.push(frame.push as TargetPush)
      })
    }
  }
  return { pushes, WebSocket: Recording }
}

/** A live query's reported changes (`type id`) and its current documents. */
function watch(query: Query) {
  const seen = { changes: [] as string[], docs: [] as [string, unknown][] }
  const stop = query.subscribe((changes, snap) => {
    seen.changes.push(...changes.map((c) => `${c.type} ${c.id}`))
    seen.docs = snap.docs.map((d) => [d.id, d.data()])
  })
  onTestFinished(stop)
  return seen
}

/** What a fresh query returns, in the same shape. */
async function fresh(query: Query): Promise<[string, unknown][]> {
  return (await query.get()).docs.map((d) => [d.id, d.data()])
}

describe.each(databases)('resume on $name', ({ create }) => {
  let db: TestDatabase
  let writerServer: MetalServer
  let writerUrl: string
  let servers: MetalServer[] = []
  let projects = 0

  beforeAll(async () => {
    db = await create()
    writerServer = createServer({ driver: db.driver, port: 0, log: false, pollMs: 50 })
    writerUrl = (await writerServer.listen()).url
  })
  afterEach(async () => {
    for (const s of servers) await s.close()
    servers = []
  })
  afterAll(async () => {
    await writerServer?.close()
    await db?.drop()
  })

  async function serve(port = 0, driver: SqlDriver = db.driver) {
    const server = createServer({ driver, port, log: false, pollMs: 50 })
    servers.push(server)
    return { server, ...(await server.listen()) }
  }

  /**
   * A reader on its own server, and a writer on the shared one, in a fresh project. `outage`
   * stops the reader's server, runs `meanwhile`, and starts it again on the same port.
   */
  async function setup() {
    const projectId = `r${++projects}`
    const first = await serve()
    const rec = recording()
    const reader = connect(first.url, { projectId, WebSocket: rec.WebSocket })
    const writer = connect(writerUrl, { projectId })
    return {
      reader,
      writer,
      pushes: rec.pushes,
      async outage(meanwhile: () => Promise<void>, driver?: SqlDriver) {
        await first.server.close()
        await eventually(() => expect(reader.network).toBe('offline'))
        await meanwhile()
        const before = rec.pushes.length
        await serve(first.port, driver)
        return () => rec.pushes.slice(before)
      },
    }
  }

  /** Writes 1, 2 (v: 1) and 3 (v: 2) through `a` and `b`. */
  async function seed(a: Metal, b: Metal) {
    await a.db().collection('feed').doc('1').set({ v: 1 })
    await a.db().collection('feed').doc('2').set({ v: 1 })
    await b.db().collection('feed').doc('3').set({ v: 2 })
  }

  /** While the reader is away: 1 enters v >= 2, 3 changes twice, 4 arrives, 2 goes, 5 comes and goes. */
  async function missed(writer: Metal) {
    const feed = writer.db().collection('feed')
    await feed.doc('1').update({ v: 2 })
    await feed.doc('3').update({ v: 3 })
    await feed.doc('3').update({ v: 4 })
    await feed.doc('4').set({ v: 1 })
    await feed.doc('2').delete()
    await feed.doc('5').set({ v: 9 })
    await feed.doc('5').delete()
  }

  it('shows exactly the changes it missed, once each, and ends where a fresh query is', async () => {
    const { reader, writer, outage } = await setup()
    const feed = reader.db().collection('feed')
    const all = watch(feed)
    const high = watch(feed.where('v', '>=', 2))
    await seed(writer, reader)
    await eventually(() => expect([all.docs.length, high.docs.length]).toEqual([3, 1]))
    expect(all.changes.sort()).toEqual(['added 1', 'added 2', 'added 3'])
    const [allBefore, highBefore] = [all.changes.length, high.changes.length]

    const after = await outage(() => missed(writer))
    await eventually(() => expect(all.docs.map(([id]) => id)).toEqual(['1', '3', '4']))
    await eventually(() => expect(high.docs.map(([id]) => id)).toEqual(['1', '3']))
    // Every target came back as a delta, not a reset.
    await eventually(() => expect(after().filter((p) => p.resumed)).toHaveLength(2))
    expect(after().filter((p) => p.initial)).toEqual([])
    // A later write shows once more: nothing was counted twice on the way back.
    await writer.db().collection('feed').doc('6').set({ v: 6 })
    await eventually(() => expect(all.changes.at(-1)).toBe('added 6'))
    expect(all.changes.slice(allBefore).sort()).toEqual([
      'added 4',
      'added 6',
      'modified 1',
      'modified 3',
      'removed 2',
    ])
    await eventually(() => expect(high.changes.at(-1)).toBe('added 6'))
    expect(high.changes.slice(highBefore).sort()).toEqual(['added 1', 'added 6', 'modified 3'])
    expect(all.docs).toEqual(await fresh(writer.db().collection('feed')))
    expect(high.docs).toEqual(await fresh(writer.db().collection('feed').where('v', '>=', 2)))
  })

  it('loses and doubles nothing while writes keep coming through the drop and the return', async () => {
    const { reader, writer, outage } = await setup()
    const all = watch(reader.db().collection('stream'))
    const feed = writer.db().collection('stream')
    let written = 0
    const writing = (async () => {
      for (let i = 0; i < 60; i++) {
        await feed.doc(`w${String(i).padStart(2, '0')}`).set({ i })
        if (i % 3 === 0) await feed.doc('counter').set({ n: i })
        written = i + 1
      }
    })()
    await eventually(() => expect(written).toBeGreaterThan(10))
    await outage(async () => {
      const at = written
      await eventually(() => expect(written).toBeGreaterThan(at + 10))
    })
    await writing
    const stored = await fresh(writer.db().collection('stream'))
    expect(stored).toHaveLength(61)
    await eventually(() => expect(all.docs).toEqual(stored))
    const added = all.changes.filter((c) => c.startsWith('added')).sort()
    expect(added).toEqual(stored.map(([id]) => `added ${id}`).sort())
    expect(all.changes.filter((c) => !c.startsWith('added'))).toEqual(
      all.changes.filter((c) => c === 'modified counter'),
    )
  })

  it('resets a window (limit) query to a fresh snapshot, diffed into the changes it shows', async () => {
    const { reader, writer, outage } = await setup()
    const top = reader.db().collection('feed').orderBy('v', 'desc').limit(2)
    const seen = watch(top)
    await seed(writer, reader)
    // v descending; the tie of 1 and 2 breaks by id in the same direction.
    await eventually(() => expect(seen.docs.map(([id]) => id)).toEqual(['3', '2']))
    const before = seen.changes.length
    const after = await outage(async () => {
      const feed = writer.db().collection('feed')
      await feed.doc('4').set({ v: 10 })
      await feed.doc('2').update({ v: 0 })
      await feed.doc('3').update({ v: 5 })
      await feed.doc('1').update({ v: 1, again: true })
    })
    await eventually(() => expect(seen.docs.map(([id]) => id)).toEqual(['4', '3']))
    await eventually(() => expect(after()[0]).toMatchObject({ initial: true }))
    expect(after().filter((p) => p.resumed)).toEqual([])
    expect(seen.changes.slice(before).sort()).toEqual(['added 4', 'modified 3', 'removed 2'])
    expect(seen.docs).toEqual(
      await fresh(writer.db().collection('feed').orderBy('v', 'desc').limit(2)),
    )
  })

  it('resets to the whole result when the change log was pruned past its token', async () => {
    const { reader, writer, outage } = await setup()
    const feed = reader.db().collection('feed')
    const all = watch(feed)
    await seed(writer, reader)
    await eventually(() => expect(all.docs).toHaveLength(3))
    const before = all.changes.length
    const after = await outage(async () => {
      await missed(writer)
      // Retention of 1 ms: every entry this reader of the log has passed goes.
      const pruner = await SqlStorage.open(db.driver, { changeLogRetentionMs: 1 })
      await pruner.prune(Date.now() + 10)
      await pruner.close()
      const [left] = await db.driver.query<{ n: number }>(
        `select count(*)::int as n from metal_changes`,
      )
      expect(left).toEqual({ n: 0 })
    })
    await eventually(() => expect(all.docs.map(([id]) => id)).toEqual(['1', '3', '4']))
    await eventually(() => expect(after()[0]).toMatchObject({ initial: true }))
    expect(after().filter((p) => p.resumed)).toEqual([])
    expect(all.changes.slice(before).sort()).toEqual([
      'added 4',
      'modified 1',
      'modified 3',
      'removed 2',
    ])
    expect(all.docs).toEqual(await fresh(writer.db().collection('feed')))
  })

  it('applies writes queued while its server was down exactly once when it returns', async () => {
    const { reader, writer, outage } = await setup()
    const coll = reader.db().collection('queued')
    const counter = coll.doc('counter')
    await counter.set({ n: 0 })
    const all = watch(coll)
    await eventually(() => expect(all.docs).toHaveLength(1))
    await outage(async () => {
      for (let i = 0; i < 5; i++) await counter.update({ n: increment(1) }, { wait: 'local' })
      for (let i = 0; i < 3; i++) await coll.add({ i }, { wait: 'local' })
      const batch = reader.db().batch()
      batch.set(coll.doc('b1'), { batch: true })
      batch.update(counter, { n: increment(10) })
      await batch.commit({ wait: 'local' })
      expect(reader.sync({ collection: 'queued' }).pending).toBeGreaterThan(0)
      expect(all.docs).toHaveLength(5)
    })
    await eventually(() => expect(reader.sync({ collection: 'queued' }).pending).toBe(0), 10_000)
    const stored = await fresh(writer.db().collection('queued'))
    expect(stored).toHaveLength(5)
    expect(stored.find(([id]) => id === 'counter')?.[1]).toEqual({ n: 15 })
    expect(stored.filter(([, d]) => typeof (d as { i?: number }).i === 'number')).toHaveLength(3)
    await eventually(() => expect(all.docs).toEqual(stored))
    // Each document was added once on the reader's side too: no echo of its own writes.
    expect(all.changes.filter((c) => c.startsWith('added')).sort()).toEqual(
      stored.map(([id]) => `added ${id}`).sort(),
    )
  })

  it('resets to the new database when its server comes back on another one (another epoch)', async () => {
    const { reader, writer, outage } = await setup()
    const all = watch(reader.db().collection('feed'))
    await seed(writer, reader)
    await eventually(() => expect(all.docs).toHaveLength(3))
    const other = await create()
    onTestFinished(() => other.drop())
    const before = all.changes.length
    const after = await outage(async () => {}, other.driver)
    await eventually(() => expect(all.docs).toEqual([]))
    expect(after()[0]).toMatchObject({ initial: true })
    expect(all.changes.slice(before).sort()).toEqual(['removed 1', 'removed 2', 'removed 3'])
  })
})
