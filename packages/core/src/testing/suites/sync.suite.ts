import { describe, expect, it, onTestFinished } from 'vitest'
import { increment, memoryStorage } from '../../index.js'
import { faultyBackend } from '../faultyBackend.js'
import type { Conflict, SyncOptions } from '../../index.js'
import { eventually, perTest, settle, type BackendHarness } from './harness.js'

export function syncSuite(harness: BackendHarness): void {
  const { backend, client } = perTest(harness)
  const isCommit = (m: { type: string }) => m.type === 'commit'

  /** Two clients that both know doc `d` at version 1; `a` goes offline and edits it, `b` edits it online. */
  async function conflictSetup(options: SyncOptions, remoteFirst = true) {
    const b0 = await backend()
    const a = client(b0)
    const b = client(b0)
    const docsA = a.db().collection('docs')
    const sync = a.sync({ collection: 'docs', options })
    await docsA.doc('d').set({ title: 'base', owner: 'a' })
    const stop = docsA.doc('d').subscribe(() => {})
    onTestFinished(stop)
    await eventually(async () => expect((await docsA.doc('d').get()).version).toBeGreaterThan(0))
    a.disableNetwork()
    if (remoteFirst) await b.db().collection('docs').doc('d').update({ title: 'remote' })
    await settle(5)
    void docsA.doc('d').update({ title: 'local' }, { wait: 'local' })
    if (!remoteFirst) {
      await settle(5)
      await b.db().collection('docs').doc('d').update({ title: 'remote' })
    }
    return { a, b, sync, docsA }
  }

  describe(`sync (${harness.name})`, () => {
    it('queues writes made offline, shows them locally, and replays them when back online', async () => {
      const b0 = await backend()
      const a = client(b0)
      const b = client(b0)
      const sync = a.sync({ collection: 'tasks' })
      const statuses: string[] = []
      sync.on('status', (s) => statuses.push(s))
      let synced = 0
      sync.on('synced', () => synced++)
      const local: string[] = []
      a.db()
        .collection('tasks')
        .subscribe((_, snap) =>
          local.push(snap.docs.map((d) => `${d.id}${d.hasPendingWrites ? '*' : ''}`).join(',')),
        )
      await eventually(() => expect(local).toEqual(['']))

      a.disableNetwork()
      expect(sync.status).toBe('offline')
      const write = a.db().collection('tasks').doc('t1').set({ title: 'offline' })
      expect(local.at(-1)).toBe('t1*')
      expect(sync.pending).toBe(1)
      await settle(30)
      expect((await b.db().collection('tasks').doc('t1').get()).exists).toBe(false)

      a.enableNetwork()
      await write
      await eventually(() => expect(sync.pending).toBe(0))
      expect((await b.db().collection('tasks').doc('t1').get()).data()).toEqual({
        title: 'offline',
      })
      expect(sync.status).toBe('online')
      expect(synced).toBeGreaterThanOrEqual(1)
      expect(statuses).toEqual(['offline', 'syncing', 'online'])
    })

    it('replays queued writes in order, exactly once', async () => {
      const b0 = await backend()
      const a = client(b0)
      const counter = a.db().collection('c').doc('n')
      await counter.set({ n: 0, log: [] })
      a.disableNetwork()
      for (let i = 1; i <= 5; i++)
        void counter.update({ n: increment(1), last: i }, { wait: 'local' })
      void counter.update({ n: increment(10) }, { wait: 'local' })
      a.enableNetwork()
      const other = client(b0)
      await eventually(async () =>
        expect((await other.db().collection('c').doc('n').get()).data()).toMatchObject({
          n: 15,
          last: 5,
        }),
      )
      await settle(30)
      expect((await other.db().collection('c').doc('n').get()).data()).toMatchObject({
        n: 15,
        last: 5,
      })
    })

    it('server-wins: a stale offline edit yields to the remote one', async () => {
      const { a, b, sync, docsA } = await conflictSetup({ conflict: 'server-wins' })
      const conflicts: Conflict[] = []
      sync.on('conflict', (c) => void conflicts.push(c))
      a.enableNetwork()
      await eventually(() => expect(sync.pending).toBe(0))
      await eventually(async () =>
        expect((await b.db().collection('docs').doc('d').get()).data()?.title).toBe('remote'),
      )
      await eventually(async () =>
        expect((await docsA.doc('d').get()).data()?.title).toBe('remote'),
      )
      expect(conflicts).toHaveLength(1)
      expect(conflicts[0]).toMatchObject({
        id: 'd',
        local: { title: 'local' },
        remote: { title: 'remote' },
        base: { title: 'base' },
      })
    })

    it('client-wins: the offline edit overwrites the remote one', async () => {
      const { a, b, sync } = await conflictSetup({ conflict: 'client-wins' })
      a.enableNetwork()
      await eventually(() => expect(sync.pending).toBe(0))
      await eventually(async () =>
        expect((await b.db().collection('docs').doc('d').get()).data()?.title).toBe('local'),
      )
    })

    it('last-write-wins: the later edit wins, whichever side made it', async () => {
      const first = await conflictSetup({ conflict: 'last-write-wins' }, true) // remote earlier, local later
      first.a.enableNetwork()
      await eventually(() => expect(first.sync.pending).toBe(0))
      await eventually(async () =>
        expect((await first.b.db().collection('docs').doc('d').get()).data()?.title).toBe('local'),
      )

      const second = await conflictSetup({ conflict: 'last-write-wins' }, false) // local earlier, remote later
      second.a.enableNetwork()
      await eventually(() => expect(second.sync.pending).toBe(0))
      await settle(20)
      expect((await second.b.db().collection('docs').doc('d').get()).data()?.title).toBe('remote')
    })

    it('a conflict handler sees local, remote and base and its result is written', async () => {
      const { a, b, sync } = await conflictSetup({ conflict: 'server-wins' })
      const seen: Conflict[] = []
      sync.on('conflict', async (c) => {
        seen.push(c)
        return {
          ...(c.remote as object),
          title: `${String(c.remote?.title)}+${String(c.local?.title)}`,
        }
      })
      a.enableNetwork()
      await eventually(() => expect(sync.pending).toBe(0))
      await eventually(async () =>
        expect((await b.db().collection('docs').doc('d').get()).data()).toEqual({
          title: 'remote+local',
          owner: 'a',
        }),
      )
      expect(seen[0]?.base).toEqual({ title: 'base', owner: 'a' })
    })

    it('survives a reload: writes queued offline are replayed by the next client on the same storage', async () => {
      const b0 = await backend()
      const storage = memoryStorage()
      const first = client(b0, { sync: { storage } })
      first.disableNetwork()
      void first
        .db()
        .collection('notes')
        .doc('n1')
        .set({ text: 'written offline' }, { wait: 'local' })
      void first.db().collection('notes').doc('n2').set({ text: 'also' }, { wait: 'local' })
      await settle(10)
      first.close()

      const reloaded = client(b0, { sync: { storage } })
      const other = client(b0)
      await eventually(async () =>
        expect((await other.db().collection('notes').get()).docs.map((d) => d.id)).toEqual([
          'n1',
          'n2',
        ]),
      )
      // Visible to others once committed; the replaying client counts it done when its answer
      // arrives (on a server, after the commit reaches the change feed).
      await eventually(() => expect(reloaded.sync({ collection: 'notes' }).pending).toBe(0))
    })

    it('loses nothing and duplicates nothing when the connection drops mid-batch', async () => {
      const faulty = faultyBackend(await backend())
      const a = client(faulty, { sync: { requestTimeoutMs: 300 } })
      const counter = a.db().collection('c').doc('n')
      await counter.set({ n: 0 })
      // The commit reaches the backend but its response is lost with the connection.
      faulty.dropResponses(isCommit)
      const batch = a.db().batch()
      batch.update(counter, { n: increment(1) })
      batch.set(a.db().collection('c').doc('m'), { made: true })
      const done = batch.commit()
      await settle(5)
      faulty.blip()
      await done
      const other = client(faulty)
      await eventually(async () =>
        expect((await other.db().collection('c').doc('n').get()).data()).toEqual({ n: 1 }),
      )
      expect((await other.db().collection('c').doc('m').get()).exists).toBe(true)
    })

    it('recovers from a lost request by timing out and resending it once', async () => {
      const faulty = faultyBackend(await backend())
      const a = client(faulty, { sync: { requestTimeoutMs: 150 } })
      const counter = a.db().collection('c').doc('n')
      await counter.set({ n: 0 })
      faulty.dropRequests(isCommit)
      await counter.update({ n: increment(1) })
      const other = client(faulty)
      expect((await other.db().collection('c').doc('n').get()).data()).toEqual({ n: 1 })
    })

    it('applies a duplicated commit once', async () => {
      const faulty = faultyBackend(await backend())
      const a = client(faulty)
      const counter = a.db().collection('c').doc('n')
      await counter.set({ n: 0 })
      faulty.duplicate(isCommit, 3)
      await counter.update({ n: increment(1) })
      await counter.update({ n: increment(1) })
      await settle(20)
      expect((await client(faulty).db().collection('c').doc('n').get()).data()).toEqual({ n: 2 })
    })

    it('keeps per-request results right when responses arrive out of order', async () => {
      const faulty = faultyBackend(await backend())
      const a = client(faulty)
      await a.db().collection('x').doc('1').set({ v: 1 })
      await a.db().collection('x').doc('2').set({ v: 2 })
      faulty.reorderResponses(2)
      const [one, two] = await Promise.all([
        a.db().collection('x').doc('1').get(),
        a.db().collection('x').doc('2').get(),
      ])
      expect(one.data()).toEqual({ v: 1 })
      expect(two.data()).toEqual({ v: 2 })
    })

    it('retries failed sends with backoff, raises error after maxRetries and keeps the write queued', async () => {
      const faulty = faultyBackend(await backend())
      const a = client(faulty, { sync: { retryBaseMs: 10 } })
      const sync = a.sync({ collection: 'q', options: { maxRetries: 2 } })
      const errors: unknown[] = []
      sync.on('error', (e) => errors.push(e))
      await settle(5)
      faulty.offline()
      void a.db().collection('q').doc('x').set({ v: 1 }, { wait: 'local' })
      await eventually(() => expect(errors).toHaveLength(1), 3000)
      expect(sync.pending).toBe(1)
      const refused = faulty.log.filter((l) => l.fault === 'refused' && l.type === 'commit').length
      expect(refused).toBeGreaterThanOrEqual(1)
      faulty.online()
      sync.retry()
      await eventually(() => expect(sync.pending).toBe(0), 3000)
      expect((await a.db().collection('q').doc('x').get()).data()).toEqual({ v: 1 })
    })

    it('resubscribes after a dropped connection without losing or repeating events', async () => {
      const faulty = faultyBackend(await backend())
      const a = client(faulty, { sync: { retryBaseMs: 10 } })
      const writer = client(await Promise.resolve(faulty))
      const calls: string[][] = []
      a.db()
        .collection('feed')
        .subscribe((changes) => calls.push(changes.map((c) => `${c.type}:${c.id}`)))
      await eventually(() => expect(calls).toEqual([[]]))
      await writer.db().collection('feed').doc('1').set({ v: 1 })
      await eventually(() => expect(calls).toEqual([[], ['added:1']]))
      faulty.blip()
      await settle(50)
      await writer.db().collection('feed').doc('2').set({ v: 2 })
      await eventually(() => expect(calls.flat()).toEqual(['added:1', 'added:2']), 3000)
      await settle(30)
      expect(calls.flat()).toEqual(['added:1', 'added:2'])
    })

    it('settles a batch per document: the stale one yields, the fresh one commits', async () => {
      const b0 = await backend()
      const a = client(b0)
      const b = client(b0)
      const docs = a.db().collection('docs')
      const sync = a.sync({ collection: 'docs', options: { conflict: 'server-wins' } })
      await docs.doc('x').set({ v: 'base' })
      await docs.doc('y').set({ v: 'base' })
      const seen: string[] = []
      const stop = docs.subscribe((_, snap) =>
        seen.push(snap.docs.map((d) => `${d.id}=${String(d.data().v)}`).join(',')),
      )
      onTestFinished(stop)
      await eventually(() => expect(seen.at(-1)).toBe('x=base,y=base'))
      a.disableNetwork()
      await b.db().collection('docs').doc('x').update({ v: 'remote' })
      const batch = a.db().batch()
      batch.update(docs.doc('x'), { v: 'local' })
      batch.update(docs.doc('y'), { v: 'local' })
      void batch.commit({ wait: 'local' })
      expect(seen.at(-1)).toBe('x=local,y=local')
      a.enableNetwork()
      await eventually(() => expect(sync.pending).toBe(0))
      await eventually(async () => {
        const remote = await b.db().collection('docs').get()
        expect(remote.docs.map((d) => `${d.id}=${String(d.data().v)}`)).toEqual([
          'x=remote',
          'y=local',
        ])
      })
      await eventually(() => expect(seen.at(-1)).toBe('x=remote,y=local'))
    })

    it('re-authenticates before resubscribing after a reconnect, even with a slow token check', async () => {
      const inner = await harness.create({
        verifyToken: async (credential) => {
          await settle(20)
          return { userId: credential.token, role: null, roles: [], expiresAt: null, claims: {} }
        },
        rules: ({ auth }) => auth !== null,
      })
      onTestFinished(() => harness.dispose?.(inner))
      const faulty = faultyBackend(inner)
      const a = client(faulty, { sync: { retryBaseMs: 10 } })
      const writer = client(inner)
      await writer.auth().authenticate({ type: 'custom', token: 'writer' })
      await a.auth().authenticate({ type: 'custom', token: 'reader' })
      const calls: string[] = []
      const errors: unknown[] = []
      a.db()
        .collection('feed')
        .subscribe(
          (changes) => calls.push(...changes.map((c) => `${c.type}:${c.id}`)),
          (e) => errors.push(e),
        )
      await writer.db().collection('feed').doc('1').set({ v: 1 })
      await eventually(() => expect(calls).toEqual(['added:1']))
      faulty.blip()
      await settle(60)
      await writer.db().collection('feed').doc('2').set({ v: 2 })
      await eventually(() => expect(calls).toEqual(['added:1', 'added:2']), 3000)
      expect(errors).toEqual([])
      expect(a.auth().status).toBe('signed-in')
    })

    it('keeps writes in order under latency', async () => {
      const faulty = faultyBackend(await backend())
      faulty.delay(15)
      const a = client(faulty)
      const ref = a.db().collection('c').doc('n')
      await Promise.all([1, 2, 3, 4, 5].map((i) => ref.set({ last: i })))
      const other = client(await Promise.resolve(faulty))
      expect((await other.db().collection('c').doc('n').get()).data()).toEqual({ last: 5 })
    })

    it('reports the pending count as it changes, and keeps one Sync per collection', async () => {
      const a = client(await backend())
      const sync = a.sync({ collection: 'jobs' })
      const counts: number[] = []
      sync.on('pending', (n) => counts.push(n))
      a.disableNetwork()
      void a.db().collection('jobs').doc('1').set({ n: 1 }, { wait: 'local' })
      void a.db().collection('jobs').doc('2').set({ n: 2 }, { wait: 'local' })
      expect(counts).toEqual([1, 2])
      const again = a.sync({ collection: 'jobs', options: { conflict: 'client-wins' } })
      expect(again).toBe(sync)
      expect(sync.strategy).toBe('client-wins')
      a.enableNetwork()
      await eventually(() => expect(counts.at(-1)).toBe(0))
      expect(counts).toEqual([1, 2, 1, 0])
    })
  })
}
