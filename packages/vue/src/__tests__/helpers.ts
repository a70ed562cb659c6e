import { createApp, defineComponent, effectScope, h, nextTick, type EffectScope } from 'vue'
import { mount } from '@vue/test-utils'
import { QueryClient } from '@tanstack/vue-query'
import {
  Metal,
  MetalError,
  memory,
  type Backend,
  type MemoryBackend,
  type MetalOptions,
} from '@metal/core'
import { MetalPlugin } from '../index.js'

export interface User {
  name: string
  age: number
  role?: string
}

/**
 * A real memory backend with a switch in front of it: commits can be held back (to see optimistic
 * state) and then let through or refused, and every request is counted by type. It stands in for
 * network latency and server-side rules; every document still lives in the memory backend.
 */
export function gatedBackend(inner: MemoryBackend = memory({ presenceChannel: false })) {
  let holding = false
  let held: ((refusal?: MetalError) => void)[] = []
  const listenRequests = new Map<string, number>()
  const refusedListens = new Set<string>()
  const requests: string[] = []
  const backend: Backend = {
    connect(options) {
      const conn = inner.connect(options)
      return {
        request(message) {
          requests.push(message.type)
          if (message.type === 'listen') {
            const { collection } = message.query
            listenRequests.set(collection, (listenRequests.get(collection) ?? 0) + 1)
            if (refusedListens.has(collection)) {
              return Promise.reject(
                new MetalError('permission-denied', `listen on '${collection}' denied`),
              )
            }
          }
          if (message.type === 'commit' && holding) {
            return new Promise((resolve, reject) => {
              held.push((refusal) =>
                refusal ? reject(refusal) : conn.request(message).then(resolve, reject),
              )
            })
          }
          return conn.request(message)
        },
        close: () => conn.close(),
      }
    },
  }
  return {
    backend,
    inner,
    /** Every request type this client sent, in order. */
    requests,
    /** Holds every commit from now on until `release()`. */
    hold() {
      holding = true
    },
    /** Sends the held commits on, or refuses them all with `refusal`. */
    release(refusal?: MetalError) {
      holding = false
      const pending = held
      held = []
      for (const send of pending) send(refusal)
    },
    /** How many live queries this client has asked the backend to open on `collection`. */
    listenRequests: (collection: string) => listenRequests.get(collection) ?? 0,
    /** Refuses every listen on `collection` from now on, as access rules would. */
    refuseListens(collection: string) {
      refusedListens.add(collection)
    },
  }
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
