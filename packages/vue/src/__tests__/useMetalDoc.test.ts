import { nextTick, ref, watchEffect } from 'vue'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useMetalDoc } from '../index.js'
import { settle, setup, type User } from './helpers.js'

let env: ReturnType<typeof setup>
afterEach(() => env?.close())

const ADA = { name: 'Ada', age: 36 }
const BOB = { name: 'Bob', age: 25 }

describe('useMetalDoc', () => {
  it('gives the document as { id, ...data } and follows its changes', async () => {
    env = setup()
    await env.seedUsers({ a: ADA })
    const { result } = env.withSetup(() => useMetalDoc<User>('users', 'a'))
    await vi.waitFor(() => expect(result.data.value).toEqual({ id: 'a', ...ADA }))
    await env.users().doc('a').update({ age: 37 })
    await vi.waitFor(() => expect(result.data.value?.age).toBe(37))
    await env.users().doc('a').delete()
    await vi.waitFor(() => expect(result.data.value).toBeNull())
  })

  it('gives null for a missing document, then the document once it is created', async () => {
    env = setup()
    const { result } = env.withSetup(() => useMetalDoc<User>('users', 'z'))
    await vi.waitFor(() => expect(result.isSuccess.value).toBe(true))
    expect(result.data.value).toBeNull()
    await env.users().doc('z').set(ADA)
    await vi.waitFor(() => expect(result.data.value).toEqual({ id: 'z', ...ADA }))
  })

  it("keys the entry ['metal', projectId, collection, { doc: id }]", async () => {
    env = setup()
    const { result } = env.withSetup(() => useMetalDoc('users', 'a'))
    await vi.waitFor(() => expect(result.isSuccess.value).toBe(true))
    expect(env.queryClient.getQueryCache().getAll()[0]?.queryKey).toEqual([
      'metal',
      'test',
      'users',
      { doc: 'a' },
    ])
  })

  it('switches documents when the id ref changes, keeping the old one until the new one arrives', async () => {
    env = setup()
    await env.seedUsers({ a: ADA, b: BOB })
    const id = ref('a')
    const { result } = env.withSetup(() => useMetalDoc<User>('users', id))
    await vi.waitFor(() => expect(result.data.value?.name).toBe('Ada'))

    const seen: (string | undefined)[] = []
    const stop = watchEffect(() => seen.push(result.data.value?.name), { flush: 'sync' })

    id.value = 'b'
    await nextTick()
    expect(result.data.value?.name).toBe('Ada')
    expect(result.isPlaceholderData.value).toBe(true)
    await vi.waitFor(() => expect(result.data.value?.name).toBe('Bob'))
    expect(result.isPlaceholderData.value).toBe(false)
    stop()
    expect(seen.every((name) => name === 'Ada' || name === 'Bob')).toBe(true)
    await vi.waitFor(() => expect(env.listens('users')).toBe(1)) // the listen on 'a' is closed
    expect(env.gate.listenRequests('users')).toBe(2)
  })

  it('waits, disabled and unsubscribed, while the id is not known, and shows nothing once it is cleared', async () => {
    env = setup()
    await env.seedUsers({ a: ADA })
    const id = ref<string | null>(null)
    const { result } = env.withSetup(() => useMetalDoc<User>('users', () => id.value))
    await settle(10)
    expect(result.fetchStatus.value).toBe('idle')
    expect(result.data.value).toBeUndefined()
    expect(env.listens('users')).toBe(0)

    id.value = 'a'
    await vi.waitFor(() => expect(result.data.value?.name).toBe('Ada'))
    expect(env.listens('users')).toBe(1)

    id.value = null
    await settle()
    expect(result.data.value).toBeUndefined()
    await vi.waitFor(() => expect(env.listens('users')).toBe(0))
  })

  it('closes its subscription when its effect scope stops', async () => {
    env = setup()
    await env.seedUsers({ a: ADA })
    const { result, scope } = env.inScope(() => useMetalDoc<User>('users', 'a'))
    await vi.waitFor(() => expect(result.data.value?.name).toBe('Ada'))
    expect(env.listens('users')).toBe(1)
    scope.stop()
    await vi.waitFor(() => expect(env.listens('users')).toBe(0))
  })
})
