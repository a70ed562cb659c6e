import { useMemo, useSyncExternalStore } from 'react'
import type { AuthStatus, Credential, Session } from '@metal/core'
import { authView } from '@metal/core/bindings'
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
  const metal = useMetalContext('useMetalAuth')
  const view = useMemo(() => authView(metal), [metal])
  const { status, session } = useSyncExternalStore(
    view.subscribe,
    view.getSnapshot,
    view.getSnapshot,
  )
  return { status, session, authenticate: view.authenticate, signOut: view.signOut }
}
