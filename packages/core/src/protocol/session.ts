import { describe, invalidArgument, MetalError } from '../errors.js'
import { decodeJwt } from './jwt.js'

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
  if (c.type === 'jwt' && c.token.split('.').length !== 3) {
    throw invalidArgument(
      call,
      `credential 'token' is not a compact JWT (header.payload.signature)`,
    )
  }
  return credential as Credential
}

function rolesOf(claims: Record<string, unknown>): { role: string | null; roles: string[] } {
  const role = typeof claims.role === 'string' ? claims.role : null
  const list = Array.isArray(claims.roles)
    ? claims.roles.filter((r): r is string => typeof r === 'string')
    : []
  if (role && !list.includes(role)) list.unshift(role)
  return { role: role ?? list[0] ?? null, roles: list }
}

/**
 * The embedded backend's default token check: custom tokens are accepted with their metadata as
 * claims; JWTs are decoded (not signature-checked) and rejected when expired. Throws
 * `unauthenticated`.
 */
export function defaultVerifyToken(credential: Credential, now: number): SessionData {
  if (credential.type === 'custom') {
    const claims = credential.metadata ?? {}
    const userId =
      typeof claims.userId === 'string' && claims.userId !== '' ? claims.userId : credential.token
    const expiresAt = typeof claims.expiresAt === 'number' ? claims.expiresAt : null
    if (expiresAt !== null && expiresAt <= now)
      throw new MetalError('unauthenticated', 'authenticate(): the token has expired')
    return { userId, ...rolesOf(claims), expiresAt, claims }
  }
  const claims = decodeJwt(credential.token)
  const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : null
  if (exp !== null && exp <= now)
    throw new MetalError('unauthenticated', 'authenticate(): the JWT has expired')
  const userId = [claims.sub, claims.user_id, claims.userId].find(
    (v): v is string => typeof v === 'string' && v !== '',
  )
  if (!userId) throw new MetalError('unauthenticated', "authenticate(): the JWT has no 'sub' claim")
  return { userId, ...rolesOf(claims), expiresAt: exp, claims }
}
