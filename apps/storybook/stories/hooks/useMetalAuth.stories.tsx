import { useId } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import type { Metal } from '@metal/core'
import { MetalProvider, useMetalAuth } from '@metal/react'
import { closeDemoClients, demoClient } from '../support/demoClients.js'
import { plays } from './useMetalAuth.shared.js'

/** Sign-in state and actions from `useMetalAuth`. */
function Account() {
  const accountTitleId = useId()
  const { status, session, authenticate, signOut } = useMetalAuth()
  return (
    <div className="metal-demo-card" role="group" aria-labelledby={accountTitleId}>
      <h2 id={accountTitleId}>Account</h2>
      <p role="status">
        {status === 'signed-in' && session
          ? `Signed in as ${session.userId} (${session.role ?? 'no role'})`
          : status === 'signed-out'
            ? 'Signed out'
            : 'Restoring session…'}
      </p>
      <div className="metal-demo-row">
        <button
          className="metal-demo-button"
          type="button"
          disabled={status === 'signed-in'}
          onClick={() =>
            void authenticate({
              type: 'custom',
              token: 'user-token',
              metadata: { userId: '123', role: 'admin' },
            })
          }
        >
          Sign in as admin
        </button>
        <button
          className="metal-demo-button"
          data-variant="tonal"
          type="button"
          disabled={status !== 'signed-in'}
          onClick={() => void signOut()}
        >
          Sign out
        </button>
      </div>
    </div>
  )
}

/**
 * `useMetalAuth()` returns `status` (`'unknown'` while a stored session is restored, then
 * `'signed-in'` or `'signed-out'`), the `session`, and `authenticate()` / `signOut()`.
 *
 * ```tsx
 * const { status, session, authenticate, signOut } = useMetalAuth()
 * await authenticate({ type: 'custom', token: 'user-token', metadata: { userId: '123', role: 'admin' } })
 * ```
 *
 * The embedded backend accepts custom tokens and takes their metadata as the session's claims.
 */
const meta = {
  title: 'Hooks/useMetalAuth',
  loaders: [async ({ id }) => ({ metal: demoClient(id) })],
  beforeEach:
    ({ id }) =>
    () =>
      closeDemoClients(id),
  render: (_args, { loaded }) => (
    <MetalProvider client={(loaded as { metal: Metal }).metal}>
      <Account />
    </MetalProvider>
  ),
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

/** Sign in with a custom token, then sign out. */
export const SignInAndOut: Story = {
  play: plays.SignInAndOut,
}
