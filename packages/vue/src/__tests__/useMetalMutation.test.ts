import { ref } from 'vue'
import { afterEach, describe, expect, it, vi } from 'vitest'
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
    const { result } = env.withSetup(useUsersAndWrites)
    await vi.waitFor(() => expect(result.users.value).toEqual([]))

    const id = await result.writes.add({ name: 'Ada', age: 36 })
    expect(id).toMatch(/^[A-Za-z0-9]{20}$/)
    await vi.waitFor(() => expect(result.writes.data.value).toBe(id))
    expect(result.users.value).toEqual([{ id, name: 'Ada', age: 36 }])

    await result.writes.set('b', { name: 'Bob', age: 25 })
    await result.writes.update('b', { age: increment(1) })
    await vi.waitFor(() =>
      expect(result.users.value?.[1]).toEqual({ id: 'b', name: 'Bob', age: 26 }),
    )

    await result.writes.delete(id)
    await vi.waitFor(() => expect(names(result.users.value)).toEqual(['Bob']))
    expect((await env.users().doc(id).get()).exists).toBe(false)
  })

  it('commits a batch atomically', async () => {
    env = setup()
    await env.seedUsers({ a: { name: 'Ada', age: 36 } })
    const { result } = env.withSetup(useUsersAndWrites)
    await vi.waitFor(() => expect(result.users.value).toHaveLength(1))
    await result.writes.batch((batch, users) => {
      batch.delete(users.doc('a'))
      batch.set(users.doc('b'), { name: 'Bob', age: 25 })
      batch.set(users.doc('c'), { name: 'Cyd', age: 41 })
    })
    await vi.waitFor(() => expect(names(result.users.value)).toEqual(['Bob', 'Cyd']))
  })

  it('shows a write at once, before the backend commits it', async () => {
    env = setup()
    await env.seedUsers({ a: { name: 'Ada', age: 36 } })
    const { result } = env.withSetup(useUsersAndWrites)
    await vi.waitFor(() => expect(result.users.value).toHaveLength(1))

    env.gate.hold()
    void result.writes.update('a', { name: 'Adah' })
    await vi.waitFor(() => expect(names(result.users.value)).toEqual(['Adah']))
    expect(result.writes.isPending.value).toBe(true)
    expect((await env.users().doc('a').get()).data()?.name).toBe('Ada') // not committed yet

    env.gate.release()
    await vi.waitFor(() => expect(result.writes.isSuccess.value).toBe(true))
    expect(names(result.users.value)).toEqual(['Adah'])
    expect((await env.users().doc('a').get()).data()?.name).toBe('Adah')
  })

  it('rolls back a rejected write and surfaces the error on the mutation', async () => {
    env = setup()
    await env.seedUsers({ a: { name: 'Ada', age: 36 } })
    const { result } = env.withSetup(useUsersAndWrites)
    await vi.waitFor(() => expect(result.users.value).toHaveLength(1))

    env.gate.hold()
    result.writes.mutate({ type: 'set', id: 'b', data: { name: 'Bob', age: 25 } })
    await vi.waitFor(() => expect(names(result.users.value)).toEqual(['Ada', 'Bob']))
    expect(result.writes.error.value).toBeNull()

    env.gate.release(new MetalError('permission-denied', 'users: write denied'))
    await vi.waitFor(() => expect(result.writes.isError.value).toBe(true))
    expect(result.writes.error.value).toBeInstanceOf(MetalError)
    expect(result.writes.error.value?.code).toBe('permission-denied')
    await vi.waitFor(() => expect(names(result.users.value)).toEqual(['Ada']))
  })

  it('rejects the promise of an awaited shorthand that fails', async () => {
    env = setup()
    const { result } = env.withSetup(() => useMetalMutation<User>('users'))
    await expect(result.update('missing', { age: 1 })).rejects.toMatchObject({ code: 'not-found' })
    await vi.waitFor(() => expect(result.error.value?.code).toBe('not-found'))
  })

  it('writes to the collection a ref names at the time of the write', async () => {
    env = setup()
    const path = ref('users')
    const { result } = env.withSetup(() => useMetalMutation(path))
    await result.set('x', { name: 'Ada' })
    path.value = 'admins'
    await result.set('x', { name: 'Ada' })
    expect((await env.other.db().collection('users').doc('x').get()).exists).toBe(true)
    expect((await env.other.db().collection('admins').doc('x').get()).exists).toBe(true)
  })

  it('calls TanStack callbacks given as options', async () => {
    env = setup()
    const onSuccess = vi.fn()
    const { result } = env.withSetup(() => useMetalMutation<User>('users', { onSuccess }))
    await result.set('a', { name: 'Ada', age: 36 })
    expect(onSuccess).toHaveBeenCalledWith(
      'a',
      { type: 'set', id: 'a', data: { name: 'Ada', age: 36 }, options: undefined },
      undefined,
      expect.anything(),
    )
  })

  it('names the bad input of a malformed write', async () => {
    env = setup()
    const { result } = env.withSetup(() => useMetalMutation('users'))
    result.mutate({ type: 'upsert' } as never)
    await vi.waitFor(() => expect(result.isError.value).toBe(true))
    expect(result.error.value?.message).toBe(
      "runMetalWrite(): write type must be 'add', 'set', 'update', 'delete' or 'batch', got 'upsert'",
    )
  })
})
