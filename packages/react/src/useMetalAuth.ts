import { useMemo, useSyncExternalStore } from 'react'
import type { AuthStatus, Credential, Session } from '@metal/core'
import { useMetalContext } from './MetalProvider.js'

/** The session of {@link useMetalAuth}, and how to change it. */
export interface UseMetalAuthResult {
  /** `'unknown'` while a stored session is restored, then `'signed-in'` or `'signed-out'`. */
  status: AuthStatus
  /** The current session, or null. */
  session: Session | null
  /** Signs in; rejects with `unauthenticated` when the backend refuses the credential. */
  authenticate(credential: Credential): Promise<Session>
  /** Signs out and forgets the stored session. */
  signOut(): Promise<void>
}

/** The client's auth state, live (sign-in, sign-out, refresh, expiry), and its actions. */
export function useMetalAuth(): UseMetalAuthResult {
  const auth = useMetalContext('useMetalAuth').auth()
  const store = useMemo(() => {
    let state = { status: auth.status, session: auth.session }
    const get = () =>
      state.status === auth.status && state.session === auth.session
        ? state
        : (state = { status: auth.status, session: auth.session })
    return {
      get,
      subscribe: (onChange: () => void) => auth.onStateChange(() => onChange()),
      authenticate: (credential: Credential) => auth.authenticate(credential),
      signOut: () => auth.signOut(),
    }
  }, [auth])
  const { status, session } = useSyncExternalStore(store.subscribe, store.get, store.get)
  return { status, session, authenticate: store.authenticate, signOut: store.signOut }
}
