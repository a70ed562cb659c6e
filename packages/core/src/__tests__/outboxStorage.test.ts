import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest'
import {
  Metal,
  MetalError,
  indexedDbStorage,
  memoryStorage,
  type KeyValueStorage,
} from '../index.js'
import { memory } from '../backends/memory/index.js'
import { Outbox, type OutboxEntry, type OutboxHost } from '../client/outbox.js'
import { mergeByTime } from '../client/queueDecode.js'
import { eventually } from '../testing/suites/harness.js'
import type { Write } from '../engine/write.js'

// The stored queue where there are no Web Locks (Node, React Native): one queue per storage under
// `metal:outbox:<projectId>`. Several tabs (Web Locks) are tested in Chromium (browser/outboxTabs).

const KEY = 'metal:outbox:stored'

function client(storage: KeyValueStorage): Metal {
  const backend = memory()
  const metal = new Metal({
    backend,
    projectId: 'stored',
    sync: { storage },
    auth: { persistence: false },
  })
  onTestFinished(() => {
    metal.close()
    backend.close()
  })
  return metal
}

/** A storage whose queue text is `text`. */
function storageWith(text: string): KeyValueStorage {
  const storage = memoryStorage()
  void storage.setItem(KEY, text)
  return storage
}

/** Writes online, offline (queued), and online again once that is sent, as an app does. */
async function writeSome(metal: Metal): Promise<void> {
  const notes = metal.db().collection('notes')
  await notes.doc('online').set({ n: 1 })
  metal.disableNetwork()
  await notes.doc('offline').set({ n: 2 }, { wait: 'local' })
  await new Promise((resolve) => setTimeout(resolve, 0))
  metal.enableNetwork()
  await notes.doc('after').set({ n: 3 }) // queued behind the offline write: sent after it
}

afterEach(() => vi.restoreAllMocks())

describe('stored queue that cannot be read (issue #10, case 7)', () => {
  it('raises an error on every sync view naming the key, and leaves the stored text as it is', async () => {
    const storage = storageWith('[{"id":"x","writes":')
    const metal = client(storage)
    const errors: [string, MetalError][] = []
    for (const collection of ['notes', 'tasks'])
      metal.sync({ collection }).on('error', (e) => errors.push([collection, e]))

    await eventually(() => expect(errors.map(([c]) => c)).toEqual(['notes', 'tasks']))
    const [, error] = errors[0] as [string, MetalError]
    expect(error.code).toBe('internal')
    expect(error.message).toContain(`'${KEY}' could not be read`)

    await writeSome(metal)
    expect(await storage.getItem(KEY)).toBe('[{"id":"x","writes":')
  })

  it('says so on the console when no sync view listens', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const storage = storageWith('not json')
    const metal = client(storage)

    await eventually(() =>
      expect(String(logged.mock.calls[0]?.[1])).toContain(`'${KEY}' could not be read`),
    )
    await writeSome(metal)
    expect(await storage.getItem(KEY)).toBe('not json')
  })

  it('reports JSON that is not a queue of batches, saying what is wrong', async () => {
    const storage = storageWith(
      '[{"id":"x","createdAt":1,"offline":true,"writes":[{"op":"set"}],"bases":[]}]',
    )
    const metal = client(storage)
    const errors: MetalError[] = []
    metal.sync({ collection: 'notes' }).on('error', (e) => errors.push(e))

    await eventually(() =>
      expect(errors.map((e) => e.message)).toEqual([
        expect.stringContaining('(item 0 is not a batch of writes)'),
      ]),
    )
    await writeSome(metal)
    expect(JSON.parse((await storage.getItem(KEY)) as string)).toHaveLength(1)
  })

  it('reports a storage that fails to read, and writes nothing to it', async () => {
    const inner = memoryStorage()
    const storage: KeyValueStorage = {
      getItem: () => Promise.reject(new Error('the disk is gone')),
      setItem: (k, v) => inner.setItem(k, v),
      removeItem: (k) => inner.removeItem(k),
    }
    const metal = client(storage)
    const errors: MetalError[] = []
    metal.sync({ collection: 'notes' }).on('error', (e) => errors.push(e))

    await eventually(() =>
      expect(errors.map((e) => e.message)).toEqual([
        // With Web Locks (Node 24+) the list of tabs' queues is the first thing read.
        expect.stringMatching(
          /'metal:outbox:stored(:tabs)?' could not be read \(the disk is gone\)/,
        ),
      ]),
    )
    await writeSome(metal)
    expect(await inner.getItem(KEY)).toBeNull()
  })
})

/** An OutboxHost that never sends (the queue stays as it is). */
const idleHost = (): OutboxHost => ({
  request: () => new Promise(() => {}),
  getRemote: async () => null,
  online: () => false,
  config: () => undefined,
  committed: () => {},
  abandoned: () => {},
  failed: () => {},
  changed: () => {},
})

const setWrite = (id: string): Write => ({ op: 'set', collection: 'notes', id, data: {} })

describe('stored queue with one client per storage', () => {
  it('does not overwrite the stored queue with writes made before it was read', async () => {
    const storage = memoryStorage()
    const first = new Outbox(idleHost(), 'first', storage, KEY)
    first.add([setWrite('old')], new Map(), true)
    await first.close()
    // A slow storage: the next session's read answers only when the test says so.
    let answer: () => void = () => {}
    const slow: KeyValueStorage = {
      getItem: (k) => new Promise((resolve) => (answer = () => resolve(storage.getItem(k)))),
      setItem: (k, v) => storage.setItem(k, v),
      removeItem: (k) => storage.removeItem(k),
    }
    const outbox = new Outbox(idleHost(), 'second', slow, KEY)
    outbox.add([setWrite('new')], new Map(), true)
    await new Promise((resolve) => setTimeout(resolve, 0))

    answer()
    await outbox.load()
    await outbox.close()

    expect(outbox.entries.map((e) => e.original[0]?.id)).toEqual(['old', 'new'])
    const stored = JSON.parse((await storage.getItem(KEY)) as string) as { id: string }[]
    expect(stored.map((s) => s.id)).toEqual(['first-1', 'second-1'])
  })

  it('is not persistent for a session whose stored queue was unreadable', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const outbox = new Outbox(idleHost(), 'c', storageWith('{'), KEY)
    await outbox.load()
    expect(outbox.persistent).toBe(false)
    expect(new Outbox(idleHost(), 'c', memoryStorage(), KEY).persistent).toBe(true)
  })
})

describe('merging an adopted queue', () => {
  const entry = (id: string, createdAt: number, sending = false): OutboxEntry => ({
    id,
    original: [],
    writes: [],
    createdAt,
    bases: new Map(),
    offline: true,
    attempts: 0,
    conflictRounds: 0,
    stalled: false,
    sending,
  })

  it('puts batches in time order, before those made at the same time, never before one being sent', () => {
    const entries = [entry('sent', 5, true), entry('mine-3', 3), entry('mine-9', 9)]
    mergeByTime(entries, [entry('other-8', 8), entry('other-1', 1), entry('other-3', 3)])
    expect(entries.map((e) => e.id)).toEqual([
      'sent',
      'other-1',
      'other-3',
      'mine-3',
      'other-8',
      'mine-9',
    ])
  })
})

describe('indexedDbStorage()', () => {
  it('names a bad database name, and says where IndexedDB is missing', () => {
    expect(() => indexedDbStorage('')).toThrow(
      expect.objectContaining({
        code: 'invalid-argument',
        message: "indexedDbStorage(): 'databaseName' must be a non-empty string, got ''",
      }),
    )
    expect(() => indexedDbStorage('metal')).toThrow(
      expect.objectContaining({ code: 'failed-precondition' }),
    )
  })
})
