// @vitest-environment node
import { createSSRApp, defineComponent, h, onServerPrefetch } from 'vue'
import { renderToString } from '@vue/server-renderer'
import { afterEach, describe, expect, it } from 'vitest'
import { metalQueryOptions } from '@metal/core/bindings'
import {
  MetalPlugin,
  useMetalAuth,
  useMetalDoc,
  useMetalPaginatedQuery,
  useMetalPresence,
  useMetalQuery,
  useMetalSync,
} from '../index.js'
import { settle, setup, type User } from './helpers.js'

let env: ReturnType<typeof setup>
afterEach(() => env?.close())

const SUBSCRIBING = ['listen', 'presenceSubscribe', 'presenceTrack']
const subscriptions = () => env.gate.requests.filter((type) => SUBSCRIBING.includes(type))

/** Renders `setup`'s view on the server, in an SSR app with the plugin. */
function render(setupFn: () => () => ReturnType<typeof h>) {
  const app = createSSRApp(defineComponent({ setup: setupFn }))
  app.use(MetalPlugin, { client: env.metal, queryClient: env.queryClient })
  return renderToString(app)
}

describe('server-side rendering', () => {
  it('opens no subscription and tracks no presence while rendering', async () => {
    env = setup()
    await env.seedUsers({ a: { name: 'Ada', age: 36 } })
    const html = await render(() => {
      const users = useMetalQuery<User>('users')
      const ada = useMetalDoc<User>('users', 'a')
      const pages = useMetalPaginatedQuery<User>('users')
      const { members } = useMetalPresence({ room: 'lobby', track: { userId: 'ssr' } })
      const { status } = useMetalAuth()
      const sync = useMetalSync('users')
      return () =>
        h('p', [
          `${users.status.value}/${users.fetchStatus.value} `,
          `${ada.data.value === undefined} ${pages.data.value === undefined} `,
          `${members.value.length} ${status.value} ${sync.pending.value}`,
        ])
    })
    expect(html).toBe('<p>pending/idle true true 0 signed-out 0</p>')
    await settle(20)
    expect(subscriptions()).toEqual([])
    expect(env.listens('users')).toBe(0)
    expect(env.other.presence('lobby').members).toEqual([])
  })

  it('renders rows already in the QueryClient (prefetched or hydrated), still without subscribing', async () => {
    env = setup()
    await env.seedUsers({ a: { name: 'Ada', age: 36 } })
    await env.queryClient.prefetchQuery(
      metalQueryOptions<User>(env.queryClient, env.metal, 'users'),
    )
    await settle(10)
    const before = subscriptions().length
    const html = await render(() => {
      const { data } = useMetalQuery<User>('users')
      return () => h('p', data.value?.map((u) => u.name).join(','))
    })
    expect(html).toBe('<p>Ada</p>')
    expect(subscriptions()).toHaveLength(before)
  })

  it('reads the first result once when suspense() is awaited in onServerPrefetch, and closes it', async () => {
    env = setup()
    await env.seedUsers({ a: { name: 'Ada', age: 36 }, b: { name: 'Bob', age: 25 } })
    const html = await render(() => {
      const users = useMetalQuery<User>('users', (q) => q.orderBy('name'))
      const bob = useMetalDoc<User>('users', 'b')
      const pages = useMetalPaginatedQuery<User>('users', (q) => q.orderBy('age'), { pageSize: 1 })
      onServerPrefetch(async () => {
        const first = await users.suspense()
        expect(first.data).toHaveLength(2)
        await Promise.all([bob.suspense(), pages.suspense()])
      })
      return () =>
        h('p', [
          users.data.value?.map((u) => u.name).join(','),
          ` ${bob.data.value?.age} `,
          pages.data.value?.pages[0]?.[0]?.name,
        ])
    })
    expect(html).toBe('<p>Ada,Bob 25 Bob</p>')
    await settle(20)
    expect(env.listens('users')).toBe(0)
  })
})
