import { MetalError } from '../../errors.js'
import type { DocStore, StoredCommit, StoredProject } from './persistedStorage.js'
import {
  hasIndexedDb,
  idbCommitted,
  idbDatabase,
  idbRequest,
  type IdbObjectStore,
} from '../../platform.js'

interface KeyRange {
  bound(lower: unknown, upper: unknown): unknown
}

const DOCS = 'docs' // [projectId, collection, id] → { c: collection, d: StoredDoc }
const META = 'meta' // projectId → version
const MUTATIONS = 'mutations' // [projectId, mutationId] → { id, r: result, s: version }

function fail(name: string, what: string, error: unknown): MetalError {
  const why = (error as { message?: string } | null)?.message ?? String(error)
  return new MetalError('unavailable', `embedded database '${name}': ${what} failed (${why})`)
}

/**
 * The embedded backend's documents in the IndexedDB database `name` (object stores `docs`,
 * `meta`, `mutations`), each commit in one transaction.
 */
export function indexedDbDocs(name: string): DocStore {
  const g = globalThis as { IDBKeyRange?: KeyRange }
  const db = idbDatabase(name, [DOCS, META, MUTATIONS])
  const open = () =>
    db.open().catch((error: unknown) => {
      throw hasIndexedDb()
        ? fail(name, 'opening it', error)
        : new MetalError('failed-precondition', 'IndexedDB is not available here')
    })
  const range = (projectId: string): unknown => g.IDBKeyRange?.bound([projectId], [projectId, []])
  const all = <T>(store: IdbObjectStore, key: unknown): Promise<T[]> =>
    idbRequest(store.getAll(key)) as Promise<T[]>

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
          idbCommitted(tx),
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
      const done = idbCommitted(tx)
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
      db.close()
    },
  }
}
