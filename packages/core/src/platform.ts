// The browser APIs core uses where they exist (IndexedDB, Web Locks, BroadcastChannel), declared
// as far as core uses them (core is compiled without the DOM library), and found in one place.
// Every layer may use this file.

/** A BroadcastChannel (or anything shaped like one, such as a test stand-in). */
export interface ChannelLike<M = unknown> {
  postMessage(message: M): void
  close(): void
  onmessage: ((event: { data: unknown }) => void) | null
}

/** A new BroadcastChannel named `name`, or null where the platform has none. */
export function broadcastChannel<M = unknown>(name: string): ChannelLike<M> | null {
  const BC = (globalThis as unknown as { BroadcastChannel?: new (name: string) => ChannelLike<M> })
    .BroadcastChannel
  return typeof BC === 'function' ? new BC(name) : null
}

/** True where the platform has BroadcastChannel (browsers, Node 18+). */
export function hasBroadcastChannel(): boolean {
  return typeof (globalThis as { BroadcastChannel?: unknown }).BroadcastChannel === 'function'
}

/** Web Locks (`navigator.locks`), as far as core uses them. */
export interface LockManagerLike {
  request(name: string, callback: (lock: object | null) => unknown): Promise<unknown>
  request(
    name: string,
    options: { ifAvailable?: boolean; signal?: object },
    callback: (lock: object | null) => unknown,
  ): Promise<unknown>
}

/** The platform's Web Locks, or null where there are none. */
export function webLocks(): LockManagerLike | null {
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator
  return typeof nav?.locks?.request === 'function' ? nav.locks : null
}

/** An IndexedDB request. */
export interface IdbRequest<T> {
  result: T
  error: unknown
  onsuccess: (() => void) | null
  onerror: (() => void) | null
}

/** An IndexedDB object store. */
export interface IdbObjectStore {
  get(key: unknown): IdbRequest<unknown>
  getAll(range: unknown): IdbRequest<unknown[]>
  put(value: unknown, key: unknown): IdbRequest<unknown>
  delete(key: unknown): IdbRequest<unknown>
}

/** An IndexedDB transaction. */
export interface IdbTransaction {
  objectStore(name: string): IdbObjectStore
  oncomplete: (() => void) | null
  onerror: (() => void) | null
  onabort: (() => void) | null
  error: unknown
  abort(): void
}

/** An open IndexedDB database. */
export interface IdbDatabase {
  objectStoreNames: { contains(name: string): boolean }
  createObjectStore(name: string): unknown
  transaction(stores: string | string[], mode: 'readonly' | 'readwrite'): IdbTransaction
  close(): void
  onversionchange: (() => void) | null
}

interface IdbFactory {
  open(
    name: string,
    version: number,
  ): IdbRequest<IdbDatabase> & {
    onupgradeneeded: (() => void) | null
  }
}

/** True where the platform has IndexedDB (browsers). */
export function hasIndexedDb(): boolean {
  return typeof (globalThis as { indexedDB?: unknown }).indexedDB === 'object'
}

/** Resolves with a request's result, or rejects with its error. */
export function idbRequest<T>(req: IdbRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
}

/** Resolves once a transaction has committed; rejects when it fails or is aborted. */
export function idbCommitted(tx: IdbTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve()
    tx.onerror = tx.onabort = () => reject(tx.error)
  })
}

/**
 * The IndexedDB database `name` (version 1, with `stores`), opened on first use. A failed open
 * is tried again on the next call; when another page upgrades or deletes the database this one
 * lets it and opens again when next asked. Throws where there is no IndexedDB.
 */
export function idbDatabase(
  name: string,
  stores: readonly string[],
): { open(): Promise<IdbDatabase>; close(): void } {
  let db: Promise<IdbDatabase> | undefined
  return {
    open() {
      const factory = (globalThis as { indexedDB?: IdbFactory }).indexedDB
      if (!factory) return Promise.reject(new Error('IndexedDB is not available here'))
      if (db) return db
      const req = factory.open(name, 1)
      req.onupgradeneeded = () => {
        for (const s of stores)
          if (!req.result.objectStoreNames.contains(s)) req.result.createObjectStore(s)
      }
      const opening = idbRequest(req).then((opened) => {
        opened.onversionchange = () => {
          opened.close()
          if (db === opening) db = undefined
        }
        return opened
      })
      opening.catch(() => {
        if (db === opening) db = undefined
      })
      return (db = opening)
    },
    close() {
      const opened = db
      db = undefined
      void opened?.then(
        (d) => d.close(),
        () => undefined,
      )
    },
  }
}
