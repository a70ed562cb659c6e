import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { browser, openSite, type CoreWindow, type Site } from './harness.js'
import { eventually } from '../../testing/suites/harness.js'
import type { Metal, Sync } from '../../index.js'

// Queued offline writes with several tabs of one site, in Chromium: the tabs share IndexedDB (where
// queues are stored), Web Locks and BroadcastChannel. Each write is a batch that sets `notes/<id>`
// and increments `counters/c`, so a write committed twice shows as a count too high.

/** What a tab keeps in its page. */
interface Tab {
  metal: Metal
  notes: Sync
  errors: string[]
}
/** The page's global object, as these tests use it (page functions cannot close over helpers). */
type InPage = Omit<CoreWindow, 'state'> & { state: Tab }

/** Starts a Metal client on the test server in `page` (queue in IndexedDB, the default). */
async function start(page: Page, url: string, projectId: string): Promise<void> {
  await page.evaluate(
    ([url, projectId]) => {
      const { core, state } = globalThis as unknown as CoreWindow
      const metal = new core.Metal({ apiKey: 'k', projectId, url, auth: { persistence: false } })
      const notes = metal.sync({ collection: 'notes' })
      const errors: string[] = []
      notes.on('error', (e) => errors.push(`${e.code}: ${e.message}`))
      Object.assign(state, { metal, notes, errors })
    },
    [url, projectId] as const,
  )
  // Online and answering: the client has started.
  await page.evaluate(() =>
    (globalThis as unknown as InPage).state.metal.db().collection('notes').get(),
  )
}

/** Takes the tab offline and queues one batch per id. */
async function queueOffline(page: Page, ids: string[]): Promise<void> {
  await page.evaluate(async (ids) => {
    const { core } = globalThis as unknown as CoreWindow
    const { metal } = (globalThis as unknown as InPage).state
    metal.disableNetwork()
    const db = metal.db()
    for (const id of ids) {
      const batch = db.batch()
      batch.set(db.collection('notes').doc(id), { id })
      batch.set(db.collection('counters').doc('c'), { n: core.increment(1) }, { merge: true })
      await batch.commit({ wait: 'local' })
    }
  }, ids)
}

// Plain JS (run as is in the page): the ids of notes written by every queue stored in the
// project's IndexedDB database, whatever key each queue is under.
const SCAN = `(name) => new Promise((resolve, reject) => {
  const req = indexedDB.open(name, 1)
  req.onupgradeneeded = () => req.result.createObjectStore('kv')
  req.onerror = () => reject(req.error)
  req.onsuccess = () => {
    const db = req.result
    const tx = db.transaction('kv', 'readonly')
    const all = tx.objectStore('kv').getAll()
    tx.oncomplete = () => {
      db.close()
      const ids = []
      for (const text of all.result) {
        let queue
        try { queue = JSON.parse(text) } catch { continue }
        if (!Array.isArray(queue)) continue
        for (const batch of queue)
          for (const w of (batch && batch.writes) || []) if (w.collection === 'notes') ids.push(w.id)
      }
      resolve(ids.sort())
    }
  }
})`

/** The ids of notes in queued writes stored by any tab of the project. */
function storedNotes(page: Page, projectId: string): Promise<string[]> {
  return page.evaluate(`(${SCAN})(${JSON.stringify(`metal-${projectId}`)})`)
}

/** Waits until no queue is stored and `pages` have nothing pending. */
async function drained(projectId: string, pages: Page[]): Promise<void> {
  await eventually(async () => {
    expect(await storedNotes(pages[0] as Page, projectId)).toEqual([])
    for (const page of pages)
      expect(await page.evaluate(() => (globalThis as unknown as InPage).state.notes.pending)).toBe(
        0,
      )
  }, 20_000)
}

/** The notes and the counter as the server has them. */
function committed(page: Page): Promise<{ notes: string[]; count: unknown }> {
  return page.evaluate(async () => {
    const db = (globalThis as unknown as InPage).state.metal.db()
    const notes = (await db.collection('notes').get()).docs.map((d) => d.id).sort()
    const counter = await db.collection('counters').doc('c').get()
    return { notes, count: counter.data()?.n }
  })
}

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`)

describe.skipIf(!browser.available)(
  'queued writes with several tabs (Chromium)',
  { timeout: 60_000 },
  () => {
    let site: Site
    let url: string
    beforeAll(async () => {
      site = await openSite({ socketServer: {} })
      url = site.serverUrl as string
    }, 60_000)
    afterAll(() => site?.close())

    it('keeps every write two tabs queued offline across a reload of both, each committed once', async () => {
      const project = 'reload'
      const [a, b] = [await site.page(), await site.page()]
      await start(a, url, project)
      await start(b, url, project)

      await queueOffline(a, ids('a', 3))
      await eventually(async () => expect(await storedNotes(a, project)).toEqual(ids('a', 3)))
      await queueOffline(b, ids('b', 3))
      await eventually(async () =>
        expect(await storedNotes(b, project)).toEqual(expect.arrayContaining(ids('b', 3))),
      )
      for (const page of [a, b]) {
        await page.reload()
        await site.ready(page)
        await start(page, url, project)
      }

      await drained(project, [a, b])
      expect(await committed(a)).toEqual({ notes: [...ids('a', 3), ...ids('b', 3)], count: 6 })
    })

    it('sends the queue of a tab closed mid-queue from another tab, each write once', async () => {
      const project = 'closed'
      const [a, b] = [await site.page(), await site.page()]
      await start(a, url, project)
      await start(b, url, project)
      await queueOffline(a, ids('n', 5))
      await eventually(async () => expect(await storedNotes(a, project)).toEqual(ids('n', 5)))

      // Back online until the first write is committed, then offline again: four stay queued.
      await a.evaluate(() => {
        const { metal, notes } = (globalThis as unknown as InPage).state
        notes.on('pending', (n) => {
          if (n === 4) metal.disableNetwork()
        })
        metal.enableNetwork()
      })
      await eventually(async () =>
        expect(await storedNotes(b, project)).toEqual(ids('n', 5).slice(1)),
      )
      await a.close()

      await drained(project, [b])
      expect(await committed(b)).toEqual({ notes: ids('n', 5), count: 5 })
    })

    it('sends the queue of a tab closed while sending from another tab, each write once', async () => {
      const project = 'sending'
      const [a, b] = [await site.page(), await site.page()]
      await start(a, url, project)
      await start(b, url, project)
      await queueOffline(a, ids('n', 5))
      await eventually(async () => expect(await storedNotes(a, project)).toEqual(ids('n', 5)))

      // Whatever was committed when the tab went is sent again with its mutation id: applied once.
      await a.evaluate(() => (globalThis as unknown as InPage).state.metal.enableNetwork())
      await a.close()

      await drained(project, [b])
      expect(await committed(b)).toEqual({ notes: ids('n', 5), count: 5 })
    })

    it('sends the queue stored under the single key of earlier versions, once', async () => {
      const project = 'legacy'
      const a = await site.page()
      await a.evaluate(async (key) => {
        const { core } = globalThis as unknown as CoreWindow
        const write = (id: string) => ({ op: 'set', collection: 'notes', id, data: { id } })
        const queue = ['old1', 'old2'].map((id, i) => ({
          id: `earlier-${i}`,
          writes: [write(id)],
          createdAt: 1,
          bases: [],
          offline: true,
        }))
        await core.indexedDbStorage('metal-legacy').setItem(key, JSON.stringify(queue))
      }, `metal:outbox:${project}`)
      await start(a, url, project)
      const b = await site.page()
      await start(b, url, project)

      await drained(project, [a, b])
      expect((await committed(b)).notes).toEqual(['old1', 'old2'])
    })

    it('reports an unreadable stored queue on the sync views and leaves it as it is', async () => {
      const project = 'unreadable'
      const key = `metal:outbox:${project}`
      const a = await site.page()
      await a.evaluate(
        (key) =>
          (globalThis as unknown as CoreWindow).core
            .indexedDbStorage('metal-unreadable')
            .setItem(key, '[{"id":'),
        key,
      )
      await start(a, url, project)

      await eventually(async () =>
        expect(await a.evaluate(() => (globalThis as unknown as InPage).state.errors)).toEqual([
          expect.stringMatching(new RegExp(`^internal: .*'${key}' could not be read`)),
        ]),
      )
      await queueOffline(a, ['x1'])
      await a.evaluate(() => (globalThis as unknown as InPage).state.metal.enableNetwork())
      await drained(project, [a])
      expect(await committed(a)).toEqual({ notes: ['x1'], count: 1 })
      const text = await a.evaluate(
        (key) =>
          (globalThis as unknown as CoreWindow).core
            .indexedDbStorage('metal-unreadable')
            .getItem(key),
        key,
      )
      expect(text).toBe('[{"id":')
    })

    it('keeps a value in IndexedDB that another tab reads, until it is removed', async () => {
      const [a, b] = [await site.page(), await site.page()]
      const read = () =>
        b.evaluate(() =>
          (globalThis as unknown as CoreWindow).core.indexedDbStorage('metal-kv').getItem('k'),
        )
      await a.evaluate(() =>
        (globalThis as unknown as CoreWindow).core.indexedDbStorage('metal-kv').setItem('k', 'v'),
      )
      expect(await read()).toBe('v')
      await a.evaluate(() =>
        (globalThis as unknown as CoreWindow).core.indexedDbStorage('metal-kv').removeItem('k'),
      )
      expect(await read()).toBeNull()
    })
  },
)
