import { MetalError } from '../errors.js'
import type { QuerySpec } from '../engine/querySpec.js'
import type { StoredDoc } from '../engine/write.js'
import type { TargetChange } from '../protocol/backend.js'
import type { SessionData } from '../protocol/session.js'
import { listAsk, type Access } from './access.js'
import type { LiveAggregates } from './aggregates.js'
import type { ServerConnection } from './connection.js'
import type { LiveTargets } from './liveTargets.js'
import type { ServerObserver } from './options.js'
import { denial } from './rules.js'
import type { ServerPresence } from './serverPresence.js'
import type { FeedEntry } from './storage.js'

/** Longest timer Node and browsers take (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1

/**
 * Keeps what connections receive within what their rules and sessions allow: checks every
 * routed change against its receiver's rules, ends live targets that lose access, re-checks
 * them when a session changes and ends them when it expires, and caps targets per connection.
 */
export class TargetGuard {
  constructor(
    private readonly live: LiveTargets<ServerConnection>,
    private readonly aggregates: () => LiveAggregates<ServerConnection> | undefined,
    private readonly presence: ServerPresence,
    private readonly access: Access,
    private readonly now: () => number,
    private readonly observer: ServerObserver,
    private readonly maxTargets: number,
  ) {}

  /**
   * Routes committed changes to live queries and aggregates, each checked against its owner's
   * rules: one that may not read a document entering it ends with `permission-denied`. Returns
   * the committer's own changes and a `push` that sends the rest (`time`: when the commit was
   * applied, for the fan-out latency).
   */
  route(
    projectId: string,
    changes: FeedEntry['changes'],
    committer: ServerConnection | undefined,
    entry?: FeedEntry,
  ): { own: TargetChange[]; push: (time: number, resume?: string) => void } {
    const admit = (target: { owner: ServerConnection; query: QuerySpec }, doc: StoredDoc) =>
      this.access.readable(target.owner, target.query, [doc])
    const { own, others, denied } = this.live.route(projectId, changes, committer, entry, admit)
    const aggregates = this.aggregates()?.route(projectId, changes, entry, admit)
    const push = (time: number, resume?: string): void => {
      let deliveries = 0
      for (const { owner, change } of others) {
        owner.push(
          resume === undefined
            ? { type: 'target', ...change }
            : { type: 'target', ...change, resume },
        )
        deliveries++
      }
      // Clients hold no optimistic aggregates: the committer's own come as pushes too.
      for (const { owner, message } of aggregates?.routed ?? []) {
        owner.push(message)
        deliveries++
      }
      for (const target of denied)
        this.endTarget(target.owner, target.targetId, 'permission-denied')
      for (const target of aggregates?.denied ?? []) {
        this.endTarget(target.owner, target.targetId, 'permission-denied')
      }
      if (deliveries > 0) this.observer.fanout?.(Math.max(0, this.now() - time), deliveries)
    }
    return { own, push }
  }

  /**
   * Ends one live query or live aggregate of a connection with an error push: `permission-denied`
   * when its rules refuse it, `unauthenticated` when its session expired.
   */
  endTarget(
    conn: ServerConnection,
    targetId: number,
    code: 'permission-denied' | 'unauthenticated',
    message?: string,
  ): void {
    const target = conn.targets.get(targetId)
    const aggregate = conn.aggregates.get(targetId)
    if (!target && !aggregate) return
    let text = message
    if (target) {
      this.live.remove(conn.projectId, target)
      conn.targets.delete(targetId)
      text ??= denial(this.access.request(conn, { op: 'list', ...listAsk(target.query) })).message
    }
    if (aggregate) {
      this.aggregates()?.remove(conn.projectId, aggregate)
      conn.aggregates.delete(targetId)
      text ??= denial(
        this.access.request(conn, { op: 'list', ...listAsk(aggregate.query) }),
      ).message
    }
    conn.push({ type: 'targetError', targetId, code, message: text as string })
  }

  /** Refuses another live target when the connection holds its maximum. */
  checkTargetCount(conn: ServerConnection): void {
    if (conn.targets.size + conn.aggregates.size < this.maxTargets) return
    throw new MetalError(
      'resource-exhausted',
      `listen: this connection already has ${this.maxTargets} live queries and aggregates open (the limit)`,
    )
  }

  /**
   * The connection's session changed (signed in, refreshed, signed out): re-checks its live
   * queries, live aggregates and presence, and arms the end of the new session.
   */
  sessionChanged(conn: ServerConnection, session: SessionData | null): void {
    clearTimeout(conn.expiry)
    conn.expiry = undefined
    if (session?.expiresAt != null) this.armExpiry(conn, session)
    this.reauthorise(conn)
  }

  private armExpiry(conn: ServerConnection, session: SessionData): void {
    const left = (session.expiresAt as number) - this.now()
    conn.expiry = setTimeout(
      () => {
        if (conn.closed || conn.session !== session) return
        if ((session.expiresAt as number) > this.now()) return this.armExpiry(conn, session)
        // Expired without a refresh: the session ends, and with it what it was allowed.
        conn.session = null
        const message = `the session of user '${session.userId}' expired; sign in again`
        for (const id of [...conn.targets.keys(), ...conn.aggregates.keys()]) {
          this.endTarget(conn, id, 'unauthenticated', message)
        }
        this.presence.revoke(conn, () => false)
      },
      Math.min(Math.max(left, 0) + 1, MAX_TIMER_MS),
    )
    const timer = conn.expiry as { unref?: () => void }
    timer.unref?.()
  }

  /** Re-checks a connection's live queries, aggregates and presence under its current session. */
  private reauthorise(conn: ServerConnection): void {
    if (conn.privileged || !conn.judge) return
    this.presence.revoke(conn, (room) =>
      this.access.allows(conn, { op: 'presence', collection: room, room }),
    )
    for (const [id, target] of [...conn.targets]) {
      if (
        !this.access.queryAllowed(conn, target.query) ||
        !this.access.readable(conn, target.query, target.view.window())
      ) {
        this.endTarget(conn, id, 'permission-denied')
      }
    }
    for (const [id, target] of [...conn.aggregates]) {
      if (!this.access.queryAllowed(conn, target.query))
        this.endTarget(conn, id, 'permission-denied')
    }
  }
}
