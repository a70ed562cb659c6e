import { describe, invalidArgument } from '../errors.js'
import type { Credential, SessionData } from '../protocol/session.js'
import type { PresenceDiff } from '../protocol/presence.js'
import type { AccessRules } from './rules.js'
import type { PresenceHub } from './presenceHub.js'
import type { ServerStorage } from './storage.js'

/** Shares one project's presence with other processes or tabs (optional). */
export interface PresenceRelayLike {
  track(connection: string, room: string, diff: PresenceDiff): void
  untrack(connection: string, room: string): void
  heartbeat(connection: string): void
  close(): void
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
   * How long a transaction may hold the project's transaction lock before it is rolled back.
   * @default 30000
   */
  transactionTimeoutMs?: number
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
  for (const key of ['verifyToken', 'rules'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'function') {
      throw invalidArgument(
        call,
        `option '${key}' must be a function, got ${describe(options[key])}`,
      )
    }
  }
  for (const key of ['presenceTimeoutMs', 'transactionTimeoutMs'] as const) {
    const v = options[key]
    if (v !== undefined && (typeof v !== 'number' || !(v > 0))) {
      throw invalidArgument(call, `option '${key}' must be a positive number, got ${describe(v)}`)
    }
  }
}
