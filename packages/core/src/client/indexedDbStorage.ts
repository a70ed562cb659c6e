import { MetalError, describe, invalidArgument } from '../errors.js'
import type { KeyValueStorage } from './storage.js'

interface IdbRequest<T> {
  result: T
  error: unknown
  onsuccess: (() => void) | null
  onerror: (() => void) | null
}
interface IdbTransaction {
  oncomplete: (() => void) | null
  onabort: (() => void) | null
  error: unknown
}
interface IdbDatabase {
  onversionchange: (() => void) | null
  close(): void
  objectStoreNames: { contains(name: string): boolean }
  createObjectStore(name: string): unknown
  transaction(
    store: string,
    mode: 'readonly' | 'readwrite',
  ): IdbTransaction & {
    objectStore(name: string): {
      get(key: string): IdbRequest<unknown>
      put(value: string, key: string): IdbRequest<unknown>
      delete(key: string): IdbRequest<unknown>
    }
  }
}
interface IdbFactory {
  open(
    name: string,
    version?: number,
  ): IdbRequest<IdbDatabase> & { onupgradeneeded: (() => void) | null }
}

function done<T>(req: IdbRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
}

/** True where the platform has IndexedDB (browsers). */
export function hasIndexedDb(): boolean {
  return typeof (globalThis as { indexedDB?: unknown }).indexedDB === 'object'
}

/**
 * A {@link KeyValueStorage} on IndexedDB: the browser default for Metal's offline write queue,
 * which can outgrow localStorage and must survive reloads. A write resolves once its
 * transaction has committed. Tabs of one site share it (each keeps its own queue in it).
 * @param databaseName The IndexedDB database (one object store, `kv`). @default 'metal'
 */
export function indexedDbStorage(databaseName = 'metal'): KeyValueStorage {
  if (typeof databaseName !== 'string' || databaseName === '')
    throw invalidArgument(
      'indexedDbStorage()',
      `'databaseName' must be a non-empty string, got ${describe(databaseName)}`,
    )
  const factory = (globalThis as { indexedDB?: IdbFactory }).indexedDB
  if (!factory)
    throw new MetalError(
      'failed-precondition',
      'indexedDbStorage(): IndexedDB is not available here',
    )
  const STORE = 'kv'
  let db: Promise<IdbDatabase> | undefined
  const open = (): Promise<IdbDatabase> => {
    if (db) return db
    const req = factory.open(databaseName, 1)
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE)
    }
    db = done(req).then((opened) => {
      // Another page upgrading the database: let it, and open again on the next call.
      opened.onversionchange = () => {
        opened.close()
        db = undefined
      }
      return opened
    })
    db.catch(() => (db = undefined)) // a failed open is tried again on the next call
    return db
  }
  const store = async (mode: 'readonly' | 'readwrite') => (await open()).transaction(STORE, mode)
  const committed = (tx: IdbTransaction) =>
    new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve()
      tx.onabort = () => reject(tx.error)
    })
  return {
    async getItem(key) {
      const value = await done((await store('readonly')).objectStore(STORE).get(key))
      return typeof value === 'string' ? value : null
    },
    async setItem(key, value) {
      const tx = await store('readwrite')
      tx.objectStore(STORE).put(value, key)
      await committed(tx)
    },
    async removeItem(key) {
      const tx = await store('readwrite')
      tx.objectStore(STORE).delete(key)
      await committed(tx)
    },
  }
}
