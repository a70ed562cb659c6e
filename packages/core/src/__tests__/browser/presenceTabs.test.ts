import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browser, openSite, type CoreWindow, type Site } from './harness.js'

// Presence between two tabs of one site in Chromium: each tab runs the embedded backend, and
// they share presence (members and broadcast messages) over a BroadcastChannel.

describe.skipIf(!browser.available)('presence across tabs in Chromium', () => {
  let site: Site
  beforeAll(async () => {
    site = await openSite()
  }, 60_000)
  afterAll(() => site?.close())

  it("shows one tab's member to the other, and delivers its broadcast messages there", async () => {
    const [a, b] = [await site.page(), await site.page()]
    const room = `room-${Math.random().toString(36).slice(2)}`
    await b.evaluate((r) => {
      const { core, state } = globalThis as unknown as CoreWindow
      const presence = new core.Metal({ projectId: 'tabs' }).presence(r)
      state.members = []
      state.messages = []
      presence.subscribe((list) => (state.members = list.map((m) => `${m.userId}:${m.isSelf}`)))
      presence.on('message', (m) => (state.messages as unknown[]).push([m.userId, m.payload]))
    }, room)
    await a.evaluate((r) => {
      const { core, state } = globalThis as unknown as CoreWindow
      const presence = new core.Metal({ projectId: 'tabs' }).presence(r)
      state.presence = presence
      presence.track({ userId: 'ada' })
    }, room)
    await b.waitForFunction(() => {
      const { state } = globalThis as unknown as CoreWindow
      return JSON.stringify(state.members) === '["ada:false"]'
    })
    await a.evaluate(() => {
      const { state } = globalThis as unknown as CoreWindow
      const presence = state.presence as { broadcast(e: string, p: object): void }
      presence.broadcast('cursor', { x: 7 })
    })
    await b.waitForFunction(
      () => ((globalThis as unknown as CoreWindow).state.messages as unknown[]).length > 0,
    )
    expect(await b.evaluate(() => (globalThis as unknown as CoreWindow).state.messages)).toEqual([
      ['ada', { x: 7 }],
    ])
  })
})
