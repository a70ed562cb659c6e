import type { DocStore, StoredCommit, StoredProject } from '../../backends/tabs/index.js'

// Stand-ins for Node tests only (Node 20 has BroadcastChannel but neither IndexedDB nor Web
// Locks); the real ones are tested in Chromium (browser/embeddedTabs.test.ts).

/** The parts of `navigator.locks.request` the stand-in takes. */
type LockCallback = (lock: { name: string } | null) => unknown

/**
 * Exclusive Web Locks for the tabs of one test: a request waits until the lock is free, in
 * order, and holds it until its callback's promise settles; with `{ ifAvailable: true }` the
 * callback gets null at once when the lock is held. Takes `(name, callback)` and
 * `(name, options, callback)`, as `navigator.locks.request` does.
 */
export function standInLocks() {
  const queues = new Map<string, (() => void)[]>()
  const held = new Set<string>()
  const grant = (name: string): void => {
    if (held.has(name)) return
    const next = queues.get(name)?.shift()
    if (next) next()
  }
  function request(name: string, callback: LockCallback): Promise<unknown>
  function request(
    name: string,
    options: { ifAvailable?: boolean },
    callback: LockCallback,
  ): Promise<unknown>
  function request(
    name: string,
    a: LockCallback | { ifAvailable?: boolean },
    b?: LockCallback,
  ): Promise<unknown> {
    const callback = (typeof a === 'function' ? a : b) as LockCallback
    const options = typeof a === 'function' ? {} : a
    if (options.ifAvailable && (held.has(name) || (queues.get(name)?.length ?? 0) > 0)) {
      return Promise.resolve().then(() => callback(null))
    }
    return new Promise((resolve, reject) => {
      const q = queues.get(name) ?? []
      queues.set(name, q)
      q.push(() => {
        held.add(name)
        void Promise.resolve()
          .then(() => callback({ name }))
          .then(resolve, reject)
          .finally(() => {
            held.delete(name)
            grant(name)
          })
      })
      grant(name)
    })
  }
  return { request, held: (name: string) => held.has(name) }
}

/** What an origin's IndexedDB holds, shared by every stand-in store opened on it. */
export type StandInDatabase = Map<string, StoredProject>

/**
 * A {@link DocStore} over `database`, which outlives the tabs as IndexedDB does: values are
 * copied in and out (structured clone), and a commit lands whole. `failWrites` makes the next
 * writes fail (a full disk); `afterWrite` runs once a commit has landed.
 */
export function standInDocs(
  database: StandInDatabase,
): DocStore & { failWrites: boolean; afterWrite?: () => void } {
  const store: DocStore & { failWrites: boolean; afterWrite?: () => void } = {
    failWrites: false,
    async load(projectId: string): Promise<StoredProject> {
      await Promise.resolve()
      return structuredClone(database.get(projectId) ?? { version: 0, docs: [], mutations: [] })
    },
    async write(projectId: string, commit: StoredCommit): Promise<void> {
      await Promise.resolve()
      if (store.failWrites) throw new Error('QuotaExceededError: the disk is full')
      const c = structuredClone(commit)
      const p = database.get(projectId) ?? { version: 0, docs: [], mutations: [] }
      const docs = p.docs.filter(
        (d) => !c.changes.some((x) => x.collection === d.collection && x.id === d.doc.id),
      )
      for (const x of c.changes) if (x.after) docs.push({ collection: x.collection, doc: x.after })
      const mutations = p.mutations.filter(([id]) => !c.forget.includes(id))
      if (c.mutation) mutations.push(c.mutation)
      database.set(projectId, { version: c.version, docs, mutations })
      store.afterWrite?.()
    },
    close(): void {},
  }
  return store
}
