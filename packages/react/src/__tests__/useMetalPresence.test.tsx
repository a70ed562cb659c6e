import { act, renderHook, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { Metal, PresenceMember, PresenceMessage } from '@metal/core'
import { useMetalPresence, type UseMetalPresenceOptions } from '../index.js'
import { realtime, settle } from './helpers.js'

let env: ReturnType<typeof realtime>
afterEach(() => env?.close())

const ids = (members: readonly PresenceMember[]) => members.map((m) => m.userId)

/** Every join, update and leave another client hears in a room. */
function events(metal: Metal, room?: string) {
  const seen: string[] = []
  const presence = metal.presence(room)
  presence.on('join', (m) => seen.push(`join:${m.userId}`))
  presence.on('update', (m) => seen.push(`update:${m.userId}`))
  presence.on('leave', (m) => seen.push(`leave:${m.userId}`))
  return seen
}

describe('useMetalPresence', () => {
  it("follows another client's join, update and leave", async () => {
    env = realtime()
    const alice = env.client()
    const bob = env.client()
    const { result } = renderHook(() => useMetalPresence(), { wrapper: alice.wrapper })
    await settle(10)
    expect(result.current.members).toEqual([])

    bob.metal.presence().track({ userId: 'bob', status: 'online', metadata: { page: '/' } })
    await waitFor(() => expect(ids(result.current.members)).toEqual(['bob']))
    expect(result.current.members[0]).toMatchObject({
      status: 'online',
      metadata: { page: '/' },
      connections: 1,
    })

    bob.metal.presence().track({ userId: 'bob', status: 'away', metadata: { page: '/tasks' } })
    await waitFor(() => expect(result.current.members[0]?.status).toBe('away'))
    expect(result.current.members[0]?.metadata).toEqual({ page: '/tasks' })

    bob.metal.presence().untrack()
    await waitFor(() => expect(result.current.members).toEqual([]))
  })

  it('counts two tabs of one user as one member with two connections', async () => {
    env = realtime()
    const tab1 = env.client()
    const tab2 = env.client()
    const watcher = env.client()
    const { result } = renderHook(() => useMetalPresence(), { wrapper: watcher.wrapper })
    const mine = renderHook(() => useMetalPresence({ track: { userId: 'u1' } }), {
      wrapper: tab1.wrapper,
    })
    await waitFor(() => expect(ids(result.current.members)).toEqual(['u1']))

    renderHook(() => useMetalPresence({ track: { userId: 'u1' } }), { wrapper: tab2.wrapper })
    await waitFor(() => expect(result.current.members[0]?.connections).toBe(2))
    expect(result.current.members).toHaveLength(1)
    await waitFor(() => expect(mine.result.current.self?.connections).toBe(2))
    expect(mine.result.current.others).toEqual([])

    mine.unmount()
    await waitFor(() => expect(result.current.members[0]?.connections).toBe(1))
  })

  it('splits the members into self (the tracked user) and others', async () => {
    env = realtime()
    const alice = env.client()
    const bob = env.client()
    bob.metal.presence().track({ userId: 'bob' })
    const { result } = renderHook(() => useMetalPresence({ track: { userId: 'alice' } }), {
      wrapper: alice.wrapper,
    })
    await waitFor(() => expect(ids(result.current.members)).toEqual(['bob', 'alice']))
    expect(result.current.self?.userId).toBe('alice')
    expect(ids(result.current.others)).toEqual(['bob'])
  })

  it('has no self and everyone in others while not tracking', async () => {
    env = realtime()
    const alice = env.client()
    env.client().metal.presence().track({ userId: 'bob' })
    const { result } = renderHook(() => useMetalPresence(), { wrapper: alice.wrapper })
    await waitFor(() => expect(ids(result.current.others)).toEqual(['bob']))
    expect(result.current.self).toBeNull()
  })

  it('sends an inline track literal once, and again only when its content changes', async () => {
    env = realtime()
    const alice = env.client()
    const seen = events(env.client().metal)
    const { result, rerender } = renderHook(
      ({ page }: { page: string }) =>
        useMetalPresence({ track: { userId: 'alice', metadata: { page, tags: ['a'] } } }),
      { wrapper: alice.wrapper, initialProps: { page: '/' } },
    )
    await waitFor(() => expect(result.current.self?.metadata.page).toBe('/'))
    const tracked = alice.metal.presence().tracked
    for (let i = 0; i < 5; i++) rerender({ page: '/' })
    await settle(20)
    expect(alice.metal.presence().tracked).toBe(tracked) // track() was not called again
    expect(alice.count('presenceTrack')).toBe(1)

    rerender({ page: '/tasks' })
    await waitFor(() => expect(result.current.self?.metadata.page).toBe('/tasks'))
    expect(alice.count('presenceTrack')).toBe(2)
    expect(seen).toEqual(['join:alice', 'update:alice'])
  })

  it('withdraws the tracked state on unmount, and when track becomes null', async () => {
    env = realtime()
    const alice = env.client()
    const seen = events(env.client().metal)
    const view = renderHook(({ track }: UseMetalPresenceOptions) => useMetalPresence({ track }), {
      wrapper: alice.wrapper,
      initialProps: { track: { userId: 'alice' } } as UseMetalPresenceOptions,
    })
    await waitFor(() => expect(seen).toEqual(['join:alice']))
    view.rerender({ track: null })
    await waitFor(() => expect(seen).toEqual(['join:alice', 'leave:alice']))

    view.rerender({ track: { userId: 'alice' } })
    await waitFor(() => expect(seen).toHaveLength(3))
    view.unmount()
    await waitFor(() =>
      expect(seen).toEqual(['join:alice', 'leave:alice', 'join:alice', 'leave:alice']),
    )
  })

  it('under StrictMode joins once, leaves no ghost and never sends a leave and a join', async () => {
    env = realtime()
    const alice = env.client()
    const bob = env.client()
    const seen = events(bob.metal)
    const members = renderHook(() => useMetalPresence(), { wrapper: bob.wrapper })
    const view = renderHook(() => useMetalPresence({ track: { userId: 'alice' } }), {
      wrapper: alice.wrapper,
      reactStrictMode: true, // StrictMode at the root: React 19 double-mounts only there
    })
    await waitFor(() => expect(view.result.current.self?.userId).toBe('alice'))
    await settle(30)
    expect(seen).toEqual(['join:alice'])
    expect(ids(members.result.current.members)).toEqual(['alice'])
    expect(alice.count('presenceTrack')).toBe(1)
    expect(alice.count('presenceUntrack')).toBe(0)
    expect(alice.count('presenceSubscribe')).toBe(1)
    expect(alice.count('presenceUnsubscribe')).toBe(0)

    view.unmount()
    await waitFor(() => expect(members.result.current.members).toEqual([]))
    expect(seen).toEqual(['join:alice', 'leave:alice'])
  })

  it('tracks and untracks on demand, and withdraws a manual track on unmount', async () => {
    env = realtime()
    const alice = env.client()
    const seen = events(env.client().metal)
    const view = renderHook(() => useMetalPresence(), { wrapper: alice.wrapper })
    act(() => view.result.current.track({ userId: 'alice', status: 'busy' }))
    await waitFor(() => expect(view.result.current.self?.status).toBe('busy'))
    act(() => view.result.current.untrack())
    await waitFor(() => expect(view.result.current.self).toBeNull())
    act(() => view.result.current.track({ userId: 'alice' }))
    await waitFor(() => expect(seen).toEqual(['join:alice', 'leave:alice', 'join:alice']))
    view.unmount()
    await waitFor(() => expect(seen).toHaveLength(4))
    expect(seen[3]).toBe('leave:alice')
  })

  it('does not withdraw what another component tracks when a reader unmounts', async () => {
    env = realtime()
    const alice = env.client()
    const seen = events(env.client().metal)
    renderHook(() => useMetalPresence({ track: { userId: 'alice' } }), { wrapper: alice.wrapper })
    const reader = renderHook(() => useMetalPresence(), { wrapper: alice.wrapper })
    await waitFor(() => expect(reader.result.current.self?.userId).toBe('alice'))
    reader.unmount()
    await settle(30)
    expect(seen).toEqual(['join:alice'])
  })

  it('broadcasts messages to the room and hands others to onMessage, the latest callback', async () => {
    env = realtime()
    const alice = env.client()
    const bob = env.client()
    const got: string[] = []
    const sender = renderHook(() => useMetalPresence({ track: { userId: 'alice' } }), {
      wrapper: alice.wrapper,
    })
    const receiver = renderHook(
      ({ tag }: { tag: string }) =>
        useMetalPresence({
          onMessage: (m: PresenceMessage) => got.push(`${tag} ${m.userId} ${m.event}`),
        }),
      { wrapper: bob.wrapper, initialProps: { tag: 'first' } },
    )
    await waitFor(() => expect(ids(receiver.result.current.members)).toEqual(['alice']))
    expect(sender.result.current.members[0]?.isSelf).toBe(true)
    expect(receiver.result.current.members[0]?.isSelf).toBe(false)
    act(() => sender.result.current.broadcast('cursor', { x: 1 }))
    await waitFor(() => expect(got).toEqual(['first alice cursor']))
    receiver.rerender({ tag: 'second' })
    act(() => sender.result.current.broadcast('cursor', { x: 2 }))
    await waitFor(() => expect(got).toEqual(['first alice cursor', 'second alice cursor']))
  })

  it('keeps rooms apart', async () => {
    env = realtime()
    const alice = env.client()
    const bob = env.client()
    const lobby = renderHook(() => useMetalPresence({ room: 'lobby' }), { wrapper: bob.wrapper })
    const other = renderHook(() => useMetalPresence({ room: 'other' }), { wrapper: bob.wrapper })
    renderHook(() => useMetalPresence({ room: 'lobby', track: { userId: 'alice' } }), {
      wrapper: alice.wrapper,
    })
    await waitFor(() => expect(ids(lobby.result.current.members)).toEqual(['alice']))
    await settle(20)
    expect(other.result.current.members).toEqual([])
  })

  it('returns the same snapshot while nothing changes', async () => {
    env = realtime()
    const alice = env.client()
    env.client().metal.presence().track({ userId: 'bob' })
    const { result, rerender } = renderHook(() => useMetalPresence(), { wrapper: alice.wrapper })
    await waitFor(() => expect(result.current.members).toHaveLength(1))
    const { members, others, track } = result.current
    rerender()
    expect(result.current.members).toBe(members)
    expect(result.current.others).toBe(others)
    expect(result.current.track).toBe(track)
  })
})
