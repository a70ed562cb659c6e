import { onScopeDispose, shallowRef, type Ref } from 'vue'
import type { AuthStatus, Credential, Session } from '@metal/core'
import { authView } from '@metal/core/bindings'
import { useMetalContext } from './metalPlugin.js'

/** What {@link useMetalAuth} returns. */
export interface UseMetalAuthResult {
  /** `'unknown'` while a stored session is restored, then `'signed-in'` or `'signed-out'`. */
  status: Readonly<Ref<AuthStatus>>
  /** The signed-in session, or null. */
  session: Readonly<Ref<Session | null>>
  /** Signs in; rejects `unauthenticated` when the backend refuses the credential. */
  authenticate(credential: Credential): Promise<Session>
  /** Signs out and forgets the stored session. */
  signOut(): Promise<void>
}

/** The client's auth session as refs, following sign-in, refresh, expiry and sign-out. */
export function useMetalAuth(): UseMetalAuthResult {
  const { metal, ssr } = useMetalContext('useMetalAuth')
  const view = authView(metal)
  const status = shallowRef(view.getSnapshot().status)
  const session = shallowRef(view.getSnapshot().session)
  if (!ssr) {
    onScopeDispose(
      view.subscribe(() => {
        const snapshot = view.getSnapshot()
        session.value = snapshot.session
        status.value = snapshot.status
      }),
    )
  }
  return { status, session, authenticate: view.authenticate, signOut: view.signOut }
}
