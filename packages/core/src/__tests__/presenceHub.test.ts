import { describe, expect, it } from 'vitest'
import { PresenceHub } from '../server/presenceHub.js'

describe('PresenceHub', () => {
  it('tells nothing when a connection tracks the state it already has (a relay re-announcing it)', () => {
    const hub = new PresenceHub(30_000)
    const events: string[] = []
    hub.subscribe('room', (n) => events.push(`${n.event}:${'member' in n ? n.member.userId : ''}`))
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

describe('PresenceRelay', () => {
  it('after lost messages, announces its members again and asks the others for theirs', async () => {
    const { PresenceRelay, MISSED_MESSAGES } = await import('../server/presenceRelay.js')
    // Two relays on a shared in-memory channel that can drop messages.
    const channels: { onmessage: ((e: { data: unknown }) => void) | null }[] = []
    let down = false
    const channel = () => {
      const ch = {
        onmessage: null as ((e: { data: unknown }) => void) | null,
        postMessage(message: unknown) {
          if (down) return
          for (const other of channels) if (other !== ch) other.onmessage?.({ data: message })
        },
        close() {},
      }
      channels.push(ch)
      return ch
    }
    const hubA = new PresenceHub(30_000)
    const hubB = new PresenceHub(30_000)
    const a = new PresenceRelay(
      channel(),
      () => hubA,
      'p',
      () => 1,
    )
    const b = new PresenceRelay(
      channel(),
      () => hubB,
      'p',
      () => 1,
    )
    const seenByB: string[] = []
    hubB.subscribe('room', (n) =>
      seenByB.push(`${n.event}:${'member' in n ? n.member.userId : ''}`),
    )
    down = true // the channel is cut: A's member never reaches B
    hubA.track('local:1', 'room', { userId: 'alice', status: 'online' }, 1)
    a.track('local:1', 'room', { userId: 'alice', status: 'online' })
    down = false
    expect(seenByB).toEqual([])
    // B's channel says it may have missed messages: B asks, A answers with its members.
    channels[1]?.onmessage?.({ data: MISSED_MESSAGES })
    expect(seenByB).toEqual(['join:alice'])
    a.close()
    b.close()
  })
})
