import { MetalError, isTransient } from '../errors.js'
import { guard } from './guard.js'
import { computeLocal, type LocalDoc } from './overlay.js'
import { LiveView, sameData, type ViewChange } from '../engine/liveView.js'
import { compileQuery, type QuerySpec } from '../engine/querySpec.js'
import { TargetRouter } from '../engine/router.js'
import { LazyGroupTargets } from './lazyGroupTargets.js'
import type { DocState, DocumentCache } from './documentCache.js'
import type { Link } from './link.js'
import type { BackendPush, TargetChange } from '../protocol/backend.js'

/** Receives a listened query's results. */
export interface ViewListener {
  /** First the whole window as `added`, then each change; `fromCache`: not confirmed yet. */
  next(changes: ViewChange<LocalDoc>[], window: LocalDoc[], fromCache: boolean): void
  /** Called once if the query fails (for example when permission is denied). */
  error(error: MetalError): void
  /**
   * Also call `next` when only documents' `hasPendingWrites` changed (a write was saved): those
   * documents come as `modified` at their unchanged index (and `[]` when `fromCache` flips).
   * @default false
   */
  readonly includeMetadataChanges?: boolean
}

/** A push about a listened query's result. */
export type TargetPush = Extract<BackendPush, { type: 'target' | 'targetError' }>

/** Per target, the ids whose membership changed (they must be re-evaluated against it). */
export type MovedIds = Map<ClientTarget, Set<string>>

/** What the targets need of the connection. */
export interface TargetLink {
  readonly status: 'online' | 'offline'
  request: Link['request']
}

interface ListenerEntry {
  listener: ViewListener
  started: boolean
  fromCache: boolean // the `fromCache` it was last given
}

/** One query listened to on the backend, shared by every listener of an identical query. */
export class ClientTarget {
  readonly view: LiveView<LocalDoc>
  /** Ids the backend says are in the result. */
  readonly members = new Set<string>()
  readonly listeners = new Set<ListenerEntry>()
  ready = false
  /** Waiting for the backend's first result on the current connection. */
  listening = false
  /** The backend's latest resume token for this query: sent with the next re-listen. */
  resume: string | undefined

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
 * The listened queries: listen and unlisten on the backend, each query's result kept
 * incrementally from the backend's changes and the local overlay, re-listened (and diffed
 * against what is held) after a reconnect, and failed when the backend rejects it.
 */
export class Targets {
  private readonly byId = new Map<number, ClientTarget>()
  private readonly byKey = new Map<string, ClientTarget>()
  private readonly routers = new Map<string, TargetRouter<ClientTarget>>()
  private nextTargetId = 1
  private closed = false
  /** The collection group queries (groupTargets.ts): same ids, documents and link. */
  readonly groups: LazyGroupTargets

  constructor(
    private readonly docs: DocumentCache,
    private readonly link: TargetLink,
  ) {
    const refresh = (s: Set<DocState>) => this.refresh(s)
    this.groups = new LazyGroupTargets(() => [docs, link, () => this.newTargetId(), refresh])
  }

  /** A fresh target id (live aggregates take theirs from the same sequence). */
  newTargetId(): number {
    return this.nextTargetId++
  }

  /** True while a query listens under `targetId`. */
  has(targetId: number): boolean {
    return this.byId.has(targetId) || this.groups.has(targetId)
  }

  /** Number of distinct queries listened to. */
  get size(): number {
    return this.byId.size + this.groups.size
  }

  /**
   * Listens to a query. Identical queries share one backend listen; each listener still gets its
   * own first callback with the whole result. Returns the function that stops listening.
   */
  listen(spec: QuerySpec, listener: ViewListener): () => void {
    if (spec.group) return this.groups.listen(spec, listener)
    const key = JSON.stringify(spec)
    let target = this.byKey.get(key)
    if (!target) {
      target = new ClientTarget(this.newTargetId(), key, spec)
      this.byId.set(target.targetId, target)
      this.byKey.set(key, target)
      this.router(spec.collection).add(target)
      if (this.link.status === 'online') this.sendListen(target)
      else {
        // Offline: start from what this client knows; the backend's result replaces it later.
        target.view.reset(this.docs.localDocs(spec.collection))
        target.ready = true
      }
    }
    const entry: ListenerEntry = { listener, started: false, fromCache: true }
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
      if (t.listeners.size === 0) this.drop(t)
    }
  }

  /** Listens to every query again on a new connection. */
  relistenAll(): void {
    for (const target of this.byId.values()) this.sendListen(target)
    this.groups.relistenAll()
  }

  /** The connection is down: results are no longer confirmed (metadata listeners hear it). */
  wentOffline(): void {
    this.notifyMetadata(this.byId.values())
    this.groups.wentOffline()
  }

  /** Stops every listen without telling the backend (the client is closing): each fails with `error`. */
  closeAll(error: MetalError): void {
    this.closed = true
    for (const target of [...this.byId.values()]) this.fail(target, error)
    this.groups.closeAll(error)
  }

  /** Takes a pushed result (or failure) of a listened query. */
  onPush(message: TargetPush): void {
    if (this.groups.has(message.targetId)) return this.groups.onPush(message)
    const target = this.byId.get(message.targetId)
    if (!target) return
    if (message.type === 'targetError') {
      this.fail(target, new MetalError(message.code, message.message))
      return
    }
    if (message.resume !== undefined) target.resume = message.resume
    const touched = new Set<DocState>()
    const first = message.initial || message.resumed
    if (first) target.listening = false
    if (message.initial && target.ready) {
      // A re-listen after a reconnect (or an offline start): diff against what we hold.
      const incoming = new Set(message.upserts.map((d) => d.id))
      const removes = [...target.members].filter((id) => !incoming.has(id))
      const inView = target.view
        .window()
        .filter((d) => !incoming.has(d.id) && !target.members.has(d.id))
      const changes = this.applyChanges([{ ...message, removes }], touched)
      for (const d of inView) touched.add(this.docs.state(d.collection, d.id))
      this.refresh(touched, changes)
      this.notifyMetadata([target])
      return
    }
    if (first && !target.ready) {
      // The first result (a resumed one with nothing held to resume from counts as whole).
      this.applyChanges([message], touched)
      this.resetView(target)
      target.ready = true
      for (const entry of target.listeners) this.start(target, entry)
      this.refresh(touched) // other targets may hold these documents too
      return
    }
    // A change, or a resumed re-listen: only what changed since the token, on top of what we hold.
    const changes = this.applyChanges([message], touched)
    this.refresh(touched, changes)
    if (first) this.notifyMetadata([target])
  }

  /** Records target membership and committed documents; per target, ids whose membership changed. */
  applyChanges(changes: readonly TargetChange[], touched: Set<DocState>): MovedIds {
    this.groups.applyChanges(changes, touched)
    const moved: MovedIds = new Map()
    for (const change of changes) {
      const target = this.byId.get(change.targetId)
      if (!target) continue
      const collection = target.query.collection
      let ids = moved.get(target)
      if (!ids) moved.set(target, (ids = new Set()))
      for (const doc of change.upserts) {
        const state = this.docs.state(collection, doc.id)
        // A version this target already holds (or an older one) is a resend: nothing changed.
        if (target.members.has(doc.id) && state.remote && doc.version <= state.remote.version) {
          continue
        }
        if (!target.members.has(doc.id)) {
          target.members.add(doc.id)
          state.refs++
        }
        this.docs.adopt(state, doc)
        touched.add(state)
        ids.add(doc.id)
      }
      for (const id of change.removes) {
        const state = this.docs.get(collection, id)
        if (!state || !target.members.delete(id)) continue
        touched.add(state)
        ids.add(id)
        this.docs.release(state, false)
      }
    }
    return moved
  }

  /**
   * Re-evaluates documents whose local state may have changed against every query they can
   * affect, and notifies listeners once per query.
   */
  refresh(states: Iterable<DocState>, moved?: MovedIds): void {
    const out = new Map<ClientTarget, ViewChange<LocalDoc>[]>()
    // Documents whose data stayed but whose pending flag flipped, for metadata listeners.
    const flipped = new Map<ClientTarget, LocalDoc[]>()
    const visit = (target: ClientTarget, state: DocState): void => {
      if (!target.ready) return
      const include =
        state.local && (target.members.has(state.id) || state.pending.length > 0)
          ? state.local
          : null
      const before = target.view.get(state.id)
      const changes = target.view.apply(state.id, include, sameLocal)
      if (
        before &&
        include &&
        before.hasPendingWrites !== include.hasPendingWrites &&
        !changes.some((c) => c.entry.id === state.id)
      )
        flipped.set(target, [...(flipped.get(target) ?? []), include])
      if (changes.length === 0) return
      const list = out.get(target)
      if (list) list.push(...changes)
      else out.set(target, changes)
    }
    for (const state of states) {
      const before = state.local
      state.local = computeLocal(state)
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
      this.docs.collect(state)
    }
    this.groups.refresh(states)
    for (const target of new Set([...out.keys(), ...flipped.keys()])) {
      const changes = out.get(target) ?? []
      const window = target.view.window()
      // Then each flipped document still in the window, as modified where the changes left it.
      const withMetadata = [...changes]
      for (const doc of flipped.get(target) ?? []) {
        const i = window.indexOf(doc)
        if (i >= 0) withMetadata.push({ type: 'modified', entry: doc, oldIndex: i, newIndex: i })
      }
      const fromCache = this.fromCache(target)
      for (const entry of target.listeners) {
        if (!entry.started) continue
        const list = entry.listener.includeMetadataChanges ? withMetadata : changes
        if (list.length === 0) continue
        entry.fromCache = fromCache
        guard('a subscribe() listener', () => entry.listener.next(list, window, fromCache))
      }
    }
  }

  /** The first result: the members plus documents with pending writes that may match. */
  private resetView(target: ClientTarget): void {
    const entries: LocalDoc[] = []
    for (const id of target.members) {
      const local = computeLocal(this.docs.state(target.query.collection, id))
      if (local) entries.push(local)
    }
    for (const state of this.docs.inCollection(target.query.collection)) {
      if (state.pending.length > 0 && !target.members.has(state.id) && state.local) {
        entries.push(state.local)
      }
    }
    target.view.reset(entries)
  }

  private sendListen(target: ClientTarget): void {
    target.listening = true
    const { targetId, query, resume } = target
    this.link
      .request({ type: 'listen', targetId, query, ...(resume === undefined ? {} : { resume }) })
      .catch((error: unknown) => {
        if (isTransient(error)) return // re-listened after the reconnect
        this.fail(
          target,
          error instanceof MetalError ? error : new MetalError('internal', String(error)),
        )
      })
  }

  private router(collection: string): TargetRouter<ClientTarget> {
    let r = this.routers.get(collection)
    if (!r) this.routers.set(collection, (r = new TargetRouter()))
    return r
  }

  private start(target: ClientTarget, entry: ListenerEntry): void {
    if (entry.started || !target.listeners.has(entry)) return
    entry.started = true
    const window = target.view.window()
    const changes = window.map((doc, i): ViewChange<LocalDoc> => ({
      type: 'added',
      entry: doc,
      oldIndex: -1,
      newIndex: i,
    }))
    entry.fromCache = this.fromCache(target)
    guard('a subscribe() listener', () => entry.listener.next(changes, window, entry.fromCache))
  }

  /** Not confirmed by the backend: waiting for its result on this connection, or offline. */
  private fromCache(target: ClientTarget): boolean {
    return target.listening || this.link.status === 'offline'
  }

  /** Tells metadata listeners whose last result had another `fromCache` (with no changes). */
  private notifyMetadata(targets: Iterable<ClientTarget>): void {
    for (const target of targets) {
      const fromCache = this.fromCache(target)
      for (const entry of target.listeners) {
        if (!entry.started || entry.fromCache === fromCache) continue
        entry.fromCache = fromCache
        if (!entry.listener.includeMetadataChanges) continue
        const window = target.view.window()
        guard('a subscribe() listener', () => entry.listener.next([], window, fromCache))
      }
    }
  }

  private drop(target: ClientTarget): void {
    target.resume = undefined
    this.byId.delete(target.targetId)
    this.byKey.delete(target.key)
    this.router(target.query.collection).remove(target)
    for (const id of target.members) this.docs.release(this.docs.state(target.query.collection, id))
    target.members.clear()
    if (!this.closed && this.link.status === 'online') {
      this.link.request({ type: 'unlisten', targetId: target.targetId }).catch(() => {})
    }
  }

  private fail(target: ClientTarget, error: MetalError): void {
    if (!this.byId.has(target.targetId)) return
    const listeners = [...target.listeners]
    target.listeners.clear()
    this.drop(target)
    for (const { listener } of listeners)
      guard('a subscribe() error listener', () => listener.error(error))
  }
}
