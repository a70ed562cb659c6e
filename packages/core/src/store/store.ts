import { MetalError } from '../errors.js'
import { LiveView, sameData, type ViewChange } from '../query/liveView.js'
import { compileQuery, type QuerySpec } from '../query/querySpec.js'
import { TargetRouter } from '../query/router.js'
import { applyWrite, type StoredDoc, type Write } from '../write.js'
import { valuesEqual } from '../values.js'
import type {
  Backend,
  BackendConnection,
  BackendPush,
  TargetChange,
  VersionCheck,
} from '../backends/backend.js'
import type { DocumentData } from '../types.js'

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
  readonly batch: PendingBatch
}

interface PendingBatch {
  readonly writes: readonly Write[]
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

  constructor(
    readonly targetId: number,
    readonly key: string,
    readonly query: QuerySpec,
  ) {
    this.view = new LiveView(compileQuery(query))
  }

  hasPendingWrites(window: readonly LocalDoc[]): boolean {
    return window.some((d) => d.hasPendingWrites)
  }
}

const sameLocal = (a: LocalDoc, b: LocalDoc): boolean => sameData(a, b)

function pathKey(collection: string, id: string): string {
  return `${collection}\u0000${id}`
}

/**
 * The client-side document cache. It keeps what listened queries hold, layers pending local
 * writes on top (so they show at once, flagged `hasPendingWrites`), maintains each listened
 * query's result incrementally, and rolls a rejected write back.
 */
export class Store {
  private readonly connection: BackendConnection
  private readonly docs = new Map<string, DocState>()
  private readonly targets = new Map<number, ClientTarget>()
  private readonly targetsByKey = new Map<string, ClientTarget>()
  private readonly routers = new Map<string, TargetRouter<ClientTarget>>()
  private nextTargetId = 1
  private closed = false
  private readonly writeErrorListeners = new Set<
    (error: MetalError, writes: readonly Write[]) => void
  >()

  constructor(backend: Backend, projectId: string) {
    this.connection = backend.connect({ projectId, onPush: (m) => this.onPush(m) })
  }

  /** The raw connection, for transactions. */
  get backend(): BackendConnection {
    return this.connection
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
    if (this.closed)
      return Promise.reject(
        new MetalError('failed-precondition', 'commit(): this Metal client is closed'),
      )
    const optimistic = options.optimistic ?? true
    const batch: PendingBatch = { writes }
    const touched = new Set<DocState>()
    if (optimistic) {
      for (const write of writes) {
        const state = this.state(write.collection, write.id)
        state.pending.push({ write, batch })
        touched.add(state)
      }
      this.refresh(touched)
    }
    const request = this.connection.request({
      type: 'commit',
      writes: [...writes],
      ...(options.checks ? { checks: options.checks } : {}),
      ...(options.txId !== undefined ? { txId: options.txId } : {}),
    })
    const settled = request.then(
      (response) => {
        // Committed: adopt the committed documents and target changes, drop the pending writes.
        // Adopt even documents no query holds: a later pending write to one must keep showing on
        // top of this committed state (collect() forgets it once nothing needs it).
        response.docs.forEach((doc, i) => {
          const w = writes[i] as Write
          const state = this.state(w.collection, w.id)
          touched.add(state)
          this.adopt(state, doc ?? { id: w.id, version: response.version, deleted: true })
        })
        const changes = this.applyTargetChanges(response.targets, touched)
        this.dropPending(batch, touched)
        this.refresh(touched, changes)
      },
      (error: unknown) => {
        this.dropPending(batch, touched)
        this.refresh(touched)
        throw error instanceof MetalError ? error : new MetalError('internal', String(error))
      },
    )
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

  /** Registers a listener for writes that failed after resolving locally (`{ wait: 'local' }`). */
  onWriteError(listener: (error: MetalError, writes: readonly Write[]) => void): () => void {
    this.writeErrorListeners.add(listener)
    return () => this.writeErrorListeners.delete(listener)
  }

  private dropPending(batch: PendingBatch, touched: Set<DocState>): void {
    for (const state of touched) state.pending = state.pending.filter((p) => p.batch !== batch)
  }

  // ─── Reads ──────────────────────────────────────────────────────────────────────────────────

  /** Reads one document from the backend, with pending local writes on top. */
  async getDoc(collection: string, id: string, txId?: string): Promise<LocalDoc | null> {
    const { doc } = await this.connection.request({
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
    const { docs } = await this.connection.request({ type: 'query', query: spec })
    const view = new LiveView<LocalDoc>(compileQuery(spec))
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
      const t = target
      this.connection
        .request({ type: 'listen', targetId: t.targetId, query: spec })
        .catch((error: unknown) => {
          this.failTarget(
            t,
            error instanceof MetalError ? error : new MetalError('internal', String(error)),
          )
        })
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
    if (!this.closed)
      this.connection.request({ type: 'unlisten', targetId: target.targetId }).catch(() => {})
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
    const target = this.targets.get(message.targetId)
    if (!target) return
    if (message.type === 'targetError') {
      this.failTarget(target, new MetalError(message.code, message.message))
      return
    }
    const touched = new Set<DocState>()
    if (message.initial) {
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
    this.connection.close()
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
