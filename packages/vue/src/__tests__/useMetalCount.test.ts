import { nextTick, ref } from 'vue'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { MetalError } from '@metal/core'
import { useMetalCount } from '../index.js'
import { setup, type User } from './helpers.js'

let env: ReturnType<typeof setup>
afterEach(() => env?.close())

const ADA = { name: 'Ada', age: 36, role: 'admin' }
const BOB = { name: 'Bob', age: 25, role: 'user' }

describe('useMetalCount', () => {
  it('gives the live count of a query in a ref and follows writes by another client', async () => {
    env = setup()
    await env.seedUsers({ a: ADA, b: BOB })
    const { result } = env.withSetup(() =>
      useMetalCount<User>('users', (q) => q.where('role', '==', 'user')),
    )
    await vi.waitFor(() => expect(result.data.value).toBe(1))
    await env.users().doc('c').set({ name: 'Cyd', age: 41, role: 'user' })
    await vi.waitFor(() => expect(result.data.value).toBe(2))
    await env.users().doc('b').delete()
    await vi.waitFor(() => expect(result.data.value).toBe(1))
  })

  it('counts the new query when a ref read by buildQuery changes, and closes its listen on unmount', async () => {
    env = setup()
    await env.seedUsers({ a: ADA, b: BOB })
    const role = ref('admin')
    const counts = () => env.gate.inner.aggregateListenerCount('test', 'users')
    const { result, unmount } = env.withSetup(() =>
      useMetalCount<User>('users', (q) => q.where('role', 'in', [role.value, 'none'])),
    )
    await vi.waitFor(() => expect(result.data.value).toBe(1))
    role.value = 'nobody'
    await nextTick()
    await vi.waitFor(() => expect(result.data.value).toBe(0))
    unmount()
    await vi.waitFor(() => expect(counts()).toBe(0))
  })

  it('takes a getter of a typed query and counts the new one when it changes', async () => {
    env = setup()
    await env.seedUsers({ a: ADA, b: BOB })
    const users = env.metal.db().collection<User>('users')
    const minAge = ref(30)
    const { result } = env.withSetup(() =>
      useMetalCount(() => users.where('age', '>', minAge.value)),
    )
    await vi.waitFor(() => expect(result.data.value).toBe(1))
    minAge.value = 20
    await vi.waitFor(() => expect(result.data.value).toBe(2))
  })

  it('surfaces a refused live count as the query error', async () => {
    env = setup()
    env.gate.refuseListens('secrets')
    const { result } = env.withSetup(() => useMetalCount('secrets'))
    await vi.waitFor(() => expect(result.isError.value).toBe(true))
    expect(result.error.value).toBeInstanceOf(MetalError)
    expect(result.error.value?.code).toBe('permission-denied')
  })
})
