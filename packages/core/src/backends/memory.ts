import { MetalError, invalidArgument, describe } from '../errors.js'
import { TargetRouter } from '../query/router.js'
import { LiveView, runQuery } from '../query/liveView.js'
import { compileQuery, type QuerySpec } from '../query/querySpec.js'
import { applyWrite, checkPrecondition, type StoredDoc, type Write } from '../write.js'
import { MAX_DOCUMENT_BYTES, documentSize, utf8Length } from '../values.js'
import type {
  Backend,
  BackendConnection,
  BackendPush,
  BackendRequest,
  BackendResponses,
  ConnectOptions,
  TargetChange,
  VersionCheck,
} from './backend.js'
import type { DocumentData } from '../types.js'

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
}

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
    this.now = options.now ?? Date.now
    this.transactionTimeoutMs = timeout
  }

  /** Opens a connection for one client. */
  connect(options: ConnectOptions): BackendConnection {
    let project = this.projects.get(options.projectId)
    if (!project) this.projects.set(options.projectId, (project = new Project()))
    return new MemoryConnection(this, project, options.onPush)
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
  ): void {
    switch (msg.type) {
      case 'get':
        reply({ doc: project.collections.get(msg.collection)?.docs.get(msg.id) ?? null })
        return
      case 'query': {
        const docs = project.collections.get(msg.query.collection)?.docs.values() ?? []
        reply({ docs: runQuery(compileQuery(msg.query), docs) })
        return
      }
      case 'commit':
        this.commit(conn, project, msg.writes, msg.checks ?? [], msg.txId, reply)
        return
      case 'listen': {
        if (conn.targets.has(msg.targetId)) {
          throw invalidArgument(
            'listen',
            `target ${msg.targetId} is already open on this connection`,
          )
        }
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
  }
}

/** One client's connection to a {@link MemoryBackend}: an ordered, asynchronous mailbox. */
class MemoryConnection implements BackendConnection {
  readonly targets = new Map<number, Target>()
  readonly transactions = new Set<Transaction>()
  closed = false
  /** Rejecters of requests whose reply has not been delivered, with their message type. */
  private readonly inflight = new Map<(error: unknown) => void, string>()
  private outbox: (() => void)[] = []
  private scheduled = false

  constructor(
    private readonly backend: MemoryBackend,
    private readonly project: Project,
    private readonly onPush: (message: BackendPush) => void,
  ) {}

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
      queueMicrotask(() => {
        // Closed before the backend got to it: close() has rejected it, and it must not run
        // (a listen would otherwise stay registered for a connection that is gone).
        if (this.closed) return
        let replied = false
        try {
          this.backend.handle(this, this.project, message, (response) => {
            replied = true
            this.deliver(() => {
              this.inflight.delete(fail)
              resolve(response as BackendResponses[T['type']])
            })
          })
        } catch (error) {
          if (replied) throw error
          this.deliver(() => fail(error))
        }
      })
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
