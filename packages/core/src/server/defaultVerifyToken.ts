import { MetalError } from '../errors.js'
import { decodeJwt } from '../protocol/jwt.js'
import type { Credential, SessionData } from '../protocol/session.js'

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
