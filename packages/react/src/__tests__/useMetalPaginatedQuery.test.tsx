import { act, renderHook, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
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
    const { result } = renderHook(
      () => useMetalPaginatedQuery<User>('users', (q) => q.orderBy('age'), { pageSize: 2 }),
      { wrapper: env.wrapper },
    )
    await waitFor(() => expect(ids(result.current.data?.pages)).toEqual([['u1', 'u2']]))
    expect(result.current.hasNextPage).toBe(true)

    await act(() => result.current.fetchNextPage())
    await waitFor(() =>
      expect(ids(result.current.data?.pages)).toEqual([
        ['u1', 'u2'],
        ['u3', 'u4'],
      ]),
    )
    await act(() => result.current.fetchNextPage())
    await waitFor(() =>
      expect(ids(result.current.data?.pages)).toEqual([['u1', 'u2'], ['u3', 'u4'], ['u5']]),
    )
    expect(result.current.hasNextPage).toBe(false)
  })

  it('pages in descending order too', async () => {
    env = setup()
    await seed()
    const { result } = renderHook(
      () => useMetalPaginatedQuery<User>('users', (q) => q.orderBy('age', 'desc'), { pageSize: 3 }),
      { wrapper: env.wrapper },
    )
    await waitFor(() => expect(result.current.data?.pages).toHaveLength(1))
    await act(() => result.current.fetchNextPage())
    await waitFor(() =>
      expect(ids(result.current.data?.pages)).toEqual([
        ['u5', 'u4', 'u3'],
        ['u2', 'u1'],
      ]),
    )
  })

  it('keeps the first page live while later pages stay as read', async () => {
    env = setup()
    await seed()
    const { result } = renderHook(
      () => useMetalPaginatedQuery<User>('users', (q) => q.orderBy('age'), { pageSize: 2 }),
      { wrapper: env.wrapper },
    )
    await waitFor(() => expect(result.current.data?.pages).toHaveLength(1))
    await act(() => result.current.fetchNextPage())
    await waitFor(() => expect(result.current.data?.pages).toHaveLength(2))

    await env.users().doc('u0').set({ name: 'u0', age: 10 })
    await waitFor(() => expect(ids(result.current.data?.pages)?.[0]).toEqual(['u0', 'u1']))
    await env.users().doc('u4').update({ name: 'renamed' })
    await settle(20)
    expect(ids(result.current.data?.pages)?.[1]).toEqual(['u3', 'u4'])
    expect(result.current.data?.pages[1]?.[1]?.name).toBe('u4')
    expect(result.current.data?.pageParams).toEqual([{ page: 0 }, { page: 1, after: [30, 'u2'] }])
  })

  it('closes the first page subscription on unmount', async () => {
    env = setup({ strict: true })
    await seed()
    const { result, unmount } = renderHook(() => useMetalPaginatedQuery<User>('users'), {
      wrapper: env.wrapper,
    })
    await waitFor(() => expect(result.current.data?.pages[0]).toHaveLength(5))
    expect(result.current.hasNextPage).toBe(false) // 5 rows < the default page size of 20
    expect(env.listens('users')).toBe(1)
    unmount()
    await waitFor(() => expect(env.listens('users')).toBe(0))
  })

  it('rejects what cannot be paged, naming the problem', () => {
    env = setup()
    const page =
      (build: MetalQueryBuilder<User> | undefined, pageSize = 10) =>
      () =>
        renderHook(() => useMetalPaginatedQuery<User>('users', build, { pageSize }), {
          wrapper: env.wrapper,
        })
    expect(page(undefined, 0)).toThrow(
      'useMetalPaginatedQuery(): pageSize must be a positive integer, got 0',
    )
    expect(page((q) => q.orderBy('age').limitToLast(3))).toThrow(
      "useMetalPaginatedQuery(): limitToLast() cannot be paged; sort with orderBy(field, 'desc')",
    )
    expect(page((q) => q.offset(2))).toThrow('useMetalPaginatedQuery(): offset() cannot be paged')
  })
})
