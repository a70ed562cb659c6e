import { describe, expect, it, vi } from 'vitest'
import { MetalError } from '../errors.js'
import { Outbox, pathKey, type OutboxEntry, type OutboxHost } from '../client/outbox.js'
import { memoryStorage, type KeyValueStorage } from '../client/storage.js'
import { FieldValue, increment } from '../engine/fieldValues.js'
import type { SetWrite, StoredDoc, Write } from '../engine/write.js'
import type { BackendResponses } from '../protocol/backend.js'
import type { ConflictResolution, ConflictStrategy, SyncConfig } from '../client/syncConfig.js'

type CommitResponse = BackendResponses['commit']

interface Sent {
  writes: Write[]
  mutationId: string
  resolve(response?: Partial<CommitResponse>): void
  reject(error: MetalError): void
}

/** An OutboxHost that records what the outbox does and lets the test answer each commit. */
class FakeHost implements OutboxHost {
  isOnline = true
  readonly sent: Sent[] = []
  readonly configs = new Map<string, SyncConfig>()
  readonly remote = new Map<string, StoredDoc | null>()
  readonly committedEntries: OutboxEntry[] = []
  readonly abandonedCalls: {
    entry: OutboxEntry
    error: MetalError | null
    adopt: { collection: string; doc: StoredDoc }[]
    gone: { collection: string; id: string }[]
  }[] = []
  readonly failures: MetalError[] = []
  getRemoteCalls = 0

  request(message: { writes: Write[]; mutationId: string }): Promise<CommitResponse> {
    return new Promise((resolve, reject) => {
      this.sent.push({
        writes: message.writes,
        mutationId: message.mutationId,
        resolve: (response = {}) =>
          resolve({
            version: 1,
            time: 1,
            docs: message.writes.map(() => null),
            targets: [],
            ...response,
          }),
        reject,
      })
    })
  }
  async getRemote(collection: string, id: string): Promise<StoredDoc | null> {
    this.getRemoteCalls++
    return this.remote.get(pathKey(collection, id)) ?? null
  }
  online(): boolean {
    return this.isOnline
  }
  config(collection: string): SyncConfig | undefined {
    return this.configs.get(collection)
  }
  committed(entry: OutboxEntry): void {
    this.committedEntries.push(entry)
  }
  abandoned(
    entry: OutboxEntry,
    error: MetalError | null,
    adopt: { collection: string; doc: StoredDoc }[],
    gone: { collection: string; id: string; version: number }[],
  ): void {
    this.abandonedCalls.push({ entry, error, adopt, gone })
  }
  failed(_entry: OutboxEntry, error: MetalError): void {
    this.failures.push(error)
  }
  changed(): void {}

  sync(
    collection: string,
    strategy: ConflictStrategy,
    options: {
      maxRetries?: number
      resolve?: SyncConfig['resolve']
    } = {},
  ): void {
    this.configs.set(collection, {
      strategy,
      maxRetries: options.maxRetries ?? 3,
      resolve: options.resolve ?? (async (): Promise<ConflictResolution> => undefined),
    })
  }
}

const setWrite = (id: string, data: Record<string, unknown>, collection = 'tasks'): Write => ({
  op: 'set',
  collection,
  id,
  data,
})

const stored = (id: string, data: Record<string, unknown>, version: number, updateTime = 0) => ({
  id,
  data,
  version,
  updateTime,
})

const KEY = 'metal:outbox:test'

function setup(options: { storage?: KeyValueStorage | null } = {}) {
  const host = new FakeHost()
  const outbox = new Outbox(host, 'client', options.storage ?? null, KEY)
  return { host, outbox }
}

/** Queues one batch as the store does, with a settle hook. */
function add(
  outbox: Outbox,
  writes: Write[],
  options: { offline?: boolean; bases?: [string, StoredDoc | null | undefined][] } = {},
) {
  const entry = outbox.add(writes, new Map(options.bases ?? []), options.offline ?? false)
  const settled = new Promise<void>((resolve, reject) => {
    entry.settle = { resolve, reject, local: false }
  })
  settled.catch(() => {})
  return { entry, settled }
}

/** Lets promise callbacks (and the outbox's async steps) run. */
const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

const unavailable = () => new MetalError('unavailable', 'connection lost')
const aborted = () => new MetalError('aborted', 'changed since it was read')

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

describe('Outbox: offline conflicts', () => {
  const key = pathKey('tasks', 'a')

  /** An offline batch on `a`, made at version 1, whose first send is refused as stale. */
  async function staleBatch(
    strategy: ConflictStrategy,
    remote: StoredDoc | null,
    options: { resolve?: SyncConfig['resolve']; createdAt?: number; writes?: Write[] } = {},
  ) {
    const { host, outbox } = setup()
    host.sync('tasks', strategy, options.resolve ? { resolve: options.resolve } : {})
    host.remote.set(key, remote)
    const batch = add(outbox, options.writes ?? [setWrite('a', { n: 'local' })], {
      offline: true,
      bases: [[key, stored('a', { n: 'base' }, 1)]],
    })
    if (options.createdAt !== undefined)
      (batch.entry as { createdAt: number }).createdAt = options.createdAt
    outbox.pump()
    host.sent[0]?.reject(aborted())
    await flush()
    return { host, outbox, ...batch }
  }

  it('sends an offline batch of a synced collection with the version it was made on', () => {
    const { host, outbox } = setup()
    host.sync('tasks', 'server-wins')
    add(outbox, [setWrite('a', { n: 1 })], {
      offline: true,
      bases: [[key, stored('a', {}, 7)]],
    })

    outbox.pump()

    expect(host.sent[0]?.writes[0]?.precondition).toEqual({ version: 7 })
  })

  it('sends an offline create of a synced collection as must-not-exist', () => {
    const { host, outbox } = setup()
    host.sync('tasks', 'server-wins')
    add(outbox, [setWrite('a', { n: 1 })], { offline: true, bases: [[key, null]] })

    outbox.pump()

    expect(host.sent[0]?.writes[0]?.precondition).toEqual({ exists: false })
  })

  it('sends an offline batch of a collection without sync settings unchecked', () => {
    const { host, outbox } = setup()
    add(outbox, [setWrite('a', { n: 1 })], {
      offline: true,
      bases: [[key, stored('a', {}, 7)]],
    })

    outbox.pump()

    expect(host.sent[0]?.writes[0]?.precondition).toBeUndefined()
  })

  it('server-wins: drops the batch, adopts the remote document and resolves the write', async () => {
    const remote = stored('a', { n: 'remote' }, 2)
    const { host, outbox, entry, settled } = await staleBatch('server-wins', remote)

    await settled

    expect(host.abandonedCalls).toEqual([
      { entry, error: null, adopt: [{ collection: 'tasks', doc: remote }], gone: [] },
    ])
    expect(outbox.entries).toEqual([])
    expect(host.sent).toHaveLength(1)
  })

  it('server-wins: reports a remotely deleted document as gone', async () => {
    const { host, settled } = await staleBatch('server-wins', null)

    await settled

    expect(host.abandonedCalls[0]?.gone).toEqual([{ collection: 'tasks', id: 'a', version: 0 }])
  })

  it('client-wins: resends the batch with the same mutation id on the remote version', async () => {
    const { host } = await staleBatch('client-wins', stored('a', { n: 'remote' }, 2))

    expect(host.sent.map((s) => s.mutationId)).toEqual(['client-1', 'client-1'])
    expect(host.sent[1]?.writes).toEqual([
      { ...setWrite('a', { n: 'local' }), precondition: { version: 2 } },
    ])
  })

  it('last-write-wins: keeps the local write when it was made after the remote one', async () => {
    const { host } = await staleBatch('last-write-wins', stored('a', { n: 'r' }, 2, 100), {
      createdAt: 200,
    })

    expect(host.sent).toHaveLength(2)
    expect(host.abandonedCalls).toEqual([])
  })

  it('last-write-wins: takes the remote document when it was written after the local one', async () => {
    const remote = stored('a', { n: 'r' }, 2, 300)
    const { host } = await staleBatch('last-write-wins', remote, { createdAt: 200 })

    expect(host.sent).toHaveLength(1)
    expect(host.abandonedCalls[0]?.adopt).toEqual([{ collection: 'tasks', doc: remote }])
  })

  it("sends a conflict handler's resolution as a set of the document", async () => {
    const seen: unknown[] = []
    const { host } = await staleBatch('server-wins', stored('a', { n: 'remote' }, 2), {
      writes: [
        {
          op: 'update',
          collection: 'tasks',
          id: 'a',
          fields: [[['m'], 1]],
        },
      ],
      resolve: async (conflict) => {
        seen.push([conflict.base, conflict.local, conflict.remote])
        return { n: 'merged' }
      },
    })

    expect(seen).toEqual([[{ n: 'base' }, { n: 'base', m: 1 }, { n: 'remote' }]])
    expect(host.sent[1]?.writes).toEqual([
      { ...setWrite('a', { n: 'merged' }), precondition: { version: 2 } },
    ])
  })

  it('settles each document of a batch on its own', async () => {
    const { host, outbox } = setup()
    host.sync('tasks', 'server-wins')
    const keyB = pathKey('tasks', 'b')
    host.remote.set(key, stored('a', { n: 'remote' }, 2))
    host.remote.set(keyB, stored('b', { n: 'base' }, 1))
    const { entry } = add(outbox, [setWrite('a', { n: 'local' }), setWrite('b', { n: 'local' })], {
      offline: true,
      bases: [
        [key, stored('a', { n: 'base' }, 1)],
        [keyB, stored('b', { n: 'base' }, 1)],
      ],
    })
    outbox.pump()

    host.sent[0]?.reject(aborted())
    await flush()

    expect(host.abandonedCalls.map((c) => c.adopt.map((d) => d.doc.id))).toEqual([['a']])
    expect(entry.writes).toEqual([setWrite('b', { n: 'local' })])
    expect(host.sent[1]?.writes).toEqual([
      { ...setWrite('b', { n: 'local' }), precondition: { version: 1 } },
    ])
  })

  it('does not resend a batch while its conflicts are being settled', async () => {
    let answer: (resolution: ConflictResolution) => void = () => {}
    const { host, outbox } = await staleBatch('server-wins', stored('a', { n: 'remote' }, 2), {
      resolve: () => new Promise((resolve) => (answer = resolve)),
    })

    outbox.pump() // another write was queued meanwhile
    answer(undefined)
    await flush()

    expect(host.sent).toHaveLength(1)
    expect(host.abandonedCalls).toHaveLength(1)
  })

  it('stalls a batch whose conflicts keep recurring past maxRetries', async () => {
    const { host, outbox } = setup()
    host.sync('tasks', 'client-wins', { maxRetries: 1 })
    host.remote.set(key, stored('a', {}, 2))
    const { entry } = add(outbox, [setWrite('a', { n: 1 })], {
      offline: true,
      bases: [[key, stored('a', {}, 1)]],
    })
    outbox.pump()

    for (let i = 0; i < 2; i++) {
      host.remote.set(key, stored('a', {}, 3 + i)) // someone else writes again each round
      host.sent[i]?.reject(aborted())
      await flush()
    }

    expect(entry.stalled).toBe(true)
    expect(host.failures[0]?.message).toMatch(/conflicts kept recurring for 2 rounds/)
  })

  describe('a remote delete met by an offline update (refused not-found)', () => {
    const update: Write = { op: 'update', collection: 'tasks', id: 'a', fields: [[['n'], 'local']] }
    const notFound = () =>
      new MetalError('not-found', "update(): no document to update at 'tasks/a'")

    it('is a conflict with remote null, settled by the strategy', async () => {
      const seen: unknown[] = []
      const { host, outbox } = setup()
      host.sync('tasks', 'server-wins', {
        resolve: async (c) => void seen.push([c.local, c.remote, c.base]),
      })
      const { settled } = add(outbox, [update], {
        offline: true,
        bases: [[key, stored('a', { n: 'base' }, 1)]],
      })
      outbox.pump()
      host.sent[0]?.reject(notFound())
      await flush()

      await settled

      expect(seen).toEqual([[{ n: 'local' }, null, { n: 'base' }]])
      expect(host.abandonedCalls[0]?.gone).toEqual([{ collection: 'tasks', id: 'a', version: 0 }])
      expect(host.sent).toHaveLength(1)
    })

    it('client-wins: sends the document as the batch leaves it, as a create', async () => {
      const { host, outbox } = setup()
      host.sync('tasks', 'client-wins')
      add(outbox, [update], { offline: true, bases: [[key, stored('a', { n: 'base', m: 1 }, 1)]] })
      outbox.pump()
      host.sent[0]?.reject(notFound())
      await flush()

      expect(host.sent[1]?.writes).toEqual([
        { ...setWrite('a', { n: 'local', m: 1 }), precondition: { exists: false } },
      ])
    })

    it('fails the batch with not-found when no document of it changed remotely', async () => {
      const { host, outbox } = setup()
      host.sync('tasks', 'server-wins')
      host.remote.set(key, stored('a', { n: 'base' }, 1))
      const { settled } = add(outbox, [update], {
        offline: true,
        bases: [[key, stored('a', { n: 'base' }, 1)]],
      })
      outbox.pump()
      host.sent[0]?.reject(notFound())
      await flush()

      await expect(settled).rejects.toMatchObject({ code: 'not-found' })
      expect(host.abandonedCalls[0]?.error?.code).toBe('not-found')
      expect(host.sent).toHaveLength(1)
    })
  })
})
