import { describe, expect, it } from 'vitest'
import { MetalError } from '../errors.js'
import { DocumentCache } from '../client/documentCache.js'
import { SyncStatus } from '../client/syncStatus.js'
import { Targets } from '../client/targets.js'
import { WriteEffects } from '../client/writeEffects.js'
import type { OutboxEntry } from '../client/outbox.js'
import type { SyncHostEvent } from '../client/syncConfig.js'
import type { StoredDoc, Write } from '../engine/write.js'

const set = (collection: string, id: string, data: Record<string, unknown>): Write => ({
  op: 'set',
  collection,
  id,
  data,
})

const stored = (id: string, data: Record<string, unknown>, version: number): StoredDoc => ({
  id,
  data,
  version,
  updateTime: 0,
})

function entryOf(writes: Write[]): OutboxEntry {
  return {
    id: 'client-1',
    original: writes,
    writes: [...writes],
    createdAt: 1000,
    bases: new Map(),
    offline: true,
    attempts: 0,
    conflictRounds: 0,
    stalled: false,
    sending: false,
  }
}

function setup(maxCachedDocuments?: number) {
  const docs = new DocumentCache(maxCachedDocuments)
  const link = {
    status: 'offline' as const,
    request: () => Promise.reject(new MetalError('unavailable', 'offline')),
  }
  const targets = new Targets(docs, link)
  const events: SyncHostEvent[] = []
  const sync = new SyncStatus({ networkStatus: () => 'offline', flushing: () => false })
  sync.on((e) => events.push(e))
  const effects = new WriteEffects(docs, targets, sync, () => 0)
  const local = (collection: string, id: string) => docs.get(collection, id)?.local?.data ?? null
  return { docs, effects, events, local }
}

describe('WriteEffects', () => {
  it('shows a queued batch at once', () => {
    const { effects, local } = setup()

    effects.queued([entryOf([set('tasks', 'x', { n: 1 })])])

    expect(local('tasks', 'x')).toEqual({ n: 1 })
  })

  it('shows a later pending write on top of what an earlier batch committed', () => {
    const { effects, docs } = setup()
    const first = entryOf([set('tasks', 'x', { n: 1 })])
    const later = entryOf([{ op: 'update', collection: 'tasks', id: 'x', fields: [[['m'], 2]] }])
    effects.queued([first, later])

    effects.committed(first, {
      version: 4,
      time: 0,
      docs: [stored('x', { n: 1, by: 'server' }, 4)],
      targets: [],
    })

    expect(docs.get('tasks', 'x')?.local).toMatchObject({
      data: { n: 1, by: 'server', m: 2 },
      version: 4,
      hasPendingWrites: true,
    })
  })

  it('forgets a committed document that no query holds and nothing pending needs, with no cache', () => {
    const { effects, docs } = setup(0)
    const entry = entryOf([set('tasks', 'x', { n: 1 })])
    effects.queued([entry])

    effects.committed(entry, { version: 4, time: 0, docs: [stored('x', { n: 1 }, 4)], targets: [] })

    expect(docs.get('tasks', 'x')).toBeUndefined()
  })

  it('keeps the most recently committed documents nothing holds, up to the cache bound', () => {
    const { effects, docs } = setup(2)
    for (const [i, id] of ['x', 'y', 'z'].entries()) {
      const entry = entryOf([set('tasks', id, { n: i })])
      effects.queued([entry])
      effects.committed(entry, {
        version: i + 1,
        time: 0,
        docs: [stored(id, { n: i }, i + 1)],
        targets: [],
      })
    }

    expect(docs.get('tasks', 'x')).toBeUndefined()
    expect(docs.known('tasks', 'y')?.data).toEqual({ n: 1 })
    expect(docs.known('tasks', 'z')?.data).toEqual({ n: 2 })
  })

  it('rolls a rejected batch back and reports the error for its collection', () => {
    const { effects, events, local } = setup()
    const entry = entryOf([set('tasks', 'x', { n: 1 })])
    effects.queued([entry])
    const denied = new MetalError('permission-denied', 'no')

    effects.abandoned(entry, denied, [], [])

    expect(local('tasks', 'x')).toBeNull()
    const reported = events.find((e) => e.type === 'error')
    expect(reported).toMatchObject({ type: 'error', collection: 'tasks' })
    expect(reported && 'error' in reported && reported.error).toMatchObject({
      code: 'permission-denied',
      cause: denied,
      mutationId: entry.id,
      collection: 'tasks',
      id: 'x',
      paths: ['tasks/x'],
    })
  })

  it('undoes only the document settled for the server, in its own collection', () => {
    const { effects, docs, local } = setup()
    const entry = entryOf([
      set('notes', 'x', { note: 'mine' }),
      set('tasks', 'x', { task: 'mine' }),
    ])
    effects.queued([entry])
    entry.writes = [set('notes', 'x', { note: 'mine' })] // tasks/x went to the server's side

    effects.abandoned(
      entry,
      null,
      [{ collection: 'tasks', doc: stored('x', { task: 'theirs' }, 2) }],
      [],
    )

    expect(local('notes', 'x')).toEqual({ note: 'mine' })
    expect(docs.get('tasks', 'x')?.pending ?? []).toEqual([])
  })

  it('shows a document deleted on the server as gone when settled for the server', () => {
    const { effects, local } = setup()
    const entry = entryOf([set('tasks', 'x', { n: 1 }), set('tasks', 'y', { n: 1 })])
    effects.queued([entry])
    entry.writes = [set('tasks', 'y', { n: 1 })]

    effects.abandoned(entry, null, [], [{ collection: 'tasks', id: 'x', version: 0 }])

    expect([local('tasks', 'x'), local('tasks', 'y')]).toEqual([null, { n: 1 }])
  })
})
