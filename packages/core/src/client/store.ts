import { MetalError, closedError } from '../errors.js'
import { DocumentCache, DEFAULT_CACHE_DOCUMENTS } from './documentCache.js'
import { guard } from './guard.js'
import { Link } from './link.js'
import { Outbox, pathKey } from './outbox.js'
import { webLocks } from '../platform.js'
import { committedLocal, type LocalDoc } from './overlay.js'
import { SyncStatus } from './syncStatus.js'
import { Targets, type ViewListener } from './targets.js'
import { WriteEffects } from './writeEffects.js'
import { readDoc, runQuery, type GetSource, type OneTimeResult } from './reads.js'
import type { PendingWaits } from './pendingWaits.js'
import type { QuerySpec } from '../engine/querySpec.js'
import type { StoredDoc, Write } from '../engine/write.js'
import type {
  Backend,
  BackendPush,
  BackendRequest,
  BackendResponses,
  VersionCheck,
} from '../protocol/backend.js'
import type { KeyValueStorage } from './storage.js'
import type { WriteInputOptions } from '../engine/writeInput.js'
import {
  syncWriteErrors,
  type SyncConfig,
  type SyncHost,
  type SyncHostEvent,
} from './syncConfig.js'

export type { LocalDoc } from './overlay.js'
export type { ViewListener } from './targets.js'
export type { GetSource, OneTimeResult } from './reads.js'

/** Options of the store's connection and write queue (given as `new Metal({ sync })`). */
export interface StoreOptions {
  /**
   * Where writes not yet committed are kept so they survive a reload; `false` keeps them in
   * memory only.
   * @default IndexedDB in browsers, memory elsewhere
   */
  storage?: KeyValueStorage | false
  /**
   * A request unanswered this long counts as lost: the connection is remade and the request
   * resent (writes are applied once however often they are sent).
   * @default 30000
   */
  requestTimeoutMs?: number
  /**
   * First reconnect delay in ms; it doubles per failed attempt (with jitter) up to 30 s.
   * @default 250
   */
  retryBaseMs?: number
}

/**
 * The client-side document cache. It keeps what listened queries hold, layers pending local
 * writes on top (so they show at once, flagged `hasPendingWrites`), maintains each listened
 * query's result incrementally, and rolls a rejected write back. It wires its parts together:
 * the link (connection), the outbox (write queue), the document cache, the listen targets and
 * the sync status.
 */
export class Store implements SyncHost {
  private readonly link: Link
  private readonly outbox: Outbox
  private readonly docs: DocumentCache
  private readonly targets: Targets
  private readonly sync: SyncStatus
  private readonly effects: WriteEffects
  private readonly upHooks = new Set<() => void>()
  private readonly pushHooks = new Set<(message: BackendPush) => void>()
  private readonly closeHooks = new Set<(error: MetalError) => void>()
  /** `waitForPendingWrites()` calls (loaded on first use). */
  private waits: PendingWaits | undefined
  private closed = false
  private readonly writeErrorListeners = new Set<
    (error: MetalError, writes: readonly Write[]) => void
  >()

  /** Resolves once writes persisted by an earlier session are queued again. */
  readonly ready: Promise<void>
  /** How writes read their data: `ignoreUndefinedProperties`, and the project references must be in. */
  readonly writeInput: WriteInputOptions

  constructor(
    backend: Backend,
    projectId: string,
    clientId: string,
    options: StoreOptions & {
      defaultStorage: () => KeyValueStorage | null
      /** The app's API key, sent when connecting (a Metal server checks it). */
      apiKey?: string
      /** Requests (but the session's own) wait until this settles: see `LinkOptions.gate`. */
      gate?: Promise<unknown> | null | undefined
      /** See `MetalOptions.ignoreUndefinedProperties`. */ ignoreUndefinedProperties?: boolean
      /** How many documents nothing holds are kept for offline reads (see `CacheOptions`). */
      maxCachedDocuments?: number
    },
  ) {
    const ignoreUndefined = options.ignoreUndefinedProperties === true
    this.writeInput = { ignoreUndefined, project: projectId }
    this.docs = new DocumentCache(options.maxCachedDocuments ?? DEFAULT_CACHE_DOCUMENTS)
    const storage = options.storage === false ? null : (options.storage ?? options.defaultStorage())
    this.sync = new SyncStatus({
      networkStatus: () => this.link.reportedStatus,
      flushing: () => this.isFlushing(),
    })
    this.outbox = new Outbox(
      {
        request: (m) => this.link.request(m),
        getRemote: async (collection, id) =>
          (await this.link.request({ type: 'get', collection, id })).doc,
        online: () => this.link.status === 'online',
        config: (c) => this.sync.config(c),
        committed: (entry, response) => this.effects.committed(entry, response),
        abandoned: (entry, error, adopt, gone) => this.effects.abandoned(entry, error, adopt, gone),
        failed: (entry, error) => {
          for (const e of syncWriteErrors(entry.id, entry.original, error))
            this.sync.emit({ type: 'error', ...e })
        },
        changed: () => {
          this.sync.maybeChanged()
          this.waits?.settle(this.outbox.entries) // called once a batch leaves the queue too
        },
        adopted: (entries) => {
          this.effects.queued(entries)
          this.outbox.pump()
        },
        unreadable: (error) => {
          // No write to name: every sync view hears it (console.error when there is none).
          const collections = this.sync.collections
          for (const collection of collections) this.sync.emit({ type: 'error', collection, error })
          if (collections.length === 0) console.error('Metal:', error.message)
        },
      },
      clientId,
      storage,
      `metal:outbox:${projectId}`,
      webLocks(),
    )
    this.link = new Link(
      backend,
      options.apiKey !== undefined ? { projectId, apiKey: options.apiKey } : { projectId },
      {
        requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
        retryBaseMs: options.retryBaseMs ?? 250,
        gate: options.gate,
      },
      {
        onPush: (m) => this.onPush(m),
        onUp: () => this.onUp(),
        onStatus: () => {
          this.sync.maybeChanged()
          if (this.link.status === 'offline') this.targets.wentOffline() // results `fromCache`
        },
        // Writes that gave up while the network was down get a fresh set of attempts.
        onHealthy: () => this.outbox.retry(),
      },
    )
    this.targets = new Targets(this.docs, this.link)
    this.effects = new WriteEffects(this.docs, this.targets, this.sync, (c) => this.outbox.count(c))
    this.link.start()
    this.ready = this.outbox.load().then((loaded) => {
      if (loaded.length === 0) return
      this.effects.queued(loaded)
      this.outbox.pump()
    })
  }

  /** Sends a request to the backend (rejects `unavailable` while offline). */
  request<T extends BackendRequest>(message: T): Promise<BackendResponses[T['type']]> {
    if (this.closed) return Promise.reject(closedError(`${message.type}()`))
    return this.link.request(message)
  }

  /** Runs `hook` with the `cancelled` error when the client closes (live listens fail with it). */
  onClose(hook: (error: MetalError) => void): () => void {
    this.closeHooks.add(hook)
    return () => void this.closeHooks.delete(hook)
  }

  /** Runs `hook` after every (re)connect, before queries are re-listened and writes resent. */
  onReconnect(hook: () => void): () => void {
    this.upHooks.add(hook)
    return () => void this.upHooks.delete(hook)
  }

  /** A target id no other listen on this client uses (live queries and live aggregates share them). */
  newTargetId(): number {
    return this.targets.newTargetId()
  }

  /** True once `close()` has run. */
  get isClosed(): boolean {
    return this.closed
  }

  /** Receives pushes that are not query results (presence, live aggregates). */
  onOtherPush(hook: (message: BackendPush) => void): () => void {
    this.pushHooks.add(hook)
    return () => void this.pushHooks.delete(hook)
  }

  private onUp(): void {
    for (const hook of this.upHooks) guard('a reconnect hook', hook)
    this.targets.relistenAll()
    this.outbox.pump()
  }

  private onPush(message: BackendPush): void {
    // Presence and live aggregates (with a live aggregate's error) belong to the hooks.
    if (
      message.type === 'presence' ||
      message.type === 'aggregate' ||
      (message.type === 'targetError' && !this.targets.has(message.targetId))
    ) {
      for (const hook of this.pushHooks) guard('a push hook', () => hook(message))
      return
    }
    this.targets.onPush(message)
  }

  // ─── Network and sync (SyncHost) ──────────────────────────────────────────────────────────────

  /** `online` or `offline`. */
  get networkStatus(): 'online' | 'offline' {
    return this.link.reportedStatus
  }

  /** True while a connection is open (requests are sent; it may not be known to work yet). */
  get connected(): boolean {
    return this.link.status === 'online'
  }

  /** Takes the client offline: writes queue, listeners keep their data. */
  disableNetwork(): void {
    this.link.disable()
  }

  /** Brings the client back: resubscribes and replays queued writes. */
  enableNetwork(): void {
    this.link.enable()
    this.outbox.retry()
  }

  /** Number of queued writes to `collection`. */
  pendingCount(collection: string): number {
    return this.outbox.count(collection)
  }

  /** True while queued writes exist and are being sent. */
  isFlushing(): boolean {
    return this.outbox.entries.length > 0 && this.link.status === 'online'
  }

  onSyncEvent(listener: (event: SyncHostEvent) => void): () => void {
    return this.sync.on(listener)
  }

  configure(collection: string, config: SyncConfig | null): void {
    this.sync.configure(collection, config)
  }

  /** Resends stalled writes and reconnects now. */
  retry(): void {
    this.link.retryNow()
    this.outbox.retry()
  }

  // ─── Writes ─────────────────────────────────────────────────────────────────────────────────

  /**
   * Applies `writes` locally at once (unless `optimistic` is false), sends them as one atomic
   * commit, and swaps in the committed state — or rolls them back if the backend rejects them.
   */
  commit(
    writes: readonly Write[],
    options: {
      wait?: 'commit' | 'local'
      optimistic?: boolean
      checks?: VersionCheck[]
      txId?: string
    } = {},
  ): Promise<void> {
    if (this.closed) return Promise.reject(closedError('commit()'))
    if (options.txId !== undefined)
      return this.commitTransaction(writes, options.txId, options.checks ?? [])
    const bases = new Map<string, StoredDoc | null | undefined>()
    for (const w of writes) {
      const key = pathKey(w.collection, w.id)
      if (!bases.has(key)) bases.set(key, this.docs.get(w.collection, w.id)?.remote)
    }
    const entry = this.outbox.add(writes, bases, this.link.status === 'offline')
    const settled = new Promise<void>((resolve, reject) => {
      entry.settle = { resolve, reject, local: options.wait === 'local' }
    })
    this.effects.queued([entry])
    this.sync.maybeChanged()
    this.outbox.pump()
    if (options.wait === 'local') {
      settled.catch((error: MetalError) => {
        for (const l of this.writeErrorListeners)
          guard('an onWriteError() listener', () => l(error, writes))
        if (this.writeErrorListeners.size === 0)
          console.error('Metal: a write queued with { wait: "local" } failed:', error)
      })
      return Promise.resolve()
    }
    return settled
  }

  /** Transaction commits skip the queue: they need the backend now, and show nothing early. */
  private async commitTransaction(
    writes: readonly Write[],
    txId: string,
    checks: VersionCheck[],
  ): Promise<void> {
    const response = await this.link.request({ type: 'commit', writes: [...writes], checks, txId })
    this.effects.transactionCommitted(writes, response)
  }

  /** Registers a listener for writes that failed after resolving locally (`{ wait: 'local' }`). */
  onWriteError(listener: (error: MetalError, writes: readonly Write[]) => void): () => void {
    this.writeErrorListeners.add(listener)
    return () => this.writeErrorListeners.delete(listener)
  }

  // ─── Reads and listens ──────────────────────────────────────────────────────────────────────

  /** Reads one document inside a transaction, from the backend. */
  async getDoc(collection: string, id: string, txId: string): Promise<LocalDoc | null> {
    const { doc } = await this.request({ type: 'get', collection, id, txId })
    return doc ? committedLocal(collection, doc) : null
  }

  /** Reads one document once; see {@link readDoc}. */
  readDoc(
    collection: string,
    id: string,
    source: GetSource = 'default',
  ): Promise<{ doc: LocalDoc | null; fromCache: boolean }> {
    if (this.closed) return Promise.reject(closedError('get()'))
    return readDoc(this.docs, this.link, collection, id, source)
  }

  /** Runs a query once; see {@link runQuery}. */
  runQuery(spec: QuerySpec, source: GetSource = 'default'): Promise<OneTimeResult> {
    if (this.closed) return Promise.reject(closedError('get()'))
    if (spec.group) {
      const fromCache =
        source === 'cache' || (source === 'default' && this.link.status === 'offline')
      return this.targets.groups.query(spec, fromCache).then((docs) => ({ docs, fromCache }))
    }
    return runQuery(this.docs, this.link, spec, source)
  }

  /** Resolves once every write queued now is committed or rejected (it waits while offline). */
  async waitForPendingWrites(): Promise<void> {
    if (this.closed) throw closedError('waitForPendingWrites()')
    const calledAt = Date.now() // writes made later are not waited for
    const [{ PendingWaits }] = await Promise.all([import('./pendingWaits.js'), this.ready])
    if (this.closed) throw closedError('waitForPendingWrites()')
    const pending = this.outbox.entries.filter((e) => e.createdAt <= calledAt)
    return (this.waits ??= new PendingWaits()).wait(pending)
  }

  /**
   * Listens to a query. Identical queries share one backend listen; each listener still gets its
   * own first callback with the whole result. Returns the function that stops listening.
   */
  listen(spec: QuerySpec, listener: ViewListener): () => void {
    if (this.closed) throw closedError('subscribe()')
    return this.targets.listen(spec, listener)
  }

  /** Number of distinct queries this client listens to. */
  get listenCount(): number {
    return this.targets.size
  }

  /** Stops every listen (errors `cancelled`, as Firestore's terminate()) and disconnects. */
  close(): void {
    if (this.closed) return
    this.closed = true
    const cancelled = new MetalError('cancelled', 'the Metal client was closed')
    this.targets.closeAll(cancelled)
    for (const hook of [...this.closeHooks]) guard('a close hook', () => hook(cancelled))
    this.waits?.rejectAll(closedError('waitForPendingWrites()'))
    this.link.close()
    void this.outbox.close() // frees this client's stored queue for the other tabs
    for (const entry of this.outbox.entries) {
      // A write queued in persistent storage is not lost: the next session sends it.
      if (entry.settle?.local && this.outbox.persistent) continue
      entry.settle?.reject(
        new MetalError('unavailable', 'the Metal client was closed before the write was committed'),
      )
    }
  }
}
