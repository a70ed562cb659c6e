import { MetalError } from '@metal/core'
import { invalidArgument } from '@metal/core/engine'

// What a database failure means to a client. Both drivers pass every error through here, so
// a lost database reads `unavailable` (the client retries; nothing was half-written: the
// transaction rolled back) and text PostgreSQL cannot store reads `invalid-argument`, instead
// of both becoming `internal`.

/** Node socket errors of a connection that cannot be made or was cut. */
const NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
])

/**
 * SQLSTATEs of a database that is gone or not taking work: connection exceptions (08…), an
 * operator or crash shutdown, a server starting up, too many connections, a read-only replica.
 */
const UNAVAILABLE_STATES = /^(08...|57P0[1-4]|53300|25006)$/

/** What pg says when its socket ends under a query or a pool cannot connect in time. */
const LOST =
  /Connection terminated|connection error|not queryable|Connection ended|timeout exceeded when trying to connect|Client was closed/i

/**
 * The MetalError for an error thrown by a database driver: `unavailable` when the database is
 * unreachable, `invalid-argument` for a value PostgreSQL cannot store (U+0000, an unpaired
 * surrogate), otherwise the error itself (a MetalError passes through; others are internal).
 */
export function databaseError(error: unknown): unknown {
  if (MetalError.is(error) || typeof error !== 'object' || error === null) return error
  const { code, message } = error as { code?: unknown; message?: unknown }
  const text = typeof message === 'string' ? message : ''
  if (typeof code === 'string' && (NETWORK.has(code) || UNAVAILABLE_STATES.test(code))) {
    return new MetalError('unavailable', `the database is unavailable (${code}: ${text})`)
  }
  if (LOST.test(text)) return new MetalError('unavailable', `the database is unavailable (${text})`)
  // 22P05: a \u0000 escape in JSON; 22021: U+0000 in text; 22P02 on JSON: an unpaired surrogate.
  if (code === '22P05' || code === '22021' || (code === '22P02' && /type jsonb?\b/.test(text))) {
    return invalidArgument(
      'value',
      `a string or field name holds U+0000 or an unpaired surrogate, which cannot be stored (${text})`,
    )
  }
  return error
}
