import type { QuerySpec, StoredDoc } from '@metal/core/engine'
import type {
  CommitOutcome,
  CommitPlan,
  DocChange,
  DocKey,
  ScanResult,
  ServerStorage,
} from '@metal/core/server'
import type { SqlDriver, SqlExecutor } from './driver.js'
import { SqlChangeFeed, type ChangeFeedOptions } from './changeFeed.js'
import { migrate } from './schema.js'
import { visibleIn } from './snapshot.js'
import { toDoc, type DocRow } from './rows.js'
import { scanDocs } from './query.js'

/** Options of the SQL storage. */
export interface SqlStorageOptions extends ChangeFeedOptions {
  /**
   * How long a committed mutation id is remembered (a client resending a batch after a lost
   * answer within this time gets the first answer, not a second commit).
   * @default 7 days
   */
  mutationRetentionMs?: number
}

/** One changed document as the change log stores it. */
export interface LoggedChange {
  c: string
  i: string
  b: StoredDoc | null
  a: StoredDoc | null
}

/**
 * The server's storage on PostgreSQL (or PGlite): documents as JSONB rows, every commit
 * appended to the change log in its own transaction, mutation ids remembered for exactly-once
 * commits across processes. A commit locks its documents (advisory locks on their keys, taken
 * in one order) before it takes its version, so two commits of one document are always
 * versioned and logged in the order they commit.
 */
export class SqlStorage implements ServerStorage {
  readonly durableMutations = true

  private constructor(
    private readonly db: SqlDriver,
    readonly feed: SqlChangeFeed,
    private readonly options: SqlStorageOptions,
  ) {}

  /** Creates the schema if needed and starts following the change log from its end. */
  static async open(db: SqlDriver, options: SqlStorageOptions = {}): Promise<SqlStorage> {
    const epoch = await migrate(db)
    const feed = await SqlChangeFeed.start(db, epoch, options)
    return new SqlStorage(db, feed, options)
  }

  /** Stops following the log (the driver stays open: its owner closes it). */
  async close(): Promise<void> {
    await this.feed.close()
  }

  async get(projectId: string, collection: string, id: string): Promise<StoredDoc | null> {
    const rows = await this.db.query<DocRow>(
      `select id, data, version, update_time from metal_docs
        where project = $1 and collection = $2 and id = $3`,
      [projectId, collection, id],
    )
    return rows[0] ? toDoc(rows[0]) : null
  }

  async scan(projectId: string, query: QuerySpec): Promise<Iterable<StoredDoc>> {
    return scanDocs(this.db, projectId, query)
  }

  async scanSnapshot(projectId: string, query: QuerySpec): Promise<ScanResult> {
    // One snapshot for the scan and the record of which commits it saw.
    return this.db.transaction(async (tx) => {
      await tx.query(`set transaction isolation level repeatable read`)
      const [row] = await tx.query<{ snapshot: string }>(
        `select pg_current_snapshot()::text as snapshot`,
      )
      // A live query keeps every match, not only its window: when a document leaves the window,
      // the next one must be at hand to take its place.
      const { limit: _limit, limitType: _type, offset: _offset, ...unwindowed } = query
      const docs = await scanDocs(tx, projectId, unwindowed)
      const visible = visibleIn(row!.snapshot)
      return { docs, seen: (entry) => visible(entry.tx as bigint) }
    })
  }

  async commit<R>(
    projectId: string,
    keys: readonly DocKey[],
    plan: CommitPlan<R>,
    mutationId?: string,
  ): Promise<CommitOutcome<R>> {
    const outcome = await this.db.transaction(async (tx) => {
      await lock(tx, projectId, keys, mutationId)
      if (mutationId !== undefined) {
        const [done] = await tx.query<{ response: R }>(
          `select response from metal_mutations where project = $1 and mutation_id = $2`,
          [projectId, mutationId],
        )
        if (done) return { result: done.response, changes: [], duplicate: true }
      }
      const { current, version } = await readState(tx, projectId, keys)
      let planned: ReturnType<CommitPlan<R>>
      try {
        planned = plan((collection, id) => current.get(docKey(collection, id)), version)
      } catch (error) {
        // Refused (a precondition, a rule): nothing is written, but the position taken gets an
        // empty log entry, so readers never wait at a hole for unrelated transactions to end.
        await logEmpty(tx, projectId, version, Date.now())
        return { refused: error }
      }
      const { changes, result } = planned
      const time = Date.now()
      await write(tx, projectId, version, time, changes, mutationId, result)
      return { result, changes, duplicate: false }
    })
    if ('refused' in outcome) throw outcome.refused
    return outcome
  }

  /** Deletes change-log entries and mutation ids older than their retention. */
  async prune(now = Date.now()): Promise<void> {
    await this.feed.prune(now)
    await this.db.query(`delete from metal_mutations where time < $1`, [
      now - (this.options.mutationRetentionMs ?? 7 * 24 * 3600_000),
    ])
  }
}

function docKey(collection: string, id: string): string {
  return `${collection}\u0001${id}`
}

/**
 * Takes the transaction's id, then advisory locks on the documents' keys (and the mutation id)
 * in one global order, so concurrent commits never deadlock. The id comes first: a reader of
 * the log relies on every commit having its id before it takes its version (changeFeed.ts).
 */
async function lock(
  tx: SqlExecutor,
  projectId: string,
  keys: readonly DocKey[],
  mutationId: string | undefined,
): Promise<void> {
  const names = keys.map((k) => JSON.stringify([projectId, k.collection, k.id]))
  if (mutationId !== undefined) names.push(JSON.stringify([projectId, mutationId]))
  await tx.query(
    `select pg_current_xact_id(), pg_advisory_xact_lock(h)
       from (select distinct hashtextextended(k, 0) as h from unnest($1::text[]) as k order by 1) s`,
    [names],
  )
  if (names.length === 0) await tx.query(`select pg_current_xact_id()`)
}

/** Takes the commit's version and reads its documents' current states, in one statement. */
async function readState(
  tx: SqlExecutor,
  projectId: string,
  keys: readonly DocKey[],
): Promise<{ current: Map<string, StoredDoc>; version: number }> {
  const [row] = await tx.query<{
    version: number | string
    docs: (DocRow & { collection: string })[] | null
  }>(
    `select nextval('metal_seq') as version,
            (select json_agg(json_build_object('collection', d.collection, 'id', d.id,
                      'data', d.data, 'version', d.version, 'update_time', d.update_time))
               from metal_docs d
               join unnest($2::text[], $3::text[]) as k(collection, id)
                 on d.collection = k.collection and d.id = k.id
              where d.project = $1) as docs`,
    [projectId, keys.map((k) => k.collection), keys.map((k) => k.id)],
  )
  const current = new Map<string, StoredDoc>()
  for (const doc of row!.docs ?? []) current.set(docKey(doc.collection, doc.id), toDoc(doc))
  return { current, version: Number(row!.version) }
}

/** Fills a position that wrote nothing with an empty entry (readers pass it at once). */
async function logEmpty(
  tx: SqlExecutor,
  projectId: string,
  version: number,
  time: number,
): Promise<void> {
  await tx.query(
    `insert into metal_changes (seq, project, time, changes) values ($1, $2, $3, '[]'::jsonb)`,
    [version, projectId, time],
  )
}

/**
 * Writes a commit's documents, its change-log entry and its mutation id's answer, and wakes the
 * log's readers, in one statement (data-modifying CTEs run once each, referenced or not).
 */
async function write(
  tx: SqlExecutor,
  projectId: string,
  version: number,
  time: number,
  changes: readonly DocChange[],
  mutationId: string | undefined,
  result: unknown,
): Promise<void> {
  const remember =
    mutationId === undefined
      ? ''
      : `, remembered as (
       insert into metal_mutations (project, mutation_id, time, response)
       values ($1, $7, $3, $8::jsonb)
       returning 1
     )`
  const answer = mutationId === undefined ? [] : [mutationId, JSON.stringify(result)]
  if (changes.length === 0) {
    // Nothing changed: an empty entry fills the position taken, and the mutation id is kept.
    await logEmpty(tx, projectId, version, time)
    if (mutationId === undefined) return
    await tx.query(
      `insert into metal_mutations (project, mutation_id, time, response)
       values ($1, $2, $3, $4::jsonb)`,
      [projectId, mutationId, time, JSON.stringify(result)],
    )
    return
  }
  const upserts: unknown[] = []
  const deletes: unknown[] = []
  const logged: LoggedChange[] = []
  for (const { collection, id, before, after } of changes) {
    if (after) {
      upserts.push({
        collection,
        id,
        data: after.data,
        version: after.version,
        update_time: after.updateTime,
      })
    } else deletes.push({ collection, id })
    logged.push({ c: collection, i: id, b: before ?? null, a: after })
  }
  await tx.query(
    `with upserts as (
       insert into metal_docs (project, collection, id, data, version, update_time)
       select $1, u.collection, u.id, u.data, u.version, u.update_time
         from jsonb_to_recordset($4::jsonb)
           as u(collection text, id text, data jsonb, version bigint, update_time bigint)
       on conflict (project, collection, id) do update
         set data = excluded.data, version = excluded.version, update_time = excluded.update_time
       returning 1
     ), deletes as (
       delete from metal_docs d
        using jsonb_to_recordset($5::jsonb) as x(collection text, id text)
        where d.project = $1 and d.collection = x.collection and d.id = x.id
       returning 1
     ), logged as (
       insert into metal_changes (seq, project, time, changes) values ($2, $1, $3, $6::jsonb)
       returning 1
     )${remember}
     select pg_notify('metal_changes', '')`,
    [
      projectId,
      version,
      time,
      JSON.stringify(upserts),
      JSON.stringify(deletes),
      JSON.stringify(logged),
      ...answer,
    ],
  )
}
