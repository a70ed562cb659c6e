import { describe, invalidArgument, isTransient, MetalError } from '../errors.js'
import { defaultStorage, isStorage, type KeyValueStorage } from '../client/storage.js'
import {
  checkCredential,
  toSession,
  type Credential,
  type Session,
  type SessionData,
} from '../protocol/session.js'
import type { Requester } from '../protocol/backend.js'
import type { Unsubscribe } from '../types.js'

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
   * Called shortly before the session expires; returns a fresh credential. Without it, or when
   * it fails, the session ends at `expiresAt`.
   */
  refresh?: (session: Session) => Promise<Credential>
  /**
   * How long before `expiresAt` to call `refresh`, in ms.
   * @default 60000
   */
  refreshMarginMs?: number
}

const MAX_TIMER = 2 ** 31 - 1

/**
 * Sessions for one Metal client. The backend verifies credentials; this keeps the session,
 * persists it, refreshes it before it expires and ends it when it does.
 */
export class Auth {
  private state: { session: Session | null; status: AuthStatus } = {
    session: null,
    status: 'unknown',
  }
  private credential: Credential | null = null
  private readonly listeners = new Set<AuthListener>()
  private readonly storage: KeyValueStorage | null
  private readonly storageKey: string
  private timer: unknown
  private generation = 0
  /** Resolves when the stored session has been restored (or found absent). */
  readonly ready: Promise<void>

  /** @internal */
  constructor(
    private readonly request: Requester,
    projectId: string,
    private readonly options: AuthOptions = {},
  ) {
    if (typeof options !== 'object' || options === null) {
      throw invalidArgument(
        'new Metal()',
        `option 'auth' must be an object, got ${describe(options)}`,
      )
    }
    const { persistence, refresh, refreshMarginMs, storageKey } = options
    if (persistence !== undefined && persistence !== false && !isStorage(persistence)) {
      throw invalidArgument(
        'new Metal()',
        `option 'auth.persistence' must be false or a storage with getItem/setItem/removeItem, got ${describe(persistence)}`,
      )
    }
    if (refresh !== undefined && typeof refresh !== 'function') {
      throw invalidArgument(
        'new Metal()',
        `option 'auth.refresh' must be a function, got ${describe(refresh)}`,
      )
    }
    if (
      refreshMarginMs !== undefined &&
      (typeof refreshMarginMs !== 'number' || !(refreshMarginMs >= 0))
    ) {
      throw invalidArgument(
        'new Metal()',
        `option 'auth.refreshMarginMs' must be a non-negative number, got ${describe(refreshMarginMs)}`,
      )
    }
    if (storageKey !== undefined && (typeof storageKey !== 'string' || storageKey === '')) {
      throw invalidArgument(
        'new Metal()',
        `option 'auth.storageKey' must be a non-empty string, got ${describe(storageKey)}`,
      )
    }
    this.storage = persistence === false ? null : (persistence ?? defaultStorage())
    this.storageKey = storageKey ?? `metal:auth:${projectId}`
    this.ready = this.restore()
  }

  /** The current session, or null. */
  get session(): Session | null {
    return this.state.session
  }

  /** `'unknown'` while restoring, then `'signed-in'` or `'signed-out'`. */
  get status(): AuthStatus {
    return this.state.status
  }

  /** The credential the session was made from (used to re-authenticate after a reconnect). */
  get currentCredential(): Credential | null {
    return this.credential
  }

  /**
   * Signs in: the backend verifies the credential (`unauthenticated` when it refuses) and every
   * open subscription is re-authorised under the new session without being dropped.
   */
  async authenticate(credential: Credential): Promise<Session> {
    const checked = checkCredential('authenticate()', credential)
    const generation = ++this.generation
    const { session: data } = await this.request({ type: 'authenticate', credential: checked })
    if (generation !== this.generation)
      throw new MetalError('aborted', 'authenticate(): superseded by a later sign-in or sign-out')
    const wasSignedIn =
      this.state.status === 'signed-in' && this.state.session?.userId === data.userId
    this.credential = checked
    await this.persist(checked, data)
    this.set(toSession(data), 'signed-in', wasSignedIn ? 'refreshed' : 'signed-in')
    return this.state.session as Session
  }

  /** Signs out everywhere this client is connected and forgets the stored session. */
  async signOut(): Promise<void> {
    this.generation++
    this.credential = null
    await this.persist(null)
    await this.request({ type: 'signOut' }).catch(() => {})
    this.set(null, 'signed-out', 'signed-out')
  }

  /** Calls `listener(session, status, reason)` now and after every change. Returns the unsubscribe. */
  onStateChange(listener: AuthListener): Unsubscribe {
    if (typeof listener !== 'function') {
      throw invalidArgument(
        'onStateChange()',
        `listener must be a function, got ${describe(listener)}`,
      )
    }
    this.listeners.add(listener)
    listener(this.state.session, this.state.status, 'initial')
    return () => void this.listeners.delete(listener)
  }

  /** @internal Stops timers. */
  dispose(): void {
    clearTimeout(this.timer)
    this.listeners.clear()
  }

  private set(session: Session | null, status: AuthStatus, reason: AuthChangeReason): void {
    this.state = { session, status }
    this.schedule()
    for (const l of [...this.listeners]) {
      try {
        l(session, status, reason)
      } catch (error) {
        queueMicrotask(() => {
          throw error
        })
      }
    }
  }

  private schedule(): void {
    clearTimeout(this.timer)
    const session = this.state.session
    if (!session || session.expiresAt === null) return
    const margin = this.options.refreshMarginMs ?? 60_000
    const refreshAt = session.expiresAt - margin
    const now = Date.now()
    if (this.options.refresh && session.expiresAt > now) {
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
      const credential = await (this.options.refresh as NonNullable<AuthOptions['refresh']>)(
        session,
      )
      if (this.state.session !== session) return
      await this.authenticate(credential)
    } catch {
      if (this.state.session !== session) return
      clearTimeout(this.timer)
      const left = (session.expiresAt ?? 0) - Date.now()
      this.timer = setTimeout(() => this.expire(session), Math.min(MAX_TIMER, Math.max(0, left)))
    }
  }

  private expire(session: Session): void {
    if (this.state.session !== session) return
    this.generation++
    this.credential = null
    void this.persist(null)
    this.request({ type: 'signOut' }).catch(() => {})
    this.set(null, 'signed-out', 'expired')
  }

  private async persist(credential: Credential | null, session?: SessionData): Promise<void> {
    if (!this.storage) return
    try {
      if (credential)
        await this.storage.setItem(this.storageKey, JSON.stringify({ credential, session }))
      else await this.storage.removeItem(this.storageKey)
    } catch (error) {
      console.warn('Metal: could not persist the auth session:', error)
    }
  }

  /**
   * @internal After a reconnect: presents the credential again. A refusal ends the session; a
   * network failure leaves it for the next reconnect.
   */
  resume(): void {
    const credential = this.credential
    const session = this.state.session
    if (!credential || !session) return
    const generation = this.generation
    this.request({ type: 'authenticate', credential }).then(
      ({ session: data }) => {
        if (generation !== this.generation || this.state.session !== session) return
        this.state = { session: toSession(data), status: 'signed-in' }
        this.schedule()
      },
      (error: unknown) => {
        if (generation !== this.generation || isTransient(error)) return
        if (MetalError.is(error, 'unauthenticated')) this.expire(session)
      },
    )
  }

  private async restore(): Promise<void> {
    await Promise.resolve() // status stays 'unknown' until after construction, even without storage
    const generation = this.generation
    let stored: { credential: Credential; session?: SessionData } | null = null
    try {
      const text = this.storage ? await this.storage.getItem(this.storageKey) : null
      const parsed = text
        ? (JSON.parse(text) as { credential?: unknown; session?: SessionData })
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
      const { session } = await this.request({
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
