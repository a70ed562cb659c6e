import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { browser, openSite, type CoreWindow, type Site } from './harness.js'

// The embedded backend in IndexedDB, shared by the tabs of one site, in Chromium: real
// IndexedDB, Web Locks and BroadcastChannel (the Node tests use stand-ins for the first two).

/** Opens the embedded database `db` in a page: a client in `state.metal`, live ids of 'notes'. */
function start(page: Page, db: string): Promise<void> {
  return page.evaluate((databaseName) => {
    const { core, state } = globalThis as unknown as CoreWindow
    const metal = new core.Metal({
      projectId: 'site',
      embedded: { persistence: 'indexeddb', databaseName },
      auth: { persistence: false },
      sync: { retryBaseMs: 20 },
    })
    state.metal = metal
    state.ids = null
    metal
      .db()
      .collection('notes')
      .subscribe((_, snap) => (state.ids = snap.docs.map((d) => d.id)))
  }, db)
}

/** Writes note `id` from a page; resolves when the database has committed it. */
function write(page: Page, id: string): Promise<void> {
  return page.evaluate(async (noteId) => {
    const { state } = globalThis as unknown as CoreWindow
    const metal = state.metal as InstanceType<CoreWindow['core']['Metal']>
    await metal
      .db()
      .collection('notes')
      .doc(noteId)
      .set({ text: `note ${noteId}` })
  }, id)
}

/** Waits until a page's live query of 'notes' shows exactly `ids`. */
async function sees(page: Page, ids: string[]): Promise<void> {
  await page.waitForFunction(
    (want) => JSON.stringify((globalThis as unknown as CoreWindow).state.ids) === want,
    JSON.stringify(ids),
  )
}

/** The ids of 'notes' read once from a page. */
function read(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const { state } = globalThis as unknown as CoreWindow
    const metal = state.metal as InstanceType<CoreWindow['core']['Metal']>
    return (await metal.db().collection('notes').get()).docs.map((d) => d.id)
  })
}

describe.skipIf(!browser.available)(
  'embedded database in IndexedDB shared by tabs (Chromium)',
  { timeout: 30_000 },
  () => {
    let site: Site
    beforeAll(async () => {
      site = await openSite()
    }, 60_000)
    afterAll(() => site?.close())

    it('shows a write made in one tab live in another, and keeps it when both reload', async () => {
      const [a, b] = [await site.page(), await site.page()]
      await start(a, 'live')
      await start(b, 'live')
      await sees(b, [])
      await write(a, 'n1')
      await sees(b, ['n1'])
      await write(b, 'n2')
      await sees(a, ['n1', 'n2'])

      await Promise.all([a.reload(), b.reload()])
      await Promise.all([site.ready(a), site.ready(b)])
      await start(b, 'live')
      await start(a, 'live')
      await sees(a, ['n1', 'n2'])
      await sees(b, ['n1', 'n2'])
      expect(await read(b)).toEqual(['n1', 'n2'])
    })

    it('hands the database to another tab when the holder closes; it keeps working and live', async () => {
      const a = await site.page()
      await start(a, 'takeover')
      await write(a, 'n1') // the first tab holds the database
      const b = await site.page()
      await start(b, 'takeover')
      await sees(b, ['n1'])

      // Ten writes leave B while A, the holder, closes: each must land exactly once.
      await b.evaluate(async () => {
        const { state } = globalThis as unknown as CoreWindow
        const { core } = globalThis as unknown as CoreWindow
        const metal = state.metal as InstanceType<CoreWindow['core']['Metal']>
        const ref = metal.db().collection('counters').doc('c')
        await ref.set({ n: 0 })
        state.queued = Promise.all(
          Array.from({ length: 10 }, () => ref.update({ n: core.increment(1) })),
        )
      })
      await a.close()
      // Sent while the holder is gone and no other tab holds the database yet.
      await write(b, 'n2')
      const n = await b.evaluate(async () => {
        const { state } = globalThis as unknown as CoreWindow
        await state.queued
        const metal = state.metal as InstanceType<CoreWindow['core']['Metal']>
        return (await metal.db().collection('counters').doc('c').get()).data()?.n as number
      })
      expect(n).toBe(10)
      await sees(b, ['n1', 'n2'])
      const c = await site.page()
      await start(c, 'takeover')
      await sees(c, ['n1', 'n2'])
      await write(c, 'n3')
      await sees(b, ['n1', 'n2', 'n3'])
      const held = await b.evaluate(async () => {
        const nav = (
          globalThis as unknown as {
            navigator: { locks: { query(): Promise<{ held: { name: string }[] }> } }
          }
        ).navigator
        return (await nav.locks.query()).held.map((l) => l.name)
      })
      expect(held).toContain('metal-embedded:takeover')
    })

    it('frees the database when the client that made the backend closes, without closing the tab', async () => {
      const [a, b] = [await site.page(), await site.page()]
      await start(a, 'closing')
      await write(a, 'n1') // A holds the database
      await start(b, 'closing')
      await sees(b, ['n1'])
      const heldBy = (page: Page) =>
        page.evaluate(async () => {
          const nav = (
            globalThis as unknown as {
              navigator: {
                locks: { query(): Promise<{ held: { name: string; clientId: string }[] }> }
              }
            }
          ).navigator
          return (await nav.locks.query()).held
            .filter((l) => l.name === 'metal-embedded:closing')
            .map((l) => l.clientId)
        })
      const [holder] = await heldBy(a)
      await a.evaluate(() => {
        const { state } = globalThis as unknown as CoreWindow
        ;(state.metal as InstanceType<CoreWindow['core']['Metal']>).close()
      })
      // B takes the database over (A's page stays open) and keeps working.
      await expect
        .poll(
          async () => {
            const held = await heldBy(b)
            return held.length === 1 && held[0] !== holder
          },
          { timeout: 10_000 },
        )
        .toBe(true)
      await write(b, 'n2')
      await sees(b, ['n1', 'n2'])
    })
  },
)
