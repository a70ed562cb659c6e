import type { Auth, AuthStatus } from '../auth/auth.js'
import type { Credential, Session } from '../protocol/session.js'
import type { Metal } from '../metal.js'
import type { Unsubscribe } from '../types.js'

/** What an auth binding shows. */
export interface AuthSnapshot {
  /** `'unknown'` while a stored session is restored, then `'signed-in'` or `'signed-out'`. */
  readonly status: AuthStatus
  /** The current session, or null. */
  readonly session: Session | null
}

/** The client's auth state as an external store, plus its actions. */
export interface AuthView {
  /** Follows sign-in, sign-out, refresh and expiry; `onChange` runs after each change. */
  subscribe(onChange: () => void): Unsubscribe
  /** The current state; the same object until something changed. */
  getSnapshot(): AuthSnapshot
  /** Signs in; rejects with `unauthenticated` when the backend refuses the credential. */
  authenticate(credential: Credential): Promise<Session>
  /** Signs out and forgets the stored session. */
  signOut(): Promise<void>
}

/** A framework-neutral view of `metal.auth()`, for `useSyncExternalStore`-style bindings. */
export function authView(metal: Metal): AuthView {
  const auth: Auth = metal.auth()
  let snap: AuthSnapshot = { status: auth.status, session: auth.session }
  return {
    subscribe(onChange) {
      let subscribing = true
      const stop = auth.onStateChange(() => {
        if (!subscribing) onChange()
      })
      subscribing = false
      return stop
    },
    getSnapshot() {
      if (snap.status !== auth.status || snap.session !== auth.session)
        snap = { status: auth.status, session: auth.session }
      return snap
    },
    authenticate: (credential) => auth.authenticate(credential),
    signOut: () => auth.signOut(),
  }
}
