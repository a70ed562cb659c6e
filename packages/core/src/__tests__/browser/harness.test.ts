import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browser, openSite, type CoreWindow, type Site } from './harness.js'

// The harness itself: two tabs of one site share the origin's storage, and a page reaches the
// test server in Node over a real WebSocket.

/** The page's Web Storage (tests are typed without the DOM's types). */
interface Storage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

describe.skipIf(!browser.available)('core in Chromium (harness)', () => {
  let site: Site
  beforeAll(async () => {
    site = await openSite({ socketServer: {} })
  }, 60_000)
  afterAll(() => site?.close())

  it('loads core in two tabs of one origin that share localStorage and BroadcastChannel', async () => {
    const [a, b] = [await site.page(), await site.page()]
    type Page = { localStorage: Storage }
    await a.evaluate(() => (globalThis as unknown as Page).localStorage.setItem('k', 'from a'))
    expect(await b.evaluate(() => (globalThis as unknown as Page).localStorage.getItem('k'))).toBe(
      'from a',
    )
    const heard = b.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const channel = new BroadcastChannel('harness')
          channel.onmessage = (e) => resolve(String(e.data))
          ;(globalThis as unknown as CoreWindow).state.listening = true
        }),
    )
    await b.waitForFunction(() => (globalThis as unknown as CoreWindow).state.listening === true)
    await a.evaluate(() => new BroadcastChannel('harness').postMessage('hello'))
    expect(await heard).toBe('hello')
    expect(await a.evaluate(() => typeof (globalThis as unknown as CoreWindow).core.Metal)).toBe(
      'function',
    )
  })

  it('writes through the test server from one tab and sees it live in another', async () => {
    const [a, b] = [await site.page(), await site.page()]
    const url = site.serverUrl as string
    await b.evaluate((u) => {
      const { core, state } = globalThis as unknown as CoreWindow
      const metal = new core.Metal({ apiKey: 'k', projectId: 'harness', url: u })
      state.ids = []
      metal
        .db()
        .collection('notes')
        .subscribe((_, snap) => (state.ids = snap.docs.map((d) => d.id)))
    }, url)
    await a.evaluate(async (u) => {
      const { core } = globalThis as unknown as CoreWindow
      const metal = new core.Metal({ apiKey: 'k', projectId: 'harness', url: u })
      await metal.db().collection('notes').doc('n1').set({ text: 'hi' })
    }, url)
    await b.waitForFunction(
      () => JSON.stringify((globalThis as unknown as CoreWindow).state.ids) === '["n1"]',
    )
    expect(await b.evaluate(() => (globalThis as unknown as CoreWindow).state.ids)).toEqual(['n1'])
  })
})
