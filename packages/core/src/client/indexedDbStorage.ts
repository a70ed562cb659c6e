import { MetalError, describe, invalidArgument } from '../errors.js'
import type { KeyValueStorage } from './storage.js'
import { hasIndexedDb, idbCommitted, idbDatabase, idbRequest } from '../platform.js'

export { hasIndexedDb }

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
  if (!hasIndexedDb())
    throw new MetalError(
      'failed-precondition',
      'indexedDbStorage(): IndexedDB is not available here',
    )
  const STORE = 'kv'
  const db = idbDatabase(databaseName, [STORE])
  const store = async (mode: 'readonly' | 'readwrite') => (await db.open()).transaction(STORE, mode)
  return {
    async getItem(key) {
      const value = await idbRequest((await store('readonly')).objectStore(STORE).get(key))
      return typeof value === 'string' ? value : null
    },
    async setItem(key, value) {
      const tx = await store('readwrite')
      tx.objectStore(STORE).put(value, key)
      await idbCommitted(tx)
    },
    async removeItem(key) {
      const tx = await store('readwrite')
      tx.objectStore(STORE).delete(key)
      await idbCommitted(tx)
    },
  }
}
