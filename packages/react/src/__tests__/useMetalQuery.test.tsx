import { memo, useState } from 'react'
import { act, render, renderHook, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { QueryClient } from '@tanstack/react-query'
import { MetalError, where } from '@metal/core'
import { type MetalRow } from '@metal/core/bindings'
import { useMetalQuery } from '../index.js'
import { settle, setup, type User } from './helpers.js'

let env: ReturnType<typeof setup>
afterEach(() => env?.close())

const ADA = { name: 'Ada', age: 36, role: 'admin' }
const BOB = { name: 'Bob', age: 25, role: 'user' }
const CYD = { name: 'Cyd', age: 41, role: 'user' }

describe('useMetalQuery', () => {
  it('gives the rows as { id, ...data }, in query order', async () => {
    env = setup()
    await env.seedUsers({ a: ADA, b: BOB, c: CYD })
    const { result } = renderHook(
      () => useMetalQuery<User>('users', (q) => q.where('role', '==', 'user').orderBy('age')),
      { wrapper: env.wrapper },
    )
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
    expect(result.current.data).toEqual([
      { id: 'b', ...BOB },
      { id: 'c', ...CYD },
    ])
  })

  it("keys the cache entry ['metal', projectId, collection, normalisedQuery]", async () => {
    env = setup()
    const { result } = renderHook(
      () => useMetalQuery('users', (q) => q.where({ role: 'admin' }).orderBy('age').limit(5)),
      { wrapper: env.wrapper },
    )
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
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
    expect(JSON.parse(JSON.stringify(keys[0]))).toEqual(keys[0])
  })

  it('delivers the first result once: one render with data, one cache write', async () => {
    env = setup()
    await env.seedUsers({ a: ADA })
    const seen: unknown[] = []
    renderHook(
      () => {
        const { data } = useMetalQuery<User>('users')
        seen.push(data)
      },
      { wrapper: env.wrapper },
    )
    await waitFor(() => expect(seen.at(-1)).toEqual([{ id: 'a', ...ADA }]))
    await settle(20)
    expect(seen).toEqual([undefined, [{ id: 'a', ...ADA }]])
    expect(env.queryClient.getQueryCache().getAll()[0]?.state.dataUpdateCount).toBe(1)
  })

  it('follows writes by another client', async () => {
    env = setup()
    await env.seedUsers({ a: ADA })
    const { result } = renderHook(() => useMetalQuery<User>('users', (q) => q.orderBy('name')), {
      wrapper: env.wrapper,
    })
    await waitFor(() => expect(result.current.data).toHaveLength(1))
    await env.users().doc('b').set(BOB)
    await waitFor(() => expect(result.current.data?.map((u) => u.id)).toEqual(['a', 'b']))
    await env.users().doc('a').delete()
    await waitFor(() => expect(result.current.data?.map((u) => u.id)).toEqual(['b']))
  })

  it('shares one Metal subscription between components showing the same query', async () => {
    env = setup()
    await env.seedUsers({ a: ADA })
    function Names() {
      const { data } = useMetalQuery<User>('users', (q) => q.orderBy('name'))
      return <p>{data?.map((u) => u.name).join(',')}</p>
    }
    render(
      <>
        <Names />
        <Names />
      </>,
      { wrapper: env.wrapper },
    )
    await waitFor(() => expect(screen.getAllByText('Ada')).toHaveLength(2))
    expect(env.listens('users')).toBe(1)
  })

  it('opens the subscription with the first observer and closes it after the last is gone', async () => {
    env = setup()
    await env.seedUsers({ a: ADA })
    function Names() {
      const { data } = useMetalQuery<User>('users')
      return <p>{data?.map((u) => u.name).join(',')}</p>
    }
    function Screen({ count }: { count: number }) {
      return (
        <>
          {Array.from({ length: count }, (_, i) => (
            <Names key={i} />
          ))}
        </>
      )
    }
    expect(env.listens('users')).toBe(0)
    const view = render(<Screen count={2} />, { wrapper: env.wrapper })
    await waitFor(() => expect(screen.getAllByText('Ada')).toHaveLength(2))
    expect(env.listens('users')).toBe(1)

    view.rerender(<Screen count={1} />)
    await settle(10)
    expect(env.listens('users')).toBe(1)

    view.rerender(<Screen count={0} />)
    await waitFor(() => expect(env.listens('users')).toBe(0))
  })

  it('keeps the subscription when a component remounts within one commit', async () => {
    env = setup()
    await env.seedUsers({ a: ADA })
    function Names() {
      const { data } = useMetalQuery<User>('users')
      return <p>{data?.map((u) => u.name).join(',')}</p>
    }
    const view = render(<Names key="1" />, { wrapper: env.wrapper })
    await screen.findByText('Ada')
    view.rerender(<Names key="2" />) // a new instance: unmount and mount in the same commit
    await screen.findByText('Ada')
    await settle(10)
    expect(env.gate.listenRequests('users')).toBe(1)
    expect(env.listens('users')).toBe(1)
  })

  it('keeps the last result cached for gcTime after unmount, then drops it', async () => {
    env = setup()
    await env.seedUsers({ a: ADA })
    const { result, unmount } = renderHook(
      () => useMetalQuery<User>('users', undefined, { gcTime: 400 }),
      { wrapper: env.wrapper },
    )
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
    const key = env.queryClient.getQueryCache().getAll()[0]!.queryKey
    unmount()
    await waitFor(() => expect(env.listens('users')).toBe(0))
    expect(env.queryClient.getQueryData(key)).toEqual([{ id: 'a', ...ADA }])
    await waitFor(() => expect(env.queryClient.getQueryCache().getAll()).toHaveLength(0))
  })

  it('resubscribes on remount even with staleTime: Infinity, showing the cached rows meanwhile', async () => {
    env = setup()
    await env.seedUsers({ a: ADA })
    const hook = () => useMetalQuery<User>('users', undefined, { staleTime: Infinity })
    const first = renderHook(hook, { wrapper: env.wrapper })
    await waitFor(() => expect(first.result.current.isSuccess).toBe(true))
    first.unmount()
    await waitFor(() => expect(env.listens('users')).toBe(0))

    await env.users().doc('b').set(BOB) // written while nobody listens

    const second = renderHook(hook, { wrapper: env.wrapper })
    expect(second.result.current.data).toEqual([{ id: 'a', ...ADA }])
    await waitFor(() => expect(second.result.current.data?.map((u) => u.id)).toEqual(['a', 'b']))
    expect(env.listens('users')).toBe(1)
    await env.users().doc('c').set(CYD)
    await waitFor(() => expect(second.result.current.data).toHaveLength(3))
  })

  it('under StrictMode opens one subscription, delivers the first result once, and leaks none', async () => {
    env = setup({ strict: true })
    await env.seedUsers({ a: ADA })
    const { result, unmount } = renderHook(() => useMetalQuery<User>('users'), {
      wrapper: env.wrapper,
    })
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
    await settle(10)
    expect(env.listens('users')).toBe(1)
    expect(env.gate.listenRequests('users')).toBe(1) // the double mount did not resubscribe
    expect(env.queryClient.getQueryCache().getAll()[0]?.state.dataUpdateCount).toBe(1)
    unmount()
    await waitFor(() => expect(env.listens('users')).toBe(0))
    await settle(10)
    expect(env.listens('users')).toBe(0)
  })

  it('keeps the previous rows visible while a changed query loads, then closes the old subscription', async () => {
    env = setup()
    await env.seedUsers({ a: ADA, b: BOB, c: CYD })
    const seen: (string[] | undefined)[] = []
    const { result, rerender } = renderHook(
      ({ role }: { role: string }) => {
        const query = useMetalQuery<User>('users', (q) => q.where('role', '==', role))
        seen.push(query.data?.map((u) => u.id))
        return query
      },
      { wrapper: env.wrapper, initialProps: { role: 'admin' } },
    )
    await waitFor(() => expect(result.current.data?.map((u) => u.id)).toEqual(['a']))
    const from = seen.length

    rerender({ role: 'user' })
    expect(result.current.isPlaceholderData).toBe(true)
    expect(result.current.data?.map((u) => u.id)).toEqual(['a'])
    await waitFor(() => expect(result.current.data?.map((u) => u.id)).toEqual(['b', 'c']))
    expect(result.current.isPlaceholderData).toBe(false)

    // every render after the switch showed the old rows or the new ones: no empty flash
    for (const ids of seen.slice(from)) expect([['a'], ['b', 'c']]).toContainEqual(ids)
    await waitFor(() => expect(env.listens('users')).toBe(1))
  })

  it('re-renders only the components whose selected result changed', async () => {
    env = setup()
    await env.seedUsers({ a: ADA, b: BOB, c: CYD })
    const renders: Record<string, number> = {}
    function Name({ id }: { id: string }) {
      renders[id] = (renders[id] ?? 0) + 1
      const { data } = useMetalQuery<User, string | undefined>('users', undefined, {
        select: (rows) => rows.find((u) => u.id === id)?.name,
      })
      return <li>{data}</li>
    }
    render(
      <ul>
        <Name id="a" />
        <Name id="b" />
        <Name id="c" />
      </ul>,
      { wrapper: env.wrapper },
    )
    await screen.findByText('Cyd')
    await settle(10)
    const before = { ...renders }

    await env.users().doc('b').update({ name: 'Bea' })
    await screen.findByText('Bea')
    await settle(10)

    expect(renders).toEqual({ a: before.a, b: before.b! + 1, c: before.c })
  })

  it('keeps row identity for unchanged documents, so memoised rows skip rendering', async () => {
    env = setup()
    await env.seedUsers({ a: ADA, b: BOB, c: CYD })
    const renders: Record<string, number> = {}
    const Row = memo(function Row({ user }: { user: MetalRow<User> }) {
      renders[user.id] = (renders[user.id] ?? 0) + 1
      return <li>{user.name}</li>
    })
    function List() {
      const { data } = useMetalQuery<User>('users', (q) => q.orderBy('name'))
      return (
        <ul>
          {data?.map((u) => (
            <Row key={u.id} user={u} />
          ))}
        </ul>
      )
    }
    render(<List />, { wrapper: env.wrapper })
    await screen.findByText('Cyd')
    expect(renders).toEqual({ a: 1, b: 1, c: 1 })

    await env.users().doc('c').update({ age: 42 })
    await waitFor(() => expect(renders.c).toBe(2))
    await settle(10)
    expect(renders).toEqual({ a: 1, b: 1, c: 2 })
  })

  it('takes a built query object as well as a builder function', async () => {
    env = setup()
    await env.seedUsers({ a: ADA, b: BOB })
    const admins = env.metal.db().collection<User>('users').where('role', '==', 'admin')
    const { result } = renderHook(() => useMetalQuery<User>('users', admins), {
      wrapper: env.wrapper,
    })
    await waitFor(() => expect(result.current.data).toEqual([{ id: 'a', ...ADA }]))
  })

  it('throws a clear error when the query reads another collection', () => {
    env = setup()
    const tasks = env.metal.db().collection('tasks')
    expect(() => renderHook(() => useMetalQuery('users', tasks), { wrapper: env.wrapper })).toThrow(
      "useMetalQuery(): the query reads 'tasks' but the collection is 'users'",
    )
  })

  it('opens no subscription while disabled', async () => {
    env = setup()
    await env.seedUsers({ a: ADA })
    const { result, rerender } = renderHook(
      ({ enabled }: { enabled: boolean }) => useMetalQuery<User>('users', undefined, { enabled }),
      { wrapper: env.wrapper, initialProps: { enabled: false } },
    )
    await settle(10)
    expect(env.listens('users')).toBe(0)
    expect(result.current.data).toBeUndefined()
    rerender({ enabled: true })
    await waitFor(() => expect(result.current.data).toHaveLength(1))
    expect(env.listens('users')).toBe(1)
  })

  it('surfaces a refused subscription as the query error', async () => {
    env = setup()
    env.gate.refuseListens('secrets')
    const { result } = renderHook(() => useMetalQuery('secrets'), { wrapper: env.wrapper })
    await waitFor(() => expect(result.current.isError).toBe(true))
    expect(result.current.error).toBeInstanceOf(MetalError)
    expect(result.current.error?.code).toBe('permission-denied')
  })

  it('shows prefetched rows on first render, then stays live', async () => {
    const queryClient = new QueryClient()
    env = setup({ queryClient })
    await env.seedUsers({ a: ADA })
    const { metalQueryOptions } = await import('@metal/core/bindings')
    await queryClient.prefetchQuery(metalQueryOptions<User>(queryClient, env.metal, 'users'))
    await waitFor(() => expect(env.listens('users')).toBe(0)) // a prefetch does not stay open

    const { result } = renderHook(() => useMetalQuery<User>('users'), { wrapper: env.wrapper })
    expect(result.current.data).toEqual([{ id: 'a', ...ADA }])
    await act(() => env.users().doc('b').set(BOB))
    await waitFor(() => expect(result.current.data).toHaveLength(2))
  })

  it('re-renders a component that switches collections with the new rows', async () => {
    env = setup()
    await env.seedUsers({ a: ADA })
    await env.other.db().collection('tasks').doc('t1').set({ title: 'Write docs' })
    function Switcher() {
      const [path, setPath] = useState('users')
      const { data } = useMetalQuery<{ name?: string; title?: string }>(path)
      return (
        <button onClick={() => setPath('tasks')}>
          {data?.map((r) => r.name ?? r.title).join(',')}
        </button>
      )
    }
    render(<Switcher />, { wrapper: env.wrapper })
    const button = await screen.findByText('Ada')
    act(() => button.click())
    await screen.findByText('Write docs')
    await waitFor(() => expect(env.listens('users')).toBe(0))
    expect(env.listens('tasks')).toBe(1)
  })
})
