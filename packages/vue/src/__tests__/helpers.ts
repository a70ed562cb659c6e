import { createApp, defineComponent, effectScope, h, nextTick, type EffectScope } from 'vue'
import { mount } from '@vue/test-utils'
import { QueryClient } from '@tanstack/vue-query'
import { Metal, type MetalOptions } from '@metal/core'
import { gatedBackend } from '@metal/core/testing'

export { gatedBackend }
import { MetalPlugin } from '../index.js'

export interface User {
  name: string
  age: number
  role?: string
}

/**
 * A client under test, another user's client on the same backend, a fresh QueryClient, and ways
 * to run composables in a component or a bare effect scope of an app with `MetalPlugin`.
 */
export function setup(options: { queryClient?: QueryClient; metal?: MetalOptions } = {}) {
  const gate = gatedBackend()
  // Sessions stay in memory, so tests sharing a jsdom window do not restore each other's.
  const base = { projectId: 'test', auth: { persistence: false as const } }
  const metal = new Metal({ ...base, ...options.metal, backend: gate.backend })
  const other = new Metal({ ...base, backend: gate.inner })
  const queryClient = options.queryClient ?? new QueryClient()
  const plugins: [typeof MetalPlugin, { client: Metal; queryClient: QueryClient }][] = [
    [MetalPlugin, { client: metal, queryClient }],
  ]
  const unmounts: (() => void)[] = []
  const scopes: EffectScope[] = []
  return {
    gate,
    metal,
    other,
    queryClient,
    plugins,
    /** Live queries the backend holds open on `collection` for either client. */
    listens: (collection: string) => gate.inner.listenerCount('test', collection),
    users: () => other.db().collection<User>('users'),
    async seedUsers(users: Record<string, User>) {
      const batch = other.db().batch()
      for (const [id, user] of Object.entries(users))
        batch.set(other.db().collection('users').doc(id), user)
      await batch.commit()
    },
    /** Runs `composable` in the setup of a mounted component; `unmount()` ends its scope. */
    withSetup<R>(composable: () => R) {
      let result!: R
      const wrapper = mount(
        defineComponent({
          setup() {
            result = composable()
            return () => h('div')
          },
        }),
        { global: { plugins } },
      )
      let mounted = true
      const unmount = () => {
        if (mounted) wrapper.unmount()
        mounted = false
      }
      unmounts.push(unmount)
      return { result, unmount }
    },
    /** Runs `composable` in a bare `effectScope()` of an app with the plugin, outside any component. */
    inScope<R>(composable: () => R) {
      const app = createApp({ render: () => null })
      app.use(MetalPlugin, { client: metal, queryClient })
      const scope = effectScope()
      scopes.push(scope)
      const result = app.runWithContext(() => scope.run(composable)) as R
      return { result, scope }
    },
    close() {
      for (const unmount of unmounts.splice(0)) unmount()
      for (const scope of scopes.splice(0)) scope.stop()
      queryClient.clear()
      metal.close()
      other.close()
    },
  }
}

/** Lets in-flight backend messages, deferred closes and Vue's scheduler land. */
export async function settle(ms = 0): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms))
  await nextTick()
}
