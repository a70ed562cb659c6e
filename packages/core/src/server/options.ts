import { describe, invalidArgument } from '../errors.js'
import type { Credential, SessionData } from '../protocol/session.js'
import type { PresenceDiff, PresenceMessage } from '../protocol/presence.js'
import { compileRules, type RuleOp, type Rules } from './rules.js'
import type { PresenceHub } from './presenceHub.js'
import type { ServerStorage } from './storage.js'

/** Shares one project's presence with other processes or tabs (optional). */
export interface PresenceRelayLike {
  track(connection: string, room: string, diff: PresenceDiff): void
  untrack(connection: string, room: string): void
  heartbeat(connection: string): void
  /** Delivers a room's broadcast message to the connections of the other processes or tabs. */
  message?(room: string, message: PresenceMessage): void
  close(): void
}

/** Verifies a credential and returns its session; throw (or reject) to refuse. */
export type VerifyToken = (
  credential: Credential,
  now: number,
) => SessionData | Promise<SessionData>

/**
 * How one connection is judged, decided when it opens (by its API key, say): its rules and
 * token check replace the server's; a privileged connection (a service key, a trigger) is not
 * subject to rules at all.
 */
export interface ConnectionPolicy {
  /** Rules for this connection instead of the server's. */
  rules?: Rules
  /** Token check for this connection instead of the server's. */
  verifyToken?: VerifyToken
  /** Trusted caller: no rule applies (like Firebase Admin or Supabase's service role). */
  privileged?: boolean
}

/** Hears what the server logic does, for metrics. Each callback must be cheap and never throw. */
export interface ServerObserver {
  /** A commit was applied (`writes` writes). */
  commit?(projectId: string, writes: number): void
  /** A commit's changes reached its live queries `ms` after it was applied (`deliveries` pushes). */
  fanout?(ms: number, deliveries: number): void
  /** A request was refused by the rules. */
  denied?(op: RuleOp, projectId: string): void
}

/** Options of the shared server logic. */
export interface ServerCoreOptions {
  /** Where documents live. */
  storage: ServerStorage
  /**
   * Clock used for `serverTimestamp()`, update times and session expiry, in epoch ms.
   * @default Date.now
   */
  now?: () => number
  /**
   * Verifies a credential and returns the session; throw `MetalError('unauthenticated')` to
   * refuse. The default accepts custom tokens (metadata as claims) and decodes JWTs without
   * checking signatures, refusing expired ones: fine for development, not for production.
   */
  verifyToken?: VerifyToken
  /**
   * Access rules checked on every read, query result, live change, write and presence room, with
   * the connection's session; live queries are re-checked when the session changes. A query
   * that could return a document the session may not read is refused as a whole.
   * @default everything is allowed
   */
  rules?: Rules
  /**
   * Most live queries and live aggregates one connection may hold open; more fail with
   * `resource-exhausted`.
   * @default 1000
   */
  maxTargetsPerConnection?: number
  /** Hears commits, fan-out and refusals (metrics). */
  observer?: ServerObserver
  /**
   * A presence connection not heard from for this long is removed (its member leaves).
   * @default 30000
   */
  presenceTimeoutMs?: number
  /**
   * How long a transaction may stay open (from its start to its commit) before the server
   * forgets it: its commit then fails with `aborted`. Open transactions take no lock.
   * @default 30000
   */
  transactionTimeoutMs?: number
  /**
   * With a change feed, how long a commit's reply waits for the feed to deliver the commit (so
   * the reply carries its live queries' changes) before it is sent without them; they follow
   * as pushes. Bounds the wait when the feed cannot read (a database outage): the commit is
   * acknowledged and the connection's later requests are not held behind it.
   * @default 2000
   */
  feedWaitMs?: number
  /** Creates a relay that shares a project's presence beyond this server (tabs, processes). */
  presenceRelay?: (
    projectId: string,
    hub: PresenceHub,
  ) => PresenceRelayLike | undefined | Promise<PresenceRelayLike | undefined>
}

/** Validates the options every server logic user passes through; `call` names the entry point. */
export function checkServerCoreOptions(
  call: string,
  options: Omit<ServerCoreOptions, 'storage'>,
): void {
  if (options.now !== undefined && typeof options.now !== 'function') {
    throw invalidArgument(call, `option 'now' must be a function, got ${describe(options.now)}`)
  }
  if (options.rules !== undefined) compileRules(call, options.rules)
  if (
    options.observer !== undefined &&
    (typeof options.observer !== 'object' || options.observer === null)
  ) {
    throw invalidArgument(
      call,
      `option 'observer' must be an object, got ${describe(options.observer)}`,
    )
  }
  for (const key of ['verifyToken'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'function') {
      throw invalidArgument(
        call,
        `option '${key}' must be a function, got ${describe(options[key])}`,
      )
    }
  }
  for (const key of [
    'presenceTimeoutMs',
    'transactionTimeoutMs',
    'feedWaitMs',
    'maxTargetsPerConnection',
  ] as const) {
    const v = options[key]
    if (v !== undefined && (typeof v !== 'number' || !(v > 0))) {
      throw invalidArgument(call, `option '${key}' must be a positive number, got ${describe(v)}`)
    }
  }
}
