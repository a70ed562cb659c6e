import { describe, expect, it, vi } from 'vitest'
import { MetalError } from '../errors.js'
import { Outbox, pathKey } from '../client/outbox.js'
import { memoryStorage, type KeyValueStorage } from '../client/storage.js'
import { FieldValue, increment } from '../engine/fieldValues.js'
import type { SetWrite } from '../engine/write.js'
import {
  FakeHost,
  KEY,
  add,
  flush,
  setWrite,
  setup,
  stored,
  unavailable,
} from './support/outboxHost.js'

// The outbox: order, failures and persistence (offline conflicts: outboxConflicts.test.ts).

describe('Outbox: order and sending', () => {
  it('gives each batch its own mutation id, in order', () => {
    const { outbox } = setup()

    const a = add(outbox, [setWrite('a', { n: 1 })]).entry
    const b = add(outbox, [setWrite('b', { n: 1 })]).entry

    expect([a.id, b.id]).toEqual(['client-1', 'client-2'])
    expect(outbox.entries).toEqual([a, b])
  })

  it('sends batches made online together, in order, without waiting for each other', () => {
    const { host, outbox } = setup()
    add(outbox, [setWrite('a', { n: 1 })])
    add(outbox, [setWrite('b', { n: 1 })])

    outbox.pump()

    expect(host.sent.map((s) => s.writes[0]?.id)).toEqual(['a', 'b'])
  })

  it('sends nothing while offline', () => {
    const { host, outbox } = setup()
    host.isOnline = false
    add(outbox, [setWrite('a', { n: 1 })])

    outbox.pump()

    expect(host.sent).toHaveLength(0)
  })

  it('replays batches made offline one at a time, in order', async () => {
    const { host, outbox } = setup()
    add(outbox, [setWrite('a', { n: 1 })], { offline: true })
    add(outbox, [setWrite('b', { n: 1 })], { offline: true })
    outbox.pump()
    const sentBeforeFirstCommit = host.sent.map((s) => s.writes[0]?.id)

    host.sent[0]?.resolve()
    await flush()

    expect(sentBeforeFirstCommit).toEqual(['a'])
    expect(host.sent.map((s) => s.writes[0]?.id)).toEqual(['a', 'b'])
  })

  it('removes a committed batch, tells the host and resolves its settle hook', async () => {
    const { host, outbox } = setup()
    const { entry, settled } = add(outbox, [setWrite('a', { n: 1 })])
    outbox.pump()

    host.sent[0]?.resolve()
    await settled

    expect(outbox.entries).toEqual([])
    expect(host.committedEntries).toEqual([entry])
  })

  it('moves the base of later batches on a document to what an earlier batch committed', async () => {
    const { host, outbox } = setup()
    const key = pathKey('tasks', 'a')
    add(outbox, [setWrite('a', { n: 1 })], { bases: [[key, null]] })
    const later = add(outbox, [setWrite('a', { n: 2 })], { bases: [[key, null]] }).entry
    outbox.pump()
    const committedDoc = stored('a', { n: 1 }, 4)

    host.sent[0]?.resolve({ docs: [committedDoc] })
    await flush()

    expect(later.bases.get(key)).toEqual(committedDoc)
  })

  it('counts the queued writes of a collection', () => {
    const { outbox } = setup()
    add(outbox, [setWrite('a', { n: 1 }), setWrite('b', { n: 1 }), setWrite('x', {}, 'other')])
    add(outbox, [setWrite('c', { n: 1 })])

    expect([outbox.count('tasks'), outbox.count('other'), outbox.count('none')]).toEqual([3, 1, 0])
  })
})

describe('Outbox: failures and retries', () => {
  it('keeps a batch queued after a transient failure and resends it with the same mutation id', async () => {
    const { host, outbox } = setup()
    add(outbox, [setWrite('a', { n: 1 })])
    outbox.pump()
    host.sent[0]?.reject(unavailable())
    await flush()

    outbox.pump()

    expect(outbox.entries).toHaveLength(1)
    expect(host.sent.map((s) => s.mutationId)).toEqual(['client-1', 'client-1'])
  })

  it('counts attempts and stalls the batch once they pass maxRetries, reporting it', async () => {
    const { host, outbox } = setup()
    host.sync('tasks', 'server-wins', { maxRetries: 1 })
    const { entry } = add(outbox, [setWrite('a', { n: 1 })])
    outbox.pump()
    host.sent[0]?.reject(unavailable())
    await flush()
    const afterFirst = { attempts: entry.attempts, stalled: entry.stalled }

    outbox.pump()
    host.sent[1]?.reject(unavailable())
    await flush()

    expect(afterFirst).toEqual({ attempts: 1, stalled: false })
    expect({ attempts: entry.attempts, stalled: entry.stalled }).toEqual({
      attempts: 2,
      stalled: true,
    })
    expect(host.failures.map((e) => e.message)).toEqual([
      'connection lost (gave up after 2 attempts; the write stays queued)',
    ])
  })

  it('uses three retries when the collection has no sync settings', async () => {
    const { host, outbox } = setup()
    const { entry } = add(outbox, [setWrite('a', { n: 1 })])
    for (let i = 0; i < 3; i++) {
      outbox.pump()
      host.sent[i]?.reject(unavailable())
      await flush()
    }
    const stalledAfterThree = entry.stalled

    outbox.pump()
    host.sent[3]?.reject(unavailable())
    await flush()

    expect([stalledAfterThree, entry.stalled]).toEqual([false, true])
  })

  it('holds later batches behind a stalled one', async () => {
    const { host, outbox } = setup()
    host.sync('tasks', 'server-wins', { maxRetries: 0 })
    add(outbox, [setWrite('a', { n: 1 })], { offline: true })
    outbox.pump()
    host.sent[0]?.reject(unavailable())
    await flush()
    add(outbox, [setWrite('b', { n: 1 })])

    outbox.pump()

    expect(host.sent).toHaveLength(1)
  })

  it('un-stalls and resends every batch on retry(), with fresh attempts', async () => {
    const { host, outbox } = setup()
    host.sync('tasks', 'server-wins', { maxRetries: 0 })
    const { entry } = add(outbox, [setWrite('a', { n: 1 })])
    outbox.pump()
    host.sent[0]?.reject(unavailable())
    await flush()

    outbox.retry()

    expect({ stalled: entry.stalled, attempts: entry.attempts }).toEqual({
      stalled: false,
      attempts: 0,
    })
    expect(host.sent.map((s) => s.mutationId)).toEqual(['client-1', 'client-1'])
  })

  it('drops a batch the backend rejects, rolls it back, rejects its hook and sends the next', async () => {
    const { host, outbox } = setup()
    const { entry, settled } = add(outbox, [setWrite('a', { n: 1 })], { offline: true })
    add(outbox, [setWrite('b', { n: 1 })], { offline: true })
    outbox.pump()
    const denied = new MetalError('permission-denied', 'no')

    host.sent[0]?.reject(denied)

    await expect(settled).rejects.toBe(denied)
    expect(host.abandonedCalls).toEqual([{ entry, error: denied, adopt: [], gone: [] }])
    expect(outbox.entries.map((e) => e.id)).toEqual(['client-2'])
    expect(host.sent.map((s) => s.writes[0]?.id)).toEqual(['a', 'b'])
  })
})

describe('Outbox: persistence', () => {
  it('is persistent only with a storage', () => {
    expect(setup().outbox.persistent).toBe(false)
    expect(setup({ storage: memoryStorage() }).outbox.persistent).toBe(true)
  })

  it('writes queued batches to the storage', async () => {
    const storage = memoryStorage()
    const { outbox } = setup({ storage })

    add(outbox, [setWrite('a', { n: 1 })])
    await flush()

    const saved = JSON.parse((await storage.getItem(KEY)) as string) as { id: string }[]
    expect(saved.map((s) => s.id)).toEqual(['client-1'])
  })

  it('removes the stored queue once every batch committed', async () => {
    const storage = memoryStorage()
    const { host, outbox } = setup({ storage })
    const { settled } = add(outbox, [setWrite('a', { n: 1 })])
    outbox.pump()

    host.sent[0]?.resolve()
    await settled
    await flush()

    expect(await storage.getItem(KEY)).toBeNull()
  })

  it('reloads persisted batches in order with their ids, writes, sentinels and offline flag', async () => {
    const storage = memoryStorage()
    const first = setup({ storage }).outbox
    add(first, [setWrite('a', { n: increment(2) })], { offline: true })
    add(first, [{ op: 'delete', collection: 'tasks', id: 'b' }])
    await flush()
    const { outbox } = setup({ storage })

    const loaded = await outbox.load()

    expect(loaded.map((e) => [e.id, e.offline, e.original[0]?.op])).toEqual([
      ['client-1', true, 'set'],
      ['client-2', false, 'delete'],
    ])
    const n = (loaded[0]?.writes[0] as SetWrite).data.n as unknown
    expect(n).toBeInstanceOf(FieldValue)
    expect(n).toMatchObject({ kind: 'increment', operand: 2 })
  })

  it('resends a reloaded batch with its original mutation id', async () => {
    const storage = memoryStorage()
    add(setup({ storage }).outbox, [setWrite('a', { n: 1 })])
    await flush()
    const { host, outbox } = setup({ storage })
    await outbox.load()

    outbox.pump()

    expect(host.sent.map((s) => s.mutationId)).toEqual(['client-1'])
  })

  it('puts reloaded batches before those queued in this session', async () => {
    const storage = memoryStorage()
    add(setup({ storage }).outbox, [setWrite('old', { n: 1 })])
    await flush()
    const outbox = new Outbox(new FakeHost(), 'client2', storage, KEY)
    add(outbox, [setWrite('new', { n: 1 })])

    await outbox.load()

    expect(outbox.entries.map((e) => e.original[0]?.id)).toEqual(['old', 'new'])
  })

  it('keeps the base a batch was made on across a reload', async () => {
    const storage = memoryStorage()
    const base = stored('a', { n: 1 }, 5)
    add(setup({ storage }).outbox, [setWrite('a', { n: 2 })], {
      offline: true,
      bases: [[pathKey('tasks', 'a'), base]],
    })
    await flush()
    const { outbox } = setup({ storage })

    const [entry] = await outbox.load()

    expect(entry?.bases.get(pathKey('tasks', 'a'))).toEqual(base)
  })

  it('keeps a must-not-exist base across a reload', async () => {
    const storage = memoryStorage()
    const key = pathKey('tasks', 'a')
    add(setup({ storage }).outbox, [setWrite('a', { n: 1 })], {
      offline: true,
      bases: [[key, null]],
    })
    await flush()
    const { host, outbox } = setup({ storage })
    host.sync('tasks', 'server-wins')
    await outbox.load()

    outbox.pump()

    expect(host.sent[0]?.writes[0]?.precondition).toEqual({ exists: false })
  })

  it('keeps an unknown base unknown across a reload', async () => {
    const storage = memoryStorage()
    const key = pathKey('tasks', 'a')
    add(setup({ storage }).outbox, [setWrite('a', { n: 1 })], {
      offline: true,
      bases: [[key, undefined]],
    })
    await flush()
    const { host, outbox } = setup({ storage })
    host.sync('tasks', 'server-wins')
    const [entry] = await outbox.load()

    outbox.pump()

    expect(entry?.bases.has(key) && entry.bases.get(key)).toBeUndefined()
    expect(host.sent[0]?.writes[0]?.precondition).toBeUndefined()
  })

  it('loads nothing from a corrupt storage', async () => {
    const storage = memoryStorage()
    await storage.setItem(KEY, '{not json')
    const { outbox } = setup({ storage })

    expect(await outbox.load()).toEqual([])
  })

  it('loads nothing when the storage throws', async () => {
    const storage: KeyValueStorage = {
      getItem: () => Promise.reject(new Error('blocked')),
      setItem: () => {},
      removeItem: () => {},
    }
    const { outbox } = setup({ storage })

    expect(await outbox.load()).toEqual([])
  })

  it('keeps persisting after a storage write fails', async () => {
    const inner = memoryStorage()
    let failNext = true
    const storage: KeyValueStorage = {
      getItem: (k) => inner.getItem(k),
      setItem: (k, v) => {
        if (failNext) {
          failNext = false
          throw new Error('quota')
        }
        return inner.setItem(k, v)
      },
      removeItem: (k) => inner.removeItem(k),
    }
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { outbox } = setup({ storage })
    add(outbox, [setWrite('a', { n: 1 })])
    await flush()

    add(outbox, [setWrite('b', { n: 1 })])
    await flush()

    warn.mockRestore()
    const saved = JSON.parse((await inner.getItem(KEY)) as string) as { id: string }[]
    expect(saved.map((s) => s.id)).toEqual(['client-1', 'client-2'])
  })
})
