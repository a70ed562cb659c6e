import { describe, invalidArgument } from '../errors.js'
import { checkPresenceMetadata } from './presenceChecks.js'

/** What a backend says about a verified credential: plain data, safe to send and store. */
export interface SessionData {
  /** The signed-in user. */
  readonly userId: string
  /** The main role, if any. */
  readonly role: string | null
  /** Every role (includes `role`). */
  readonly roles: readonly string[]
  /** When the session ends, in epoch ms (null: no expiry). */
  readonly expiresAt: number | null
  /** Every claim of the credential (JWT payload, or custom metadata). */
  readonly claims: Readonly<Record<string, unknown>>
}

/** A signed-in session. */
export interface Session extends SessionData {
  /** True when the session has role `role`. */
  hasRole(role: string): boolean
}

/** A credential to sign in with. */
export type Credential =
  | {
      type: 'custom'
      /** An opaque token the backend's `verifyToken` checks. */
      token: string
      /** Claims: `userId`, `role`, `roles`, `expiresAt` (epoch ms) and anything else. */
      metadata?: Record<string, unknown>
    }
  | {
      type: 'jwt'
      /** A compact JWT (`header.payload.signature`); verified by the backend. */
      token: string
    }

/** Turns session data into a {@link Session}. */
export function toSession(data: SessionData): Session {
  const roles = new Set(data.roles)
  return Object.freeze({
    ...data,
    roles: Object.freeze([...data.roles]),
    hasRole: (r: string) => roles.has(r),
  })
}

/** Checks the shape of a credential, naming the bad field. */
export function checkCredential(call: string, credential: unknown): Credential {
  if (typeof credential !== 'object' || credential === null) {
    throw invalidArgument(call, `credential must be an object, got ${describe(credential)}`)
  }
  const c = credential as Record<string, unknown>
  if (c.type !== 'custom' && c.type !== 'jwt') {
    throw invalidArgument(
      call,
      `credential 'type' must be 'custom' or 'jwt', got ${describe(c.type)}`,
    )
  }
  if (typeof c.token !== 'string' || c.token === '') {
    throw invalidArgument(
      call,
      `credential 'token' must be a non-empty string, got ${describe(c.token)}`,
    )
  }
  if (
    c.type === 'custom' &&
    c.metadata !== undefined &&
    (typeof c.metadata !== 'object' || c.metadata === null)
  ) {
    throw invalidArgument(
      call,
      `credential 'metadata' must be an object, got ${describe(c.metadata)}`,
    )
  }
  // Custom metadata is checked as the server will (depth, size, names), before it is kept.
  if (c.type === 'custom' && typeof c.metadata === 'object' && !Array.isArray(c.metadata)) {
    checkPresenceMetadata(call, c.metadata)
  }
  if (c.type === 'jwt' && c.token.split('.').length !== 3) {
    throw invalidArgument(
      call,
      `credential 'token' is not a compact JWT (header.payload.signature)`,
    )
  }
  return credential as Credential
}
