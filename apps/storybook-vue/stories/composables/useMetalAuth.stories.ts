import { computed, defineComponent, useId } from 'vue'
import type { Meta, StoryObj } from '@storybook/vue3-vite'
import type { Metal } from '@metal/core'
import { useMetalAuth } from '@metal/vue'
import { closeDemoClients, demoClient } from '../support/clients.js'
import { plays } from '../../../storybook/stories/hooks/useMetalAuth.shared.js'

/** Sign-in state and actions from `useMetalAuth`. */
const Account = defineComponent({
  setup() {
    const { status, session, authenticate, signOut } = useMetalAuth()
    const shown = computed(() =>
      status.value === 'signed-in' && session.value
        ? `Signed in as ${session.value.userId} (${session.value.role ?? 'no role'})`
        : status.value === 'signed-out'
          ? 'Signed out'
          : 'Restoring session…',
    )
    return {
      titleId: useId(),
      status,
      shown,
      signIn: () =>
        void authenticate({
          type: 'custom',
          token: 'user-token',
          metadata: { userId: '123', role: 'admin' },
        }),
      signOut: () => void signOut(),
    }
  },
  template: `
    <div class="metal-demo-card" role="group" :aria-labelledby="titleId">
      <h2 :id="titleId">Account</h2>
      <p role="status">{{ shown }}</p>
      <div class="metal-demo-row">
        <button class="metal-demo-button" type="button" :disabled="status === 'signed-in'"
          @click="signIn">Sign in as admin</button>
        <button class="metal-demo-button" data-variant="tonal" type="button"
          :disabled="status !== 'signed-in'" @click="signOut">Sign out</button>
      </div>
    </div>`,
})

/**
 * `useMetalAuth()` returns `status` (`'unknown'` while a stored session is restored, then
 * `'signed-in'` or `'signed-out'`) and the `session`, as refs, with `authenticate()` and
 * `signOut()`.
 *
 * ```ts
 * const { status, session, authenticate, signOut } = useMetalAuth()
 * await authenticate({ type: 'custom', token: 'user-token', metadata: { userId: '123', role: 'admin' } })
 * ```
 *
 * The embedded backend accepts custom tokens and takes their metadata as the session's claims.
 */
const meta = {
  title: 'Composables/useMetalAuth',
  loaders: [async ({ id }): Promise<{ metal: Metal }> => ({ metal: demoClient(id) })],
  beforeEach:
    ({ id }) =>
    () =>
      closeDemoClients(id),
  render: () => ({ components: { Account }, template: '<Account />' }),
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

/** Sign in with a custom token, then sign out. */
export const SignInAndOut: Story = {
  play: plays.SignInAndOut,
}
