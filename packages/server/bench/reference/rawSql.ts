import pg from 'pg'
import { PGlite } from '@electric-sql/pglite'

// The reference of figure 2: the same work per transaction as a Metal commit's essentials,
// written by hand: one JSONB upsert of the document and one change-log insert, in tables shaped
// like metal_docs and metal_changes (same keys, the change log's xid default and indexes).

const SCHEMA = [
  `create table if not exists ref_docs (
    project text not null, collection text not null, id text not null,
    data jsonb not null, version bigint not null, update_time bigint not null,
    primary key (project, collection, id))`,
  `create sequence if not exists ref_seq`,
  `create table if not exists ref_changes (
    seq bigint primary key, xid xid8 not null default pg_current_xact_id(),
    project text not null, time bigint not null, changes jsonb not null)`,
  `create index if not exists ref_changes_project on ref_changes (project, seq)`,
  `create index if not exists ref_changes_time on ref_changes (time)`,
]

const UPSERT = `insert into ref_docs (project, collection, id, data, version, update_time)
  values ($1, $2, $3, $4::jsonb, nextval('ref_seq'), $5)
  on conflict (project, collection, id) do update
    set data = excluded.data, version = excluded.version, update_time = excluded.update_time
  returning version`
const LOG = `insert into ref_changes (seq, project, time, changes) values ($1, $2, $3, $4::jsonb)`

/** Runs one transaction on `q` (a client or PGlite transaction). */
async function one(
  q: { query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }> },
  w: number,
  i: number,
  docs: number,
): Promise<void> {
  const time = Date.now()
  const id = `w${w}-${i % docs}`
  const data = { w, n: i, text: 'x'.repeat(64) }
  const { rows } = await q.query(UPSERT, ['bench', 'ref', id, JSON.stringify(data), time])
  const version = Number((rows[0] as { version: number | string }).version)
  const change = [{ c: 'ref', i: id, b: null, a: { id, data, version, updateTime: time } }]
  await q.query(LOG, [version, 'bench', time, JSON.stringify(change)])
}

/** Transactions per second with `clients` concurrent writers on PostgreSQL. */
export async function rawPgCommits(
  url: string,
  clients: number,
  warmupMs: number,
  durationMs: number,
  docs: number,
): Promise<number> {
  const setup = new pg.Client({ connectionString: url })
  await setup.connect()
  for (const s of SCHEMA) await setup.query(s)
  await setup.end()
  const conns = await Promise.all(
    Array.from({ length: clients }, async () => {
      const c = new pg.Client({ connectionString: url })
      await c.connect()
      return c
    }),
  )
  const from = performance.now() + warmupMs
  const end = from + durationMs
  let done = 0
  await Promise.all(
    conns.map(async (c, w) => {
      for (let i = 0; performance.now() < end; i++) {
        await c.query('begin')
        await one(c, w, i, docs)
        await c.query('commit')
        const now = performance.now()
        if (now >= from && now < end) done++
      }
    }),
  )
  await Promise.all(conns.map((c) => c.end()))
  return (done / durationMs) * 1000
}

/** Transactions per second with `clients` concurrent writers on one in-memory PGlite. */
export async function rawPgliteCommits(
  clients: number,
  warmupMs: number,
  durationMs: number,
  docs: number,
): Promise<number> {
  const db = new PGlite()
  await db.waitReady
  for (const s of SCHEMA) await db.query(s)
  const from = performance.now() + warmupMs
  const end = from + durationMs
  let done = 0
  await Promise.all(
    Array.from({ length: clients }, async (_, w) => {
      for (let i = 0; performance.now() < end; i++) {
        await db.transaction((tx) => one(tx, w, i, docs))
        const now = performance.now()
        if (now >= from && now < end) done++
      }
    }),
  )
  await db.close()
  return (done / durationMs) * 1000
}
