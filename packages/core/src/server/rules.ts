import { MetalError } from '../errors.js'
import type { DocumentData } from '../engine/types.js'
import type { SessionData } from '../protocol/session.js'
import type { BackendPush } from '../protocol/backend.js'

/** What an access rule is asked: may this session do `op` on this collection (or document)? */
export interface AccessRequest {
  /** `read` (get, query, listen, aggregate), `write` (each write of a commit) or `presence` (a room). */
  op: 'read' | 'write' | 'presence'
  /** The collection path, or the room name for `presence`. */
  collection: string
  /** The document id, when one document is concerned. */
  id?: string
  /** For writes: the document as the write would leave it (null: deleted). */
  data?: DocumentData | null
  /** The connection's session, or null when signed out. */
  session: SessionData | null
}

/** Decides access; return false to refuse with `permission-denied`. */
export type AccessRules = (request: AccessRequest) => boolean

/**
 * Throws `permission-denied` unless `rules` allow the request. A rule that throws refuses: a
 * broken rule must never open access.
 */
export function checkAccess(
  rules: AccessRules | undefined,
  session: SessionData | null,
  request: Omit<AccessRequest, 'session'>,
): void {
  if (!rules) return
  let allowed = false
  try {
    allowed = rules({ ...request, session }) === true
  } catch {
    allowed = false
  }
  if (allowed) return
  const what =
    request.id !== undefined ? `'${request.collection}/${request.id}'` : `'${request.collection}'`
  throw new MetalError(
    'permission-denied',
    `${request.op} of ${what} is not allowed${session ? ` for user '${session.userId}'` : ' without signing in'}`,
  )
}

/** True when `rules` allow the request (no rules: everything is allowed). */
export function isAllowed(
  rules: AccessRules | undefined,
  session: SessionData | null,
  request: Omit<AccessRequest, 'session'>,
): boolean {
  try {
    checkAccess(rules, session, request)
    return true
  } catch {
    return false
  }
}

/** A listened target: anything reading one collection. */
export interface Revocable {
  readonly query: { readonly collection: string }
}

/**
 * Ends each of a connection's `targets` (live queries or live aggregates, by target id) that
 * `session` may no longer read: `remove` unroutes it and a `targetError` is pushed.
 */
export function revokeUnreadable<T extends Revocable>(
  rules: AccessRules | undefined,
  session: SessionData | null,
  targets: Map<number, T>,
  remove: (target: T) => void,
  push: (message: BackendPush) => void,
): void {
  for (const [targetId, target] of [...targets]) {
    try {
      checkAccess(rules, session, { op: 'read', collection: target.query.collection })
    } catch (error) {
      remove(target)
      targets.delete(targetId)
      const e = error as MetalError
      push({ type: 'targetError', targetId, code: e.code, message: e.message })
    }
  }
}
