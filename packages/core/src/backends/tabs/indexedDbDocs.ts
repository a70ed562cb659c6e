import { MetalError } from '../../errors.js'
import type { DocStore, StoredCommit, StoredProject } from './persistedStorage.js'

// Core is compiled without the DOM library: the little of IndexedDB used here is declared here.
interface Req<T> {
  result: T
  error: unknown
  onsuccess: (() => void) | null
  onerror: (() => void) | null
}
interface Store {
  getAll(range: unknown): Req<unknown[]>
  get(key: unknown): Req<unknown>
  put(value: unknown, key: unknown): void
  delete(key: unknown): void
}
interface Tx {
  objectStore(name: string): Store
  oncomplete: (() => void) | null
  onerror: (() => void) | null
  onabort: (() => void) | null
  error: unknown
  abort(): void
}
interface Db {
  createObjectStore(name: string): unknown
  transaction(stores: string[], mode: 'readonly' | 'readwrite'): Tx
  close(): void
  onversionchange: (() => void) | null
}
interface Factory {
  open(name: string, version: number): Req<Db> & { onupgradeneeded: (() => void) | null }
}
interface KeyRange {
  bound(lower: unknown, upper: unknown): unknown
}

const DOCS = 'docs' // [projectId, collection, id] → { c: collection, d: StoredDoc }
const META = 'meta' // projectId → version
const MUTATIONS = 'mutations' // [projectId, mutationId] → { id, r: result, s: version }

/** True where IndexedDB is available (browsers). */
export function hasIndexedDb(): boolean {
  return typeof (globalThis as { indexedDB?: unknown }).indexedDB === 'object'
}

function fail(name: string, what: string, error: unknown): MetalError {
  const why = (error as { message?: string } | null)?.message ?? String(error)
  return new MetalError('unavailable', `embedded database '${name}': ${what} failed (${why})`)
}

function ended(tx: Tx): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve()
    tx.onerror = tx.onabort = () => reject(tx.error)
  })
}

/**
 * The embedded backend's documents in the IndexedDB database `name` (object stores `docs`,
 * `meta`, `mutations`), each commit in one transaction.
 */
export function indexedDbDocs(name: string): DocStore {
  const g = globalThis as { indexedDB?: Factory; IDBKeyRange?: KeyRange }
  let db: Promise<Db> | undefined
  const open = (): Promise<Db> =>
    (db ??= new Promise<Db>((resolve, reject) => {
      const factory = g.indexedDB
      if (!factory) throw new MetalError('failed-precondition', 'IndexedDB is not available here')
      const req = factory.open(name, 1)
      req.onupgradeneeded = () => {
        for (const s of [DOCS, META, MUTATIONS]) req.result.createObjectStore(s)
      }
      req.onsuccess = () => {
        // Another page upgrading or deleting the database: let it, and open again when asked.
        req.result.onversionchange = () => {
          req.result.close()
          db = undefined
        }
        resolve(req.result)
      }
      req.onerror = () => reject(req.error)
    }).catch((error: unknown) => {
      db = undefined
      throw MetalError.is(error) ? error : fail(name, 'opening it', error)
    }))
  const range = (projectId: string): unknown => g.IDBKeyRange?.bound([projectId], [projectId, []])
  const all = <T>(store: Store, key: unknown): Promise<T[]> =>
    new Promise((resolve, reject) => {
      const req = store.getAll(key)
      req.onsuccess = () => resolve(req.result as T[])
      req.onerror = () => reject(req.error)
    })

  return {
    async load(projectId: string): Promise<StoredProject> {
      const tx = (await open()).transaction([DOCS, META, MUTATIONS], 'readonly')
      try {
        const versionReq = tx.objectStore(META).get(projectId)
        const [docs, mutations] = await Promise.all([
          all<{ c: string; d: StoredProject['docs'][number]['doc'] }>(
            tx.objectStore(DOCS),
            range(projectId),
          ),
          all<{ id: string; r: unknown; s: number }>(tx.objectStore(MUTATIONS), range(projectId)),
          ended(tx),
        ])
        mutations.sort((a, b) => a.s - b.s)
        return {
          version: (versionReq.result as number | undefined) ?? 0,
          docs: docs.map((v) => ({ collection: v.c, doc: v.d })),
          mutations: mutations.map((m) => [m.id, m.r]),
        }
      } catch (error) {
        throw fail(name, `reading project '${projectId}'`, error)
      }
    },

    async write(projectId: string, commit: StoredCommit): Promise<void> {
      const tx = (await open()).transaction([DOCS, META, MUTATIONS], 'readwrite')
      const done = ended(tx)
      try {
        const docs = tx.objectStore(DOCS)
        for (const { collection, id, after } of commit.changes) {
          const key = [projectId, collection, id]
          if (after) docs.put({ c: collection, d: after }, key)
          else docs.delete(key)
        }
        tx.objectStore(META).put(commit.version, projectId)
        const mutations = tx.objectStore(MUTATIONS)
        for (const id of commit.forget) mutations.delete([projectId, id])
        if (commit.mutation) {
          const [id, r] = commit.mutation
          mutations.put({ id, r, s: commit.version }, [projectId, id])
        }
        await done
      } catch (error) {
        // A value that cannot be stored throws before the end: nothing of the commit may land.
        done.catch(() => undefined)
        try {
          tx.abort()
        } catch {
          // Already aborted or finished.
        }
        throw fail(name, 'writing a commit', error)
      }
    },

    close(): void {
      const opened = db
      db = undefined
      void opened?.then(
        (d) => d.close(),
        () => undefined,
      )
    },
  }
}
