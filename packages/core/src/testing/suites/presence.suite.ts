import { describe, expect, it, onTestFinished } from 'vitest'
import { Metal } from '../../index.js'
import type { PresenceMember } from '../../index.js'
import { eventually, settle, type BackendHarness, type BackendTestOptions } from './harness.js'
import { backendFor, clientFor } from './helpers.js'
import { presenceMessagesSuite } from './presenceMessages.suite.js'

export function presenceSuite(harness: BackendHarness): void {
  const backendWith = (options?: BackendTestOptions) => backendFor(harness, options)
  const client = clientFor
  function watch(metal: Metal, room?: string) {
    const presence = metal.presence(room)
    const events: string[] = []
    let members: PresenceMember[] = []
    let lists = 0
    presence.on('join', (m) => events.push(`join:${m.userId}`))
    presence.on('update', (m) => events.push(`update:${m.userId}:${m.connections}`))
    presence.on('leave', (m) => events.push(`leave:${m.userId}`))
    presence.subscribe((list) => {
      members = list
      lists++
    })
    return {
      events,
      get members() {
        return members
      },
      get lists() {
        return lists
      },
    }
  }

  describe(`presence (${harness.name})`, () => {
    it('reports a join with the tracked state to other clients', async () => {
      const backend = await backendWith()
      const alice = client(backend)
      const bob = client(backend)
      const seen = watch(bob)
      await settle(10)
      alice
        .presence()
        .track({ userId: 'user123', status: 'online', metadata: { currentPage: '/dashboard' } })
      await eventually(() => expect(seen.events).toEqual(['join:user123']))
      expect(seen.members).toHaveLength(1)
      expect(seen.members[0]).toMatchObject({
        userId: 'user123',
        status: 'online',
        metadata: { currentPage: '/dashboard' },
        connections: 1,
      })
      expect(seen.members[0]?.lastSeen).toBeGreaterThan(Date.now() - 5000)
    })

    it('raises one update when a member changes state, never a leave and a join', async () => {
      const backend = await backendWith()
      const alice = client(backend, { presence: { throttleMs: 0 } })
      const seen = watch(client(backend))
      alice.presence().track({ userId: 'a', status: 'online', metadata: { page: '/' } })
      await eventually(() => expect(seen.events).toEqual(['join:a']))
      alice.presence().track({ userId: 'a', status: 'away', metadata: { page: '/settings' } })
      await eventually(() => expect(seen.events).toEqual(['join:a', 'update:a:1']))
      expect(seen.members[0]).toMatchObject({ status: 'away', metadata: { page: '/settings' } })
    })

    it('sends only what changed', async () => {
      const backend = await backendWith()
      const alice = client(backend, { presence: { throttleMs: 0 } })
      const seen = watch(client(backend))
      alice
        .presence()
        .track({ userId: 'a', metadata: { page: '/', cursor: 1, big: 'x'.repeat(1000) } })
      await eventually(() => expect(seen.members).toHaveLength(1))
      alice
        .presence()
        .track({ userId: 'a', metadata: { page: '/', cursor: 2, big: 'x'.repeat(1000) } })
      await eventually(() => expect(seen.members[0]?.metadata.cursor).toBe(2))
      expect(seen.members[0]?.metadata.big).toHaveLength(1000)
      alice.presence().track({ userId: 'a', metadata: { page: '/' } })
      await eventually(() => expect(seen.members[0]?.metadata).toEqual({ page: '/' }))
    })

    it('counts several tabs of one user as one member with a connection count', async () => {
      const backend = await backendWith()
      const tab1 = client(backend)
      const tab2 = client(backend)
      const seen = watch(client(backend))
      tab1.presence().track({ userId: 'u1' })
      await eventually(() => expect(seen.events).toEqual(['join:u1']))
      tab2.presence().track({ userId: 'u1' })
      await eventually(() => expect(seen.members[0]?.connections).toBe(2))
      expect(seen.members).toHaveLength(1)
      tab1.presence().untrack()
      await eventually(() => expect(seen.members[0]?.connections).toBe(1))
      tab2.presence().untrack()
      await eventually(() =>
        expect(seen.events).toEqual(['join:u1', 'update:u1:2', 'update:u1:1', 'leave:u1']),
      )
      expect(seen.members).toEqual([])
    })

    it('removes a member whose heartbeat stops, after the timeout', async () => {
      const backend = await backendWith({ presenceTimeoutMs: 150 })
      const silent = client(backend, { presence: { heartbeatMs: 60_000 } })
      const alive = client(backend, { presence: { heartbeatMs: 40 } })
      const seen = watch(client(backend))
      silent.presence().track({ userId: 'silent' })
      alive.presence().track({ userId: 'alive' })
      await eventually(() => expect(seen.members).toHaveLength(2))
      await eventually(() => expect(seen.events).toContain('leave:silent'), 3000)
      await settle(300)
      expect(seen.members.map((m) => m.userId)).toEqual(['alive'])
    })

    it('leaves no ghost when a client goes away (reload or close)', async () => {
      const backend = await backendWith()
      const tab = client(backend)
      const seen = watch(client(backend))
      tab.presence().track({ userId: 'u1' })
      await eventually(() => expect(seen.members).toHaveLength(1))
      tab.close()
      await eventually(() => expect(seen.events).toEqual(['join:u1', 'leave:u1']))
      const reloaded = client(backend)
      reloaded.presence().track({ userId: 'u1' })
      await eventually(() =>
        expect(seen.members.map((m) => [m.userId, m.connections])).toEqual([['u1', 1]]),
      )
    })

    it('throttles rapid updates and always delivers the last value', async () => {
      const backend = await backendWith()
      const alice = client(backend, { presence: { throttleMs: 100 } })
      const seen = watch(client(backend))
      for (let i = 0; i <= 20; i++) alice.presence().track({ userId: 'a', metadata: { x: i } })
      await eventually(() => expect(seen.members[0]?.metadata.x).toBe(20))
      await settle(150)
      const updates = seen.events.filter((e) => e.startsWith('update'))
      expect(seen.events[0]).toBe('join:a')
      expect(updates.length).toBeLessThanOrEqual(1)
      expect(seen.members[0]?.metadata.x).toBe(20)
    })

    it('keeps rooms apart', async () => {
      const backend = await backendWith()
      const alice = client(backend)
      const lobby = watch(client(backend), 'lobby')
      const other = watch(client(backend), 'other')
      alice.presence('lobby').track({ userId: 'a' })
      await eventually(() => expect(lobby.members).toHaveLength(1))
      await settle(20)
      expect(other.members).toEqual([])
      expect(other.events).toEqual([])
    })

    it('gives a late subscriber the current members in its first call', async () => {
      const backend = await backendWith()
      const alice = client(backend)
      alice.presence().track({ userId: 'a', status: 'busy' })
      await settle(20)
      const late = client(backend)
      const lists: PresenceMember[][] = []
      late.presence().subscribe((m) => lists.push(m))
      await eventually(() => expect(lists).toHaveLength(1))
      expect(lists[0]?.map((m) => [m.userId, m.status])).toEqual([['a', 'busy']])
    })

    it('re-checks presence rules when the session changes: signing out removes the member', async () => {
      const backend = await backendWith({
        rules: ({ op, auth }) => op !== 'presence' || auth !== null,
      })
      const alice = client(backend)
      const bob = client(backend)
      await alice.auth().authenticate({ type: 'custom', token: 'a', metadata: { userId: 'alice' } })
      await bob.auth().authenticate({ type: 'custom', token: 'b', metadata: { userId: 'bob' } })
      const seen = watch(bob)
      alice.presence().track({ userId: 'alice' })
      await eventually(() => expect(seen.events).toEqual(['join:alice']))
      await alice
        .auth()
        .authenticate({ type: 'custom', token: 'a2', metadata: { userId: 'alice' } })
      await settle(20)
      expect(seen.events).toEqual(['join:alice'])
      await alice.auth().signOut()
      await eventually(() => expect(seen.events).toEqual(['join:alice', 'leave:alice']))
    })

    it('brings back a member removed by the heartbeat timeout when it next tracks (issue #10, case 4)', async () => {
      let clock = Date.now()
      const backend = await backendWith({ presenceTimeoutMs: 100, now: () => clock })
      const alice = client(backend, { presence: { throttleMs: 0, heartbeatMs: 60_000 } })
      const seen = watch(client(backend))
      alice.presence().track({ userId: 'alice', status: 'online' })
      await eventually(() => expect(seen.events).toEqual(['join:alice']))
      clock += 1000 // alice is not heard from in time
      await eventually(() => expect(seen.events).toEqual(['join:alice', 'leave:alice']))
      alice.presence().track({ userId: 'alice', status: 'away' }) // a diff: only the status
      await eventually(() =>
        expect(seen.events).toEqual(['join:alice', 'leave:alice', 'join:alice']),
      )
      expect(seen.members).toMatchObject([{ userId: 'alice', status: 'away', connections: 1 }])
    })

    it('brings back a member removed by the heartbeat timeout at its next heartbeat', async () => {
      let clock = Date.now()
      const backend = await backendWith({ presenceTimeoutMs: 100, now: () => clock })
      const alice = client(backend, { presence: { heartbeatMs: 20 } })
      const seen = watch(client(backend))
      alice.presence().track({ userId: 'alice', metadata: { page: '/a' } })
      await eventually(() => expect(seen.events).toEqual(['join:alice']))
      // The clock runs ahead of alice's heartbeats until the sweep removes her.
      await eventually(() => {
        clock += 1000
        expect(seen.events).toContain('leave:alice')
      })
      await eventually(() => expect(seen.events.at(-1)).toBe('join:alice'))
      expect(seen.members).toMatchObject([{ userId: 'alice', metadata: { page: '/a' } }])
    })

    it('marks the member this client tracks with isSelf, in every tab of the user', async () => {
      const backend = await backendWith()
      const tab1 = client(backend)
      const tab2 = client(backend)
      const mine = watch(tab1)
      const theirs = watch(tab2)
      tab1.presence().track({ userId: 'ada' })
      client(backend).presence().track({ userId: 'bob' })
      await eventually(() => expect(mine.members).toHaveLength(2))
      const flags = (list: PresenceMember[]) =>
        list
          .map((m) => [m.userId, m.isSelf])
          .sort((a, b) => String(a[0]).localeCompare(String(b[0])))
      expect(flags(mine.members)).toEqual([
        ['ada', true],
        ['bob', false],
      ])
      await eventually(() => expect(theirs.members).toHaveLength(2))
      expect(flags(theirs.members)).toEqual([
        ['ada', false],
        ['bob', false],
      ])
      tab2.presence().track({ userId: 'ada' }) // the same user in a second tab
      await eventually(() => expect(flags(theirs.members)).toContainEqual(['ada', true]))
      expect(flags(tab2.presence().members)).toEqual([
        ['ada', true],
        ['bob', false],
      ])
      tab2.presence().untrack()
      await eventually(() => expect(flags(theirs.members)).toContainEqual(['ada', false]))
    })

    it("gives on('join', cb, { replay: true }) added late a join for each current member", async () => {
      const backend = await backendWith()
      client(backend).presence().track({ userId: 'a' })
      client(backend).presence().track({ userId: 'b' })
      const late = client(backend).presence()
      let list: PresenceMember[] = []
      late.subscribe((m) => (list = m))
      await eventually(() => expect(list).toHaveLength(2))
      const plain: string[] = []
      const replayed: string[] = []
      late.on('join', (m) => plain.push(m.userId))
      late.on('join', (m) => replayed.push(m.userId), { replay: true })
      expect(replayed).toEqual(['a', 'b'])
      expect(late.members.map((m) => m.userId)).toEqual(['a', 'b'])
      client(backend).presence().track({ userId: 'c' })
      await eventually(() => expect(replayed).toEqual(['a', 'b', 'c']))
      expect(plain).toEqual(['c'])
    })

    it('gives a replaying join listener that opens the room each member once', async () => {
      const backend = await backendWith()
      client(backend).presence().track({ userId: 'a' })
      await settle(20)
      const joins: string[] = []
      client(backend)
        .presence()
        .on('join', (m) => joins.push(m.userId), { replay: true })
      await eventually(() => expect(joins).toEqual(['a']))
      await settle(20)
      expect(joins).toEqual(['a'])
    })

    it("names 'metadata' when track() gets metadata that is not an object (issue #10, case 6)", () => {
      const metal = new Metal({ auth: { persistence: false } })
      onTestFinished(() => metal.close())
      expect(() => metal.presence().track({ userId: 'u', metadata: 'admin' as never })).toThrow(
        "track(): field 'metadata' must be a plain object, got 'admin'",
      )
      expect(() => metal.presence().track({ userId: 'u', metadata: [1] as never })).toThrow(
        /track\(\): field 'metadata' must be a plain object/,
      )
      expect(metal.presence().tracked).toBeNull()
    })

    it('validates on() options', () => {
      const metal = new Metal({ auth: { persistence: false } })
      onTestFinished(() => metal.close())
      const p = metal.presence()
      expect(() => p.on('join', () => {}, { replay: 'yes' } as never)).toThrow(
        "presence.on(): option 'replay' must be a boolean, and true only with 'join'; got 'yes' with 'join'",
      )
      expect(() => p.on('leave', () => {}, { replay: true })).toThrow(
        /presence.on\(\): option 'replay' .* true only with 'join'; got true with 'leave'/,
      )
    })

    it('validates track() input', () => {
      const metal = new Metal({ auth: { persistence: false } })
      onTestFinished(() => metal.close())
      expect(() => metal.presence().track({ userId: '' })).toThrow(/track\(\): field 'userId'/)
      expect(() => metal.presence().track({ userId: 'a', metadata: { f: () => 1 } })).toThrow(
        /track\(\): field 'f' is a function/,
      )
      expect(() => metal.presence().on('joined' as never, () => {})).toThrow(
        /presence.on\(\): event/,
      )
    })
  })
  presenceMessagesSuite(harness)
}
