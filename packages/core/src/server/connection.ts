import type { BackendPush } from '../protocol/backend.js'
import type { PresenceSink } from './presenceHub.js'
import type { SessionData } from '../protocol/session.js'
import type { LiveTarget } from './liveTargets.js'
import type { AggregateTarget } from './aggregates.js'
import { OpenTransactions } from './transactions.js'
import type { RuleJudge } from './rules.js'
import type { VerifyToken } from './options.js'

/**
 * What the server logic keeps of one client connection, whatever carries it (an in-process
 * mailbox, a WebSocket): its session, live queries, transactions and presence rooms.
 */
export class ServerConnection {
  /** Live queries by the client's target id. */
  readonly targets = new Map<number, LiveTarget<ServerConnection>>()
  /** Live aggregates by the client's target id (one id space with `targets`). */
  readonly aggregates = new Map<number, AggregateTarget<ServerConnection>>()
  /** Open transactions. */
  readonly transactions = new OpenTransactions()
  /** Presence rooms this connection receives events from. */
  readonly presenceRooms = new Set<string>()
  /** The verified session, or null when signed out. */
  session: SessionData | null = null
  /** Set while an asynchronous authenticate runs: later requests on this connection wait. */
  gate: Promise<void> | null = null
  /** @internal The connection's last request in line: requests run in order. */
  tail: Promise<void> = Promise.resolve()
  /** True once closed: nothing more is pushed or served. */
  closed = false
  /** Rules judging this connection's requests (from its policy, else the server's); none: all allowed. */
  judge: RuleJudge | undefined = undefined
  /** Verifies this connection's credentials (from its policy, else the server's). */
  verifyToken: VerifyToken | undefined = undefined
  /** True for trusted callers (service keys, triggers): rules do not apply. */
  privileged = false
  /** @internal Ends the session when it expires. */
  expiry: ReturnType<typeof setTimeout> | undefined = undefined
  /** Receives presence events of subscribed rooms. */
  readonly presenceSink: PresenceSink = (notice) => {
    if (this.presenceRooms.has(notice.room)) this.push({ type: 'presence', ...notice })
  }

  constructor(
    /** The project the connection belongs to. */
    readonly projectId: string,
    /** Unique key of the connection (presence rooms, logs). */
    readonly key: string,
    /** Delivers a push to the client, in order. */
    readonly push: (message: BackendPush) => void,
  ) {}

  /** The session, unless it has expired. */
  currentSession(now: number): SessionData | null {
    const s = this.session
    if (s && s.expiresAt !== null && s.expiresAt <= now) this.session = null
    return this.session
  }
}
