import { describe, expect, it } from 'vitest'
import { PresenceHub } from '../server/presenceHub.js'

describe('PresenceHub', () => {
  it('tells nothing when a connection tracks the state it already has (a relay re-announcing it)', () => {
    const hub = new PresenceHub(30_000)
    const events: string[] = []
    hub.subscribe('room', (_room, event, member) => events.push(`${event}:${member.userId}`))
    hub.track('c1', 'room', { userId: 'u', status: 'online', metadata: { page: 'a', n: [1] } }, 1)
    hub.track('c1', 'room', { userId: 'u', status: 'online', metadata: { n: [1], page: 'a' } }, 2)
    hub.track('c1', 'room', { metadata: { page: 'a' } }, 3)
    expect(events).toEqual(['join:u'])
    hub.track('c1', 'room', { metadata: { page: 'b' } }, 4)
    hub.track('c1', 'room', { status: 'away' }, 5)
    hub.track('c1', 'room', { unset: ['n'] }, 6)
    expect(events).toEqual(['join:u', 'update:u', 'update:u', 'update:u'])
    expect(hub.subscribe('room', () => {})[0]).toMatchObject({
      userId: 'u',
      status: 'away',
      metadata: { page: 'b' },
    })
  })
})
