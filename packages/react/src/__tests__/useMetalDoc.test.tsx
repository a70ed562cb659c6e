import { render, renderHook, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { useMetalDoc, useMetalQuery } from '../index.js'
import { settle, setup, type User } from './helpers.js'

let env: ReturnType<typeof setup>
afterEach(() => env?.close())

const ADA = { name: 'Ada', age: 36 }

describe('useMetalDoc', () => {
  it('gives the document as { id, ...data } and follows its changes', async () => {
    env = setup()
    await env.seedUsers({ a: ADA })
    const { result } = renderHook(() => useMetalDoc<User>('users', 'a'), { wrapper: env.wrapper })
    await waitFor(() => expect(result.current.data).toEqual({ id: 'a', ...ADA }))
    await env.users().doc('a').update({ age: 37 })
    await waitFor(() => expect(result.current.data?.age).toBe(37))
    await env.users().doc('a').delete()
    await waitFor(() => expect(result.current.data).toBeNull())
  })

  it('gives null for a missing document, then the document once it is created', async () => {
    env = setup()
    const { result } = renderHook(() => useMetalDoc<User>('users', 'z'), { wrapper: env.wrapper })
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
    expect(result.current.data).toBeNull()
    await env.users().doc('z').set(ADA)
    await waitFor(() => expect(result.current.data).toEqual({ id: 'z', ...ADA }))
  })

  it("keys the entry ['metal', projectId, collection, { doc: id }]", async () => {
    env = setup()
    const { result } = renderHook(() => useMetalDoc('users', 'a'), { wrapper: env.wrapper })
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
    expect(env.queryClient.getQueryCache().getAll()[0]?.queryKey).toEqual([
      'metal',
      'test',
      'users',
      { doc: 'a' },
    ])
  })

  it('waits, disabled and unsubscribed, while the id is not known yet', async () => {
    env = setup()
    await env.seedUsers({ a: ADA })
    const { result, rerender } = renderHook(
      ({ id }: { id?: string }) => useMetalDoc<User>('users', id),
      { wrapper: env.wrapper, initialProps: {} },
    )
    await settle(10)
    expect(result.current.fetchStatus).toBe('idle')
    expect(result.current.data).toBeUndefined()
    expect(env.listens('users')).toBe(0)
    rerender({ id: 'a' })
    await waitFor(() => expect(result.current.data?.name).toBe('Ada'))
  })

  it('does not re-render when another document of the collection changes', async () => {
    env = setup()
    await env.seedUsers({ a: ADA, b: { name: 'Bob', age: 25 } })
    let renders = 0
    function Profile() {
      renders++
      const { data } = useMetalDoc<User>('users', 'a')
      return <p>{data?.name}</p>
    }
    function Count() {
      const { data } = useMetalQuery('users')
      return <p>{`${data?.length ?? 0} users`}</p>
    }
    render(
      <>
        <Profile />
        <Count />
      </>,
      { wrapper: env.wrapper },
    )
    await screen.findByText('Ada')
    await screen.findByText('2 users')
    await settle(10)
    const before = renders
    await env.users().doc('c').set({ name: 'Cyd', age: 41 })
    await screen.findByText('3 users')
    await env.users().doc('b').update({ age: 26 })
    await settle(20)
    expect(renders).toBe(before)
  })
})
