import { renderHook, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { MetalError } from '@metal/core'
import { useMetalCount } from '../index.js'
import { setup, type User } from './helpers.js'

let env: ReturnType<typeof setup>
afterEach(() => env?.close())

const ADA = { name: 'Ada', age: 36, role: 'admin' }
const BOB = { name: 'Bob', age: 25, role: 'user' }

describe('useMetalCount', () => {
  it('gives the live count of a query and follows writes by another client', async () => {
    env = setup()
    await env.seedUsers({ a: ADA, b: BOB })
    const { result } = renderHook(
      () => useMetalCount<User>('users', (q) => q.where('role', '==', 'user')),
      { wrapper: env.wrapper },
    )
    await waitFor(() => expect(result.current.data).toBe(1))
    await env.users().doc('c').set({ name: 'Cyd', age: 41, role: 'user' })
    await waitFor(() => expect(result.current.data).toBe(2))
    await env.users().doc('b').delete()
    await waitFor(() => expect(result.current.data).toBe(1))
  })

  it('takes a typed query of the provider’s client', async () => {
    env = setup()
    await env.seedUsers({ a: ADA, b: BOB })
    const users = env.metal.db().collection<User>('users')
    const { result } = renderHook(() => useMetalCount(users.where('age', '>', 30)), {
      wrapper: env.wrapper,
    })
    await waitFor(() => expect(result.current.data).toBe(1))
  })

  it('counts the whole collection without a query, and closes its listen on unmount', async () => {
    env = setup()
    await env.seedUsers({ a: ADA, b: BOB })
    const counts = () => env.gate.inner.aggregateListenerCount('test', 'users')
    const { result, unmount } = renderHook(() => useMetalCount('users'), {
      wrapper: env.wrapper,
    })
    await waitFor(() => expect(result.current.data).toBe(2))
    expect(counts()).toBe(1)
    unmount()
    await waitFor(() => expect(counts()).toBe(0))
  })

  it('surfaces a refused live count as the query error', async () => {
    env = setup()
    env.gate.refuseListens('secrets')
    const { result } = renderHook(() => useMetalCount('secrets'), { wrapper: env.wrapper })
    await waitFor(() => expect(result.current.isError).toBe(true))
    expect(result.current.error).toBeInstanceOf(MetalError)
    expect(result.current.error?.code).toBe('permission-denied')
  })
})
