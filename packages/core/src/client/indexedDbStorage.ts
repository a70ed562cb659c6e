import type { KeyValueStorage } from './storage.js'

interface IdbRequest<T> {
  result: T
  error: unknown
  onsuccess: (() => void) | null
  onerror: (() => void) | null
}
interface IdbDatabase {
  objectStoreNames: { contains(name: string): boolean }
  createObjectStore(name: string): unknown
  transaction(
    store: string,
    mode: 'readonly' | 'readwrite',
  ): {
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
 * which can outgrow localStorage and must survive reloads.
 */
export function indexedDbStorage(databaseName = 'metal'): KeyValueStorage {
  const factory = (globalThis as { indexedDB?: IdbFactory }).indexedDB
  if (!factory) throw new Error('indexedDbStorage(): IndexedDB is not available here')
  const STORE = 'kv'
  let db: Promise<IdbDatabase> | undefined
  const open = (): Promise<IdbDatabase> => {
    if (db) return db
    const req = factory.open(databaseName, 1)
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE)
    }
    return (db = done(req))
  }
  const store = async (mode: 'readonly' | 'readwrite') =>
    (await open()).transaction(STORE, mode).objectStore(STORE)
  return {
    async getItem(key) {
      const value = await done((await store('readonly')).get(key))
      return typeof value === 'string' ? value : null
    },
    async setItem(key, value) {
      await done((await store('readwrite')).put(value, key))
    },
    async removeItem(key) {
      await done((await store('readwrite')).delete(key))
    },
  }
}
