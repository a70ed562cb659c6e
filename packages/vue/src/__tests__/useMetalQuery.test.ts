import { defineComponent, h, nextTick, ref, shallowRef, watchEffect } from 'vue'
import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { MetalError, where } from '@metal/core'
import { useMetalQuery } from '../index.js'
import { settle, setup, type User } from './helpers.js'

let env: ReturnType<typeof setup>
afterEach(() => env?.close())

const ADA = { name: 'Ada', age: 36, role: 'admin' }
const BOB = { name: 'Bob', age: 25, role: 'user' }
const CYD = { name: 'Cyd', age: 41, role: 'user' }

const ids = (rows: { id: string }[] | undefined) => rows?.map((r) => r.id)

describe('useMetalQuery', () => {
  it('gives the rows as { id, ...data } in a ref, in query order', async () => {
    env = setup()
    await env.seedUsers({ a: ADA, b: BOB, c: CYD })
    const { result } = env.withSetup(() =>
      useMetalQuery<User>('users', (q) => q.where('role', '==', 'user').orderBy('age')),
    )
    await vi.waitFor(() => expect(result.isSuccess.value).toBe(true))
    expect(result.data.value).toEqual([
      { id: 'b', ...BOB },
      { id: 'c', ...CYD },
    ])
  })

  it("keys the cache entry ['metal', projectId, collection, normalisedQuery]", async () => {
    env = setup()
    const { result } = env.withSetup(() =>
      useMetalQuery('users', (q) => q.where({ role: 'admin' }).orderBy('age').limit(5)),
    )
    await vi.waitFor(() => expect(result.isSuccess.value).toBe(true))
    const keys = env.queryClient
      .getQueryCache()
      .getAll()
      .map((q) => q.queryKey)
    expect(keys).toEqual([
      [
        'metal',
        'test',
        'users',
        {
          filter: where('role', '==', 'admin'),
          orderBy: [{ field: 'age', direction: 'asc' }],
          limit: 5,
        },
      ],
    ])
  })

  it('follows writes by another client', async () => {
    env = setup()
    await env.seedUsers({ a: ADA })
    const { result } = env.withSetup(() => useMetalQuery<User>('users', (q) => q.orderBy('name')))
    await vi.waitFor(() => expect(result.data.value).toHaveLength(1))
    await env.users().doc('b').set(BOB)
    await vi.waitFor(() => expect(ids(result.data.value)).toEqual(['a', 'b']))
    await env.users().doc('a').delete()
    await vi.waitFor(() => expect(ids(result.data.value)).toEqual(['b']))
  })

  it('renders in a component template and re-renders on change', async () => {
    env = setup()
    await env.seedUsers({ a: ADA })
    const Names = defineComponent({
      setup() {
        const { data } = useMetalQuery<User>('users', (q) => q.orderBy('name'))
        return () => h('p', data.value?.map((u) => u.name).join(','))
      },
    })
    const wrapper = mount(Names, { global: { plugins: env.plugins } })
    await vi.waitFor(() => expect(wrapper.text()).toBe('Ada'))
    await env.users().doc('b').set(BOB)
    await vi.waitFor(() => expect(wrapper.text()).toBe('Ada,Bob'))
    wrapper.unmount()
  })

  it('shares one Metal subscription between components and closes it after the last one unmounts', async () => {
    env = setup()
    await env.seedUsers({ a: ADA })
    const first = env.withSetup(() => useMetalQuery<User>('users'))
    const second = env.withSetup(() => useMetalQuery<User>('users'))
    await vi.waitFor(() => expect(second.result.data.value).toHaveLength(1))
    expect(env.listens('users')).toBe(1)
    expect(env.gate.listenRequests('users')).toBe(1)

    first.unmount()
    await settle(10)
    expect(env.listens('users')).toBe(1)

    second.unmount()
    await vi.waitFor(() => expect(env.listens('users')).toBe(0))
  })

  it('works in a bare effectScope and closes the subscription when the scope stops', async () => {
    env = setup()
    await env.seedUsers({ a: ADA })
    const { result, scope } = env.inScope(() => useMetalQuery<User>('users'))
    await vi.waitFor(() => expect(result.data.value).toEqual([{ id: 'a', ...ADA }]))
    expect(env.listens('users')).toBe(1)

    scope.stop()
    await vi.waitFor(() => expect(env.listens('users')).toBe(0))
    await env.users().doc('b').set(BOB)
    await settle(10)
    expect(result.data.value).toHaveLength(1) // no longer followed
  })

  it('re-subscribes when a ref read by the builder changes, keeping the old rows until the new ones arrive', async () => {
    env = setup()
    await env.seedUsers({ a: ADA, b: BOB, c: CYD })
    const role = ref('admin')
    const { result } = env.withSetup(() =>
      useMetalQuery<User>('users', (q) => q.where('role', '==', role.value)),
    )
    await vi.waitFor(() => expect(ids(result.data.value)).toEqual(['a']))
    const seen: (string[] | undefined)[] = []
    const stop = watchEffect(() => seen.push(ids(result.data.value)), { flush: 'sync' })

    role.value = 'user'
    await nextTick()
    expect(result.isPlaceholderData.value).toBe(true)
    expect(ids(result.data.value)).toEqual(['a'])
    await vi.waitFor(() => expect(ids(result.data.value)).toEqual(['b', 'c']))
    expect(result.isPlaceholderData.value).toBe(false)
    stop()

    // every value after the switch was the old rows or the new ones: no empty flash
    for (const value of seen) expect([['a'], ['b', 'c']]).toContainEqual(value)
    await vi.waitFor(() => expect(env.listens('users')).toBe(1)) // the old listen is closed
    expect(env.gate.listenRequests('users')).toBe(2)
  })

  it('takes a getter that returns a built query', async () => {
    env = setup()
    await env.seedUsers({ a: ADA, b: BOB, c: CYD })
    const users = env.metal.db().collection<User>('users')
    const minAge = ref(30)
    const { result } = env.withSetup(() =>
      useMetalQuery<User>('users', () => users.where('age', '>', minAge.value).orderBy('age')),
    )
    await vi.waitFor(() => expect(ids(result.data.value)).toEqual(['a', 'c']))
    minAge.value = 40
    await vi.waitFor(() => expect(ids(result.data.value)).toEqual(['c']))
    await vi.waitFor(() => expect(env.listens('users')).toBe(1))
  })

  it('follows a collection given as a getter and a query given as a computed ref', async () => {
    env = setup()
    await env.seedUsers({ a: ADA })
    await env.other.db().collection('tasks').doc('t1').set({ title: 'Write docs', done: false })
    const path = ref('users')
    const { result } = env.withSetup(() => useMetalQuery<{ name?: string }>(() => path.value))
    await vi.waitFor(() => expect(ids(result.data.value)).toEqual(['a']))
    path.value = 'tasks'
    await vi.waitFor(() => expect(ids(result.data.value)).toEqual(['t1']))
    await vi.waitFor(() => expect(env.listens('users')).toBe(0))
    expect(env.listens('tasks')).toBe(1)
  })

  it('takes a built query, or a shallowRef of one', async () => {
    env = setup()
    await env.seedUsers({ a: ADA, b: BOB })
    const users = env.metal.db().collection<User>('users')
    const query = shallowRef(users.where('role', '==', 'admin'))
    const { result } = env.withSetup(() => useMetalQuery<User>('users', query))
    await vi.waitFor(() => expect(ids(result.data.value)).toEqual(['a']))
    query.value = users.where('role', '==', 'user')
    await vi.waitFor(() => expect(ids(result.data.value)).toEqual(['b']))
  })

  it('takes reactive TanStack options: select, and enabled as a ref', async () => {
    env = setup()
    await env.seedUsers({ a: ADA, b: BOB })
    const enabled = ref(false)
    const { result } = env.withSetup(() =>
      useMetalQuery<User, number>('users', undefined, {
        enabled,
        select: (rows) => rows.filter((u) => u.role === 'admin').length,
      }),
    )
    await settle(10)
    expect(env.listens('users')).toBe(0)
    expect(result.data.value).toBeUndefined()
    enabled.value = true
    await vi.waitFor(() => expect(result.data.value).toBe(1))
    expect(env.listens('users')).toBe(1)
    await env.users().doc('c').set({ name: 'Cyd', age: 41, role: 'admin' })
    await vi.waitFor(() => expect(result.data.value).toBe(2))
  })

  it('resolves suspense() with the first result, then stays live', async () => {
    env = setup()
    await env.seedUsers({ a: ADA })
    const { result } = env.withSetup(() => useMetalQuery<User>('users'))
    const first = await result.suspense()
    expect(first.data).toEqual([{ id: 'a', ...ADA }])
    await env.users().doc('b').set(BOB)
    await vi.waitFor(() => expect(result.data.value).toHaveLength(2))
  })

  it('shows prefetched rows at once, then stays live', async () => {
    env = setup()
    await env.seedUsers({ a: ADA })
    const { metalQueryOptions } = await import('@metal/core/bindings')
    await env.queryClient.prefetchQuery(
      metalQueryOptions<User>(env.queryClient, env.metal, 'users'),
    )
    await vi.waitFor(() => expect(env.listens('users')).toBe(0)) // a prefetch does not stay open
    const { result } = env.withSetup(() => useMetalQuery<User>('users'))
    expect(result.data.value).toEqual([{ id: 'a', ...ADA }])
    await env.users().doc('b').set(BOB)
    await vi.waitFor(() => expect(result.data.value).toHaveLength(2))
  })

  it('throws a clear error when the query reads another collection', () => {
    env = setup()
    const tasks = env.metal.db().collection('tasks')
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    expect(() => env.withSetup(() => useMetalQuery('users', tasks))).toThrow(
      "useMetalQuery(): the query reads 'tasks' but the collection is 'users'",
    )
    vi.restoreAllMocks()
  })

  it('surfaces a refused subscription as the query error', async () => {
    env = setup()
    env.gate.refuseListens('secrets')
    const { result } = env.withSetup(() => useMetalQuery('secrets'))
    await vi.waitFor(() => expect(result.isError.value).toBe(true))
    expect(result.error.value).toBeInstanceOf(MetalError)
    expect(result.error.value?.code).toBe('permission-denied')
  })
})
