import { Metal } from '@metal/core'
import { localBackend, type ServerCore } from '@metal/core/server'
import { checkCollectionPath, describe, invalidArgument } from '@metal/core/engine'
import type { DocumentData, StoredDoc } from '@metal/core/engine'
import type { SqlDriver } from './sql/driver.js'
import { newId, type Logger } from './log.js'
import type { Metrics } from './metrics.js'

// Server-side triggers: trusted code that runs after a commit, from the change log, never in
// the write's path. Each trigger keeps its position in `metal_triggers`, so a restart resumes
// where it stopped; with several processes on one database, a lease in the same row elects one
// runner per trigger, and the position only moves under the lease (a runner that lost it stops).

/** What a trigger handler receives for one changed document. */
export interface TriggerChange {
  /** The project the document belongs to. */
  projectId: string
  /** The document's collection (the trigger's). */
  collection: string
  /** The document's id. */
  id: string
  /** Its data before the commit; null when it was created. */
  before: DocumentData | null
  /** Its data after the commit; null when it was deleted. */
  after: DocumentData | null
  /** A privileged client of the project (rules do not apply): read and write with it. */
  metal: Metal
}

/** Trusted code run once per change of a collection. Throw (or reject) to be retried. */
export type TriggerHandler = (change: TriggerChange) => void | Promise<void>

/** Options of one trigger. */
export interface TriggerOptions {
  /**
   * Names the trigger's stored position (keep it across deploys). Two triggers on one
   * collection need different names.
   * @default the collection
   */
  name?: string
  /**
   * Attempts per change; after the last failure the change is logged and skipped.
   * @default 5
   */
  maxAttempts?: number
  /**
   * Delay before the first retry, in ms; it doubles for each further one (up to 30 s).
   * @default 200
   */
  backoffMs?: number
}

/** A trigger as `createServer`'s `onWrite` option takes it: a handler, or one with options. */
export type TriggerSpec = TriggerHandler | ({ handler: TriggerHandler } & TriggerOptions)

/** What the triggers need of the running server. */
export interface TriggerServer {
  db: SqlDriver
  /** The server logic: handlers' clients are privileged connections to it. */
  core: ServerCore
  /** The change feed's position: every entry at or below it has settled (committed or never). */
  position(): number
  log: Logger
  metrics: Metrics
}

/** What a runner needs: the server, and a privileged client per project. */
interface TriggerHost extends Omit<TriggerServer, 'core'> {
  metal(projectId: string): Metal
}

/** A change-log entry as the runners read it. */
interface Entry {
  seq: number
  project: string
  changes: { c: string; i: string; b: StoredDoc | null; a: StoredDoc | null }[]
}

/** The `item` of a position whose entry is done. */
const WHOLE = 2147483647
/** How long a runner's lease lasts without renewal, in ms. */
const LEASE_MS = 10_000
/** How often a runner that is not elected tries to take the lease, in ms. */
const CLAIM_EVERY_MS = 500
/** How often an elected runner looks at the feed's position, in ms. */
const LOOK_EVERY_MS = 10
/** How often a position moved only by other collections' entries is stored, in ms. */
const SAVE_EVERY_MS = 1000
/** Entries read per statement. */
const BATCH = 100
/** Longest delay between attempts, in ms. */
const MAX_BACKOFF_MS = 30_000

/** Checks `onWrite()`'s arguments; returns the trigger's settings. */
export function checkTrigger(
  call: string,
  collection: unknown,
  handler: unknown,
  options: unknown,
): {
  collection: string
  handler: TriggerHandler
  name: string
  maxAttempts: number
  backoffMs: number
} {
  const path = checkCollectionPath(call, collection)
  if (typeof handler !== 'function') {
    throw invalidArgument(call, `handler must be a function, got ${describe(handler)}`)
  }
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw invalidArgument(call, `options must be an object, got ${describe(options)}`)
  }
  const {
    name = path,
    maxAttempts = 5,
    backoffMs = 200,
    ...rest
  } = (options ?? {}) as Record<string, unknown>
  const unknown = Object.keys(rest).filter((k) => k !== 'handler')
  if (unknown.length > 0) throw invalidArgument(call, `unknown option ${describe(unknown[0])}`)
  if (typeof name !== 'string' || name === '' || name.length > 200) {
    throw invalidArgument(
      call,
      `option 'name' must be a string of 1 to 200 characters, got ${describe(name)}`,
    )
  }
  if (
    typeof maxAttempts !== 'number' ||
    !Number.isInteger(maxAttempts) ||
    maxAttempts < 1 ||
    maxAttempts > 100
  ) {
    throw invalidArgument(
      call,
      `option 'maxAttempts' must be an integer from 1 to 100, got ${describe(maxAttempts)}`,
    )
  }
  if (typeof backoffMs !== 'number' || !Number.isFinite(backoffMs) || backoffMs < 0) {
    throw invalidArgument(
      call,
      `option 'backoffMs' must be a number of ms, 0 or more, got ${describe(backoffMs)}`,
    )
  }
  return { collection: path, handler: handler as TriggerHandler, name, maxAttempts, backoffMs }
}

/** The triggers of one server: registered any time, run while the server runs. */
export class Triggers {
  private readonly runners = new Map<string, TriggerRunner>()
  private host: TriggerHost | undefined
  private readonly clients = new Map<string, Metal>()

  /** Registers a trigger (started at once when the server runs); returns its stop function. */
  add(call: string, collection: unknown, handler: unknown, options?: unknown): () => Promise<void> {
    const settings = checkTrigger(call, collection, handler, options)
    if (this.runners.has(settings.name)) {
      throw invalidArgument(
        call,
        `a trigger named '${settings.name}' is already registered: give each trigger on a collection its own option 'name'`,
      )
    }
    const runner = new TriggerRunner(settings)
    this.runners.set(settings.name, runner)
    if (this.host) runner.start(this.host)
    return async () => {
      if (this.runners.get(settings.name) !== runner) return
      this.runners.delete(settings.name)
      await runner.stop()
    }
  }

  /** Starts every registered trigger. */
  start(server: TriggerServer): void {
    const { core, ...rest } = server
    const metal = (projectId: string): Metal => {
      let client = this.clients.get(projectId)
      if (!client) {
        client = new Metal({
          projectId,
          backend: localBackend(core, { privileged: true }),
          auth: { persistence: false },
          watchBrowserNetwork: false,
          sync: { storage: false },
        })
        this.clients.set(projectId, client)
      }
      return client
    }
    const host = { ...rest, metal }
    this.host = host
    for (const runner of this.runners.values()) runner.start(host)
  }

  /**
   * Stops every trigger: each finishes the attempt it is running and gives up its lease; then
   * the handlers' clients close.
   */
  async stop(): Promise<void> {
    this.host = undefined
    await Promise.all([...this.runners.values()].map((r) => r.stop()))
    for (const client of this.clients.values()) client.close()
    this.clients.clear()
  }
}

/** Runs one trigger: takes the lease, reads the log after its position, runs the handler. */
class TriggerRunner {
  private readonly owner = newId()
  /** True once the trigger's row is known to exist. */
  private known = false
  /** The entry of the position last stored, and when. */
  private savedSeq = 0
  private savedAt = 0
  private running: Promise<void> | undefined
  private stopped = true
  private wake: (() => void) | undefined
  /** Elected: the lease is ours (renewed a third of the way through). */
  private leased = false
  private renewedAt = 0
  private seq = 0
  private item = WHOLE

  constructor(private readonly settings: ReturnType<typeof checkTrigger>) {}

  start(host: TriggerHost): void {
    if (!this.stopped) return
    this.stopped = false
    this.running = this.loop(host)
  }

  async stop(): Promise<void> {
    this.stopped = true
    this.wake?.()
    await this.running
    this.running = undefined
  }

  private async loop(host: TriggerHost): Promise<void> {
    const { name } = this.settings
    while (!this.stopped) {
      let delay = this.leased ? LOOK_EVERY_MS : CLAIM_EVERY_MS
      try {
        if (!this.leased) await this.claim(host)
        if (this.leased) {
          await this.renew(host)
          if (this.leased && (await this.runBatch(host))) delay = 0
        }
      } catch (error) {
        // The database failed: look again later (the position is where it was).
        host.log.warn('trigger could not read the change log', { trigger: name, error })
        this.leased = false
        delay = CLAIM_EVERY_MS
      }
      if (delay > 0) await this.sleep(delay)
    }
    if (this.leased) {
      this.leased = false
      await host.db
        .query(
          `update metal_triggers set owner = null, lease_until = to_timestamp(0), seq = $3, item = $4
            where name = $1 and owner = $2`,
          [name, this.owner, this.seq, this.item],
        )
        .catch(() => {})
    }
  }

  /** Takes the lease when it is free or has run out; reads the position. */
  private async claim(host: TriggerHost): Promise<void> {
    const { name, collection } = this.settings
    // A new trigger starts after everything committed so far.
    if (!this.known) {
      await host.db.query(
        `insert into metal_triggers (name, collection, seq, item, owner, lease_until)
       values ($1, $2, $3, $4, null, to_timestamp(0)) on conflict (name) do nothing`,
        [name, collection, host.position(), WHOLE],
      )
      this.known = true
    }
    const [row] = await host.db.query<{ seq: number | string; item: number; floor: string }>(
      `update metal_triggers
          set owner = $2, lease_until = clock_timestamp() + make_interval(secs => $3::float8 / 1000)
        where name = $1 and (owner = $2 or owner is null or lease_until < clock_timestamp())
        returning seq, item, (select value from metal_meta where key = 'log_floor') as floor`,
      [name, this.owner, LEASE_MS],
    )
    if (!row) return
    this.leased = true
    this.renewedAt = Date.now()
    this.seq = this.savedSeq = Number(row.seq)
    this.item = Number(row.item)
    host.log.info('trigger elected', { trigger: name, position: this.seq })
    if (this.seq < Number(row.floor)) {
      host.log.error('trigger missed changes: the change log was pruned past its position', {
        trigger: name,
        position: this.seq,
        floor: Number(row.floor),
      })
    }
  }

  /** Extends the lease when a third of it has passed; notices when it was taken over. */
  private async renew(host: TriggerHost): Promise<void> {
    if (Date.now() - this.renewedAt < LEASE_MS / 3) return
    const rows = await host.db.query(
      `update metal_triggers
          set lease_until = clock_timestamp() + make_interval(secs => $3::float8 / 1000)
        where name = $1 and owner = $2 returning 1`,
      [this.settings.name, this.owner, LEASE_MS],
    )
    if (rows.length === 0) this.lost(host)
    else this.renewedAt = Date.now()
  }

  private lost(host: TriggerHost): void {
    if (!this.leased) return
    this.leased = false
    host.log.warn('trigger lost its lease to another process', { trigger: this.settings.name })
  }

  /** Runs the handler for the entries after the position that the feed has settled. */
  private async runBatch(host: TriggerHost): Promise<boolean> {
    const top = host.position()
    const from = this.item === WHOLE ? this.seq + 1 : this.seq
    if (from > top) return false
    const entries = await host.db.query<Entry>(
      `select seq, project, changes from metal_changes
        where seq >= $1 and seq <= $2 and jsonb_array_length(changes) > 0
        order by seq limit $3`,
      [from, top, BATCH],
    )
    for (const entry of entries) {
      const seq = Number(entry.seq)
      for (let i = 0; i < entry.changes.length; i++) {
        const change = entry.changes[i]!
        if (change.c !== this.settings.collection) continue
        if (seq === this.seq && i <= this.item) continue
        if (this.stopped) return false
        if (!(await this.runChange(host, entry.project, change))) return false // stopping
        if (!(await this.save(host, seq, i))) return false
      }
      this.seq = seq
      this.item = WHOLE
    }
    // Entries of other collections move the position in memory; it is stored now and then (and
    // when the runner stops): reading them again after a crash runs nothing.
    this.seq = entries.length === BATCH ? Number(entries[entries.length - 1]!.seq) : top
    this.item = WHOLE
    if (this.seq !== this.savedSeq && Date.now() - this.savedAt >= SAVE_EVERY_MS) {
      if (!(await this.save(host, this.seq, WHOLE))) return false
    }
    return entries.length === BATCH
  }

  /** Records the position, under the lease; false when the lease was lost. */
  private async save(host: TriggerHost, seq: number, item: number): Promise<boolean> {
    const rows = await host.db.query(
      `update metal_triggers set seq = $3, item = $4 where name = $1 and owner = $2 returning 1`,
      [this.settings.name, this.owner, seq, item],
    )
    if (rows.length === 0) {
      this.lost(host)
      return false
    }
    this.seq = this.savedSeq = seq
    this.item = item
    this.savedAt = Date.now()
    return true
  }

  /**
   * Runs the handler on one change with retries; true when the change is done (it succeeded,
   * or its last attempt failed), false when the runner stopped before it was done.
   */
  private async runChange(
    host: TriggerHost,
    projectId: string,
    change: Entry['changes'][number],
  ): Promise<boolean> {
    const { name, handler, maxAttempts, backoffMs, collection } = this.settings
    const where = { trigger: name, project: projectId, collection, id: change.i }
    for (let attempt = 1; ; attempt++) {
      // A long handler keeps the lease: another process must not take the change over.
      const keep = setInterval(() => void this.renew(host).catch(() => {}), LEASE_MS / 3)
      try {
        await handler({
          projectId,
          collection,
          id: change.i,
          before: change.b?.data ?? null,
          after: change.a?.data ?? null,
          metal: host.metal(projectId),
        })
        host.metrics.triggerRun('ok')
        return true
      } catch (error) {
        if (attempt >= maxAttempts) {
          host.metrics.triggerRun('gave-up')
          host.log.error('trigger gave up on a change', { ...where, attempts: attempt, error })
          return true
        }
        host.metrics.triggerRun('failed')
        host.log.warn('trigger failed; retrying', { ...where, attempt, error })
      } finally {
        clearInterval(keep)
      }
      await this.sleep(Math.min(MAX_BACKOFF_MS, backoffMs * 2 ** (attempt - 1)))
      if (this.stopped) return false
      await this.renew(host)
      if (!this.leased) return false
    }
  }

  /** Waits `ms`, or less when the runner stops. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms)
      function done() {
        clearTimeout(timer)
        resolve()
      }
      this.wake = done
    })
  }
}
