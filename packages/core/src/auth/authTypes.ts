import type { KeyValueStorage } from '../client/storage.js'
import type { Credential, Session } from '../protocol/session.js'

/** `'unknown'` while a stored session is being restored, then `'signed-in'` or `'signed-out'`. */
export type AuthStatus = 'unknown' | 'signed-in' | 'signed-out'

/** Why the auth state changed. */
export type AuthChangeReason =
  'initial' | 'restored' | 'signed-in' | 'refreshed' | 'expired' | 'signed-out'

/** Receives the session and status at once, then on every change. */
export type AuthListener = (
  session: Session | null,
  status: AuthStatus,
  reason: AuthChangeReason,
) => void

/** Options of `metal.auth()` (given as `new Metal({ auth })`). */
export interface AuthOptions {
  /**
   * Where the session's credential is kept across reloads; `false` keeps it in memory only.
   * @default localStorage in browsers, memory elsewhere
   */
  persistence?: KeyValueStorage | false
  /** Storage key. @default 'metal:auth:<projectId>' */
  storageKey?: string
  /**
   * Called shortly before the session expires; returns a fresh credential. At most one call runs
   * at a time. When it fails (or the backend refuses its credential) it is called again after
   * 1 s, 2 s, 4 s… (at most 30 s; the first wait is a quarter of the margin when that is
   * shorter) until the session expires. Without it, or when it keeps failing, the session ends
   * at `expiresAt`.
   */
  refresh?: (session: Session) => Promise<Credential>
  /**
   * How long before `expiresAt` to call `refresh`, in ms. A session whose lifetime (what is
   * left of it when it arrives) is shorter than twice this is refreshed half-way through
   * instead, and never sooner than 100 ms after it arrived.
   * @default 60000
   */
  refreshMarginMs?: number
}
