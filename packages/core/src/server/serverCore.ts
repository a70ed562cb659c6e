import { MetalError, describe, invalidArgument } from '../errors.js'
import { runQuery } from '../engine/liveView.js'
import { compileQuery, type QuerySpec } from '../engine/querySpec.js'
import type { Credential, SessionData } from '../protocol/session.js'
import { defaultVerifyToken } from './defaultVerifyToken.js'
import type { BackendRequest, BackendResponses } from '../protocol/backend.js'
import { checkAccess, isAllowed, type AccessRequest, type AccessRules } from './rules.js'
import { revokeUnreadable, type Revocable } from './rules.js'
import {
  checkServerCoreOptions,
  type PresenceRelayLike,
  type ServerCoreOptions,
} from './options.js'
import { commitKeys, planCommit } from './commitPlan.js'
import { LiveTarget, LiveTargets } from './liveTargets.js'
import type { LiveAggregates } from './aggregates.js'
import { MutationLog } from './mutationLog.js'
import { ServerPresence } from './serverPresence.js'
import { TransactionLock } from './transactions.js'
import { ServerConnection } from './connection.js'
import type { ServerStorage } from './storage.js'

export { checkServerCoreOptions }
export type { PresenceRelayLike, ServerCoreOptions }

/** Per-project state of the server logic. */
interface ProjectState {
  readonly mutations: MutationLog<BackendResponses['commit']>
  readonly lock: TransactionLock
  /** Requests of the project run one at a time, in arrival order. */
  queue: Promise<void>
}

/**
 * What every Metal backend does, whatever stores the data: serves requests (reads, queries,
 * atomic commits with mutation-id dedupe, transactions, live queries, auth, presence), checks
 * access rules, and fans committed changes out to live queries. A backend supplies a
 * {@link ServerStorage} and carries messages; the embedded memory backend and @metal/server
 * both run this.
 */
export class ServerCore {
  private readonly storage: ServerStorage
  private readonly now: () => number
  private readonly verifyToken: NonNullable<ServerCoreOptions['verifyToken']>
  private readonly rules: AccessRules | undefined
  private readonly transactionTimeoutMs: number
  private readonly presence: ServerPresence
  private readonly projects = new Map<string, ProjectState>()
  private readonly live = new LiveTargets<ServerConnection>()
  /** Live aggregates, once the first aggregate request has loaded their code. */
  private aggregates: LiveAggregates<ServerConnection> | undefined
  private connections = 0

  constructor(options: ServerCoreOptions) {
    checkServerCoreOptions('ServerCore', options)
    this.storage = options.storage
    this.now = options.now ?? Date.now
    this.verifyToken = options.verifyToken ?? defaultVerifyToken
    this.rules = options.rules
    this.transactionTimeoutMs = options.transactionTimeoutMs ?? 30_000
    this.presence = new ServerPresence(
      options.presenceTimeoutMs ?? 30_000,
      this.now,
      options.presenceRelay,
    )
  }

  /** Opens a connection's state; `push` delivers pushes to it in order. */
  open(projectId: string, push: ServerConnection['push']): ServerConnection {
    return new ServerConnection(projectId, `local:${++this.connections}`, push)
  }

  /** Number of live queries open on a project's collection. */
  listenerCount(projectId: string, collection: string): number {
    return this.live.count(projectId, collection)
  }

  /** Number of live aggregates open on a project's collection. */
  aggregateListenerCount(projectId: string, collection: string): number {
    return this.aggregates?.count(projectId, collection) ?? 0
  }

  /** Stops timers and relays (tests, hot reload, shutdown). */
  close(): void {
    this.presence.close()
  }

  /**
   * Serves one request: exactly one of `reply` (with the response, before any push the request
   * causes) or `fail` (with the error) is called, unless the connection closes first. Requests
   * of a project run one at a time in arrival order, so a live query's first result and the
   * commits around it cannot interleave.
   */
  handle(
    conn: ServerConnection,
    msg: BackendRequest,
    reply: (response: unknown) => void,
    fail: (error: unknown) => void,
  ): Promise<void> {
    // A connection's requests run in order; one waits while an asynchronous authenticate before
    // it runs, so it is judged under the session that produces.
    const step = conn.tail.then(async () => {
      while (conn.gate) await conn.gate
      if (conn.closed) return
      const project = this.project(conn.projectId)
      const run = project.queue.then(() =>
        conn.closed ? undefined : this.dispatch(conn, msg, reply, fail),
      )
      project.queue = run.catch(() => {})
      return run
    })
    conn.tail = step.catch(() => {})
    return step.catch(fail)
  }

  /** Ends a connection: its live queries, transactions and presence go with it. */
  disconnect(conn: ServerConnection): void {
    conn.closed = true
    const project = this.projects.get(conn.projectId)
    for (const target of conn.targets.values()) this.live.remove(conn.projectId, target)
    conn.targets.clear()
    this.aggregates?.unlistenAll(conn.projectId, conn.aggregates)
    if (!project) return
    for (const tx of conn.transactions) project.lock.release(tx)
    conn.transactions.clear()
    this.presence.disconnect(conn)
  }

  private project(projectId: string): ProjectState {
    let p = this.projects.get(projectId)
    if (!p) {
      p = {
        mutations: new MutationLog(),
        lock: new TransactionLock(this.transactionTimeoutMs),
        queue: Promise.resolve(),
      }
      this.projects.set(projectId, p)
    }
    return p
  }

  private check(conn: ServerConnection, request: Omit<AccessRequest, 'session'>): void {
    checkAccess(this.rules, conn.currentSession(this.now()), request)
  }

  private async dispatch(
    conn: ServerConnection,
    msg: BackendRequest,
    reply: (response: unknown) => void,
    fail: (error: unknown) => void,
  ): Promise<void> {
    const project = this.project(conn.projectId)
    const projectId = conn.projectId
    switch (msg.type) {
      case 'get':
        this.check(conn, { op: 'read', collection: msg.collection, id: msg.id })
        reply({ doc: await this.storage.get(projectId, msg.collection, msg.id) })
        return
      case 'query': {
        this.check(conn, { op: 'read', collection: msg.query.collection })
        const docs = await this.storage.scan(projectId, msg.query)
        reply({ docs: runQuery(compileQuery(msg.query), docs) })
        return
      }
      case 'aggregate':
      case 'listenAggregate': {
        const checkRead = (collection: string) => this.check(conn, { op: 'read', collection })
        const scan = (query: QuerySpec) => this.storage.scan(projectId, query)
        // Loaded on first use: a server whose clients never aggregate does not load it.
        const { LiveAggregates, serveAggregate } = await import('./aggregates.js')
        this.aggregates ??= new LiveAggregates<ServerConnection>()
        reply(await serveAggregate(this.aggregates, conn, msg, checkRead, scan))
        return
      }
      case 'commit':
        return this.commit(conn, project, msg, reply)
      case 'authenticate':
        return this.authenticate(conn, msg.credential, reply, fail)
      case 'signOut':
        conn.session = null
        reply({ ok: true })
        this.reauthorise(conn)
        return
      case 'presenceSubscribe':
        this.check(conn, { op: 'presence', collection: msg.room })
        reply({ members: await this.presence.subscribe(conn, msg.room) })
        return
      case 'presenceUnsubscribe':
        this.presence.unsubscribe(conn, msg.room)
        reply({ ok: true })
        return
      case 'presenceTrack':
        this.check(conn, { op: 'presence', collection: msg.room })
        reply({ ok: true })
        await this.presence.track(conn, msg.room, msg.diff)
        return
      case 'presenceUntrack':
        reply({ ok: true })
        this.presence.untrack(conn, msg.room)
        return
      case 'presenceHeartbeat':
        reply({ ok: true })
        this.presence.heartbeat(conn)
        return
      case 'listen': {
        if (conn.targets.has(msg.targetId) || conn.aggregates.has(msg.targetId)) {
          throw invalidArgument(
            'listen',
            `target ${msg.targetId} is already open on this connection`,
          )
        }
        this.check(conn, { op: 'read', collection: msg.query.collection })
        const target = new LiveTarget(conn, msg.targetId, msg.query)
        const first = this.live.add(
          projectId,
          target,
          await this.storage.scan(projectId, msg.query),
        )
        conn.targets.set(msg.targetId, target)
        reply({ ok: true })
        conn.push({
          type: 'target',
          targetId: msg.targetId,
          upserts: first,
          removes: [],
          initial: true,
        })
        return
      }
      case 'unlisten': {
        const target = conn.targets.get(msg.targetId)
        if (target) {
          this.live.remove(projectId, target)
          conn.targets.delete(msg.targetId)
        }
        this.aggregates?.unlisten(projectId, conn.aggregates, msg.targetId)
        reply({ ok: true })
        return
      }
      case 'beginTransaction':
        project.lock.begin(
          conn,
          () => conn.closed,
          (tx) => {
            conn.transactions.add(tx)
            reply({ txId: tx.id })
          },
        )
        return
      case 'rollback':
        for (const tx of conn.transactions) {
          if (tx.id !== msg.txId) continue
          conn.transactions.delete(tx)
          project.lock.release(tx)
        }
        reply({ ok: true })
        return
      default:
        throw invalidArgument(
          'request',
          `unknown message type ${describe((msg as { type?: unknown }).type)}`,
        )
    }
  }

  private async commit(
    conn: ServerConnection,
    project: ProjectState,
    msg: Extract<BackendRequest, { type: 'commit' }>,
    reply: (response: BackendResponses['commit']) => void,
  ): Promise<void> {
    const done = msg.mutationId !== undefined ? project.mutations.get(msg.mutationId) : undefined
    if (done) {
      reply({ ...done, targets: [] }) // a resend: already applied, apply nothing again
      return
    }
    const tx =
      msg.txId !== undefined ? [...conn.transactions].find((t) => t.id === msg.txId) : undefined
    if (msg.txId !== undefined) project.lock.checkHeld(tx, msg.txId)
    try {
      const checks = msg.checks ?? []
      const time = this.now()
      let version = 0
      const plan = planCommit(msg.writes, checks, time, (w, data) =>
        this.check(conn, { op: 'write', collection: w.collection, id: w.id, data }),
      )
      const { docs, changes } = await this.storage.commit(
        conn.projectId,
        commitKeys(msg.writes, checks),
        (current, v) => {
          version = v
          const { changes, result } = plan(current, v)
          return { changes, result: { docs: result, changes } }
        },
      )
      const { own, others } = this.live.route(conn.projectId, changes, conn)
      const aggregates = this.aggregates?.route(conn.projectId, changes) ?? []
      const response = { version, time, docs, targets: own }
      if (msg.mutationId !== undefined) project.mutations.set(msg.mutationId, response)
      reply(response)
      for (const { owner, change } of others) owner.push({ type: 'target', ...change })
      // Clients hold no optimistic aggregates: the committer's own come as pushes too.
      for (const { owner, message } of aggregates) owner.push(message)
    } finally {
      if (tx) {
        conn.transactions.delete(tx)
        project.lock.release(tx)
      }
    }
  }

  private authenticate(
    conn: ServerConnection,
    credential: Credential,
    reply: (response: unknown) => void,
    fail: (error: unknown) => void,
  ): void {
    const accept = (session: SessionData): void => {
      if (conn.closed) return
      conn.session = session
      reply({ session })
      this.reauthorise(conn)
    }
    const refusal = (error: unknown): MetalError =>
      MetalError.is(error)
        ? error
        : new MetalError(
            'unauthenticated',
            `authenticate(): ${String((error as Error)?.message ?? error)}`,
          )
    let result: SessionData | Promise<SessionData>
    try {
      result = this.verifyToken(credential, this.now())
    } catch (error) {
      throw refusal(error)
    }
    if (!(result instanceof Promise)) {
      accept(result)
      return
    }
    // An asynchronous check: later requests on this connection wait for it (not the project's
    // other connections), so they are judged under the session it produces.
    const gate: Promise<void> = result
      .then(accept, (error: unknown) => fail(refusal(error)))
      .finally(() => {
        if (conn.gate === gate) conn.gate = null
      })
    conn.gate = gate
  }

  /** Re-checks a connection's live queries and presence after its session changed. */
  private reauthorise(conn: ServerConnection): void {
    if (!this.rules) return
    const session = conn.currentSession(this.now())
    this.presence.revoke(conn, (room) =>
      isAllowed(this.rules, session, { op: 'presence', collection: room }),
    )
    const revoke = <T extends Revocable>(targets: Map<number, T>, remove: (t: T) => void) =>
      revokeUnreadable(this.rules, session, targets, remove, conn.push)
    revoke(conn.targets, (t) => this.live.remove(conn.projectId, t))
    revoke(conn.aggregates, (t) => this.aggregates?.remove(conn.projectId, t))
  }
}
