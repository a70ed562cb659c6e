import { describe, invalidArgument } from '../errors.js'
import { runQuery } from '../engine/liveView.js'
import { compileQuery, type QuerySpec } from '../engine/querySpec.js'
import type { StoredDoc } from '../engine/write.js'
import type { BackendRequest } from '../protocol/backend.js'
import { defaultVerifyToken } from './defaultVerifyToken.js'
import type { RuleJudge } from './rules.js'
import { Access } from './access.js'
import { TargetGuard } from './guard.js'
import { Commits } from './commits.js'
import {
  checkServerCoreOptions,
  type ConnectionPolicy,
  type PresenceRelayLike,
  type ServerCoreOptions,
  type ServerObserver,
  type VerifyToken,
} from './options.js'
import { LiveTarget, LiveTargets } from './liveTargets.js'
import type { LiveAggregates } from './aggregates.js'
import { ServerPresence } from './serverPresence.js'
import { JOINS, newProject, type ProjectState } from './project.js'
import { ServerConnection } from './connection.js'
import { authenticate } from './authenticate.js'
import type { ChangeFeed, ScanResult, ServerStorage } from './storage.js'
import { firstMessage } from './feed.js'

export { checkServerCoreOptions }
export type { PresenceRelayLike, ServerCoreOptions }

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
  private readonly verifyToken: VerifyToken
  private readonly judge: RuleJudge | undefined
  private readonly access: Access
  private readonly guard: TargetGuard
  private readonly observer: ServerObserver
  private readonly transactionTimeoutMs: number
  private readonly presence: ServerPresence
  private readonly projects = new Map<string, ProjectState>()
  private readonly live = new LiveTargets<ServerConnection>()
  /** Live aggregates, once the first aggregate request has loaded their code. */
  private aggregates: LiveAggregates<ServerConnection> | undefined
  private connections = 0
  /** The storage's change feed, when several processes share the storage. */
  private readonly feed: ChangeFeed | undefined
  private readonly commits: Commits

  constructor(options: ServerCoreOptions) {
    checkServerCoreOptions('ServerCore', options)
    this.storage = options.storage
    this.now = options.now ?? Date.now
    this.verifyToken = options.verifyToken ?? defaultVerifyToken
    const observer = options.observer ?? {}
    this.observer = observer
    this.access = new Access(this.now, observer)
    this.judge = options.rules ? this.access.compiled(options.rules) : undefined
    this.transactionTimeoutMs = options.transactionTimeoutMs ?? 30_000
    this.presence = new ServerPresence(
      options.presenceTimeoutMs ?? 30_000,
      this.now,
      options.presenceRelay,
    )
    this.guard = new TargetGuard(
      this.live,
      () => this.aggregates,
      this.presence,
      this.access,
      this.now,
      observer,
      options.maxTargetsPerConnection ?? 1000,
    )
    this.feed = options.storage.feed
    this.commits = new Commits(
      this.storage,
      this.feed,
      (id) => this.projects.get(id),
      this.access,
      this.guard,
      this.now,
      observer,
      options.feedWaitMs ?? 2000,
    )
    this.feed?.subscribe((entry) => this.commits.deliver(entry))
  }

  /**
   * Opens a connection's state; `push` delivers pushes to it in order. `policy` (decided by the
   * caller, e.g. from the API key) sets the connection's rules and token check, or makes it
   * privileged.
   */
  open(
    projectId: string,
    push: ServerConnection['push'],
    policy?: ConnectionPolicy,
  ): ServerConnection {
    const conn = new ServerConnection(projectId, `local:${++this.connections}`, push)
    conn.judge = policy?.rules ? this.access.compiled(policy.rules) : this.judge
    conn.verifyToken = policy?.verifyToken ?? this.verifyToken
    conn.privileged = policy?.privileged === true
    this.open_++
    return conn
  }

  /** Open connections, live queries and live aggregates, for metrics. */
  stats(): { connections: number; listens: number; aggregates: number } {
    return {
      connections: this.open_,
      listens: this.live.total(),
      aggregates: this.aggregates?.total() ?? 0,
    }
  }

  private open_ = 0

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
      if (this.feed && !JOINS.has(msg.type)) return this.dispatch(conn, msg, reply, fail)
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
    if (!conn.closed) this.open_--
    conn.closed = true
    clearTimeout(conn.expiry)
    const project = this.projects.get(conn.projectId)
    for (const target of conn.targets.values()) this.live.remove(conn.projectId, target)
    conn.targets.clear()
    this.aggregates?.unlistenAll(conn.projectId, conn.aggregates)
    conn.transactions.clear()
    if (!project) return
    this.presence.disconnect(conn)
  }

  private project(projectId: string): ProjectState {
    let p = this.projects.get(projectId)
    if (!p) {
      p = newProject(this.feed?.position ?? 0)
      this.projects.set(projectId, p)
    }
    return p
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
      case 'get': {
        const doc = await this.storage.get(projectId, msg.collection, msg.id)
        const { collection, id } = msg
        this.access.check(conn, { op: 'get', collection, id, doc: doc?.data ?? null })
        reply({ doc })
        return
      }
      case 'query': {
        this.access.checkQuery(conn, msg.query)
        const found = runQuery(
          compileQuery(msg.query),
          await this.storage.scan(projectId, msg.query),
        )
        this.access.checkResult(conn, msg.query, found)
        reply({ docs: found })
        return
      }
      case 'aggregate':
      case 'listenAggregate': {
        if (msg.type === 'listenAggregate') this.guard.checkTargetCount(conn)
        const checkRead = (query: QuerySpec, docs?: readonly StoredDoc[]) => {
          if (!docs) return this.access.checkQuery(conn, query)
          const { matches } = compileQuery({ ...query, limit: undefined, offset: undefined })
          this.access.checkResult(
            conn,
            query,
            docs.filter((d) => matches(d.id, d.data)),
          )
        }
        const scan = (query: QuerySpec) => this.scanFor(projectId, query)
        // Loaded on first use: a server whose clients never aggregate does not load it.
        const { LiveAggregates, serveAggregate } = await import('./aggregates.js')
        this.aggregates ??= new LiveAggregates<ServerConnection>()
        reply(await serveAggregate(this.aggregates, conn, msg, checkRead, scan))
        return
      }
      case 'commit':
        return this.commits.commit(conn, project, msg, reply)
      case 'authenticate':
        return authenticate(
          conn,
          msg.credential,
          conn.verifyToken ?? this.verifyToken,
          this.now(),
          fail,
          (session) => {
            reply({ session })
            this.guard.sessionChanged(conn, session)
          },
        )
      case 'signOut':
        conn.session = null
        reply({ ok: true })
        this.guard.sessionChanged(conn, null)
        return
      case 'presenceSubscribe':
        this.access.check(conn, { op: 'presence', collection: msg.room, room: msg.room })
        reply({ members: await this.presence.subscribe(conn, msg.room) })
        return
      case 'presenceUnsubscribe':
        this.presence.unsubscribe(conn, msg.room)
        reply({ ok: true })
        return
      case 'presenceTrack':
        this.access.check(conn, { op: 'presence', collection: msg.room, room: msg.room })
        await this.presence.track(conn, msg.room, msg.diff, (applies) =>
          reply(applies ? { ok: true } : { ok: true, resync: true }),
        )
        return
      case 'presenceBroadcast':
        this.access.check(conn, { op: 'presence', collection: msg.room, room: msg.room })
        reply(
          (await this.presence.broadcast(conn, msg.room, msg.event, msg.payload))
            ? { ok: true }
            : { ok: true, resync: true },
        )
        return
      case 'presenceUntrack':
        reply({ ok: true })
        this.presence.untrack(conn, msg.room)
        return
      case 'presenceHeartbeat':
        reply(this.presence.heartbeat(conn, msg.room) ? { ok: true } : { ok: true, resync: true })
        return
      case 'listen': {
        if (conn.targets.has(msg.targetId) || conn.aggregates.has(msg.targetId)) {
          throw invalidArgument(
            'listen',
            `target ${msg.targetId} is already open on this connection`,
          )
        }
        this.guard.checkTargetCount(conn)
        this.access.checkQuery(conn, msg.query)
        const target = new LiveTarget(conn, msg.targetId, msg.query)
        const { docs, seen } = await this.scanFor(projectId, msg.query)
        target.seen = seen
        const first = this.live.add(projectId, target, docs)
        try {
          this.access.checkResult(conn, msg.query, first)
        } catch (error) {
          this.live.remove(projectId, target)
          throw error
        }
        conn.targets.set(msg.targetId, target)
        const message = await firstMessage(
          this.feed,
          projectId,
          msg.targetId,
          msg.query,
          first,
          msg.resume,
          project.position,
        )
        reply({ ok: true })
        conn.push(message)
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
        // Optimistic: nothing is locked; the commit checks what the transaction read.
        reply({ txId: conn.transactions.begin(this.transactionTimeoutMs) })
        return
      case 'rollback':
        conn.transactions.end(msg.txId)
        reply({ ok: true })
        return
      default:
        throw invalidArgument(
          'request',
          `unknown message type ${describe((msg as { type?: unknown }).type)}`,
        )
    }
  }

  /** A scan, and (with a change feed) which entries it already reflects. */
  private async scanFor(projectId: string, query: QuerySpec): Promise<ScanResult> {
    if (this.storage.scanSnapshot) return this.storage.scanSnapshot(projectId, query)
    return { docs: await this.storage.scan(projectId, query) }
  }
}
