import type { ChangeFeed, DocChange, FeedEntry } from '@metal/core/server'
import type { StoredDoc } from '@metal/core/engine'
import type { SqlDriver } from './driver.js'

/** Options of the change-log reader. */
export interface ChangeFeedOptions {
  /**
   * How long change-log entries are kept: a client that reconnects within this time resumes
   * with only what it missed; later it gets a fresh snapshot.
   * @default 1 hour
   */
  changeLogRetentionMs?: number
  /**
   * How often the log is read when no notification arrives (other processes NOTIFY after each
   * commit; this is the safety net), in ms.
   * @default 1000
   */
  pollMs?: number
}

/** Entries read per statement. */
const BATCH = 500
/** Delay before reading again while waiting for a missing position. */
const GAP_RETRY_MS = 2

interface LogRow {
  seq: number
  xid: string
  project: string
  changes: { c: string; i: string; b: StoredDoc | null; a: StoredDoc | null }[]
}

/**
 * Reads the change log in commit order and hands each entry to the server logic.
 *
 * Positions are commit versions, taken from a sequence while the commit holds its documents'
 * locks, after the commit has its transaction id. They are not taken in commit order: the
 * commit that took 7 may commit after the one that took 8. So the reader delivers positions
 * strictly one after the other, and when it finds a hole (8 is there, 7 is not) it waits:
 * the holder of 7 got its transaction id before taking 7, and 7 was taken before 8, which had
 * committed when the reader looked, so the holder's id is below any id assigned after that
 * read (the reader takes one, {@link freshXid}). Once a later snapshot's `xmin` reaches that
 * id, every such transaction has ended; a read after that either finds 7 (delivered in order)
 * or proves it was rolled back (skipped). Nothing is skipped that can still commit, and nothing
 * is delivered twice. (The snapshot's own `xmax` is not such a bound: it is one past the latest
 * *completed* id, and the holder of 7 may have got its id after the commit of 8 got its own.)
 */
export class SqlChangeFeed implements ChangeFeed {
  private deliver: ((entry: FeedEntry) => void) | undefined
  private running: Promise<void> | null = null
  private again = false
  private gap: { from: number; bound: bigint } | null = null
  private lastXmin = 0n
  private timer: ReturnType<typeof setTimeout> | undefined
  private poll: ReturnType<typeof setInterval> | undefined
  private unlisten: (() => Promise<void>) | undefined
  private closed = false

  private constructor(
    private readonly db: SqlDriver,
    readonly epoch: string,
    public position: number,
    private readonly options: ChangeFeedOptions,
  ) {}

  /**
   * Starts reading after every position taken so far. Waits until each transaction that was
   * running at the start has ended (one of them may still log a lower position).
   */
  static async start(
    db: SqlDriver,
    epoch: string,
    options: ChangeFeedOptions = {},
  ): Promise<SqlChangeFeed> {
    const [start] = await db.query<{ last: number | string }>(
      `select case when is_called then last_value else 0 end as last from metal_seq`,
    )
    // Every transaction that took a position up to `last` has its id below this one.
    const bound = await freshXid(db)
    for (let i = 0; ; i++) {
      const [now] = await db.query<{ xmin: string }>(
        `select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`,
      )
      if (BigInt(now!.xmin) >= bound) break
      await new Promise((resolve) => setTimeout(resolve, Math.min(100, 1 + i)))
    }
    const feed = new SqlChangeFeed(db, epoch, Number(start!.last), options)
    feed.unlisten = await db.listen('metal_changes', () => feed.poke())
    feed.poll = setInterval(() => feed.poke(), options.pollMs ?? 1000)
    feed.poll.unref?.()
    return feed
  }

  subscribe(deliver: (entry: FeedEntry) => void): void {
    this.deliver = deliver
  }

  poke(): void {
    if (this.closed) return
    if (this.running) {
      this.again = true
      return
    }
    this.running = this.run().finally(() => {
      this.running = null
    })
  }

  /** Resolves once everything committed before the call has been delivered (tests, tools). */
  async caughtUp(): Promise<void> {
    const [row] = await this.db.query<{ last: number | string }>(
      `select coalesce(max(seq), 0) as last from metal_changes`,
    )
    const target = Number(row!.last)
    while (this.position < target && !this.closed) {
      this.poke()
      await new Promise((resolve) => setTimeout(resolve, 2))
    }
  }

  async changedSince(
    projectId: string,
    collection: string,
    position: number,
  ): Promise<Set<string> | undefined> {
    const [floor] = await this.db.query<{ value: string }>(
      `select value from metal_meta where key = 'log_floor'`,
    )
    if (position < Number(floor?.value ?? 0)) return undefined
    const rows = await this.db.query<{ id: string }>(
      `select distinct e->>'i' as id
         from metal_changes m, jsonb_array_elements(m.changes) e
        where m.project = $1 and m.seq > $2 and e->>'c' = $3`,
      [projectId, position, collection],
    )
    return new Set(rows.map((r) => r.id))
  }

  /** Deletes entries older than the retention that this process has delivered. */
  async prune(now = Date.now()): Promise<void> {
    const before = now - (this.options.changeLogRetentionMs ?? 3600_000)
    await this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ top: number | string | null }>(
        `with gone as (delete from metal_changes where time < $1 and seq <= $2 returning seq)
         select max(seq) as top from gone`,
        [before, this.position],
      )
      if (row?.top === null || row?.top === undefined) return
      await tx.query(
        `update metal_meta set value = greatest(value::bigint, $1::bigint)::text
          where key = 'log_floor'`,
        [row.top],
      )
    })
  }

  /** Stops reading. */
  async close(): Promise<void> {
    this.closed = true
    clearInterval(this.poll)
    clearTimeout(this.timer)
    await this.running
    await this.unlisten?.()
  }

  private async run(): Promise<void> {
    do {
      this.again = false
      try {
        while (!this.closed && (await this.readOnce())) {
          // a full batch: read on
        }
      } catch {
        // The database is unreachable: the poll (or the next notification) tries again.
        return
      }
    } while (this.again && !this.closed)
  }

  /** Reads one batch; true when there may be more to read at once. */
  private async readOnce(): Promise<boolean> {
    const [row] = await this.db.query<{ snapshot: string; rows: LogRow[] | null }>(
      `select pg_current_snapshot()::text as snapshot,
              (select json_agg(c order by c.seq)
                 from (select seq, xid::text as xid, project, changes
                         from metal_changes where seq > $1 order by seq limit $2) c) as rows`,
      [this.position, BATCH],
    )
    const xmin = BigInt(row!.snapshot.slice(0, row!.snapshot.indexOf(':')))
    const rows = row!.rows ?? []
    let stalled = false
    for (const r of rows) {
      const seq = Number(r.seq)
      const from = this.position + 1
      if (seq !== from) {
        const settled = this.gap?.from === from && this.lastXmin >= this.gap.bound
        if (!settled) {
          // A hole: its holder may still commit. Wait until every transaction that had an id
          // when this snapshot was taken has ended, then look again (it is there, or it was
          // rolled back).
          if (this.gap?.from !== from) this.gap = { from, bound: await freshXid(this.db) }
          stalled = true
          break
        }
      }
      this.gap = null
      this.position = seq
      if (r.changes.length > 0) this.deliver?.(toEntry(r)) // empty: a refused commit's position
    }
    this.lastXmin = xmin
    if (stalled && !this.closed) {
      clearTimeout(this.timer)
      this.timer = setTimeout(() => this.poke(), GAP_RETRY_MS)
    }
    return !stalled && rows.length === BATCH
  }
}

/**
 * A transaction id above every id assigned before the call: a fresh one (its transaction ends
 * with the statement). A snapshot's `xmax` is no such bound: running transactions at or above
 * it appear in no snapshot field.
 */
async function freshXid(db: SqlDriver): Promise<bigint> {
  const [row] = await db.query<{ xid: string }>(`select pg_current_xact_id()::text as xid`)
  return BigInt(row!.xid)
}

function toEntry(r: LogRow): FeedEntry {
  const changes: DocChange[] = r.changes.map((c) => ({
    collection: c.c,
    id: c.i,
    before: c.b ?? undefined,
    after: c.a,
  }))
  return { projectId: r.project, position: Number(r.seq), changes, tx: BigInt(r.xid) }
}
