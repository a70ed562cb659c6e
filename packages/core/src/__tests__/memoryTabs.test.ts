import { describe, expect, it, onTestFinished } from 'vitest'
import { Metal, type PresenceMember, type PresenceMessage } from '../index.js'
import { memory, type MemoryBackend } from '../backends/memory/index.js'
import { eventually } from '../testing/suites/harness.js'

// Each browser tab runs its own embedded backend; they share presence over a BroadcastChannel.
// Node has BroadcastChannel too, so two backends in one process stand in for two tabs.

function tab(
  channel: string,
  options: { now?: () => number; presenceTimeoutMs?: number; heartbeatMs?: number } = {},
): { backend: MemoryBackend; metal: Metal } {
  const { heartbeatMs, ...backendOptions } = options
  const backend = memory({ presenceChannel: channel, ...backendOptions })
  const metal = new Metal({
    backend,
    projectId: 'tabs',
    auth: { persistence: false },
    presence: heartbeatMs === undefined ? {} : { heartbeatMs },
  })
  onTestFinished(() => {
    metal.close()
    backend.close()
  })
  return { backend, metal }
}

function watch(metal: Metal) {
  const state = { members: [] as PresenceMember[], events: [] as string[] }
  const p = metal.presence()
  p.subscribe((m) => (state.members = m))
  for (const e of ['join', 'update', 'leave'] as const)
    p.on(e, (m) => state.events.push(`${e}:${m.userId}:${m.connections}`))
  return state
}

describe('memory backend presence across tabs', () => {
  it('shows a member tracked in one tab to another tab', async () => {
    const channel = `metal-test-${Math.random()}`
    const one = tab(channel)
    const two = tab(channel)
    const seen = watch(two.metal)
    one.metal.presence().track({ userId: 'ada', metadata: { page: '/a' } })
    await eventually(() =>
      expect(seen.members.map((m) => [m.userId, m.metadata.page])).toEqual([['ada', '/a']]),
    )
    one.metal.presence().track({ userId: 'ada', metadata: { page: '/b' } })
    await eventually(() => expect(seen.members[0]?.metadata.page).toBe('/b'))
    expect(seen.events).toEqual(['join:ada:1', 'update:ada:1'])
  })

  it('counts the same user in two tabs as one member with two connections', async () => {
    const channel = `metal-test-${Math.random()}`
    const one = tab(channel)
    const two = tab(channel)
    const seen = watch(two.metal)
    one.metal.presence().track({ userId: 'ada' })
    two.metal.presence().track({ userId: 'ada' })
    await eventually(() =>
      expect(seen.members.map((m) => [m.userId, m.connections])).toEqual([['ada', 2]]),
    )
  })

  it('removes a closed tab at once, and a newly opened tab learns who is already there', async () => {
    const channel = `metal-test-${Math.random()}`
    const one = tab(channel)
    const two = tab(channel)
    one.metal.presence().track({ userId: 'ada' })
    const seen = watch(two.metal)
    await eventually(() => expect(seen.members.map((m) => m.userId)).toEqual(['ada']))

    const three = tab(channel)
    const late = watch(three.metal)
    await eventually(() => expect(late.members.map((m) => m.userId)).toEqual(['ada']))

    one.metal.close()
    one.backend.close()
    await eventually(() => expect(seen.members).toEqual([]))
    await eventually(() => expect(late.members).toEqual([]))
  })

  it('delivers a broadcast message from one tab to listeners in the others', async () => {
    const channel = `metal-test-${Math.random()}`
    const one = tab(channel)
    const two = tab(channel)
    const got: PresenceMessage[] = []
    two.metal.presence().on('message', (m) => got.push(m))
    const seen = watch(two.metal)
    one.metal.presence().track({ userId: 'ada' })
    await eventually(() => expect(seen.members).toHaveLength(1))
    one.metal.presence().broadcast('cursor', { x: 3 })
    await eventually(() => expect(got).toHaveLength(1))
    expect(got[0]).toMatchObject({ event: 'cursor', payload: { x: 3 }, userId: 'ada' })
  })

  it("brings back a member another tab timed out (lost heartbeats) at the member's next heartbeat", async () => {
    const channel = `metal-test-${Math.random()}`
    const one = tab(channel, { heartbeatMs: 20 })
    let clock = Date.now()
    const two = tab(channel, { presenceTimeoutMs: 100, now: () => clock })
    const seen = watch(two.metal)
    one.metal.presence().track({ userId: 'ada' })
    await eventually(() => expect(seen.events).toEqual(['join:ada:1']))
    // Tab two's clock runs ahead of ada's relayed heartbeats until its sweep removes her.
    await eventually(() => {
      clock += 1000
      expect(seen.events).toContain('leave:ada:0')
    })
    await eventually(() => expect(seen.events.at(-1)).toBe('join:ada:1'))
  })
})
