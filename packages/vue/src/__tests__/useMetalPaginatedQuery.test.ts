import { nextTick, ref } from 'vue'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { MetalQueryBuilder } from '@metal/core/bindings'
import { useMetalPaginatedQuery } from '../index.js'
import { settle, setup, type User } from './helpers.js'

let env: ReturnType<typeof setup>
afterEach(() => env?.close())

const ids = (pages: { id: string }[][] | undefined) => pages?.map((p) => p.map((r) => r.id))

/** Users u1…u5, aged 20, 30, 30, 30, 50: three tie at 30 across a page boundary. */
async function seed() {
  await env.seedUsers({
    u1: { name: 'u1', age: 20 },
    u2: { name: 'u2', age: 30 },
    u3: { name: 'u3', age: 30 },
    u4: { name: 'u4', age: 30 },
    u5: { name: 'u5', age: 50 },
  })
}

describe('useMetalPaginatedQuery', () => {
  it('reads page after page with fetchNextPage, skipping and repeating no tied row', async () => {
    env = setup()
    await seed()
    const { result } = env.withSetup(() =>
      useMetalPaginatedQuery<User>('users', (q) => q.orderBy('age'), { pageSize: 2 }),
    )
    await vi.waitFor(() => expect(ids(result.data.value?.pages)).toEqual([['u1', 'u2']]))
    expect(result.hasNextPage.value).toBe(true)

    await result.fetchNextPage()
    await vi.waitFor(() =>
      expect(ids(result.data.value?.pages)).toEqual([
        ['u1', 'u2'],
        ['u3', 'u4'],
      ]),
    )
    await result.fetchNextPage()
    await vi.waitFor(() =>
      expect(ids(result.data.value?.pages)).toEqual([['u1', 'u2'], ['u3', 'u4'], ['u5']]),
    )
    expect(result.hasNextPage.value).toBe(false)
  })

  it('keeps the first page live while later pages stay as read', async () => {
    env = setup()
    await seed()
    const { result } = env.withSetup(() =>
      useMetalPaginatedQuery<User>('users', (q) => q.orderBy('age'), { pageSize: 2 }),
    )
    await vi.waitFor(() => expect(result.data.value?.pages).toHaveLength(1))
    await result.fetchNextPage()
    await vi.waitFor(() => expect(result.data.value?.pages).toHaveLength(2))

    await env.users().doc('u0').set({ name: 'u0', age: 10 })
    await vi.waitFor(() => expect(ids(result.data.value?.pages)?.[0]).toEqual(['u0', 'u1']))
    await env.users().doc('u4').update({ name: 'renamed' })
    await settle(20)
    expect(ids(result.data.value?.pages)?.[1]).toEqual(['u3', 'u4'])
    expect(result.data.value?.pages[1]?.[1]?.name).toBe('u4')
  })

  it('starts over from the first page when a reactive sort changes, showing the old pages meanwhile', async () => {
    env = setup()
    await seed()
    const direction = ref<'asc' | 'desc'>('asc')
    const { result } = env.withSetup(() =>
      useMetalPaginatedQuery<User>('users', (q) => q.orderBy('age', direction.value), {
        pageSize: 2,
      }),
    )
    await vi.waitFor(() => expect(ids(result.data.value?.pages)).toEqual([['u1', 'u2']]))
    direction.value = 'desc'
    await nextTick()
    expect(ids(result.data.value?.pages)).toEqual([['u1', 'u2']])
    expect(result.isPlaceholderData.value).toBe(true)
    await vi.waitFor(() => expect(ids(result.data.value?.pages)).toEqual([['u5', 'u4']]))
    await vi.waitFor(() => expect(env.listens('users')).toBe(1))
  })

  it('closes the first page subscription when its scope stops', async () => {
    env = setup()
    await seed()
    const { result, scope } = env.inScope(() => useMetalPaginatedQuery<User>('users'))
    await vi.waitFor(() => expect(result.data.value?.pages[0]).toHaveLength(5))
    expect(result.hasNextPage.value).toBe(false) // 5 rows < the default page size of 20
    expect(env.listens('users')).toBe(1)
    scope.stop()
    await vi.waitFor(() => expect(env.listens('users')).toBe(0))
  })

  it('rejects what cannot be paged, naming the problem', () => {
    env = setup()
    const page =
      (build: MetalQueryBuilder<User> | undefined, pageSize = 10) =>
      () =>
        env.inScope(() => useMetalPaginatedQuery<User>('users', build, { pageSize }))
    expect(page(undefined, 0)).toThrow(
      'useMetalPaginatedQuery(): pageSize must be a positive integer, got 0',
    )
    expect(page((q) => q.orderBy('age').limitToLast(3))).toThrow(
      "useMetalPaginatedQuery(): limitToLast() cannot be paged; sort with orderBy(field, 'desc')",
    )
    expect(page((q) => q.offset(2))).toThrow('useMetalPaginatedQuery(): offset() cannot be paged')
  })
})
