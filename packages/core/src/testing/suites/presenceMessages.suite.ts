import { describe, expect, it, onTestFinished } from 'vitest'
import { Metal, MetalError } from '../../index.js'
import type { PresenceMessage } from '../../index.js'
import { eventually, settle, type BackendHarness } from './harness.js'
import { backendFor, clientFor, thrown } from './helpers.js'

/** `presence.broadcast()` and `presence.on('message')`: ephemeral messages to a room. */
export function presenceMessagesSuite(harness: BackendHarness): void {
  const client = clientFor

  function inbox(metal: Metal, room?: string): PresenceMessage[] {
    const got: PresenceMessage[] = []
    metal.presence(room).on('message', (m) => got.push(m))
    return got
  }

  /** Waits until `metal` follows the room (its member list arrived). */
  async function following(metal: Metal, room?: string): Promise<void> {
    let ready = false
    const stop = metal.presence(room).subscribe(() => (ready = true))
    onTestFinished(stop)
    await eventually(() => expect(ready).toBe(true))
  }

  describe(`presence messages (${harness.name})`, () => {
    it("delivers a broadcast to the room's other connections, naming the sender, not to itself", async () => {
      const backend = await backendFor(harness)
      const alice = client(backend)
      const bob = client(backend)
      const other = client(backend)
      const toAlice = inbox(alice)
      const toBob = inbox(bob)
      const toOtherRoom = inbox(other, 'elsewhere')
      await Promise.all([following(alice), following(bob), following(other, 'elsewhere')])
      alice.presence().track({ userId: 'alice' })
      alice.presence().broadcast('cursor', { x: 10, y: 20 })
      await eventually(() => expect(toBob).toHaveLength(1))
      expect(toBob[0]).toMatchObject({
        event: 'cursor',
        payload: { x: 10, y: 20 },
        userId: 'alice',
      })
      expect(typeof toBob[0]?.connectionId).toBe('string')
      await settle(30)
      expect(toAlice).toEqual([])
      expect(toOtherRoom).toEqual([])
    })

    it('reaches the other tabs of the sender, with a connection id per tab', async () => {
      const backend = await backendFor(harness)
      const tab1 = client(backend, { presence: { throttleMs: 0 } })
      const tab2 = client(backend)
      const watcher = client(backend)
      const toTab2 = inbox(tab2)
      const toWatcher = inbox(watcher)
      await Promise.all([following(tab2), following(watcher)])
      tab1.presence().track({ userId: 'ada' })
      tab2.presence().track({ userId: 'ada' })
      tab1.presence().broadcast('typing', { on: true })
      await eventually(() => expect(toTab2).toHaveLength(1))
      tab2.presence().broadcast('typing', { on: false })
      await eventually(() => expect(toWatcher).toHaveLength(2))
      expect(toTab2[0]).toMatchObject({ userId: 'ada', payload: { on: true } })
      expect(toWatcher.map((m) => m.userId)).toEqual(['ada', 'ada'])
      expect(toWatcher[0]?.connectionId).not.toBe(toWatcher[1]?.connectionId)
      expect(toWatcher[0]?.connectionId).toBe(toTab2[0]?.connectionId)
    })

    it('never stores a message: a listener added later does not get it', async () => {
      const backend = await backendFor(harness)
      const alice = client(backend, { presence: { throttleMs: 0 } })
      const bob = client(backend)
      const early = inbox(bob)
      await following(bob)
      alice.presence().track({ userId: 'alice' })
      alice.presence().broadcast('ping', { n: 1 })
      await eventually(() => expect(early).toHaveLength(1))
      const late = client(backend)
      const toLate = inbox(late)
      await following(late)
      await settle(30)
      expect(toLate).toEqual([])
    })

    it('throttles messages like updates: one per event name per throttleMs, the last payload wins', async () => {
      const backend = await backendFor(harness)
      const alice = client(backend, { presence: { throttleMs: 100 } })
      const bob = client(backend)
      const got = inbox(bob)
      await following(bob)
      alice.presence().track({ userId: 'alice' })
      for (let x = 0; x <= 20; x++) {
        alice.presence().broadcast('cursor', { x })
        alice.presence().broadcast('typing', { on: x % 2 === 0 })
      }
      await eventually(() =>
        expect(got.filter((m) => m.event === 'cursor').at(-1)?.payload.x).toBe(20),
      )
      await settle(150)
      const cursors = got.filter((m) => m.event === 'cursor')
      const typing = got.filter((m) => m.event === 'typing')
      expect(cursors.length).toBeLessThanOrEqual(2)
      expect(typing.length).toBeLessThanOrEqual(2)
      expect(typing.at(-1)?.payload).toEqual({ on: true })
    })

    it('brings back a sender removed by the heartbeat timeout, then delivers its message', async () => {
      let clock = Date.now()
      const backend = await backendFor(harness, { presenceTimeoutMs: 100, now: () => clock })
      const alice = client(backend, { presence: { throttleMs: 0, heartbeatMs: 60_000 } })
      const bob = client(backend)
      const got = inbox(bob)
      const events: string[] = []
      bob.presence().on('join', (m) => events.push(`join:${m.userId}`))
      bob.presence().on('leave', (m) => events.push(`leave:${m.userId}`))
      alice.presence().track({ userId: 'alice' })
      await eventually(() => expect(events).toEqual(['join:alice']))
      clock += 1000
      await eventually(() => expect(events).toEqual(['join:alice', 'leave:alice']))
      alice.presence().broadcast('cursor', { x: 1 })
      await eventually(() => expect(got.map((m) => m.payload)).toEqual([{ x: 1 }]))
      expect(events).toEqual(['join:alice', 'leave:alice', 'join:alice'])
    })

    it('validates broadcast() input and needs a tracked state', () => {
      const metal = new Metal({ auth: { persistence: false } })
      onTestFinished(() => metal.close())
      const p = metal.presence()
      const untracked = thrown(() => p.broadcast('cursor', { x: 1 }))
      expect(untracked).toBeInstanceOf(MetalError)
      expect(untracked.code).toBe('failed-precondition')
      expect(untracked.message).toMatch(/presence.broadcast\(\): call track\(\) first/)
      p.track({ userId: 'u' })
      expect(() => p.broadcast('', {})).toThrow(
        "presence.broadcast(): event must be a non-empty string, got ''",
      )
      expect(() => p.broadcast('cursor', 'x' as never)).toThrow(
        "presence.broadcast(): payload must be a plain object, got 'x'",
      )
      expect(() => p.broadcast('cursor', { f: () => 1 })).toThrow(
        /presence.broadcast\(\): field 'f' is a function/,
      )
      expect(() => p.broadcast('cursor', { big: 'x'.repeat(70_000) })).toThrow(
        /presence.broadcast\(\): payload is \d+ bytes; the limit is 65536 bytes/,
      )
      expect(() => p.on('message', 'no' as never)).toThrow(/presence.on\(\): listener/)
    })
  })
}
