/**
 * Where Metal keeps what must survive a reload (the auth session, queued offline writes). Both
 * the Web Storage API (`localStorage`) and async stores (IndexedDB wrappers, React Native's
 * AsyncStorage) fit.
 */
export interface KeyValueStorage {
  getItem(key: string): string | null | undefined | Promise<string | null | undefined>
  setItem(key: string, value: string): void | Promise<void>
  removeItem(key: string): void | Promise<void>
}

/** A storage that lives in this process only. */
export function memoryStorage(): KeyValueStorage {
  const map = new Map<string, string>()
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  }
}

/** `localStorage` where the platform has one, else a process-local storage. */
export function defaultStorage(): KeyValueStorage {
  const ls = (globalThis as { localStorage?: KeyValueStorage }).localStorage
  if (ls) {
    try {
      const probe = '__metal_probe__'
      ls.setItem(probe, '1')
      ls.removeItem(probe)
      return ls
    } catch {
      // Private mode or a sandboxed frame: fall through to memory.
    }
  }
  return memoryStorage()
}

/** True when `value` has the three storage methods. */
export function isStorage(value: unknown): value is KeyValueStorage {
  if (typeof value !== 'object' || value === null) return false
  const s = value as Record<string, unknown>
  return (
    typeof s.getItem === 'function' &&
    typeof s.setItem === 'function' &&
    typeof s.removeItem === 'function'
  )
}
