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
  private timer: unknown
  /** Bumped by every sign-in or sign-out, so a slower earlier one cannot land after it. */
  private generation = 0

  constructor(private readonly host: AuthHost) {}

  /** Signs in with `credential`; see `Auth.authenticate`. */
  async authenticate(credential: Credential): Promise<Session> {
    const checked = checkCredential('authenticate()', credential)
    const generation = ++this.generation
    const { session: data } = await this.host.request({ type: 'authenticate', credential: checked })
    if (generation !== this.generation)
      throw new MetalError('aborted', 'authenticate(): superseded by a later sign-in or sign-out')
    const { state } = this.host
    const wasSignedIn = state.status === 'signed-in' && state.session?.userId === data.userId
    this.credential = checked
    await this.persist(checked, data)
    this.set(toSession(data), 'signed-in', wasSignedIn ? 'refreshed' : 'signed-in')
    return this.host.state.session as Session
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
    clearTimeout(this.timer)
  }

  private set(session: Session | null, status: AuthStatus, reason: AuthChangeReason): void {
    this.host.set(session, status, reason)
    this.schedule()
  }

  private schedule(): void {
    clearTimeout(this.timer)
    const session = this.host.state.session
    if (!session || session.expiresAt === null) return
    const { refresh, refreshMarginMs = 60_000 } = this.host.options
    const refreshAt = session.expiresAt - refreshMarginMs
    const now = Date.now()
    if (refresh && session.expiresAt > now) {
      this.timer = setTimeout(
        () => void this.refresh(session),
        Math.min(MAX_TIMER, Math.max(0, refreshAt - now)),
      )
    } else {
      this.timer = setTimeout(
        () => this.expire(session),
        Math.min(MAX_TIMER, Math.max(0, session.expiresAt - now)),
      )
    }
  }

  private async refresh(session: Session): Promise<void> {
    try {
      const refresh = this.host.options.refresh as NonNullable<AuthOptions['refresh']>
      const credential = await refresh(session)
      if (this.host.state.session !== session) return
      await this.authenticate(credential)
    } catch {
      if (this.host.state.session !== session) return
      clearTimeout(this.timer)
      const left = (session.expiresAt ?? 0) - Date.now()
      this.timer = setTimeout(() => this.expire(session), Math.min(MAX_TIMER, Math.max(0, left)))
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
