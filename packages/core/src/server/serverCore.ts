import { describe, invalidArgument } from '../errors.js'
import { runQuery } from '../engine/liveView.js'
import { compileQuery, type QuerySpec } from '../engine/querySpec.js'
import { defaultVerifyToken } from './defaultVerifyToken.js'
import type { BackendRequest, BackendResponses, TargetChange } from '../protocol/backend.js'
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
import { ServerPresence } from './serverPresence.js'
import { JOINS, newProject, type ProjectState } from './project.js'
import { ServerConnection } from './connection.js'
import { authenticate } from './authenticate.js'
import type { ChangeFeed, FeedEntry, ScanResult, ServerStorage } from './storage.js'
import { firstMessage, resumeToken } from './feed.js'

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
  private readonly verifyToken: NonNullable<ServerCoreOptions['verifyToken']>
  private readonly rules: AccessRules | undefined
  private readonly transactionTimeoutMs: number
  private readonly presence: ServerPresence
  private readonly projects = new Map<string, ProjectState>()
  private readonly live = new LiveTargets<ServerConnection>()
  /** Live aggregates, once the first aggregate request has loaded their code. */
  private aggregates: LiveAggregates<ServerConnection> | undefined
  private connections = 0
  /** The storage's change feed, when several processes share the storage. */
  private readonly feed: ChangeFeed | undefined
  /** Commits of this process waiting for their feed entry, by position: each sends its reply. */
  private readonly waiting = new Map<
    number,
    { conn: ServerConnection; send: (own: TargetChange[]) => void }
  >()

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
    this.feed = options.storage.feed
    this.feed?.subscribe((entry) => this.deliver(entry))
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
      p = newProject(this.transactionTimeoutMs, this.feed?.position ?? 0)
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
        const scan = (query: QuerySpec) => this.scanFor(projectId, query)
        // Loaded on first use: a server whose clients never aggregate does not load it.
        const { LiveAggregates, serveAggregate } = await import('./aggregates.js')
        this.aggregates ??= new LiveAggregates<ServerConnection>()
        reply(await serveAggregate(this.aggregates, conn, msg, checkRead, scan))
        return
      }
      case 'commit':
        return this.commit(conn, project, msg, reply)
      case 'authenticate':
        return authenticate(conn, msg.credential, this.verifyToken, this.now(), fail, (session) => {
          reply({ session })
          this.reauthorise(conn)
        })
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
        const { docs, seen } = await this.scanFor(projectId, msg.query)
        target.seen = seen
        const first = this.live.add(projectId, target, docs)
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
    let waitingAt: number | undefined
    try {
      const checks = msg.checks ?? []
      const time = this.now()
      type Committed = Omit<BackendResponses['commit'], 'targets'>
      const plan = planCommit(msg.writes, checks, time, (w, data) =>
        this.check(conn, { op: 'write', collection: w.collection, id: w.id, data }),
      )
      let sent: Promise<void> | undefined
      const outcome = await this.storage.commit<Committed>(
        conn.projectId,
        commitKeys(msg.writes, checks),
        (current, version) => {
          const { changes, result } = plan(current, version)
          const committed = { version, time, docs: result }
          if (this.feed && changes.length > 0) {
            // Routed when the feed delivers the commit, like every other process's commits;
            // the reply goes out then, before any later change reaches this connection.
            waitingAt = version
            sent = new Promise((resolve) => {
              const send = (own: TargetChange[]) => {
                this.remember(project, msg.mutationId, committed)
                reply({ ...committed, targets: own })
                resolve()
              }
              this.waiting.set(version, { conn, send })
            })
          }
          return { changes, result: committed }
        },
        msg.mutationId,
      )
      if (outcome.duplicate) {
        reply({ ...outcome.result, targets: [] })
        return
      }
      if (sent) {
        this.feed?.poke()
        await sent
        return
      }
      const { own, others } = this.live.route(conn.projectId, outcome.changes, conn)
      const aggregates = this.aggregates?.route(conn.projectId, outcome.changes) ?? []
      this.remember(project, msg.mutationId, outcome.result)
      reply({ ...outcome.result, targets: own })
      for (const { owner, change } of others) owner.push({ type: 'target', ...change })
      // Clients hold no optimistic aggregates: the committer's own come as pushes too.
      for (const { owner, message } of aggregates) owner.push(message)
    } catch (error) {
      if (waitingAt !== undefined) this.waiting.delete(waitingAt)
      throw error
    } finally {
      if (tx) {
        conn.transactions.delete(tx)
        project.lock.release(tx)
      }
    }
  }

  private remember(
    project: ProjectState,
    mutationId: string | undefined,
    committed: Omit<BackendResponses['commit'], 'targets'>,
  ): void {
    if (mutationId !== undefined) project.mutations.set(mutationId, { ...committed, targets: [] })
  }

  /** A scan, and (with a change feed) which entries it already reflects. */
  private async scanFor(projectId: string, query: QuerySpec): Promise<ScanResult> {
    if (this.storage.scanSnapshot) return this.storage.scanSnapshot(projectId, query)
    return { docs: await this.storage.scan(projectId, query) }
  }

  /**
   * Routes one entry of the change feed to the project's live queries and aggregates, in the
   * project's line so it cannot fall between a listen's scan and its registration. A commit of
   * this process gets its reply here, with its own queries' changes.
   */
  private deliver(entry: FeedEntry): void {
    const waiter = this.waiting.get(entry.position)
    this.waiting.delete(entry.position)
    const project = this.projects.get(entry.projectId)
    if (!project) return // nothing of the project is open in this process
    const feed = this.feed as ChangeFeed
    const run = project.queue.then(() => {
      project.position = entry.position
      const { own, others } = this.live.route(entry.projectId, entry.changes, waiter?.conn, entry)
      const aggregates = this.aggregates?.route(entry.projectId, entry.changes, entry) ?? []
      waiter?.send(own)
      const resume = resumeToken(feed, entry.position)
      for (const { owner, change } of others) owner.push({ type: 'target', ...change, resume })
      for (const { owner, message } of aggregates) owner.push(message)
    })
    project.queue = run.catch(() => {})
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
