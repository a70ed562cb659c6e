import { MetalError, invalidArgument, describe } from '../../errors.js'
import { TargetRouter } from '../../engine/router.js'
import { LiveView, runQuery } from '../../engine/liveView.js'
import { compileQuery, type QuerySpec } from '../../engine/querySpec.js'
import { applyWrite, checkPrecondition, type StoredDoc, type Write } from '../../engine/write.js'
import { MAX_DOCUMENT_BYTES, documentSize, utf8Length } from '../../engine/values.js'
import { defaultVerifyToken, type Credential, type SessionData } from '../../protocol/session.js'
import { PresenceHub, type PresenceSink } from '../../server/presenceHub.js'
import { PresenceRelay, hasBroadcastChannel } from './presenceRelay.js'
import type {
  AccessRequest,
  AccessRules,
  Backend,
  BackendConnection,
  BackendPush,
  BackendRequest,
  BackendResponses,
  ConnectOptions,
  TargetChange,
  VersionCheck,
} from '../../protocol/backend.js'
import type { DocumentData } from '../../engine/types.js'

/** Options of the embedded memory backend. */
export interface MemoryBackendOptions {
  /**
   * Clock used for `serverTimestamp()` and update times, in epoch ms.
   * @default Date.now
   */
  now?: () => number
  /**
   * How long a transaction may hold the project's transaction lock before it is rolled back.
   * @default 30000
   */
  transactionTimeoutMs?: number
  /**
   * Verifies a credential and returns the session; throw `MetalError('unauthenticated')` to
   * refuse. The default accepts custom tokens (metadata as claims) and decodes JWTs without
   * checking signatures, refusing expired ones: fine for development, not for production.
   */
  verifyToken?: (credential: Credential, now: number) => SessionData | Promise<SessionData>
  /**
   * Access rules checked on every read, write and presence room, with the connection's session.
   * Live queries are re-checked when the session changes.
   * @default everything is allowed
   */
  rules?: AccessRules
  /**
   * A presence connection not heard from for this long is removed (its member leaves).
   * @default 30000
   */
  presenceTimeoutMs?: number
  /**
   * BroadcastChannel name used to share presence with other tabs of the origin; `false` turns it
   * off. Projects get their own channel under this name.
   * @default 'metal-presence' in browsers, off elsewhere
   */
  presenceChannel?: string | false
}

/** How many applied mutation ids a project remembers to make resends idempotent. */
const DEDUPE_WINDOW = 10_000

// ─── Live-query routing ─────────────────────────────────────────────────────────────────────────

class Target {
  readonly view: LiveView<StoredDoc>
  constructor(
    readonly connection: MemoryConnection,
    readonly targetId: number,
    readonly query: QuerySpec,
  ) {
    this.view = new LiveView(compileQuery(query))
  }
}

// ─── Projects ───────────────────────────────────────────────────────────────────────────────────

interface Collection {
  docs: Map<string, StoredDoc>
  router: TargetRouter<Target>
}

interface Transaction {
  id: string
  connection: MemoryConnection
  timer: unknown
}

class Project {
  readonly collections = new Map<string, Collection>()
  /** Responses of recently applied mutations, by mutation id. */
  readonly applied = new Map<string, BackendResponses['commit']>()
  hub: PresenceHub | undefined
  relay: PresenceRelay | undefined
  version = 0
  lock: Transaction | null = null
  readonly waiting: (() => void)[] = []

  collection(name: string): Collection {
    let c = this.collections.get(name)
    if (!c)
      this.collections.set(name, (c = { docs: new Map(), router: new TargetRouter<Target>() }))
    return c
  }

  release(tx: Transaction): void {
    if (this.lock !== tx) return
    clearTimeout(tx.timer)
    this.lock = null
    this.waiting.shift()?.()
  }
}

let txCounter = 0

/**
 * Rejects a write whose resulting document is over the size limit: merges, updates and array
 * transforms grow stored documents in ways the client cannot size.
 */
function checkSize(write: Write, data: DocumentData): void {
  const bytes = documentSize(data) + utf8Length(write.collection) + utf8Length(write.id)
  if (bytes > MAX_DOCUMENT_BYTES) {
    throw invalidArgument(
      `${write.op}()`,
      `document '${write.collection}/${write.id}' would be ${bytes} bytes; the limit is ${MAX_DOCUMENT_BYTES} bytes (1 MiB)`,
    )
  }
}

/**
 * The embedded backend: documents, live queries and transactions in this process. One instance
 * can serve several `Metal` clients (each its own connection), which is how tests and demos model
 * several users. Projects are isolated from each other.
 */
export class MemoryBackend implements Backend {
  private readonly projects = new Map<string, Project>()
  private readonly now: () => number
  private readonly transactionTimeoutMs: number
  private readonly verifyToken: NonNullable<MemoryBackendOptions['verifyToken']>
  private readonly rules: AccessRules | undefined
  private readonly presenceTimeoutMs: number
  private readonly presenceChannel: string | false
  private sweeper: unknown
  private connectionCounter = 0

  constructor(options: MemoryBackendOptions = {}) {
    if (typeof options !== 'object' || options === null) {
      throw invalidArgument('memory()', `options must be an object, got ${describe(options)}`)
    }
    if (options.now !== undefined && typeof options.now !== 'function') {
      throw invalidArgument(
        'memory()',
        `option 'now' must be a function, got ${describe(options.now)}`,
      )
    }
    const timeout = options.transactionTimeoutMs ?? 30_000
    if (typeof timeout !== 'number' || !(timeout > 0)) {
      throw invalidArgument(
        'memory()',
        `option 'transactionTimeoutMs' must be a positive number, got ${describe(timeout)}`,
      )
    }
    for (const key of ['verifyToken', 'rules'] as const) {
      if (options[key] !== undefined && typeof options[key] !== 'function') {
        throw invalidArgument(
          'memory()',
          `option '${key}' must be a function, got ${describe(options[key])}`,
        )
      }
    }
    const presenceTimeout = options.presenceTimeoutMs ?? 30_000
    if (typeof presenceTimeout !== 'number' || !(presenceTimeout > 0)) {
      throw invalidArgument(
        'memory()',
        `option 'presenceTimeoutMs' must be a positive number, got ${describe(presenceTimeout)}`,
      )
    }
    const channel = options.presenceChannel
    if (
      channel !== undefined &&
      channel !== false &&
      (typeof channel !== 'string' || channel === '')
    ) {
      throw invalidArgument(
        'memory()',
        `option 'presenceChannel' must be a non-empty string or false, got ${describe(channel)}`,
      )
    }
    this.now = options.now ?? Date.now
    this.transactionTimeoutMs = timeout
    this.verifyToken = options.verifyToken ?? defaultVerifyToken
    this.rules = options.rules
    this.presenceTimeoutMs = presenceTimeout
    const isBrowser = typeof (globalThis as { document?: unknown }).document === 'object'
    this.presenceChannel =
      channel ?? (isBrowser && hasBroadcastChannel() ? 'metal-presence' : false)
  }

  /** Stops the backend's timers and its tab channel (tests, hot reload). */
  close(): void {
    clearInterval(this.sweeper)
    this.sweeper = undefined
    for (const p of this.projects.values()) p.relay?.close()
  }

  /** @internal The presence hub of a project, started on first use. */
  hub(project: Project, projectId: string): PresenceHub {
    if (!project.hub) {
      project.hub = new PresenceHub(this.presenceTimeoutMs)
      if (this.presenceChannel && hasBroadcastChannel()) {
        project.relay = new PresenceRelay(
          `${this.presenceChannel}:${projectId}`,
          () => project.hub as PresenceHub,
          projectId,
          this.now,
        )
      }
    }
    if (!this.sweeper) {
      this.sweeper = setInterval(
        () => {
          for (const p of this.projects.values()) p.hub?.sweep(this.now())
        },
        Math.max(10, this.presenceTimeoutMs / 4),
      )
      ;(this.sweeper as { unref?: () => void }).unref?.()
    }
    return project.hub
  }

  /** @internal Throws `permission-denied` unless the rules allow the request. */
  check(conn: MemoryConnection, request: Omit<AccessRequest, 'session'>): void {
    if (!this.rules) return
    const session = conn.currentSession(this.now())
    let allowed = false
    try {
      allowed = this.rules({ ...request, session }) === true
    } catch {
      allowed = false
    }
    if (!allowed) {
      const what =
        request.id !== undefined
          ? `'${request.collection}/${request.id}'`
          : `'${request.collection}'`
      throw new MetalError(
        'permission-denied',
        `${request.op} of ${what} is not allowed${session ? ` for user '${session.userId}'` : ' without signing in'}`,
      )
    }
  }

  /** @internal Re-checks a connection's live queries and presence after its session changed. */
  reauthorise(conn: MemoryConnection, project: Project): void {
    if (!this.rules) return
    const allowed = (room: string): boolean => {
      try {
        this.check(conn, { op: 'presence', collection: room })
        return true
      } catch {
        return false
      }
    }
    for (const { room } of project.hub?.stateOf(conn.key) ?? []) {
      if (allowed(room)) continue
      project.hub?.untrack(conn.key, room)
      project.relay?.untrack(conn.key, room)
    }
    for (const room of [...conn.presenceRooms]) {
      if (allowed(room)) continue
      conn.presenceRooms.delete(room)
      project.hub?.unsubscribe(room, conn.presenceSink)
    }
    for (const [targetId, target] of [...conn.targets]) {
      try {
        this.check(conn, { op: 'read', collection: target.query.collection })
      } catch (error) {
        project.collections.get(target.query.collection)?.router.remove(target)
        conn.targets.delete(targetId)
        const e = error as MetalError
        conn.push({ type: 'targetError', targetId, code: e.code, message: e.message })
      }
    }
  }

  /** Opens a connection for one client. */
  connect(options: ConnectOptions): BackendConnection {
    let project = this.projects.get(options.projectId)
    if (!project) this.projects.set(options.projectId, (project = new Project()))
    return new MemoryConnection(
      this,
      project,
      options.projectId,
      `local:${++this.connectionCounter}`,
      options.onPush,
    )
  }

  /** Number of documents stored in a project's collection (for tests and tools). */
  count(projectId: string, collection: string): number {
    return this.projects.get(projectId)?.collections.get(collection)?.docs.size ?? 0
  }

  /** Number of live queries open on a project's collection. */
  listenerCount(projectId: string, collection: string): number {
    return this.projects.get(projectId)?.collections.get(collection)?.router.size ?? 0
  }

  /** @internal Serves one request; `reply` must be called before any push the request causes. */
  handle(
    conn: MemoryConnection,
    project: Project,
    msg: BackendRequest,
    reply: (response: unknown) => void,
    fail: (error: unknown) => void,
  ): void {
    switch (msg.type) {
      case 'get':
        this.check(conn, { op: 'read', collection: msg.collection, id: msg.id })
        reply({ doc: project.collections.get(msg.collection)?.docs.get(msg.id) ?? null })
        return
      case 'query': {
        this.check(conn, { op: 'read', collection: msg.query.collection })
        const docs = project.collections.get(msg.query.collection)?.docs.values() ?? []
        reply({ docs: runQuery(compileQuery(msg.query), docs) })
        return
      }
      case 'commit': {
        const done = msg.mutationId !== undefined ? project.applied.get(msg.mutationId) : undefined
        if (done) {
          reply({ ...done, targets: [] }) // a resend: already applied, apply nothing again
          return
        }
        this.commit(conn, project, msg.writes, msg.checks ?? [], msg.txId, (response) => {
          if (msg.mutationId !== undefined) {
            project.applied.set(msg.mutationId, response)
            if (project.applied.size > DEDUPE_WINDOW)
              project.applied.delete(project.applied.keys().next().value as string)
          }
          reply(response)
        })
        return
      }
      case 'authenticate': {
        const accept = (session: SessionData): void => {
          if (conn.closed) return
          conn.session = session
          reply({ session })
          this.reauthorise(conn, project)
        }
        const refuse = (error: unknown): void =>
          fail(
            MetalError.is(error)
              ? error
              : new MetalError(
                  'unauthenticated',
                  `authenticate(): ${String((error as Error)?.message ?? error)}`,
                ),
          )
        let result: SessionData | Promise<SessionData>
        try {
          result = this.verifyToken(msg.credential, this.now())
        } catch (error) {
          refuse(error)
          return
        }
        if (!(result instanceof Promise)) {
          accept(result)
          return
        }
        // An asynchronous check: later requests on this connection wait for it, so they are
        // judged under the session it produces (a reconnect sends authenticate, then listens).
        conn.gate = result.then(accept, refuse).finally(() => (conn.gate = null))
        return
      }
      case 'signOut':
        conn.session = null
        reply({ ok: true })
        this.reauthorise(conn, project)
        return
      case 'presenceSubscribe': {
        this.check(conn, { op: 'presence', collection: msg.room })
        conn.presenceRooms.add(msg.room)
        reply({ members: this.hub(project, conn.projectId).subscribe(msg.room, conn.presenceSink) })
        return
      }
      case 'presenceUnsubscribe':
        conn.presenceRooms.delete(msg.room)
        project.hub?.unsubscribe(msg.room, conn.presenceSink)
        reply({ ok: true })
        return
      case 'presenceTrack':
        this.check(conn, { op: 'presence', collection: msg.room })
        reply({ ok: true })
        this.hub(project, conn.projectId).track(conn.key, msg.room, msg.diff, this.now())
        project.relay?.track(conn.key, msg.room, msg.diff)
        return
      case 'presenceUntrack':
        reply({ ok: true })
        project.hub?.untrack(conn.key, msg.room)
        project.relay?.untrack(conn.key, msg.room)
        return
      case 'presenceHeartbeat':
        reply({ ok: true })
        project.hub?.heartbeat(conn.key, this.now())
        project.relay?.heartbeat(conn.key)
        return
      case 'listen': {
        if (conn.targets.has(msg.targetId)) {
          throw invalidArgument(
            'listen',
            `target ${msg.targetId} is already open on this connection`,
          )
        }
        this.check(conn, { op: 'read', collection: msg.query.collection })
        const target = new Target(conn, msg.targetId, msg.query)
        const coll = project.collection(msg.query.collection)
        target.view.reset(coll.docs.values())
        coll.router.add(target)
        conn.targets.set(msg.targetId, target)
        reply({ ok: true })
        conn.push({
          type: 'target',
          targetId: msg.targetId,
          upserts: target.view.window(),
          removes: [],
          initial: true,
        })
        return
      }
      case 'unlisten': {
        const target = conn.targets.get(msg.targetId)
        if (target) {
          project.collections.get(target.query.collection)?.router.remove(target)
          conn.targets.delete(msg.targetId)
        }
        reply({ ok: true })
        return
      }
      case 'beginTransaction': {
        const tx: Transaction = { id: `tx${++txCounter}`, connection: conn, timer: undefined }
        const acquire = (): void => {
          if (conn.closed) {
            project.waiting.shift()?.()
            return
          }
          project.lock = tx
          conn.transactions.add(tx)
          tx.timer = setTimeout(() => project.release(tx), this.transactionTimeoutMs)
          reply({ txId: tx.id })
        }
        if (project.lock) project.waiting.push(acquire)
        else acquire()
        return
      }
      case 'rollback': {
        for (const tx of conn.transactions) {
          if (tx.id === msg.txId) {
            conn.transactions.delete(tx)
            project.release(tx)
          }
        }
        reply({ ok: true })
        return
      }
      default:
        throw invalidArgument(
          'request',
          `unknown message type ${describe((msg as { type?: unknown }).type)}`,
        )
    }
  }

  private commit(
    conn: MemoryConnection,
    project: Project,
    writes: readonly Write[],
    checks: readonly VersionCheck[],
    txId: string | undefined,
    reply: (response: BackendResponses['commit']) => void,
  ): void {
    let tx: Transaction | undefined
    if (txId !== undefined) {
      tx = [...conn.transactions].find((t) => t.id === txId)
      if (!tx || project.lock !== tx) {
        throw new MetalError('aborted', `commit(): transaction ${txId} expired or was rolled back`)
      }
    }
    try {
      for (const c of checks) {
        const current = project.collections.get(c.collection)?.docs.get(c.id)
        if ((current?.version ?? 0) !== c.version) {
          throw new MetalError(
            'aborted',
            `transaction: '${c.collection}/${c.id}' changed since it was read`,
          )
        }
      }
      // Work out every result first, so a failing write leaves nothing applied.
      const time = this.now()
      const version = project.version + 1
      const staged = new Map<
        string,
        { collection: string; id: string; before: StoredDoc | undefined; after: StoredDoc | null }
      >()
      const results: (StoredDoc | null)[] = []
      for (const w of writes) {
        const key = `${w.collection}\u0000${w.id}`
        const seen = staged.get(key)
        const current = seen
          ? (seen.after ?? undefined)
          : project.collections.get(w.collection)?.docs.get(w.id)
        checkPrecondition(w, current)
        const data = applyWrite(w, current?.data, time)
        if (data) checkSize(w, data)
        this.check(conn, { op: 'write', collection: w.collection, id: w.id, data })
        const after: StoredDoc | null = data
          ? Object.freeze({ id: w.id, data, version, updateTime: time })
          : null
        staged.set(key, {
          collection: w.collection,
          id: w.id,
          before: seen ? seen.before : current,
          after,
        })
        results.push(after)
      }
      project.version = version
      const changed = new Map<Target, Map<string, StoredDoc | null>>()
      for (const { collection, id, before, after } of staged.values()) {
        const coll = project.collection(collection)
        if (after) coll.docs.set(id, after)
        else coll.docs.delete(id)
        for (const target of coll.router.candidates(id, before?.data, after?.data)) {
          const changes = target.view.apply(id, after)
          if (changes.length === 0) continue
          let net = changed.get(target)
          if (!net) changed.set(target, (net = new Map()))
          for (const ch of changes) net.set(ch.entry.id, ch.type === 'removed' ? null : ch.entry)
        }
      }
      const own: TargetChange[] = []
      const others: [Target, TargetChange][] = []
      for (const [target, net] of changed) {
        const change: TargetChange = { targetId: target.targetId, upserts: [], removes: [] }
        for (const [id, doc] of net) {
          if (doc) change.upserts.push(doc)
          else change.removes.push(id)
        }
        if (target.connection === conn) own.push(change)
        else others.push([target, change])
      }
      reply({ version, time, docs: results, targets: own })
      for (const [target, change] of others) target.connection.push({ type: 'target', ...change })
    } finally {
      if (tx) {
        conn.transactions.delete(tx)
        project.release(tx)
      }
    }
  }

  /** @internal */
  disconnect(conn: MemoryConnection, project: Project): void {
    for (const target of conn.targets.values())
      project.collections.get(target.query.collection)?.router.remove(target)
    conn.targets.clear()
    for (const tx of conn.transactions) project.release(tx)
    conn.transactions.clear()
    for (const room of conn.presenceRooms) project.hub?.unsubscribe(room, conn.presenceSink)
    conn.presenceRooms.clear()
    for (const s of project.hub?.stateOf(conn.key) ?? []) project.relay?.untrack(conn.key, s.room)
    project.hub?.disconnect(conn.key)
  }
}

/** One client's connection to a {@link MemoryBackend}: an ordered, asynchronous mailbox. */
class MemoryConnection implements BackendConnection {
  readonly targets = new Map<number, Target>()
  readonly transactions = new Set<Transaction>()
  readonly presenceRooms = new Set<string>()
  session: SessionData | null = null
  /** Set while an asynchronous authenticate runs: requests after it wait. */
  gate: Promise<void> | null = null
  closed = false
  readonly presenceSink: PresenceSink = (room, event, member) => {
    if (this.presenceRooms.has(room)) this.push({ type: 'presence', room, event, member })
  }
  /** Rejecters of requests whose reply has not been delivered, with their message type. */
  private readonly inflight = new Map<(error: unknown) => void, string>()
  private outbox: (() => void)[] = []
  private scheduled = false

  constructor(
    private readonly backend: MemoryBackend,
    private readonly project: Project,
    readonly projectId: string,
    /** Unique key of this connection in presence rooms. */ readonly key: string,
    private readonly onPush: (message: BackendPush) => void,
  ) {}

  /** The session, unless it has expired. */
  currentSession(now: number): SessionData | null {
    const s = this.session
    if (s && s.expiresAt !== null && s.expiresAt <= now) this.session = null
    return this.session
  }

  request<T extends BackendRequest>(message: T): Promise<BackendResponses[T['type']]> {
    return new Promise((resolve, reject) => {
      if (this.closed) {
        reject(new MetalError('unavailable', `${message.type}: the connection is closed`))
        return
      }
      const fail = (error: unknown): void => {
        this.inflight.delete(fail)
        reject(error)
      }
      this.inflight.set(fail, message.type)
      const run = (): void => {
        // Closed before the backend got to it: close() has rejected it, and it must not run
        // (a listen would otherwise stay registered for a connection that is gone).
        if (this.closed) return
        if (this.gate) {
          void this.gate.then(run)
          return
        }
        let replied = false
        try {
          this.backend.handle(
            this,
            this.project,
            message,
            (response) => {
              replied = true
              this.deliver(() => {
                this.inflight.delete(fail)
                resolve(response as BackendResponses[T['type']])
              })
            },
            (error) => this.deliver(() => fail(error)),
          )
        } catch (error) {
          if (replied) throw error
          this.deliver(() => fail(error))
        }
      }
      queueMicrotask(run)
    })
  }

  push(message: BackendPush): void {
    this.deliver(() => this.onPush(message))
  }

  /** Ends the connection; requests still waiting for a reply reject with `unavailable`. */
  close(): void {
    if (this.closed) return
    this.closed = true
    this.backend.disconnect(this, this.project)
    for (const [fail, type] of [...this.inflight]) {
      fail(
        new MetalError('unavailable', `${type}: the connection closed before the backend replied`),
      )
    }
  }

  private deliver(fn: () => void): void {
    if (this.closed) return
    this.outbox.push(fn)
    if (this.scheduled) return
    this.scheduled = true
    queueMicrotask(() => {
      const batch = this.outbox
      this.outbox = []
      this.scheduled = false
      for (const f of batch) {
        try {
          f()
        } catch (error) {
          queueMicrotask(() => {
            throw error
          })
        }
      }
    })
  }
}

/** Creates an embedded memory backend, to share between several `Metal` clients. */
export function memory(options?: MemoryBackendOptions): MemoryBackend {
  return new MemoryBackend(options)
}
