import type { SqlExecutor } from './driver.js'
import { GROUP_INDEX } from './indexes.js'

// The tables of a Metal database. Every row belongs to a project; nothing reads across projects.
//
// metal_docs      one row per document: JSONB data, the version of the commit that wrote it
//                 and its update time (epoch ms).
// metal_changes   the change log: one row per commit, appended in the commit's transaction.
//                 `seq` is the commit's version, taken while the commit holds its documents'
//                 locks; `xid` is its transaction, which tells readers when a missing `seq`
//                 can no longer appear (see changeFeed.ts).
// metal_mutations the response of each committed mutation id, so a resent batch (a client that
//                 lost the answer, on any server process) is applied exactly once.
// metal_triggers  each server-side trigger's position in the change log (the last change it
//                 finished: entry `seq`, change `item` of it, or the whole entry) and its lease:
//                 the process that may run it (`owner`) until `lease_until` (see triggers.ts).
// metal_meta      the database's epoch (resume tokens of another epoch are reset) and the log's
//                 floor: the last position pruned (resuming from below it means a reset).

/** Statements that create (or keep) the schema; idempotent. */
export const SCHEMA = [
  `create table if not exists metal_docs (
    project text not null,
    collection text not null,
    id text not null,
    data jsonb not null,
    version bigint not null,
    update_time bigint not null,
    primary key (project, collection, id)
  )`,
  GROUP_INDEX,
  `create sequence if not exists metal_seq`,
  `create table if not exists metal_changes (
    seq bigint primary key,
    xid xid8 not null default pg_current_xact_id(),
    project text not null,
    time bigint not null,
    changes jsonb not null
  )`,
  `create index if not exists metal_changes_project on metal_changes (project, seq)`,
  `create index if not exists metal_changes_time on metal_changes (time)`,
  `create table if not exists metal_mutations (
    project text not null,
    mutation_id text not null,
    time bigint not null,
    response jsonb not null,
    primary key (project, mutation_id)
  )`,
  `create index if not exists metal_mutations_time on metal_mutations (time)`,
  `create table if not exists metal_meta (key text primary key, value text not null)`,
  `create table if not exists metal_triggers (
    name text primary key,
    collection text not null,
    seq bigint not null,
    item integer not null,
    owner text,
    lease_until timestamptz not null
  )`,
  `insert into metal_meta (key, value) values ('epoch', gen_random_uuid()::text)
     on conflict (key) do nothing`,
  `insert into metal_meta (key, value) values ('log_floor', '0') on conflict (key) do nothing`,
]

/** Creates the schema when missing (several processes may race: a lock makes it one at a time). */
export async function migrate(db: {
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>
}): Promise<string> {
  return db.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock(7352100)`)
    for (const statement of SCHEMA) await tx.query(statement)
    const rows = await tx.query<{ value: string }>(
      `select value from metal_meta where key = 'epoch'`,
    )
    return rows[0]!.value
  })
}
