import { afterEach, describe, expect, it } from 'vitest'
import type { FeedEntry } from '@metal/core/server'
import { databases, type TestDatabase } from './databases.js'
import { SqlStorage } from '../sql/storage.js'
import pg from 'pg'

const put =
  (collection: string, id: string, data: Record<string, unknown>) =>
  (current: (c: string, i: string) => unknown, version: number) => {
    const before = current(collection, id) as never
    const after = { id, data, version, updateTime: 1 }
    return { changes: [{ collection, id, before, after }], result: { version } }
  }

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const start = Date.now()
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 5))
  }
}

describe.each(databases)('change log on $name', ({ name, create }) => {
  let db: TestDatabase | undefined
  let storages: SqlStorage[] = []
  afterEach(async () => {
    for (const s of storages) await s.close()
    storages = []
    await db?.drop()
    db = undefined
  })

  async function open() {
    db ??= await create()
    const storage = await SqlStorage.open(db.driver, { pollMs: 50 })
    storages.push(storage)
    const entries: FeedEntry[] = []
    storage.feed.subscribe((e) => entries.push(e))
    return { storage, entries }
  }

  it('stores documents and delivers every commit once, in order, with its transaction', async () => {
    const { storage, entries } = await open()
    for (let i = 0; i < 5; i++) {
      const r = await storage.commit(
        'p',
        [{ collection: 'c', id: `d${i % 2}` }],
        put('c', `d${i % 2}`, { i }),
      )
      expect(r.duplicate).toBe(false)
    }
    storage.feed.poke()
    await until(() => entries.length === 5)
    expect(entries.map((e) => e.position)).toEqual(
      [...entries.map((e) => e.position)].sort((a, b) => a - b),
    )
    expect(entries.map((e) => e.changes[0]!.after?.data)).toEqual(
      [0, 1, 2, 3, 4].map((i) => ({ i })),
    )
    expect(entries[2]!.changes[0]!.before?.data).toEqual({ i: 0 })
    expect(typeof entries[0]!.tx).toBe('bigint')
    expect((await storage.get('p', 'c', 'd0'))?.data).toEqual({ i: 4 })
    expect(await storage.get('other', 'c', 'd0')).toBeNull()
  })

  it('applies a mutation id once and answers a repeat with the first result', async () => {
    const { storage, entries } = await open()
    const first = await storage.commit(
      'p',
      [{ collection: 'c', id: 'a' }],
      put('c', 'a', { n: 1 }),
      'm1',
    )
    const again = await storage.commit(
      'p',
      [{ collection: 'c', id: 'a' }],
      put('c', 'a', { n: 2 }),
      'm1',
    )
    expect(again).toEqual({ result: first.result, changes: [], duplicate: true })
    expect((await storage.get('p', 'c', 'a'))?.data).toEqual({ n: 1 })
    // The same id in another project is another mutation.
    expect(
      (await storage.commit('q', [{ collection: 'c', id: 'a' }], put('c', 'a', { n: 3 }), 'm1'))
        .duplicate,
    ).toBe(false)
    await storage.feed.caughtUp()
    expect(entries).toHaveLength(2)
  })

  it('a commit that throws in its plan writes nothing, and the log goes on past its position', async () => {
    const { storage, entries } = await open()
    await expect(
      storage.commit('p', [{ collection: 'c', id: 'a' }], () => {
        throw new Error('precondition')
      }),
    ).rejects.toThrow('precondition')
    await storage.commit('p', [{ collection: 'c', id: 'b' }], put('c', 'b', { ok: true }))
    storage.feed.poke()
    await until(() => entries.length === 1)
    expect(entries[0]!.changes[0]!.id).toBe('b')
    expect(await storage.get('p', 'c', 'a')).toBeNull()
  })

  it('a second reader sees the same entries (another process on the same database)', async () => {
    const a = await open()
    const b = await open()
    for (let i = 0; i < 20; i++) {
      await (i % 2 ? a : b).storage.commit(
        'p',
        [{ collection: 'c', id: `x${i}` }],
        put('c', `x${i}`, { i }),
      )
    }
    await a.storage.feed.caughtUp()
    await b.storage.feed.caughtUp()
    expect(a.entries.map((e) => e.position)).toEqual(b.entries.map((e) => e.position))
    expect(a.entries).toHaveLength(20)
  })

  it('tells which ids changed since a position, until the log is pruned past it', async () => {
    const { storage } = await open()
    const r1 = await storage.commit('p', [{ collection: 'c', id: 'a' }], put('c', 'a', {}))
    const from = (r1.result as { version: number }).version
    await storage.commit('p', [{ collection: 'c', id: 'b' }], put('c', 'b', {}))
    await storage.commit('p', [{ collection: 'd', id: 'z' }], put('d', 'z', {}))
    await storage.feed.caughtUp()
    expect(await storage.feed.changedSince('p', 'c', from)).toEqual(new Set(['b']))
    expect(await storage.feed.changedSince('p', 'c', from - 1)).toEqual(new Set(['a', 'b']))
    await storage.prune(Date.now() + 2 * 3600_000)
    expect(await storage.feed.changedSince('p', 'c', from)).toBeUndefined()
  })

  if (name === 'PostgreSQL')
    it('a refused or empty commit leaves no hole, so nothing waits for unrelated transactions', async () => {
      const { storage, entries } = await open()
      // Another session holds a transaction open (with an id) for the whole test.
      const other = new pg.Client({ connectionString: db!.url })
      await other.connect()
      try {
        await other.query('begin')
        await other.query('select pg_current_xact_id()')
        await expect(
          storage.commit('p', [{ collection: 'c', id: 'x' }], () => {
            throw new Error('refused')
          }),
        ).rejects.toThrow('refused')
        await storage.commit('p', [], () => ({ changes: [], result: 'nothing' }))
        await storage.commit('p', [{ collection: 'c', id: 'y' }], put('c', 'y', {}))
        storage.feed.poke()
        // Without the empty entries the reader would wait at the holes until `other` ends.
        await until(() => entries.length === 1)
        expect(entries[0]!.changes[0]!.id).toBe('y')
        expect(await storage.get('p', 'c', 'x')).toBeNull()
      } finally {
        await other.query('rollback')
        await other.end()
      }
    })

  // Concurrent sessions need a PostgreSQL server (PGlite has one connection).
  if (name === 'PostgreSQL')
    it('never skips a commit that took a lower position but commits later, or one rolled back', async () => {
      const { storage, entries } = await open()
      const slow = new pg.Client({ connectionString: db!.url })
      await slow.connect()
      try {
        // A transaction takes its id, then position n, and stays open (a slow commit).
        await slow.query('begin')
        await slow.query('select pg_current_xact_id()')
        const [{ v }] = (await slow.query(`select nextval('metal_seq') as v`)).rows
        // A later commit takes n+1 and commits first: the reader must wait at the hole.
        await storage.commit('p', [{ collection: 'c', id: 'fast' }], put('c', 'fast', {}))
        storage.feed.poke()
        await new Promise((r) => setTimeout(r, 150))
        expect(entries).toHaveLength(0)
        const change = [
          {
            c: 'c',
            i: 'slow',
            b: null,
            a: { id: 'slow', data: {}, version: Number(v), updateTime: 1 },
          },
        ]
        await slow.query(
          `insert into metal_changes (seq, project, time, changes) values ($1, 'p', 1, $2::jsonb)`,
          [v, JSON.stringify(change)],
        )
        await slow.query('commit')
        await storage.feed.caughtUp()
        expect(entries.map((e) => e.changes[0]!.id)).toEqual(['slow', 'fast'])

        // A transaction that got its id after another's, but took its position first: the
        // hole's holder has an id above the snapshot's xmax once the other commits.
        const fast = new pg.Client({ connectionString: db!.url })
        await fast.connect()
        try {
          await fast.query('begin')
          await fast.query('select pg_current_xact_id()')
          await slow.query('begin')
          await slow.query('select pg_current_xact_id()')
          const [{ v: low }] = (await slow.query(`select nextval('metal_seq') as v`)).rows
          const [{ v: high }] = (await fast.query(`select nextval('metal_seq') as v`)).rows
          const logged = (id: string, seq: number) =>
            JSON.stringify([
              { c: 'c', i: id, b: null, a: { id, data: {}, version: Number(seq), updateTime: 1 } },
            ])
          await fast.query(
            `insert into metal_changes (seq, project, time, changes) values ($1, 'p', 1, $2::jsonb)`,
            [high, logged('late-id', high)],
          )
          await fast.query('commit')
          storage.feed.poke()
          await new Promise((r) => setTimeout(r, 150))
          expect(entries).toHaveLength(2)
          await slow.query(
            `insert into metal_changes (seq, project, time, changes) values ($1, 'p', 1, $2::jsonb)`,
            [low, logged('early-position', low)],
          )
          await slow.query('commit')
          await until(() => entries.length === 4)
          expect(entries.slice(2).map((e) => e.changes[0]!.id)).toEqual([
            'early-position',
            'late-id',
          ])
        } finally {
          await fast.end()
        }

        // A transaction that takes a position and rolls back leaves a hole that is skipped.
        await slow.query('begin')
        await slow.query('select pg_current_xact_id()')
        await slow.query(`select nextval('metal_seq')`)
        await storage.commit('p', [{ collection: 'c', id: 'after' }], put('c', 'after', {}))
        storage.feed.poke()
        await new Promise((r) => setTimeout(r, 100))
        expect(entries).toHaveLength(4)
        await slow.query('rollback')
        await until(() => entries.length === 5)
        expect(entries[4]!.changes[0]!.id).toBe('after')
      } finally {
        await slow.end()
      }
    })
})
