import { MetalError } from '../errors.js'
import type { Credential, SessionData } from '../protocol/session.js'
import type { ServerConnection } from './connection.js'
import type { ServerCoreOptions } from './options.js'

/**
 * Serves an `authenticate` request: verifies the credential and, once accepted, sets the
 * connection's session and calls `accepted` (which replies). A refusal is an `unauthenticated`
 * error (thrown when the check is synchronous, passed to `fail` when it is not).
 */
export function authenticate(
  conn: ServerConnection,
  credential: Credential,
  verifyToken: NonNullable<ServerCoreOptions['verifyToken']>,
  now: number,
  fail: (error: unknown) => void,
  accepted: (session: SessionData) => void,
): void {
  const accept = (session: SessionData): void => {
    if (conn.closed) return
    conn.session = session
    accepted(session)
  }
  const refusal = (error: unknown): MetalError =>
    MetalError.is(error)
      ? error
      : new MetalError(
          'unauthenticated',
          `authenticate(): ${String((error as Error)?.message ?? error)}`,
        )
  let result: SessionData | Promise<SessionData>
  try {
    result = verifyToken(credential, now)
  } catch (error) {
    throw refusal(error)
  }
  if (!(result instanceof Promise)) {
    accept(result)
    return
  }
  // An asynchronous check: later requests on this connection wait for it (not the project's
  // other connections), so they are judged under the session it produces.
  const gate: Promise<void> = result
    .then(accept, (error: unknown) => fail(refusal(error)))
    .finally(() => {
      if (conn.gate === gate) conn.gate = null
    })
  conn.gate = gate
}
