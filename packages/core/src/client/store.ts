import { MetalError, isTransient } from '../errors.js'
import { Link } from './link.js'
import { Outbox, pathKey, type OutboxEntry } from './outbox.js'
import { LiveView, sameData, type ViewChange } from '../engine/liveView.js'
import { compileQuery, type QuerySpec } from '../engine/querySpec.js'
import { TargetRouter } from '../engine/router.js'
import { applyWrite, type StoredDoc, type Write } from '../engine/write.js'
import { valuesEqual } from '../engine/values.js'
import type {
  Backend,
  BackendPush,
  BackendRequest,
  BackendResponses,
  TargetChange,
  VersionCheck,
} from '../protocol/backend.js'
import type { KeyValueStorage } from './storage.js'
import type { SyncConfig, SyncHost, SyncHostEvent } from './syncConfig.js'
import type { DocumentData } from '../engine/types.js'

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

/** A document as this client sees it: the backend's version with pending local writes on top. */
export interface LocalDoc {
  readonly collection: string
  readonly id: string
  readonly data: DocumentData
  /** Version of the last committed state this is based on (0: none yet). */
  readonly version: number
  /** True while local writes to it are not yet committed. */
  readonly hasPendingWrites: boolean
  /** @internal cache of the public snapshot built for this state */
  snapshot?: unknown
}

/** Receives a listened query's results. */
export interface ViewListener {
  /** Called first with the whole window as `added`, then once per change to the window. */
  next(changes: ViewChange<LocalDoc>[], window: LocalDoc[]): void
  /** Called once if the query fails (for example when permission is denied). */
  error(error: MetalError): void
}

interface PendingWrite {
  readonly write: Write
  readonly batch: object
}

/** What the store knows of one document path. */
interface DocState {
  readonly collection: string
  readonly id: string
  /** Last committed state seen (null: deleted; undefined: unknown). */
  remote: StoredDoc | null | undefined
  /** How many listened queries hold it. */
  refs: number
  /** Uncommitted local writes, oldest first. */
  pending: PendingWrite[]
  /** The merged view last handed to queries. */
  local: LocalDoc | null
}

class ClientTarget {
  readonly view: LiveView<LocalDoc>
  readonly members = new Set<string>()
  readonly listeners = new Set<{ listener: ViewListener; started: boolean }>()
  ready = false
  /** Waiting for the backend's first result on the current connection. */
  listening = false

  constructor(
    readonly targetId: number,
    readonly key: string,
    readonly query: QuerySpec,
  ) {
    // The backend already skipped `offset` documents: locally only the limit applies.
    this.view = new LiveView(compileQuery({ ...query, offset: 0 }))
  }
}

const sameLocal = (a: LocalDoc, b: LocalDoc): boolean => sameData(a, b)

/**
 * The client-side document cache. It keeps what listened queries hold, layers pending local
 * writes on top (so they show at once, flagged `hasPendingWrites`), maintains each listened
 * query's result incrementally, and rolls a rejected write back.
 */
export class Store implements SyncHost {
  private readonly link: Link
  private readonly outbox: Outbox
  private readonly syncConfigs = new Map<string, SyncConfig>()
  private readonly syncListeners = new Set<(event: SyncHostEvent) => void>()
  private readonly upHooks = new Set<() => void>()
  private readonly pushHooks = new Set<(message: BackendPush) => void>()
  private readonly docs = new Map<string, DocState>()
  private readonly targets = new Map<number, ClientTarget>()
  private readonly targetsByKey = new Map<string, ClientTarget>()
  private readonly routers = new Map<string, TargetRouter<ClientTarget>>()
  private nextTargetId = 1
  private closed = false
  private readonly writeErrorListeners = new Set<
    (error: MetalError, writes: readonly Write[]) => void
  >()

  /** Resolves once writes persisted by an earlier session are queued again. */
  readonly ready: Promise<void>

  constructor(
    backend: Backend,
    projectId: string,
    clientId: string,
    options: StoreOptions & { defaultStorage: () => KeyValueStorage | null },
  ) {
    const storage = options.storage === false ? null : (options.storage ?? options.defaultStorage())
    this.outbox = new Outbox(
      {
        request: (m) => this.link.request(m),
        getRemote: async (collection, id) =>
          (await this.link.request({ type: 'get', collection, id })).doc,
        online: () => this.link.status === 'online',
        config: (c) => this.syncConfigs.get(c),
        committed: (entry, response) => this.committed(entry, response),
        abandoned: (entry, error, adopt, gone) => this.abandoned(entry, error, adopt, gone),
        failed: (entry, error) =>
          this.emitSync({
            type: 'error',
            collection: (entry.original[0] as Write).collection,
            error,
          }),
        changed: () => this.statusMaybeChanged(),
      },
      clientId,
      storage,
      `metal:outbox:${projectId}`,
    )
    this.link = new Link(
      backend,
      projectId,
      {
        requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
        retryBaseMs: options.retryBaseMs ?? 250,
      },
      {
        onPush: (m) => this.onPush(m),
        onUp: () => this.onUp(),
        onStatus: () => this.statusMaybeChanged(),
        // Writes that gave up while the network was down get a fresh set of attempts.
        onHealthy: () => this.outbox.retry(),
      },
    )
    this.link.start()
    this.ready = this.outbox.load().then((loaded) => {
      if (loaded.length === 0) return
      const touched = new Set<DocState>()
      for (const entry of loaded) this.overlayEntry(entry, touched)
      this.refresh(touched)
      this.outbox.pump()
    })
  }

  /** Sends a request to the backend (rejects `unavailable` while offline). */
  request<T extends BackendRequest>(message: T): Promise<BackendResponses[T['type']]> {
    return this.link.request(message)
  }

  /** Runs `hook` after every (re)connect, before queries are re-listened and writes resent. */
  onReconnect(hook: () => void): () => void {
    this.upHooks.add(hook)
    return () => void this.upHooks.delete(hook)
  }

  /** Receives pushes that are not query results (presence). */
  onOtherPush(hook: (message: BackendPush) => void): () => void {
    this.pushHooks.add(hook)
    return () => void this.pushHooks.delete(hook)
  }

  // ─── Network and sync ───────────────────────────────────────────────────────────────────────

  /** `online` or `offline`. */
  get networkStatus(): 'online' | 'offline' {
    return this.link.status
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
    this.syncListeners.add(listener)
    return () => void this.syncListeners.delete(listener)
  }

  configure(collection: string, config: SyncConfig | null): void {
    if (config) this.syncConfigs.set(collection, config)
    else this.syncConfigs.delete(collection)
  }

  /** Resends stalled writes and reconnects now. */
  retry(): void {
    this.link.retryNow()
    this.outbox.retry()
  }

  private lastStatusKey = ''
  private statusMaybeChanged(): void {
    this.emitSync({ type: 'pending' })
    const key = `${this.link.status}/${this.isFlushing()}`
    if (key === this.lastStatusKey) return
    this.lastStatusKey = key
    this.emitSync({ type: 'status' })
  }

  private emitSync(event: SyncHostEvent): void {
    for (const l of [...this.syncListeners]) guard('a sync listener', () => l(event))
  }

  private onUp(): void {
    for (const hook of this.upHooks) guard('a reconnect hook', hook)
    for (const target of this.targets.values()) this.sendListen(target)
    this.outbox.pump()
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
    if (this.closed) {
      return Promise.reject(
        new MetalError('failed-precondition', 'commit(): this Metal client is closed'),
      )
    }
    if (options.txId !== undefined)
      return this.commitTransaction(writes, options.txId, options.checks ?? [])
    const bases = new Map<string, StoredDoc | null | undefined>()
    for (const w of writes) {
      const key = pathKey(w.collection, w.id)
      if (!bases.has(key)) bases.set(key, this.docs.get(key)?.remote)
    }
    const entry = this.outbox.add(writes, bases, this.link.status === 'offline')
    const settled = new Promise<void>((resolve, reject) => {
      entry.settle = { resolve, reject, local: options.wait === 'local' }
    })
    const touched = new Set<DocState>()
    this.overlayEntry(entry, touched)
    this.refresh(touched)
    this.statusMaybeChanged()
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
    const touched = new Set<DocState>()
    response.docs.forEach((doc, i) => {
      const w = writes[i] as Write
      const state = this.state(w.collection, w.id)
      touched.add(state)
      this.adopt(state, doc ?? { id: w.id, version: response.version, deleted: true })
    })
    const changes = this.applyTargetChanges(response.targets, touched)
    this.refresh(touched, changes)
  }

  private overlayEntry(entry: OutboxEntry, touched: Set<DocState>): void {
    for (const write of entry.original) {
      const state = this.state(write.collection, write.id)
      state.pending.push({ write, batch: entry })
      touched.add(state)
    }
  }

  /** A queued batch committed: adopt what it wrote and how it moved our queries. */
  private committed(entry: OutboxEntry, response: BackendResponses['commit']): void {
    const touched = new Set<DocState>()
    // Adopt even documents no query holds: a later pending write to one must keep showing on
    // top of this committed state (collect() forgets it once nothing needs it).
    response.docs.forEach((doc, i) => {
      const w = entry.writes[i] as Write
      const state = this.state(w.collection, w.id)
      touched.add(state)
      this.adopt(state, doc ?? { id: w.id, version: response.version, deleted: true })
    })
    for (const w of entry.original) touched.add(this.state(w.collection, w.id))
    const changes = this.applyTargetChanges(response.targets, touched)
    this.dropPending(entry, touched)
    this.refresh(touched, changes)
    const collections = new Set(entry.original.map((w) => w.collection))
    for (const c of collections)
      if (this.outbox.count(c) === 0) this.emitSync({ type: 'synced', collection: c })
  }

  /** A queued batch will not commit (rejected, or settled in the server's favour): undo it locally. */
  private abandoned(
    entry: OutboxEntry,
    error: MetalError | null,
    adopt: StoredDoc[],
    gone: { collection: string; id: string; version: number }[],
  ): void {
    const touched = new Set<DocState>()
    for (const w of entry.original) touched.add(this.state(w.collection, w.id))
    const collection = (entry.original[0] as Write | undefined)?.collection
    for (const doc of adopt) {
      const w = entry.original.find((x) => x.id === doc.id)
      if (!w) continue
      const state = this.state(w.collection, doc.id)
      this.adopt(state, doc)
      touched.add(state)
    }
    for (const g of gone) {
      const state = this.state(g.collection, g.id)
      state.remote = null
      touched.add(state)
    }
    if (error || entry.writes.length === 0) this.dropPending(entry, touched)
    else if (adopt.length || gone.length) this.dropPending(entry, touched, adopt, gone)
    this.refresh(touched)
    if (error && collection) this.emitSync({ type: 'error', collection, error })
  }

  /** Registers a listener for writes that failed after resolving locally (`{ wait: 'local' }`). */
  onWriteError(listener: (error: MetalError, writes: readonly Write[]) => void): () => void {
    this.writeErrorListeners.add(listener)
    return () => this.writeErrorListeners.delete(listener)
  }

  /** Removes a batch's writes from the overlay (only those on `only` documents, when given). */
  private dropPending(
    batch: object,
    touched: Set<DocState>,
    adopt?: StoredDoc[],
    gone?: { id: string }[],
  ): void {
    const ids = [...(adopt ?? []), ...(gone ?? [])].map((d) => d.id)
    const only = ids.length > 0 ? new Set(ids) : null
    for (const state of touched) {
      if (only && !only.has(state.id)) continue
      state.pending = state.pending.filter((p) => p.batch !== batch)
    }
  }

  // ─── Reads ──────────────────────────────────────────────────────────────────────────────────

  /** Reads one document from the backend, with pending local writes on top. */
  async getDoc(collection: string, id: string, txId?: string): Promise<LocalDoc | null> {
    const cached = this.docs.get(pathKey(collection, id))
    if (txId === undefined && this.link.status === 'offline') {
      // Offline: answer from what this client knows, as Firestore's cache does.
      if (cached && (cached.remote !== undefined || cached.pending.length > 0)) {
        return this.overlay(collection, id, cached.remote, cached.pending)
      }
      throw new MetalError('unavailable', `get(): offline, and '${collection}/${id}' is not cached`)
    }
    const { doc } = await this.link.request({
      type: 'get',
      collection,
      id,
      ...(txId !== undefined ? { txId } : {}),
    })
    if (txId !== undefined) return doc ? this.toLocal(collection, doc, false) : null
    const state = this.docs.get(pathKey(collection, id))
    return this.overlay(collection, id, newest(state?.remote, doc), state?.pending ?? [])
  }

  /** Runs a query on the backend once, with pending local writes on top. */
  async runQuery(spec: QuerySpec): Promise<LocalDoc[]> {
    if (this.link.status === 'offline') {
      const view = new LiveView<LocalDoc>(compileQuery(spec))
      view.reset(this.cachedDocs(spec.collection))
      return view.window()
    }
    const { docs } = await this.link.request({ type: 'query', query: spec })
    // The backend already skipped `offset` documents: locally only the limit applies.
    const view = new LiveView<LocalDoc>(compileQuery({ ...spec, offset: 0 }))
    const entries = new Map<string, LocalDoc>()
    for (const doc of docs) {
      const state = this.docs.get(pathKey(spec.collection, doc.id))
      const local = this.overlay(
        spec.collection,
        doc.id,
        newest(state?.remote, doc),
        state?.pending ?? [],
      )
      if (local) entries.set(doc.id, local)
    }
    for (const state of this.docs.values()) {
      if (
        state.collection !== spec.collection ||
        state.pending.length === 0 ||
        entries.has(state.id)
      )
        continue
      const local = this.overlay(state.collection, state.id, state.remote, state.pending)
      if (local) entries.set(state.id, local)
    }
    view.reset(entries.values())
    return view.window()
  }

  // ─── Listening ──────────────────────────────────────────────────────────────────────────────

  /**
   * Listens to a query. Identical queries share one backend listen; each listener still gets its
   * own first callback with the whole result. Returns the function that stops listening.
   */
  listen(spec: QuerySpec, listener: ViewListener): () => void {
    if (this.closed)
      throw new MetalError('failed-precondition', 'subscribe(): this Metal client is closed')
    const key = JSON.stringify(spec)
    let target = this.targetsByKey.get(key)
    if (!target) {
      target = new ClientTarget(this.nextTargetId++, key, spec)
      this.targets.set(target.targetId, target)
      this.targetsByKey.set(key, target)
      this.router(spec.collection).add(target)
      if (this.link.status === 'online') this.sendListen(target)
      else {
        // Offline: start from what this client knows; the backend's result replaces it later.
        target.view.reset(this.cachedDocs(spec.collection))
        target.ready = true
      }
    }
    const entry = { listener, started: false }
    target.listeners.add(entry)
    if (target.ready) {
      const t = target
      queueMicrotask(() => this.start(t, entry))
    }
    let active = true
    return () => {
      if (!active) return
      active = false
      const t = target as ClientTarget
      t.listeners.delete(entry)
      if (t.listeners.size === 0) this.dropTarget(t)
    }
  }

  private sendListen(target: ClientTarget): void {
    target.listening = true
    this.link
      .request({ type: 'listen', targetId: target.targetId, query: target.query })
      .catch((error: unknown) => {
        if (isTransient(error)) return // re-listened after the reconnect
        this.failTarget(
          target,
          error instanceof MetalError ? error : new MetalError('internal', String(error)),
        )
      })
  }

  /** Local states of every cached or pending document of a collection. */
  private cachedDocs(collection: string): LocalDoc[] {
    const out: LocalDoc[] = []
    for (const state of this.docs.values()) {
      if (state.collection !== collection) continue
      const local = this.computeLocal(state)
      if (local) out.push(local)
    }
    return out
  }

  /** Number of distinct queries this client listens to. */
  get listenCount(): number {
    return this.targets.size
  }

  private router(collection: string): TargetRouter<ClientTarget> {
    let r = this.routers.get(collection)
    if (!r) this.routers.set(collection, (r = new TargetRouter()))
    return r
  }

  private start(target: ClientTarget, entry: { listener: ViewListener; started: boolean }): void {
    if (entry.started || !target.listeners.has(entry)) return
    entry.started = true
    const window = target.view.window()
    const changes = window.map((entry, i): ViewChange<LocalDoc> => ({
      type: 'added',
      entry,
      oldIndex: -1,
      newIndex: i,
    }))
    guard('a subscribe() listener', () => entry.listener.next(changes, window))
  }

  private dropTarget(target: ClientTarget): void {
    this.targets.delete(target.targetId)
    this.targetsByKey.delete(target.key)
    this.router(target.query.collection).remove(target)
    for (const id of target.members) this.release(this.state(target.query.collection, id))
    target.members.clear()
    if (!this.closed && this.link.status === 'online') {
      this.link.request({ type: 'unlisten', targetId: target.targetId }).catch(() => {})
    }
  }

  private failTarget(target: ClientTarget, error: MetalError): void {
    if (!this.targets.has(target.targetId)) return
    const listeners = [...target.listeners]
    target.listeners.clear()
    this.dropTarget(target)
    for (const { listener } of listeners)
      guard('a subscribe() error listener', () => listener.error(error))
  }

  private onPush(message: BackendPush): void {
    if (message.type === 'presence') {
      for (const hook of this.pushHooks) guard('a push hook', () => hook(message))
      return
    }
    const target = this.targets.get(message.targetId)
    if (!target) return
    if (message.type === 'targetError') {
      this.failTarget(target, new MetalError(message.code, message.message))
      return
    }
    const touched = new Set<DocState>()
    if (message.initial && target.ready) {
      // A re-listen after a reconnect (or an offline start): diff against what we hold.
      target.listening = false
      const incoming = new Set(message.upserts.map((d) => d.id))
      const removes = [...target.members].filter((id) => !incoming.has(id))
      const inView = target.view
        .window()
        .filter((d) => !incoming.has(d.id) && !target.members.has(d.id))
      const changes = this.applyTargetChanges([{ ...message, removes }], touched)
      for (const d of inView) touched.add(this.state(d.collection, d.id))
      this.refresh(touched, changes)
      return
    }
    if (message.initial) {
      target.listening = false
      this.applyTargetChanges([message], touched)
      const entries: LocalDoc[] = []
      for (const id of target.members) {
        const local = this.computeLocal(this.state(target.query.collection, id))
        if (local) entries.push(local)
      }
      for (const state of this.docs.values()) {
        if (
          state.collection === target.query.collection &&
          state.pending.length > 0 &&
          !target.members.has(state.id) &&
          state.local
        ) {
          entries.push(state.local)
        }
      }
      target.view.reset(entries)
      target.ready = true
      for (const entry of target.listeners) this.start(target, entry)
      this.refresh(touched) // other targets may hold these documents too
      return
    }
    const changes = this.applyTargetChanges([message], touched)
    this.refresh(touched, changes)
  }

  /**
   * Records target membership and committed documents from the backend. Returns, per target,
   * the ids whose membership changed (they must be re-evaluated against that target).
   */
  private applyTargetChanges(
    changes: readonly TargetChange[],
    touched: Set<DocState>,
  ): Map<ClientTarget, Set<string>> {
    const moved = new Map<ClientTarget, Set<string>>()
    for (const change of changes) {
      const target = this.targets.get(change.targetId)
      if (!target) continue
      const collection = target.query.collection
      let ids = moved.get(target)
      if (!ids) moved.set(target, (ids = new Set()))
      for (const doc of change.upserts) {
        const state = this.state(collection, doc.id)
        if (!target.members.has(doc.id)) {
          target.members.add(doc.id)
          state.refs++
        }
        this.adopt(state, doc)
        touched.add(state)
        ids.add(doc.id)
      }
      for (const id of change.removes) {
        const state = this.docs.get(pathKey(collection, id))
        if (!state || !target.members.delete(id)) continue
        touched.add(state)
        ids.add(id)
        this.release(state, false)
      }
    }
    return moved
  }

  // ─── Document state ─────────────────────────────────────────────────────────────────────────

  private state(collection: string, id: string): DocState {
    const key = pathKey(collection, id)
    let s = this.docs.get(key)
    if (!s)
      this.docs.set(
        key,
        (s = { collection, id, remote: undefined, refs: 0, pending: [], local: null }),
      )
    return s
  }

  private release(state: DocState, decrement = true): void {
    if (decrement) state.refs--
    else state.refs = Math.max(0, state.refs - 1)
    this.collect(state)
  }

  private collect(state: DocState): void {
    if (state.refs <= 0 && state.pending.length === 0) {
      state.remote = undefined
      this.docs.delete(pathKey(state.collection, state.id))
    }
  }

  /** Takes a committed state if it is newer than what we have. */
  private adopt(
    state: DocState,
    doc: StoredDoc | { id: string; version: number; deleted: true },
  ): void {
    const have = state.remote?.version ?? (state.remote === null ? Infinity : 0)
    if ('deleted' in doc) {
      if (
        state.remote === undefined ||
        (state.remote !== null && doc.version >= state.remote.version)
      )
        state.remote = null
      return
    }
    if (state.remote === null || doc.version >= have) state.remote = doc
  }

  private toLocal(collection: string, doc: StoredDoc, pending: boolean): LocalDoc {
    return {
      collection,
      id: doc.id,
      data: doc.data,
      version: doc.version,
      hasPendingWrites: pending,
    }
  }

  /** The committed state with pending writes applied (null: absent or unknown). */
  private overlay(
    collection: string,
    id: string,
    remote: StoredDoc | null | undefined,
    pending: readonly PendingWrite[],
  ): LocalDoc | null {
    if (pending.length === 0) return remote ? this.toLocal(collection, remote, false) : null
    let data: DocumentData | null | undefined =
      remote === undefined ? undefined : (remote?.data ?? null)
    const now = Date.now()
    for (const { write } of pending) {
      if (write.op === 'update' && !data) continue // cannot show an update to a document we do not have
      data = applyWrite(write, data ?? undefined, now)
    }
    if (!data) return null
    return { collection, id, data, version: remote?.version ?? 0, hasPendingWrites: true }
  }

  /** Recomputes the local view of one document, keeping the old object when nothing changed. */
  private computeLocal(state: DocState): LocalDoc | null {
    const next = this.overlay(state.collection, state.id, state.remote, state.pending)
    const prev = state.local
    if (!next || !prev) return next
    if (
      prev.hasPendingWrites === next.hasPendingWrites &&
      prev.version === next.version &&
      (prev.data === next.data || valuesEqual(prev.data, next.data))
    ) {
      return prev
    }
    if (prev.data !== next.data && valuesEqual(prev.data, next.data)) {
      return { ...next, data: prev.data } // keep data identity for structural sharing
    }
    return next
  }

  /**
   * Re-evaluates documents whose local state may have changed against every query they can
   * affect, and notifies listeners once per query.
   */
  private refresh(states: Iterable<DocState>, moved?: Map<ClientTarget, Set<string>>): void {
    const out = new Map<ClientTarget, ViewChange<LocalDoc>[]>()
    const visit = (target: ClientTarget, state: DocState): void => {
      if (!target.ready) return
      const include =
        state.local && (target.members.has(state.id) || state.pending.length > 0)
          ? state.local
          : null
      const changes = target.view.apply(state.id, include, sameLocal)
      if (changes.length === 0) return
      const list = out.get(target)
      if (list) list.push(...changes)
      else out.set(target, changes)
    }
    for (const state of states) {
      const before = state.local
      state.local = this.computeLocal(state)
      const seen = new Set<ClientTarget>()
      for (const target of this.router(state.collection).candidates(
        state.id,
        before?.data,
        state.local?.data,
      )) {
        seen.add(target)
        visit(target, state)
      }
      if (moved) {
        for (const [target, ids] of moved) {
          if (
            !seen.has(target) &&
            target.query.collection === state.collection &&
            ids.has(state.id)
          )
            visit(target, state)
        }
      }
      this.collect(state)
    }
    for (const [target, changes] of out) {
      const window = target.view.window()
      for (const entry of target.listeners) {
        if (entry.started)
          guard('a subscribe() listener', () => entry.listener.next(changes, window))
      }
    }
  }

  /** Stops every listen and closes the connection. */
  close(): void {
    if (this.closed) return
    this.closed = true
    for (const target of [...this.targets.values()]) {
      target.listeners.clear()
      this.dropTarget(target)
    }
    this.link.close()
    for (const entry of this.outbox.entries) {
      // A write queued in persistent storage is not lost: the next session sends it.
      if (entry.settle?.local && this.outbox.persistent) continue
      entry.settle?.reject(
        new MetalError('unavailable', 'the Metal client was closed before the write was committed'),
      )
    }
  }
}

/**
 * Runs a user callback. Listeners run inside writes and message handling, so one that throws
 * must not abort the write, strand pending state, or starve the listeners after it: its error
 * is logged instead.
 */
function guard(what: string, fn: () => void): void {
  try {
    fn()
  } catch (error) {
    console.error(`Metal: ${what} threw:`, error)
  }
}

function newest(
  a: StoredDoc | null | undefined,
  b: StoredDoc | null,
): StoredDoc | null | undefined {
  if (a === undefined) return b
  if (a === null) return b && b.version > 0 ? b : null
  if (!b) return a
  return b.version >= a.version ? b : a
}
