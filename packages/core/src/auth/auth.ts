import { describe, invalidArgument } from '../errors.js'
import { defaultStorage, isStorage, type KeyValueStorage } from '../client/storage.js'
import type { Credential, Session } from '../protocol/session.js'
import type { Requester } from '../protocol/backend.js'
import type { Unsubscribe } from '../types.js'
import type { AuthEngine } from './authEngine.js'
import type { AuthChangeReason, AuthListener, AuthOptions, AuthStatus } from './authTypes.js'

export type { AuthChangeReason, AuthListener, AuthOptions, AuthStatus }

/**
 * Sessions for one Metal client. The backend verifies credentials; this keeps the session,
 * persists it, refreshes it before it expires and ends it when it does.
 *
 * The handle holds the state and its listeners; the code that makes, restores and refreshes
 * sessions loads when first needed (a dynamic import), so an app with no stored session that
 * never signs in does not load it.
 */
export class Auth {
  /** @internal The session as listeners last heard it. */
  readonly state: { session: Session | null; status: AuthStatus } = {
    session: null,
    status: 'unknown',
  }
  private readonly listeners = new Set<AuthListener>()
  /** @internal */
  readonly storage: KeyValueStorage | null
  /** @internal */
  readonly storageKey: string
  private engine: Promise<AuthEngine> | undefined
  private loaded: AuthEngine | undefined
  private disposed = false
  /** Resolves when the stored session has been restored (or found absent). */
  readonly ready: Promise<void>
  /**
   * @internal Settles when the stored session is restored or refused; null when nothing is
   * stored (known at once with a synchronous storage such as `localStorage`), so nothing waits.
   */
  readonly restoring: Promise<void> | null

  /** @internal */
  constructor(
    /** @internal */ readonly request: Requester,
    projectId: string,
    /** @internal */ readonly options: AuthOptions = {},
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
    let text: unknown
    try {
      text = this.storage?.getItem(this.storageKey)
    } catch {
      // Unreadable: treated as nothing stored.
    }
    this.ready = this.restore(text)
    this.restoring = text === null || text === undefined ? null : this.ready
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
    return this.loaded?.credential ?? null
  }

  /**
   * Signs in: the backend verifies the credential (`unauthenticated` when it refuses) and every
   * open subscription is re-authorised under the new session without being dropped.
   */
  async authenticate(credential: Credential): Promise<Session> {
    return (await this.load()).authenticate(credential)
  }

  /** Signs out everywhere this client is connected and forgets the stored session. */
  async signOut(): Promise<void> {
    return (await this.load()).signOut()
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
    this.disposed = true
    this.loaded?.dispose()
    this.listeners.clear()
  }

  /** @internal After a reconnect: presents the credential again. */
  resume(): void {
    this.loaded?.resume()
  }

  /** @internal Changes the session and tells the listeners. */
  set(session: Session | null, status: AuthStatus, reason: AuthChangeReason): void {
    this.state.session = session
    this.state.status = status
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

  private load(): Promise<AuthEngine> {
    this.engine ??= import('./authEngine.js').then(({ AuthEngine }) => {
      const engine = new AuthEngine(this)
      this.loaded = engine
      if (this.disposed) engine.dispose()
      return engine
    })
    return this.engine
  }

  /** Restores the session stored as `text` (read at construction, possibly still pending). */
  private async restore(text: unknown): Promise<void> {
    await Promise.resolve() // status stays 'unknown' until after construction, even without storage
    if (text === null || text === undefined) {
      // Nothing stored: signed out, unless a sign-in has already landed.
      if (this.state.status === 'unknown') this.set(null, 'signed-out', 'restored')
      return
    }
    await (await this.load()).restore(text)
  }
}
