import { act, renderHook, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { MetalError, increment } from '@metal/core'
import { useMetalMutation, useMetalQuery } from '../index.js'
import { setup, type User } from './helpers.js'

let env: ReturnType<typeof setup>
afterEach(() => env?.close())

/** The live rows of `users` next to a mutation on them. */
function useUsersAndWrites() {
  const users = useMetalQuery<User>('users', (q) => q.orderBy('name'))
  const writes = useMetalMutation<User>('users')
  return { users: users.data, writes }
}

const names = (rows: { name: string }[] | undefined) => rows?.map((u) => u.name)

describe('useMetalMutation', () => {
  it('adds, sets, updates and deletes, resolving with the document id', async () => {
    env = setup()
    const { result } = renderHook(useUsersAndWrites, { wrapper: env.wrapper })
    await waitFor(() => expect(result.current.users).toEqual([]))

    let id = ''
    await act(async () => {
      id = await result.current.writes.add({ name: 'Ada', age: 36 })
    })
    expect(id).toMatch(/^[A-Za-z0-9]{20}$/)
    await waitFor(() => expect(result.current.writes.data).toBe(id)) // TanStack publishes mutation state on its own tick
    expect(result.current.users).toEqual([{ id, name: 'Ada', age: 36 }])

    await act(() => result.current.writes.set('b', { name: 'Bob', age: 25 }))
    await act(() => result.current.writes.update('b', { age: increment(1) }))
    await waitFor(() =>
      expect(result.current.users?.[1]).toEqual({ id: 'b', name: 'Bob', age: 26 }),
    )

    await act(() => result.current.writes.delete(id))
    await waitFor(() => expect(names(result.current.users)).toEqual(['Bob']))
    expect((await env.users().doc(id).get()).exists).toBe(false)
  })

  it('commits a batch atomically', async () => {
    env = setup()
    await env.seedUsers({ a: { name: 'Ada', age: 36 } })
    const { result } = renderHook(useUsersAndWrites, { wrapper: env.wrapper })
    await waitFor(() => expect(result.current.users).toHaveLength(1))
    await act(() =>
      result.current.writes.batch((batch, users) => {
        batch.delete(users.doc('a'))
        batch.set(users.doc('b'), { name: 'Bob', age: 25 })
        batch.set(users.doc('c'), { name: 'Cyd', age: 41 })
      }),
    )
    await waitFor(() => expect(names(result.current.users)).toEqual(['Bob', 'Cyd']))
  })

  it('shows a write at once, before the backend commits it', async () => {
    env = setup()
    await env.seedUsers({ a: { name: 'Ada', age: 36 } })
    const { result } = renderHook(useUsersAndWrites, { wrapper: env.wrapper })
    await waitFor(() => expect(result.current.users).toHaveLength(1))

    env.gate.hold()
    act(() => void result.current.writes.update('a', { name: 'Adah' }))
    await waitFor(() => expect(names(result.current.users)).toEqual(['Adah']))
    expect(result.current.writes.isPending).toBe(true)
    expect((await env.users().doc('a').get()).data()?.name).toBe('Ada') // not committed yet

    act(() => env.gate.release())
    await waitFor(() => expect(result.current.writes.isSuccess).toBe(true))
    expect(names(result.current.users)).toEqual(['Adah'])
    expect((await env.users().doc('a').get()).data()?.name).toBe('Adah')
  })

  it('rolls back a rejected write and surfaces the error on the mutation', async () => {
    env = setup()
    await env.seedUsers({ a: { name: 'Ada', age: 36 } })
    const { result } = renderHook(useUsersAndWrites, { wrapper: env.wrapper })
    await waitFor(() => expect(result.current.users).toHaveLength(1))

    env.gate.hold()
    act(() => {
      result.current.writes.mutate({ type: 'set', id: 'b', data: { name: 'Bob', age: 25 } })
    })
    await waitFor(() => expect(names(result.current.users)).toEqual(['Ada', 'Bob']))

    act(() => env.gate.release(new MetalError('permission-denied', 'users: write denied')))
    await waitFor(() => expect(result.current.writes.isError).toBe(true))
    expect(result.current.writes.error).toBeInstanceOf(MetalError)
    expect(result.current.writes.error?.code).toBe('permission-denied')
    await waitFor(() => expect(names(result.current.users)).toEqual(['Ada']))
  })

  it('rejects the promise of an awaited shorthand that fails', async () => {
    env = setup()
    const { result } = renderHook(() => useMetalMutation<User>('users'), {
      wrapper: env.wrapper,
    })
    await act(async () => {
      await expect(result.current.update('missing', { age: 1 })).rejects.toMatchObject({
        code: 'not-found',
      })
    })
    expect(result.current.error?.code).toBe('not-found')
  })

  it('names the bad input of a malformed write', async () => {
    env = setup()
    const { result } = renderHook(() => useMetalMutation('users'), { wrapper: env.wrapper })
    act(() => result.current.mutate({ type: 'upsert' } as never))
    await waitFor(() => expect(result.current.isError).toBe(true))
    expect(result.current.error?.message).toBe(
      "runMetalWrite(): write type must be 'add', 'set', 'update', 'delete' or 'batch', got 'upsert'",
    )
  })
})
