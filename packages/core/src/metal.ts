import { describe, invalidArgument, type MetalError } from './errors.js'
import { lazyBackend } from './protocol/lazyBackend.js'
import { Database } from './database.js'
import { Store, type StoreOptions } from './client/store.js'
import { Auth, type AuthOptions } from './auth/auth.js'
import { Presence, type PresenceOptions } from './presence/presence.js'
import { Sync, checkSyncOptions, type SyncOptions } from './sync/sync.js'
import { hasIndexedDb, indexedDbStorage } from './client/indexedDbStorage.js'
import { isStorage } from './client/storage.js'
import { autoId, checkCollectionPath } from './engine/writeInput.js'
import type { Backend } from './protocol/backend.js'
import type { WebSocketConstructor } from './backends/remote/webSocket.js'
import { checkRoom } from './protocol/presenceChecks.js'
import { checkEmbeddedOptions, type EmbeddedOptions } from './backends/memory/embeddedOptions.js'

/** Options of the client's local document cache (`new Metal({ cache })`). */
export interface CacheOptions {
  /**
   * How many documents no listener holds and no pending write needs are kept, least recently
   * seen dropped first, so `get()` offline (or with `{ source: 'cache' }`) can answer from them.
   * `0` keeps only what listeners hold. (Firestore bounds its cache by bytes, 40 MB by default.)
   * @default 10000
   */
  maxDocuments?: number
}

/** Options of `new Metal()`. */
export interface MetalOptions {
  /** The project's API key (checked by a Metal server; unused by the embedded backend). */
  apiKey?: string
  /**
   * Which project's data to use; projects never see each other's data.
   * @default 'default'
   */
  projectId?: string
  /**
   * The Metal server to connect to (`http(s)://` or `ws(s)://`). Without `url` or `backend`
   * the client runs on an embedded backend, loaded on demand.
   */
  url?: string
  /**
   * The WebSocket class used to reach the server at `url`. Browsers and Node 22+ have one; in
   * Node 20 pass the `ws` package's: `import { WebSocket } from 'ws'`, then
   * `new Metal({ apiKey, projectId, url, WebSocket })`.
   * @default globalThis.WebSocket
   */
  WebSocket?: WebSocketConstructor
  /**
   * Where documents live. Share one backend between several clients to model several users.
   * @default a new embedded memory backend (or the server at `url`)
   */
  backend?: Backend
  /** Without `url` or `backend`: where the embedded backend keeps data (IndexedDB, shared by tabs). */
  embedded?: EmbeddedOptions
  /** Session persistence and refresh. */
  auth?: AuthOptions
  /** Presence throttling and heartbeat. */
  presence?: PresenceOptions
  /** Offline write queue storage, request timeout and reconnect backoff. */
  sync?: StoreOptions
  /** How many recently seen documents the local cache keeps for offline reads. */
  cache?: CacheOptions
  /**
   * Follow the browser's `online`/`offline` events (going offline as a lost connection would).
   * @default true
   */
  watchBrowserNetwork?: boolean
  /**
   * Leave out map fields whose value is `undefined` when writing (set, add, update, batches and
   * transactions), as Firestore's `ignoreUndefinedProperties` does, instead of refusing the
   * write. `undefined` in an array is still refused.
   * @default false
   */
  ignoreUndefinedProperties?: boolean
}

const PROJECT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/

function checkOptionObject(name: string, value: unknown): void {
  if (value !== undefined && (typeof value !== 'object' || value === null)) {
    throw invalidArgument(
      'new Metal()',
      `option '${name}' must be an object, got ${describe(value)}`,
    )
  }
}

function checkCacheOptions(options: CacheOptions | undefined): void {
  checkOptionObject('cache', options)
  const max = options?.maxDocuments
  if (max !== undefined && (typeof max !== 'number' || !Number.isInteger(max) || max < 0)) {
    throw invalidArgument(
      'new Metal()',
      `option 'cache.maxDocuments' must be a non-negative integer, got ${describe(max)}`,
    )
  }
}

function checkSyncStoreOptions(options: StoreOptions | undefined): void {
  checkOptionObject('sync', options)
  if (!options) return
  const { storage, requestTimeoutMs, retryBaseMs } = options
  if (storage !== undefined && storage !== false && !isStorage(storage)) {
    throw invalidArgument(
      'new Metal()',
      `option 'sync.storage' must be false or a storage with getItem/setItem/removeItem, got ${describe(storage)}`,
    )
  }
  for (const [name, v] of [
    ['requestTimeoutMs', requestTimeoutMs],
    ['retryBaseMs', retryBaseMs],
  ] as const) {
    if (v !== undefined && (typeof v !== 'number' || !(v > 0))) {
      throw invalidArgument(
        'new Metal()',
        `option 'sync.${name}' must be a positive number, got ${describe(v)}`,
      )
    }
  }
}

/** A Metal client: the entry point to the database, auth, presence and offline sync. */
export class Metal {
  /** The project this client reads and writes. */
  readonly projectId: string
  /** The backend this client is connected to. */
  readonly backend: Backend
  private readonly store: Store
  private database: Database | undefined
  private readonly authService: Auth
  private readonly rooms = new Map<string, Presence>()
  private readonly syncs = new Map<string, Sync>()
  private readonly options: MetalOptions
  private readonly cleanups: (() => void)[] = []
  private readonly ownBackend: { close(): void } | undefined

  /** Creates a client. With no options it runs fully in-process on an embedded backend. */
  constructor(options: MetalOptions = {}) {
    if (typeof options !== 'object' || options === null) {
      throw invalidArgument('new Metal()', `options must be an object, got ${describe(options)}`)
    }
    const { apiKey, projectId = 'default', backend, url, WebSocket } = options
    if (apiKey !== undefined && (typeof apiKey !== 'string' || apiKey === '')) {
      throw invalidArgument(
        'new Metal()',
        `option 'apiKey' must be a non-empty string, got ${describe(apiKey)}`,
      )
    }
    if (typeof projectId !== 'string' || !PROJECT_ID.test(projectId)) {
      throw invalidArgument(
        'new Metal()',
        `option 'projectId' must be 1-63 letters, digits, '-' or '_', got ${describe(projectId)}`,
      )
    }
    if (
      backend !== undefined &&
      (typeof backend !== 'object' || backend === null || typeof backend.connect !== 'function')
    ) {
      throw invalidArgument(
        'new Metal()',
        `option 'backend' must be a Backend (memory() or remote()), got ${describe(backend)}`,
      )
    }
    if (url !== undefined) {
      if (typeof url !== 'string' || !/^(https?|wss?):\/\/[^\s/]+/.test(url)) {
        throw invalidArgument(
          'new Metal()',
          `option 'url' must be an http(s):// or ws(s):// URL, got ${describe(url)}`,
        )
      }
      if (backend !== undefined) {
        throw invalidArgument('new Metal()', `give either 'url' or 'backend', not both`)
      }
    }
    if (WebSocket !== undefined && typeof WebSocket !== 'function') {
      throw invalidArgument(
        'new Metal()',
        `option 'WebSocket' must be a WebSocket class, got ${describe(WebSocket)}`,
      )
    }
    const { ignoreUndefinedProperties = false } = options
    if (typeof ignoreUndefinedProperties !== 'boolean') {
      throw invalidArgument(
        'new Metal()',
        `option 'ignoreUndefinedProperties' must be a boolean, got ${describe(ignoreUndefinedProperties)}`,
      )
    }
    checkOptionObject('auth', options.auth)
    checkOptionObject('embedded', options.embedded)
    if (options.embedded) checkEmbeddedOptions('new Metal()', options.embedded, { url, backend })
    checkOptionObject('presence', options.presence)
    checkSyncStoreOptions(options.sync)
    checkCacheOptions(options.cache)
    const { throttleMs, heartbeatMs } = options.presence ?? {}
    for (const [name, v] of [
      ['throttleMs', throttleMs],
      ['heartbeatMs', heartbeatMs],
    ] as const) {
      if (v !== undefined && (typeof v !== 'number' || !(v >= 0))) {
        throw invalidArgument(
          'new Metal()',
          `option 'presence.${name}' must be a non-negative number, got ${describe(v)}`,
        )
      }
    }
    this.options = options
    this.projectId = projectId
    // The embedded backend is loaded only when it is used: apps on a server never download it.
    const own =
      backend === undefined &&
      (url !== undefined
        ? lazyBackend(() =>
            import('./backends/remote/index.js').then((m) => m.remote({ url, WebSocket })),
          )
        : lazyBackend(() =>
            import('./backends/memory/index.js').then((m) => m.memory(options.embedded)),
          ))
    this.backend = own || (backend as Backend)
    // A backend this client made is closed with it (an embedded one holds the tab's database).
    this.ownBackend = own || undefined
    // The stored session is restored (or refused) before anything else is asked: every other
    // request, queued writes included, waits for it in the link. It is re-sent after each
    // reconnect, before queries are re-listened and writes resent.
    const auth = new Auth((m) => this.store.request(m), projectId, options.auth)
    this.authService = auth
    this.store = new Store(this.backend, projectId, autoId(), {
      ...options.sync,
      apiKey,
      ignoreUndefinedProperties,
      defaultStorage: () => (hasIndexedDb() ? indexedDbStorage(`metal-${projectId}`) : null),
      gate: auth.restoring,
      maxCachedDocuments: options.cache?.maxDocuments,
    })
    this.cleanups.push(
      this.store.onReconnect(() => auth.resume()),
      this.store.onOtherPush((m) => {
        if (m.type === 'presence') this.rooms.get(m.room)?.receive(m)
      }),
    )
    const g = globalThis as {
      addEventListener?: (t: string, f: () => void) => void
      removeEventListener?: (t: string, f: () => void) => void
    }
    if (
      options.watchBrowserNetwork !== false &&
      typeof g.addEventListener === 'function' &&
      typeof g.removeEventListener === 'function'
    ) {
      const off = () => this.store.disableNetwork()
      const on = () => this.store.enableNetwork()
      g.addEventListener('offline', off)
      g.addEventListener('online', on)
      this.cleanups.push(() => {
        g.removeEventListener?.('offline', off)
        g.removeEventListener?.('online', on)
      })
    }
  }

  /** The document database. */
  db(): Database {
    return (this.database ??= new Database(this.store))
  }

  /** Sessions: `authenticate()`, `signOut()`, `onStateChange()`. */
  auth(): Auth {
    return this.authService
  }

  /** Who is here, in a room (`'default'` when none is named). */
  presence(room = 'default'): Presence {
    checkRoom('presence()', room)
    let p = this.rooms.get(room)
    if (!p) {
      p = new Presence(room, (m) => this.store.request(m), this.options.presence)
      this.rooms.set(room, p)
      const presence = p
      this.cleanups.push(this.store.onReconnect(() => presence.resume()))
    }
    return p
  }

  /**
   * Offline sync for a collection: status, pending count, and how conflicts between queued
   * writes and newer remote states are settled. There is one Sync per collection; calling again
   * with options changes them.
   */
  sync(config: { collection: string; options?: SyncOptions }): Sync {
    if (typeof config !== 'object' || config === null) {
      throw invalidArgument('sync()', `expected { collection, options? }, got ${describe(config)}`)
    }
    const collection = checkCollectionPath('sync()', config.collection)
    const options = checkSyncOptions(config.options)
    const existing = this.syncs.get(collection)
    if (existing) {
      // One Sync per collection: new options apply to it, and its listeners stay attached.
      if (config.options !== undefined) existing.reconfigure(options)
      return existing
    }
    const sync = new Sync(collection, this.store, options, () => this.syncs.delete(collection))
    this.syncs.set(collection, sync)
    return sync
  }

  /** `online` or `offline`. */
  get network(): 'online' | 'offline' {
    return this.store.networkStatus
  }

  /** Goes offline: writes queue (and survive reloads), listeners keep their data. */
  disableNetwork(): void {
    this.store.disableNetwork()
  }

  /** Comes back online: resubscribes and replays queued writes in order, exactly once. */
  enableNetwork(): void {
    this.store.enableNetwork()
  }

  /** Listens for writes that failed after resolving locally (`{ wait: 'local' }`); they are rolled back. */
  onWriteError(listener: (error: MetalError) => void): () => void {
    if (typeof listener !== 'function') {
      throw invalidArgument(
        'onWriteError()',
        `listener must be a function, got ${describe(listener)}`,
      )
    }
    return this.store.onWriteError(listener)
  }

  /**
   * Stops every subscription, presence and timer, and closes the connection to the backend.
   * Open listeners get a `cancelled` MetalError through their error callback; every later call
   * fails `failed-precondition`. Writes not yet committed are kept when the queue is persistent.
   */
  close(): void {
    for (const p of this.rooms.values()) p.dispose()
    this.authService.dispose()
    for (const c of this.cleanups.splice(0)) c()
    this.store.close()
    this.ownBackend?.close()
  }

  /** Firestore's name for {@link Metal.close}: closes the client; resolves once done. */
  terminate(): Promise<void> {
    this.close()
    return Promise.resolve()
  }
}
