import { describe, expect, it, onTestFinished } from 'vitest'
import { MetalError, SyncWriteError } from '../../index.js'
import type { Conflict, SyncOptions } from '../../index.js'
import { eventually, perTest, settle, type BackendHarness } from './harness.js'

// What an app sees of its queued writes: a remote delete met by an offline edit (a conflict
// like any other), the snapshot in which a write is saved, and errors that name the write.

export function syncWritesSuite(harness: BackendHarness): void {
  const { backend, client } = perTest(harness)

  /** `a` knows doc `d`, goes offline and edits it with `update()`; `b` deletes it meanwhile. */
  async function deletedWhileOffline(options: SyncOptions) {
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
    await b.db().collection('docs').doc('d').delete()
    await settle(5)
    const write = docsA.doc('d').update({ title: 'local' })
    const conflicts: Conflict[] = []
    const errors: MetalError[] = []
    sync.on('conflict', (c) => void conflicts.push(c))
    sync.on('error', (e) => void errors.push(e))
    return { a, b, sync, docsA, write, conflicts, errors }
  }

  describe(`sync: queued writes (${harness.name})`, () => {
    it('a remote delete against an offline update is a conflict with remote null (server-wins)', async () => {
      const { a, b, sync, docsA, write, conflicts, errors } = await deletedWhileOffline({
        conflict: 'server-wins',
      })
      a.enableNetwork()
      await write
      await eventually(() => expect(sync.pending).toBe(0))
      expect(conflicts).toHaveLength(1)
      expect(conflicts[0]).toMatchObject({
        collection: 'docs',
        id: 'd',
        local: { title: 'local', owner: 'a' },
        remote: null,
        base: { title: 'base', owner: 'a' },
      })
      expect(errors).toEqual([])
      expect((await b.db().collection('docs').doc('d').get()).exists).toBe(false)
      await eventually(async () => expect((await docsA.doc('d').get()).exists).toBe(false))
    })

    it('client-wins brings a remotely deleted document back with the offline update applied', async () => {
      const { a, b, sync, write, conflicts, errors } = await deletedWhileOffline({
        conflict: 'client-wins',
      })
      a.enableNetwork()
      await write
      await eventually(() => expect(sync.pending).toBe(0))
      expect(conflicts.map((c) => c.remote)).toEqual([null])
      expect(errors).toEqual([])
      expect((await b.db().collection('docs').doc('d').get()).data()).toEqual({
        title: 'local',
        owner: 'a',
      })
    })

    it("a conflict handler's answer settles a remote delete: a document is written, null keeps it deleted", async () => {
      const first = await deletedWhileOffline({ conflict: 'server-wins' })
      first.sync.on('conflict', (c) => ({ ...(c.local as object), restored: true }))
      first.a.enableNetwork()
      await first.write
      await eventually(() => expect(first.sync.pending).toBe(0))
      expect((await first.b.db().collection('docs').doc('d').get()).data()).toEqual({
        title: 'local',
        owner: 'a',
        restored: true,
      })

      const second = await deletedWhileOffline({ conflict: 'client-wins' })
      second.sync.on('conflict', () => null)
      second.a.enableNetwork()
      await second.write
      await eventually(() => expect(second.sync.pending).toBe(0))
      expect(second.conflicts).toHaveLength(1)
      expect((await second.b.db().collection('docs').doc('d').get()).exists).toBe(false)
    })

    it('an offline update of a document that never existed still fails not-found, with no conflict', async () => {
      const b0 = await backend()
      const a = client(b0)
      const sync = a.sync({ collection: 'docs' })
      const conflicts: Conflict[] = []
      sync.on('conflict', (c) => void conflicts.push(c))
      const errors: MetalError[] = []
      sync.on('error', (e) => void errors.push(e))
      const stop = a
        .db()
        .collection('docs')
        .subscribe(() => {})
      onTestFinished(stop)
      await settle(10)
      a.disableNetwork()
      const write = a.db().collection('docs').doc('nope').update({ title: 'x' })
      a.enableNetwork()
      await expect(write).rejects.toMatchObject({ code: 'not-found' })
      expect(conflicts).toEqual([])
      await eventually(() => expect(errors.map((e) => e.code)).toEqual(['not-found']))
    })

    it('with includeMetadataChanges, a query delivers the snapshot in which a write is saved', async () => {
      const a = client(await backend())
      const tasks = a.db().collection('tasks')
      await tasks.doc('t1').set({ title: 'first' })
      const seen: string[] = []
      const plain: string[] = []
      const show = (snap: { docs: readonly { id: string; hasPendingWrites: boolean }[] }) =>
        snap.docs.map((d) => `${d.id}${d.hasPendingWrites ? '*' : ''}`).join(',')
      const stop = tasks
        .orderBy('title')
        .subscribe(
          (changes, snap) => seen.push(`${show(snap)} ${changes.map((c) => c.type).join(',')}`),
          { includeMetadataChanges: true },
        )
      const stopPlain = tasks.orderBy('title').subscribe((_, snap) => plain.push(show(snap)))
      onTestFinished(() => (stop(), stopPlain()))
      await eventually(() => expect(seen).toEqual(['t1 added']))

      await tasks.doc('t2').set({ title: 'second' })

      await eventually(() => expect(seen).toEqual(['t1 added', 't1,t2* added', 't1,t2 modified']))
      await eventually(() => expect(plain).toEqual(['t1', 't1,t2*']))
      await settle(10)
      expect(plain).toEqual(['t1', 't1,t2*'])
    })

    it('with includeMetadataChanges, a document and a collection deliver the saved snapshot', async () => {
      const a = client(await backend())
      const tasks = a.db().collection('tasks')
      await tasks.doc('t1').set({ title: 'first', n: 1 })
      const doc: string[] = []
      const all: boolean[] = []
      const stopDoc = tasks.doc('t1').subscribe(
        (changes, snap) =>
          doc.push(
            `${String(snap.data()?.n)}${snap.hasPendingWrites ? '*' : ''} ${changes[0]?.type}`,
          ),
        () => {},
        { includeMetadataChanges: true },
      )
      const stopAll = tasks.subscribe((_, snap) => all.push(snap.hasPendingWrites), {
        includeMetadataChanges: true,
      })
      onTestFinished(() => (stopDoc(), stopAll()))
      await eventually(() => expect(doc).toEqual(['1 added']))
      await eventually(() => expect(all).toEqual([false]))

      await tasks.doc('t1').update({ n: 2 })

      await eventually(() => expect(doc).toEqual(['1 added', '2* modified', '2 modified']))
      await eventually(() => expect(all).toEqual([false, true, false]))
    })

    it('subscribe() names a bad includeMetadataChanges option', async () => {
      const tasks = client(await backend())
        .db()
        .collection('tasks')
      expect(() => tasks.subscribe(() => {}, { includeMetadataChanges: 'yes' as never })).toThrow(
        "subscribe(): option 'includeMetadataChanges' must be a boolean, got 'yes'",
      )
      expect(() =>
        tasks.doc('a').subscribe(
          () => {},
          () => {},
          3 as never,
        ),
      ).toThrow('subscribe(): options must be an object, got 3')
    })

    it('a refused write raises an error event naming its mutation id, documents and code', async () => {
      const a = client(await backend())
      const tasks = a.db().collection('tasks')
      const notes = a.db().collection('notes')
      await tasks.doc('t1').set({ n: 1 })
      const taskErrors: MetalError[] = []
      const noteErrors: MetalError[] = []
      a.sync({ collection: 'tasks' }).on('error', (e) => void taskErrors.push(e))
      a.sync({ collection: 'notes' }).on('error', (e) => void noteErrors.push(e))
      const batch = a.db().batch()
      batch.set(notes.doc('n1'), { text: 'x' })
      batch.update(tasks.doc('t1'), { n: 2 })
      batch.update(tasks.doc('missing'), { n: 3 })

      await expect(batch.commit()).rejects.toMatchObject({ code: 'not-found' })

      await eventually(() => expect(taskErrors).toHaveLength(1))
      expect(noteErrors).toHaveLength(1)
      const [taskError, noteError] = [taskErrors[0], noteErrors[0]] as SyncWriteError[]
      expect(taskError).toBeInstanceOf(SyncWriteError)
      expect(taskError).toMatchObject({
        code: 'not-found',
        collection: 'tasks',
        id: 't1',
        paths: ['notes/n1', 'tasks/t1', 'tasks/missing'],
      })
      expect(taskError?.mutationId).toMatch(/\S/)
      expect(taskError?.cause.code).toBe('not-found')
      expect(taskError?.message).toContain(`write ${taskError?.mutationId}: notes/n1, tasks/t1`)
      expect(noteError).toMatchObject({
        mutationId: taskError?.mutationId,
        collection: 'notes',
        id: 'n1',
      })
    })
  })
}
