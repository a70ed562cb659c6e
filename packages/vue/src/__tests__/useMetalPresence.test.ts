import { reactive, ref } from 'vue'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { PresenceMember, PresenceMessage } from '@metal/core'
import { useMetalPresence } from '../index.js'
import { settle, setup } from './helpers.js'

let env: ReturnType<typeof setup>
afterEach(() => env?.close())

const userIds = (members: readonly PresenceMember[]) => members.map((m) => m.userId)

/** The members another client sees in `room`, live. */
function watchRoom(room: string) {
  const seen = { members: [] as PresenceMember[] }
  const stop = env.other.presence(room).subscribe((members) => (seen.members = members))
  return { seen, stop }
}

describe('useMetalPresence', () => {
  it('lists the members of the room as they join, update and leave', async () => {
    env = setup()
    const { result } = env.withSetup(() => useMetalPresence({ room: 'lobby' }))
    await settle(10)
    expect(result.members.value).toEqual([])

    const theirs = env.other.presence('lobby')
    theirs.track({ userId: 'bob', status: 'online' })
    await vi.waitFor(() => expect(userIds(result.members.value)).toEqual(['bob']))
    expect(result.others.value[0]?.status).toBe('online')
    expect(result.self.value).toBeNull()

    theirs.track({ userId: 'bob', status: 'away' })
    await vi.waitFor(() => expect(result.members.value[0]?.status).toBe('away'))

    theirs.untrack()
    await vi.waitFor(() => expect(result.members.value).toEqual([]))
  })

  it('tracks this client while its scope lives, and leaves when the scope stops', async () => {
    env = setup()
    const room = watchRoom('default')
    const { result, scope } = env.inScope(() =>
      useMetalPresence({ track: { userId: 'ada', metadata: { page: '/home' } } }),
    )
    await vi.waitFor(() => expect(userIds(room.seen.members)).toEqual(['ada']))
    expect(room.seen.members[0]).toMatchObject({ status: 'online', metadata: { page: '/home' } })
    await vi.waitFor(() => expect(result.self.value?.userId).toBe('ada'))
    expect(result.others.value).toEqual([])

    scope.stop()
    await vi.waitFor(() => expect(room.seen.members).toEqual([]))
    await settle(10)
    expect(env.gate.requests).toContain('presenceUnsubscribe')
    room.stop()
  })

  it('sends a reactive state change as one update, and nothing for an equal state', async () => {
    env = setup()
    const room = watchRoom('default')
    const page = ref('/home')
    const status = ref('online')
    env.withSetup(() =>
      useMetalPresence({
        track: () => ({ userId: 'ada', status: status.value, metadata: { page: page.value } }),
      }),
    )
    await vi.waitFor(() => expect(userIds(room.seen.members)).toEqual(['ada']))
    const tracks = () => env.gate.requests.filter((t) => t === 'presenceTrack').length
    expect(tracks()).toBe(1)

    page.value = '/tasks'
    await vi.waitFor(() => expect(room.seen.members[0]?.metadata.page).toBe('/tasks'))
    expect(tracks()).toBe(2)

    // A new object with the same content: the getter re-runs, but nothing is sent.
    page.value = '/x'
    page.value = '/tasks'
    status.value = 'online'
    await settle(150)
    expect(tracks()).toBe(2)
    room.stop()
  })

  it('moves to another room when the room ref changes', async () => {
    env = setup()
    const lobby = watchRoom('lobby')
    const kitchen = watchRoom('kitchen')
    const where = ref('lobby')
    const { result } = env.withSetup(() =>
      useMetalPresence({ room: where, track: { userId: 'ada' } }),
    )
    await vi.waitFor(() => expect(userIds(lobby.seen.members)).toEqual(['ada']))
    env.other.presence('kitchen').track({ userId: 'bob' })

    where.value = 'kitchen'
    await vi.waitFor(() => expect(userIds(kitchen.seen.members)).toEqual(['bob', 'ada']))
    await vi.waitFor(() => expect(lobby.seen.members).toEqual([]))
    await vi.waitFor(() => expect(userIds(result.members.value)).toEqual(['bob', 'ada']))
    expect(userIds(result.others.value)).toEqual(['bob'])
    lobby.stop()
    kitchen.stop()
  })

  it('tracks and untracks by hand, and untracks on unmount', async () => {
    env = setup()
    const room = watchRoom('default')
    const { result, unmount } = env.withSetup(() => useMetalPresence())
    result.track({ userId: 'ada' })
    await vi.waitFor(() => expect(userIds(room.seen.members)).toEqual(['ada']))
    result.untrack()
    await vi.waitFor(() => expect(room.seen.members).toEqual([]))
    expect(result.self.value).toBeNull()

    result.track({ userId: 'ada', status: 'busy' })
    await vi.waitFor(() => expect(room.seen.members[0]?.status).toBe('busy'))
    unmount()
    await vi.waitFor(() => expect(room.seen.members).toEqual([]))
    room.stop()
  })

  it('follows a track ref that becomes null (leave) and set again (join)', async () => {
    env = setup()
    const room = watchRoom('default')
    const state = reactive({ me: { userId: 'ada' } as { userId: string } | null })
    env.withSetup(() => useMetalPresence({ track: () => state.me }))
    await vi.waitFor(() => expect(userIds(room.seen.members)).toEqual(['ada']))
    state.me = null
    await vi.waitFor(() => expect(room.seen.members).toEqual([]))
    state.me = { userId: 'ada' }
    await vi.waitFor(() => expect(userIds(room.seen.members)).toEqual(['ada']))
    room.stop()
  })

  it('follows a reactive state mutated in place', async () => {
    env = setup()
    const room = watchRoom('default')
    const me = reactive({ userId: 'ada', metadata: { page: '/home' } })
    env.withSetup(() => useMetalPresence({ track: me }))
    await vi.waitFor(() => expect(room.seen.members[0]?.metadata.page).toBe('/home'))
    me.metadata.page = '/tasks'
    await vi.waitFor(() => expect(room.seen.members[0]?.metadata.page).toBe('/tasks'))
    room.stop()
  })

  it('sends no leave and join when a tracking scope is replaced within one task', async () => {
    env = setup()
    const room = watchRoom('default')
    const events: string[] = []
    const stops = (['join', 'leave'] as const).map((event) =>
      env.other.presence().on(event, (m) => events.push(`${event} ${m.userId}`)),
    )
    const first = env.inScope(() => useMetalPresence({ track: { userId: 'ada' } }))
    await vi.waitFor(() => expect(events).toEqual(['join ada']))

    first.scope.stop()
    env.inScope(() => useMetalPresence({ track: { userId: 'ada' } }))
    await settle(50)
    expect(events).toEqual(['join ada'])
    expect(userIds(room.seen.members)).toEqual(['ada'])
    for (const stop of stops) stop()
    room.stop()
  })

  it('broadcasts messages to the room and hands the others to onMessage, with isSelf on members', async () => {
    env = setup()
    const got: PresenceMessage[] = []
    const { result } = env.withSetup(() =>
      useMetalPresence({ track: { userId: 'me' }, onMessage: (m) => got.push(m) }),
    )
    const theirs = env.other.presence()
    theirs.track({ userId: 'bob' })
    const toBob: PresenceMessage[] = []
    theirs.on('message', (m) => toBob.push(m))
    await vi.waitFor(() => expect(userIds(result.members.value).sort()).toEqual(['bob', 'me']))
    expect(result.self.value?.isSelf).toBe(true)
    expect(result.others.value.map((m) => m.isSelf)).toEqual([false])
    theirs.broadcast('wave', { hi: 1 })
    await vi.waitFor(() => expect(got).toHaveLength(1))
    expect(got[0]).toMatchObject({ event: 'wave', userId: 'bob', payload: { hi: 1 } })
    result.broadcast('wave', { hi: 2 })
    await vi.waitFor(() => expect(toBob).toHaveLength(1))
    expect(toBob[0]).toMatchObject({ userId: 'me', payload: { hi: 2 } })
  })

  it('names bad presence state', () => {
    env = setup()
    vi.spyOn(console, 'warn').mockImplementation(() => {}) // Vue's "unhandled error in watcher"
    expect(() => env.inScope(() => useMetalPresence({ track: { userId: '' } }))).toThrow(
      "track(): field 'userId' must be a non-empty string, got ''",
    )
    vi.restoreAllMocks()
  })
})
