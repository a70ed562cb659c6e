import { MetalError, isTransient } from '../errors.js'
import { guard } from './guard.js'
import { computeLocal, type LocalDoc } from './overlay.js'
import { LiveView, sameData, type ViewChange } from '../engine/liveView.js'
import { compileQuery, type QuerySpec } from '../engine/querySpec.js'
import { docPath, groupOf, inGroup, splitDocPath } from '../engine/collectionGroup.js'
import type { StoredDoc } from '../engine/write.js'
import type { DocState, DocumentCache } from './documentCache.js'
import type { Link } from './link.js'
import type { BackendPush, TargetChange } from '../protocol/backend.js'

// The shapes of targets.ts (which owns this file's instance), repeated so neither imports the other.

/** Receives a listened query's results; see `ViewListener` in targets.ts. */
interface ViewListener {
  next(changes: ViewChange<LocalDoc>[], window: LocalDoc[], fromCache: boolean): void
  error(error: MetalError): void
  readonly includeMetadataChanges?: boolean
}

/** A push about a listened query's result. */
type TargetPush = Extract<BackendPush, { type: 'target' | 'targetError' }>

/** What the targets need of the connection. */
interface TargetLink {
  readonly status: 'online' | 'offline'
  request: Link['request']
}

// The listened collection group queries (`db.collectionGroup('comments')`). They work as the
// collection queries of targets.ts, over the same document cache, but a group's documents come
// from many collections and their ids repeat: here every document is keyed by its full path
// (`posts/p1/comments/c1`), in the views, the members and on the wire. Listeners still receive
// the cache's LocalDoc of each document (its own collection and id).

/** A document as a group view holds it: keyed by full path, with its local state. */
interface GroupEntry {
  readonly id: string
  readonly data: LocalDoc['data']
  readonly local: LocalDoc
}

interface ListenerEntry {
  listener: ViewListener
  started: boolean
  fromCache: boolean // the `fromCache` it was last given
}

/** One collection group query listened to on the backend, shared by identical listens. */
class GroupTarget {
  readonly view: LiveView<GroupEntry>
  /** Paths the backend says are in the result. */
  readonly members = new Set<string>()
  readonly listeners = new Set<ListenerEntry>()
  ready = false
  /** The backend answered the listen on this connection (the result is not only the cache's). */
  confirmed = false

  constructor(
    readonly targetId: number,
    readonly key: string,
    readonly query: QuerySpec,
  ) {
    // The backend already skipped `offset` documents: locally only the limit applies.
    this.view = new LiveView(compileQuery({ ...query, offset: 0 }))
  }
}

const toLocal = (c: ViewChange<GroupEntry>): ViewChange<LocalDoc> => ({
  ...c,
  entry: c.entry.local,
})

/**
 * The collection group listens of a client: listened on the backend, kept from its changes and
 * the local overlay (pending writes to any collection of the group show at once), re-listened
 * after a reconnect, failed when the backend rejects them.
 */
export class GroupTargets {
  private readonly byId = new Map<number, GroupTarget>()
  private readonly byKey = new Map<string, GroupTarget>()
  /** Targets per group id. */
  private readonly byGroup = new Map<string, Set<GroupTarget>>()
  /** One entry object per local state, so a window's entries keep their identity. */
  private readonly entries = new WeakMap<LocalDoc, GroupEntry>()
  private closed = false

  constructor(
    private readonly docs: DocumentCache,
    private readonly link: TargetLink,
    private readonly newTargetId: () => number,
    /** Re-evaluates documents against every listened query (collections' and groups'). */
    private readonly refreshAll: (states: Set<DocState>) => void,
  ) {}

  /** True while a group query listens under `targetId`. */
  has(targetId: number): boolean {
    return this.byId.has(targetId)
  }

  /** Number of distinct group queries listened to. */
  get size(): number {
    return this.byId.size
  }

  private entry(path: string, local: LocalDoc): GroupEntry {
    let e = this.entries.get(local)
    if (!e || e.id !== path) this.entries.set(local, (e = { id: path, data: local.data, local }))
    return e
  }

  /** The local state of every kept document of the group, as entries. */
  private localEntries(groupId: string, include: (state: DocState) => boolean): GroupEntry[] {
    const out: GroupEntry[] = []
    for (const state of this.docs.all()) {
      if (!inGroup(state.collection, groupId) || !include(state)) continue
      const local = computeLocal(state)
      if (local) out.push(this.entry(docPath(state.collection, state.id), local))
    }
    return out
  }

  /**
   * Runs a group query once, pending writes on top: on the backend, or (`fromCache`) over what
   * the local cache holds.
   */
  async query(spec: QuerySpec, fromCache: boolean): Promise<LocalDoc[]> {
    if (fromCache) {
      const local = new LiveView<GroupEntry>(compileQuery(spec))
      local.reset(this.localEntries(spec.collection, () => true))
      return local.window().map((e) => e.local)
    }
    // The backend already skipped `offset` documents: locally only the limit applies.
    const view = new LiveView<GroupEntry>(compileQuery({ ...spec, offset: 0 }))
    const { docs } = await this.link.request({ type: 'query', query: spec })
    const entries = new Map<string, GroupEntry>()
    for (const doc of docs) {
      const { collection, id } = splitDocPath(doc.id)
      const local = this.docs.withPending(collection, id, { ...doc, id })
      if (local) entries.set(doc.id, this.entry(doc.id, local))
    }
    for (const e of this.localEntries(spec.collection, (s) => s.pending.length > 0))
      if (!entries.has(e.id)) entries.set(e.id, e)
    view.reset(entries.values())
    return view.window().map((e) => e.local)
  }

  /** Listens to a group query; see `Targets.listen`. */
  listen(spec: QuerySpec, listener: ViewListener): () => void {
    const key = JSON.stringify(spec)
    let target = this.byKey.get(key)
    if (!target) {
      target = new GroupTarget(this.newTargetId(), key, spec)
      this.byId.set(target.targetId, target)
      this.byKey.set(key, target)
      let set = this.byGroup.get(spec.collection)
      if (!set) this.byGroup.set(spec.collection, (set = new Set()))
      set.add(target)
      if (this.link.status === 'online') this.sendListen(target)
      else {
        target.view.reset(this.localEntries(spec.collection, () => true))
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
      const t = target as GroupTarget
      t.listeners.delete(entry)
      if (t.listeners.size === 0) this.drop(t)
    }
  }

  /** Listens to every group query again on a new connection. */
  relistenAll(): void {
    for (const target of this.byId.values()) {
      target.confirmed = false
      this.sendListen(target)
    }
  }

  /** The connection is down: results are no longer confirmed (metadata listeners hear it). */
  wentOffline(): void {
    for (const target of this.byId.values()) this.notifyMetadata(target)
  }

  /** Not confirmed by the backend: waiting for its result on this connection, or offline. */
  private fromCache(target: GroupTarget): boolean {
    return !target.confirmed || this.link.status === 'offline'
  }

  /** Tells metadata listeners whose last result had another `fromCache` (with no changes). */
  private notifyMetadata(target: GroupTarget): void {
    const fromCache = this.fromCache(target)
    for (const entry of target.listeners) {
      if (!entry.started || entry.fromCache === fromCache) continue
      entry.fromCache = fromCache
      if (!entry.listener.includeMetadataChanges) continue
      const window = target.view.window().map((e) => e.local)
      guard('a subscribe() listener', () => entry.listener.next([], window, fromCache))
    }
  }

  /** Stops every listen without telling the backend (the client is closing): each fails with `error`. */
  closeAll(error: MetalError): void {
    this.closed = true
    for (const target of [...this.byId.values()]) this.fail(target, error)
  }

  /** Takes a pushed result (or failure) of a listened group query. */
  onPush(message: TargetPush): void {
    const target = this.byId.get(message.targetId)
    if (!target) return
    if (message.type === 'targetError') {
      this.fail(target, new MetalError(message.code, message.message))
      return
    }
    const touched = new Set<DocState>()
    if (message.initial && target.ready) {
      // A re-listen after a reconnect (or an offline start): what we hold and the backend lacks leaves.
      const incoming = new Set(message.upserts.map((d) => d.id))
      const removes = [...target.members].filter((p) => !incoming.has(p))
      for (const e of target.view.window()) {
        if (!incoming.has(e.id) && !target.members.has(e.id))
          touched.add(this.docs.state(e.local.collection, e.local.id))
      }
      this.applyChanges([{ ...message, removes }], touched)
    } else if ((message.initial || message.resumed) && !target.ready) {
      this.applyChanges([message], touched)
      const held: GroupEntry[] = []
      for (const path of target.members) {
        const { collection, id } = splitDocPath(path)
        const local = computeLocal(this.docs.state(collection, id))
        if (local) held.push(this.entry(path, local))
      }
      const pending = this.localEntries(
        target.query.collection,
        (s) => s.pending.length > 0 && !target.members.has(docPath(s.collection, s.id)),
      )
      target.view.reset([...held, ...pending])
      target.ready = true
      target.confirmed = true
      for (const entry of target.listeners) this.start(target, entry)
    } else this.applyChanges([message], touched)
    if (message.initial || message.resumed) target.confirmed = true
    this.refreshAll(touched)
    this.notifyMetadata(target)
  }

  /** Records group targets' membership and committed documents (other targets' changes are skipped). */
  applyChanges(changes: readonly TargetChange[], touched: Set<DocState>): void {
    for (const change of changes) {
      const target = this.byId.get(change.targetId)
      if (!target) continue
      for (const doc of change.upserts) {
        const { collection, id } = splitDocPath(doc.id)
        const state = this.docs.state(collection, id)
        const member = target.members.has(doc.id)
        if (member && state.remote && doc.version <= state.remote.version) continue
        if (!member) {
          target.members.add(doc.id)
          state.refs++
        }
        this.docs.adopt(state, { ...doc, id } satisfies StoredDoc)
        touched.add(state)
      }
      for (const path of change.removes) {
        const { collection, id } = splitDocPath(path)
        const state = this.docs.get(collection, id)
        if (!state || !target.members.delete(path)) continue
        touched.add(state)
        this.docs.release(state, false)
      }
    }
  }

  /**
   * Re-evaluates documents (their local state already computed) against the group queries of
   * their collections, and notifies listeners once per query.
   */
  refresh(states: Iterable<DocState>): void {
    if (this.byGroup.size === 0) return
    const out = new Map<GroupTarget, ViewChange<GroupEntry>[]>()
    const flipped = new Map<GroupTarget, GroupEntry[]>()
    for (const state of states) {
      const targets = this.byGroup.get(groupOf(state.collection))
      if (!targets) continue
      const path = docPath(state.collection, state.id)
      for (const target of targets) {
        if (!target.ready) continue
        const include =
          state.local && (target.members.has(path) || state.pending.length > 0)
            ? this.entry(path, state.local)
            : null
        const before = target.view.get(path)
        const changes = target.view.apply(path, include, sameData)
        if (
          before &&
          include &&
          before.local.hasPendingWrites !== include.local.hasPendingWrites &&
          !changes.some((c) => c.entry.id === path)
        )
          flipped.set(target, [...(flipped.get(target) ?? []), include])
        if (changes.length > 0) out.set(target, [...(out.get(target) ?? []), ...changes])
      }
    }
    for (const target of new Set([...out.keys(), ...flipped.keys()])) {
      const changes = out.get(target) ?? []
      const window = target.view.window()
      const withMetadata = [...changes]
      for (const e of flipped.get(target) ?? []) {
        const i = window.indexOf(e)
        if (i >= 0) withMetadata.push({ type: 'modified', entry: e, oldIndex: i, newIndex: i })
      }
      const locals = window.map((e) => e.local)
      const fromCache = this.fromCache(target)
      for (const entry of target.listeners) {
        if (!entry.started) continue
        const list = entry.listener.includeMetadataChanges ? withMetadata : changes
        if (list.length === 0) continue
        entry.fromCache = fromCache
        guard('a subscribe() listener', () =>
          entry.listener.next(list.map(toLocal), locals, fromCache),
        )
      }
    }
  }

  private sendListen(target: GroupTarget): void {
    const { targetId, query } = target
    this.link.request({ type: 'listen', targetId, query }).catch((error: unknown) => {
      if (isTransient(error)) return // re-listened after the reconnect
      this.fail(
        target,
        error instanceof MetalError ? error : new MetalError('internal', String(error)),
      )
    })
  }

  private start(target: GroupTarget, entry: ListenerEntry): void {
    if (entry.started || !target.listeners.has(entry)) return
    entry.started = true
    const window = target.view.window().map((e) => e.local)
    const changes = window.map((doc, i): ViewChange<LocalDoc> => ({
      type: 'added',
      entry: doc,
      oldIndex: -1,
      newIndex: i,
    }))
    entry.fromCache = this.fromCache(target)
    guard('a subscribe() listener', () => entry.listener.next(changes, window, entry.fromCache))
  }

  private drop(target: GroupTarget): void {
    this.byId.delete(target.targetId)
    this.byKey.delete(target.key)
    const set = this.byGroup.get(target.query.collection)
    set?.delete(target)
    if (set?.size === 0) this.byGroup.delete(target.query.collection)
    for (const path of target.members) {
      const { collection, id } = splitDocPath(path)
      this.docs.release(this.docs.state(collection, id))
    }
    target.members.clear()
    if (!this.closed && this.link.status === 'online') {
      this.link.request({ type: 'unlisten', targetId: target.targetId }).catch(() => {})
    }
  }

  private fail(target: GroupTarget, error: MetalError): void {
    if (!this.byId.has(target.targetId)) return
    const listeners = [...target.listeners]
    target.listeners.clear()
    this.drop(target)
    for (const { listener } of listeners)
      guard('a subscribe() error listener', () => listener.error(error))
  }
}
