import { isTransient, MetalError } from '../errors.js'
import {
  checkCredential,
  toSession,
  type Credential,
  type Session,
  type SessionData,
} from '../protocol/session.js'
import type { KeyValueStorage } from '../client/storage.js'
import type { Requester } from '../protocol/backend.js'
import type { AuthChangeReason, AuthOptions, AuthStatus } from './authTypes.js'

const MAX_TIMER = 2 ** 31 - 1
const DEFAULT_REFRESH_MARGIN = 60_000
/** A refresh never runs sooner than this after a session arrives or a refresh fails. */
const MIN_REFRESH_DELAY = 100
/** The first retry after a failed refresh waits at most this long (less for short margins). */
const MAX_FIRST_BACKOFF = 1_000
/** Retries of a failing refresh wait at most this long. */
const MAX_REFRESH_BACKOFF = 30_000

/** A delay setTimeout accepts: non-negative and within its 32-bit range. */
const timerDelay = (ms: number): number => Math.min(MAX_TIMER, Math.max(0, ms))

/** What the engine needs from the {@link Auth} handle that loaded it. */
export interface AuthHost {
  readonly request: Requester
  readonly storage: KeyValueStorage | null
  readonly storageKey: string
  readonly options: AuthOptions
  /** The session as listeners last heard it. */
  readonly state: { session: Session | null; status: AuthStatus }
  /** Changes the session and tells the listeners. */
  set(session: Session | null, status: AuthStatus, reason: AuthChangeReason): void
}

/**
 * The working part of {@link Auth}, loaded when a session is made or restored: presenting
 * credentials, persisting them, refreshing before expiry, ending expired sessions, and
 * presenting the credential again after a reconnect.
 */
export class AuthEngine {
  /** The credential the session was made from. */
  credential: Credential | null = null
  private refreshTimer: unknown
  private expiryTimer: unknown
  /** True while a refresh runs: at most one does. */
  private refreshing = false
  /** Failed refreshes of the current session in a row. */
  private failures = 0
  /** The refresh margin used for the current session, in ms. */
  private margin = 0
  /** Bumped by every sign-in or sign-out, so a slower earlier one cannot land after it. */
  private generation = 0

  constructor(private readonly host: AuthHost) {}

  /** Signs in with `credential`; see `Auth.authenticate`. */
  async authenticate(credential: Credential): Promise<Session> {
    const checked = checkCredential('authenticate()', credential)
    if (!(await this.signIn(checked, ++this.generation)))
      throw new MetalError('aborted', 'authenticate(): superseded by a later sign-in or sign-out')
    return this.host.state.session as Session
  }

  /**
   * Presents `credential` and makes its session the current one — unless a sign-in, sign-out or
   * expiry came after `generation` (then it returns false).
   */
  private async signIn(credential: Credential, generation: number): Promise<boolean> {
    const { session: data } = await this.host.request({ type: 'authenticate', credential })
    if (generation !== this.generation) return false
    const { state } = this.host
    const wasSignedIn = state.status === 'signed-in' && state.session?.userId === data.userId
    this.credential = credential
    await this.persist(credential, data)
    this.set(toSession(data), 'signed-in', wasSignedIn ? 'refreshed' : 'signed-in')
    return true
  }

  /** Signs out; see `Auth.signOut`. */
  async signOut(): Promise<void> {
    this.generation++
    this.credential = null
    await this.persist(null)
    await this.host.request({ type: 'signOut' }).catch(() => {})
    this.set(null, 'signed-out', 'signed-out')
  }

  /** Stops timers. */
  dispose(): void {
    clearTimeout(this.refreshTimer)
    clearTimeout(this.expiryTimer)
  }

  private set(session: Session | null, status: AuthStatus, reason: AuthChangeReason): void {
    this.host.set(session, status, reason)
    this.schedule()
  }

  /**
   * Called whenever a new session arrives (or none): the session ends at `expiresAt` unless a
   * refresh replaces it first. The refresh margin adapts to the session's lifetime — what is
   * left of it when it arrives — so a session shorter than twice `refreshMarginMs` is refreshed
   * half-way through, never in a loop.
   */
  private schedule(): void {
    clearTimeout(this.refreshTimer)
    clearTimeout(this.expiryTimer)
    this.failures = 0
    const session = this.host.state.session
    if (!session || session.expiresAt === null) return
    const lifetime = session.expiresAt - Date.now()
    this.expiryTimer = setTimeout(() => this.expire(session), timerDelay(lifetime))
    const { refresh, refreshMarginMs = DEFAULT_REFRESH_MARGIN } = this.host.options
    if (!refresh || lifetime <= 0) return
    this.margin = Math.min(refreshMarginMs, lifetime / 2)
    this.refreshIn(Math.max(MIN_REFRESH_DELAY, lifetime - this.margin))
  }

  /** Refreshes the current session in `delay` ms, unless it will have expired by then. */
  private refreshIn(delay: number): void {
    clearTimeout(this.refreshTimer)
    if (Date.now() + delay < (this.host.state.session?.expiresAt ?? 0))
      this.refreshTimer = setTimeout(() => void this.refresh(), timerDelay(delay))
  }

  /**
   * Asks the app's `refresh` for a fresh credential and signs in with it. At most one runs at a
   * time; a failure tries again after a delay that doubles per failure (from a quarter of the
   * margin, at most 1 s, up to 30 s), for as long as the session lasts.
   */
  private async refresh(): Promise<void> {
    const session = this.host.state.session
    const refresh = this.host.options.refresh
    if (this.refreshing || !session || !refresh) return
    this.refreshing = true
    // A sign-in, sign-out or expiry meanwhile bumps the generation: this refresh then lands nowhere.
    // A refresh does not bump it, so it never aborts the app's own sign-in.
    const generation = this.generation
    try {
      const credential = await refresh(session)
      // Signed out meanwhile: the backend must not see this credential (it checks its shape).
      if (generation === this.generation) await this.signIn(credential, generation)
    } catch {
      if (generation !== this.generation) return
      this.failures++
      const base = Math.max(MIN_REFRESH_DELAY, Math.min(MAX_FIRST_BACKOFF, this.margin / 4))
      this.refreshIn(Math.min(MAX_REFRESH_BACKOFF, base * 2 ** (this.failures - 1)))
    } finally {
      this.refreshing = false
    }
  }

  private expire(session: Session): void {
    if (this.host.state.session !== session) return
    this.generation++
    this.credential = null
    void this.persist(null)
    // The backend ends the session on its side at the same moment (its live queries end with
    // `unauthenticated`); a signOut sent now would race it and end them as refused instead.
    this.set(null, 'signed-out', 'expired')
  }

  private async persist(credential: Credential | null, session?: SessionData): Promise<void> {
    const { storage, storageKey } = this.host
    if (!storage) return
    try {
      if (credential) await storage.setItem(storageKey, JSON.stringify({ credential, session }))
      else await storage.removeItem(storageKey)
    } catch (error) {
      console.warn('Metal: could not persist the auth session:', error)
    }
  }

  /**
   * After a reconnect: presents the credential again. A refusal ends the session; a network
   * failure leaves it for the next reconnect.
   */
  resume(): void {
    const credential = this.credential
    const session = this.host.state.session
    if (!credential || !session) return
    const generation = this.generation
    this.host.request({ type: 'authenticate', credential }).then(
      ({ session: data }) => {
        if (generation !== this.generation || this.host.state.session !== session) return
        this.host.state.session = toSession(data)
        this.schedule()
      },
      (error: unknown) => {
        if (generation !== this.generation || isTransient(error)) return
        if (MetalError.is(error, 'unauthenticated')) this.expire(session)
      },
    )
  }

  /** Restores the session stored as `text` (read by the handle, possibly still pending). */
  async restore(text: unknown): Promise<void> {
    const generation = this.generation
    let stored: { credential: Credential; session?: SessionData } | null = null
    try {
      const value = await text
      const parsed =
        typeof value === 'string'
          ? (JSON.parse(value) as { credential?: unknown; session?: SessionData })
          : null
      stored = parsed
        ? { credential: checkCredential('restore', parsed.credential), session: parsed.session }
        : null
    } catch {
      stored = null
    }
    if (generation !== this.generation) return // an explicit sign-in or sign-out came first
    if (!stored) {
      this.set(null, 'signed-out', 'restored')
      return
    }
    try {
      const { session } = await this.host.request({
        type: 'authenticate',
        credential: stored.credential,
      })
      if (generation !== this.generation) return
      this.credential = stored.credential
      this.set(toSession(session), 'signed-in', 'restored')
    } catch (error) {
      if (generation !== this.generation) return
      const cached = stored.session
      if (
        isTransient(error) &&
        cached &&
        (cached.expiresAt === null || cached.expiresAt > Date.now())
      ) {
        // Offline start: trust the stored session until the backend can check it on reconnect.
        this.credential = stored.credential
        this.set(toSession(cached), 'signed-in', 'restored')
        return
      }
      await this.persist(null)
      this.set(null, 'signed-out', 'restored')
    }
  }
}
