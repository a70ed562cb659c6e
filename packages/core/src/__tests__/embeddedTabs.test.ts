import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest'
import { Metal, MetalError, arrayUnion, deleteField, increment, serverTimestamp } from '../index.js'
import { memory } from '../backends/memory/index.js'
import { EmbeddedHost, PersistedStorage } from '../backends/tabs/index.js'
import { eventually } from '../testing/suites/harness.js'
import { standInDocs, standInLocks, type StandInDatabase } from './support/tabStandIns.js'

// Tabs of one site sharing one embedded database, in Node: each EmbeddedHost is a tab, over one
// stand-in IndexedDB (a Map) and stand-in Web Locks; BroadcastChannel is Node's own. The same
// behaviour runs in Chromium with the real ones in browser/embeddedTabs.test.ts.

let locks: ReturnType<typeof standInLocks>
beforeEach(() => {
  locks = standInLocks()
  vi.stubGlobal('navigator', { locks })
})
afterEach(() => vi.unstubAllGlobals())

interface Tab {
  host: EmbeddedHost
  metal: Metal
  close(): void
}

function tab(
  database: StandInDatabase,
  name: string,
  shareTabs = true,
  docs = standInDocs(database),
): Tab {
  const host = new EmbeddedHost({ name, docs, shareTabs, core: {} })
  const metal = new Metal({
    backend: host,
    projectId: 'tabs',
    auth: { persistence: false },
    sync: { storage: false, retryBaseMs: 5 },
    watchBrowserNetwork: false,
  })
  let closed = false
  const close = (): void => {
    if (closed) return
    closed = true
    metal.close()
    host.close()
  }
  onTestFinished(close)
  return { host, metal, close }
}

function site(): { database: StandInDatabase; name: string } {
  return { database: new Map(), name: `db-${Math.random().toString(36).slice(2)}` }
}

function watchIds(metal: Metal, collection = 'notes') {
  const seen = { ids: [] as string[] }
  metal
    .db()
    .collection(collection)
    .subscribe((_, snap) => (seen.ids = snap.docs.map((d) => d.id)))
  return seen
}

describe('embedded database shared by the tabs of a site', () => {
  it('lets one tab hold the database and serves a write from another tab live to a third', async () => {
    const { database, name } = site()
    const a = tab(database, name)
    const b = tab(database, name)
    const c = tab(database, name)
    await eventually(() => expect(a.host.holding).toBe(true))
    const seen = watchIds(c.metal)
    await b.metal.db().collection('notes').doc('n1').set({ text: 'from b' })
    await eventually(() => expect(seen.ids).toEqual(['n1']))
    expect(b.host.holding || c.host.holding).toBe(false)
    expect(a.host.count('tabs', 'notes')).toBe(1)
  })

  it('keeps documents across a reload of every tab', async () => {
    const { database, name } = site()
    const a = tab(database, name)
    const b = tab(database, name)
    await b.metal.db().collection('notes').doc('n1').set({ text: 'kept', n: 1 })
    await a.metal
      .db()
      .collection('notes')
      .doc('n1')
      .update({ n: increment(1) })
    a.close()
    b.close()

    const again = tab(database, name) // its first request waits for it to take the database
    const snap = await again.metal.db().collection('notes').doc('n1').get()
    expect(snap.data()).toEqual({ text: 'kept', n: 2 })
  })

  it('moves to a new holder when the holder closes: live queries resubscribe and writes go on', async () => {
    const { database, name } = site()
    const a = tab(database, name)
    await eventually(() => expect(a.host.holding).toBe(true))
    const b = tab(database, name)
    const c = tab(database, name)
    const seen = watchIds(c.metal)
    await b.metal.db().collection('notes').doc('n1').set({ text: 'before' })
    await eventually(() => expect(seen.ids).toEqual(['n1']))

    a.close()
    await eventually(() => expect(b.host.holding || c.host.holding).toBe(true))
    await b.metal.db().collection('notes').doc('n2').set({ text: 'after' })
    await eventually(() => expect(seen.ids).toEqual(['n1', 'n2']))
    const d = tab(database, name)
    expect((await d.metal.db().collection('notes').get()).docs.map((x) => x.id)).toEqual([
      'n1',
      'n2',
    ])
  })

  it('applies a write sent to a holder that closed before answering exactly once, on the next holder', async () => {
    const { database, name } = site()
    const a = tab(database, name)
    await eventually(() => expect(a.host.holding).toBe(true))
    const b = tab(database, name)
    const ref = b.metal.db().collection('counters').doc('c')
    await ref.set({ n: 0 })
    const write = ref.update({ n: increment(1) })
    a.close() // before the request reaches it
    await write
    expect(b.host.holding).toBe(true)
    expect((await ref.get()).data()).toEqual({ n: 1 })
  })

  it('applies a write once when the holder committed it but closed before answering', async () => {
    const { database, name } = site()
    const docs = standInDocs(database)
    const a = tab(database, name, true, docs)
    await eventually(() => expect(a.host.holding).toBe(true))
    const b = tab(database, name)
    const ref = b.metal.db().collection('counters').doc('c')
    await ref.set({ n: 0 })
    docs.afterWrite = () => {
      docs.afterWrite = undefined
      a.close() // committed and stored; the answer never leaves
    }
    await ref.update({ n: increment(1) })
    expect(b.host.holding).toBe(true)
    expect((await ref.get()).data()).toEqual({ n: 1 })
    expect(database.get('tabs')?.docs.find((d) => d.doc.id === 'c')?.doc.data).toEqual({ n: 1 })
  })

  it('turns field-value sentinels from a follower tab back into sentinels on the holder, and leaves look-alike maps alone', async () => {
    const { database, name } = site()
    const a = tab(database, name)
    await eventually(() => expect(a.host.holding).toBe(true))
    const b = tab(database, name)
    const ref = b.metal.db().collection('notes').doc('s')
    await ref.set({ n: 1, tags: ['a'], gone: true, shape: { kind: 'increment', operand: 5 } })
    await ref.update({
      n: increment(2),
      tags: arrayUnion('b'),
      gone: deleteField(),
      at: serverTimestamp(),
    })
    const data = (await a.metal.db().collection('notes').doc('s').get()).data()
    expect(data).toMatchObject({ n: 3, tags: ['a', 'b'], shape: { kind: 'increment', operand: 5 } })
    expect(data).not.toHaveProperty('gone')
    expect(typeof data?.at).toBe('number')
  })

  it('with shareTabs: false (or without Web Locks) each tab holds its own copy', async () => {
    const { database, name } = site()
    const a = tab(database, name, false)
    const b = tab(database, name, false)
    expect([a.host.holding, b.host.holding]).toEqual([true, true])
    await a.metal.db().collection('notes').doc('n1').set({ text: 'a' })
    const c = tab(database, name, false)
    expect((await c.metal.db().collection('notes').doc('n1').get()).exists).toBe(true)
  })
})

describe('persisted storage of the embedded backend', () => {
  it('answers a mutation id committed by an earlier holder as a duplicate, writing nothing', async () => {
    const database: StandInDatabase = new Map()
    const plan = (n: number) => (current: (c: string, id: string) => unknown, version: number) => {
      const before = current('c', 'x') as { data: { n: number } } | undefined
      const after = { id: 'x', data: { n: (before?.data.n ?? 0) + n }, version, updateTime: 1 }
      return { changes: [{ collection: 'c', id: 'x', before: before as never, after }], result: n }
    }
    const first = new PersistedStorage(standInDocs(database))
    expect((await first.commit('p', [], plan(1), 'm1')).duplicate).toBe(false)
    const next = new PersistedStorage(standInDocs(database))
    const again = await next.commit('p', [], plan(1), 'm1')
    expect(again).toMatchObject({ duplicate: true, result: 1, changes: [] })
    expect((await next.get('p', 'c', 'x'))?.data).toEqual({ n: 1 })
  })

  it('changes nothing when the store refuses a commit, and runs later commits', async () => {
    const database: StandInDatabase = new Map()
    const docs = standInDocs(database)
    const storage = new PersistedStorage(docs)
    const write = (n: number) => (_: unknown, version: number) => ({
      changes: [
        {
          collection: 'c',
          id: 'x',
          before: undefined,
          after: { id: 'x', data: { n }, version, updateTime: 1 },
        },
      ],
      result: n,
    })
    await storage.commit('p', [], write(1))
    docs.failWrites = true
    await expect(storage.commit('p', [], write(2))).rejects.toThrow('disk is full')
    expect((await storage.get('p', 'c', 'x'))?.data).toEqual({ n: 1 })
    docs.failWrites = false
    await storage.commit('p', [], write(3))
    expect((await storage.get('p', 'c', 'x'))?.data).toEqual({ n: 3 })
    expect(database.get('p')?.version).toBe(2)
  })
})

describe('embedded options', () => {
  it.each([
    [
      { persistence: 'disk' },
      "memory(): option 'persistence' must be 'indexeddb' or false, got 'disk'",
    ],
    [
      { persistence: 'indexeddb', databaseName: '' },
      "option 'databaseName' must be a non-empty string, got ''",
    ],
    [
      { persistence: 'indexeddb', shareTabs: 'yes' },
      "option 'shareTabs' must be a boolean, got 'yes'",
    ],
    [
      { shareTabs: true },
      "option 'shareTabs' must be given with persistence: 'indexeddb', got true",
    ],
    [
      { databaseName: 'x' },
      "option 'databaseName' must be given with persistence: 'indexeddb', got 'x'",
    ],
  ])('memory(%j) fails naming the option', (options, message) => {
    expect(() => memory(options as never)).toThrow(message)
    try {
      memory(options as never)
    } catch (error) {
      expect((error as MetalError).code).toBe('invalid-argument')
    }
  })

  it('new Metal({ embedded }) checks the options before anything loads', () => {
    expect(() => new Metal({ embedded: { persistence: 'disk' as never } })).toThrow(
      "new Metal(): option 'embedded.persistence' must be 'indexeddb' or false, got 'disk'",
    )
    expect(() => new Metal({ embedded: 1 as never })).toThrow(
      "new Metal(): option 'embedded' must be an object, got 1",
    )
    expect(
      () => new Metal({ url: 'http://127.0.0.1:1', embedded: { persistence: false } }),
    ).toThrow(
      "new Metal(): option 'embedded' must be left out with 'url' or 'backend', got {\"persistence\":false}",
    )
  })

  it('asks for IndexedDB only where there is one', () => {
    const error = (() => {
      try {
        memory({ persistence: 'indexeddb' })
      } catch (e) {
        return e as MetalError
      }
    })()
    expect(error?.code).toBe('failed-precondition')
    expect(error?.message).toBe('memory(): IndexedDB is not available here')
  })
})
