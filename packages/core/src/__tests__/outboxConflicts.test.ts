import { describe, expect, it } from 'vitest'
import { MetalError } from '../errors.js'
import { pathKey } from '../client/outbox.js'
import type { StoredDoc, Write } from '../engine/write.js'
import type { ConflictResolution, ConflictStrategy, SyncConfig } from '../client/syncConfig.js'
import { aborted, add, flush, setWrite, setup, stored } from './support/outboxHost.js'

// Writes made offline meet newer remote states when they are replayed.

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
