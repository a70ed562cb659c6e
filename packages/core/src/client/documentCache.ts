import { pathKey } from './outbox.js'
import { computeLocal, overlay, withoutBatch, type LocalDoc, type PendingWrite } from './overlay.js'
import type { StoredDoc } from '../engine/write.js'

/** What the store knows of one document path. */
export interface DocState {
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

/** A committed deletion, as commits report it. */
export interface Deleted {
  readonly id: string
  readonly version: number
  readonly deleted: true
}

/**
 * How many documents nothing holds (no listened query, no pending write) are kept for offline
 * reads, least recently seen dropped first.
 */
export const DEFAULT_CACHE_DOCUMENTS = 10_000

/**
 * The documents this client keeps: those listened queries hold, those with pending writes, and
 * up to `maxIdle` recently seen ones nothing holds any more (read, written, deleted, or dropped
 * by a listener), so an offline `get()` can still answer from them (Firestore's local cache).
 * The least recently seen of those is forgotten first.
 */
export class DocumentCache {
  /** collection → id → state. */
  private readonly docs = new Map<string, Map<string, DocState>>()
  /** States nothing holds, least recently seen first (a held one is skipped when met). */
  private readonly idle = new Map<string, DocState>()

  constructor(private readonly maxIdle = DEFAULT_CACHE_DOCUMENTS) {}

  /** The state of a path, created (empty) when absent. */
  state(collection: string, id: string): DocState {
    let byId = this.docs.get(collection)
    if (!byId) this.docs.set(collection, (byId = new Map()))
    let s = byId.get(id)
    if (!s)
      byId.set(id, (s = { collection, id, remote: undefined, refs: 0, pending: [], local: null }))
    return s
  }

  /** The state of a path, if kept. */
  get(collection: string, id: string): DocState | undefined {
    return this.docs.get(collection)?.get(id)
  }

  /** Every kept document. */
  *all(): Iterable<DocState> {
    for (const byId of this.docs.values()) yield* byId.values()
  }

  /** Every kept document of a collection. */
  inCollection(collection: string): Iterable<DocState> {
    return this.docs.get(collection)?.values() ?? []
  }

  /** Drops one query's hold on a document (`decrement` false: never below zero). */
  release(state: DocState, decrement = true): void {
    if (decrement) state.refs--
    else state.refs = Math.max(0, state.refs - 1)
    this.collect(state)
  }

  /**
   * Called when nothing may need a document any more: one whose committed state is known stays
   * as recently seen (the oldest beyond the bound is forgotten); an unknown one goes at once.
   */
  collect(state: DocState): void {
    if (state.refs > 0 || state.pending.length > 0) return
    const key = pathKey(state.collection, state.id)
    this.idle.delete(key)
    if (state.remote !== undefined && this.maxIdle > 0) {
      this.idle.set(key, state)
      if (this.idle.size <= this.maxIdle) return
      for (const [k, oldest] of this.idle) {
        this.idle.delete(k)
        if (oldest.refs <= 0 && oldest.pending.length === 0) this.forget(oldest)
        if (this.idle.size <= this.maxIdle) break
      }
      return
    }
    this.forget(state)
  }

  /**
   * A committed state the backend returned to a one-time read: kept as recently seen. Only a
   * document nothing holds takes it (a held one is kept current by its listen and its commits).
   * `fresh` means no other news of it arrived while the read was under way, so even "absent"
   * replaces what was cached.
   */
  remember(collection: string, id: string, doc: StoredDoc | null, fresh: boolean): void {
    const state = this.state(collection, id)
    if (state.refs > 0 || state.pending.length > 0) return
    if (doc) this.adopt(state, doc)
    else if (fresh || state.remote === undefined) state.remote = null
    this.collect(state)
  }

  /** A query's result, remembered (a result larger than the bound keeps only its first ones). */
  rememberAll(collection: string, docs: readonly StoredDoc[]): void {
    const kept = docs.length > this.maxIdle ? docs.slice(0, this.maxIdle) : docs
    for (const doc of kept) this.remember(collection, doc.id, doc, true)
  }

  private forget(state: DocState): void {
    state.remote = undefined
    const byId = this.docs.get(state.collection)
    byId?.delete(state.id)
    if (byId?.size === 0) this.docs.delete(state.collection)
  }

  /** Takes a committed state if it is newer than what we have. */
  adopt(state: DocState, doc: StoredDoc | Deleted): void {
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

  /** Removes a batch's writes from the overlay of `states`. */
  dropBatch(batch: object, states: Iterable<DocState>): void {
    for (const state of states) state.pending = withoutBatch(state.pending, batch)
  }

  /** Local states of every cached or pending document of a collection. */
  localDocs(collection: string): LocalDoc[] {
    const out: LocalDoc[] = []
    for (const state of this.inCollection(collection)) {
      const local = computeLocal(state)
      if (local) out.push(local)
    }
    return out
  }

  /** A document the backend just returned (null: absent), with pending local writes on top. */
  withPending(collection: string, id: string, fetched: StoredDoc | null): LocalDoc | null {
    const state = this.get(collection, id)
    return overlay(collection, id, newest(state?.remote, fetched), state?.pending ?? [])
  }

  /**
   * A query's result as the backend returned it, with pending local writes on top — including
   * pending documents of the collection the backend did not return (the caller's query decides
   * which of them match).
   */
  withPendingAll(collection: string, fetched: readonly StoredDoc[]): LocalDoc[] {
    const entries = new Map<string, LocalDoc>()
    for (const doc of fetched) {
      const local = this.withPending(collection, doc.id, doc)
      if (local) entries.set(doc.id, local)
    }
    for (const state of this.inCollection(collection)) {
      if (state.pending.length === 0 || entries.has(state.id)) continue
      const local = overlay(state.collection, state.id, state.remote, state.pending)
      if (local) entries.set(state.id, local)
    }
    return [...entries.values()]
  }

  /** What this client knows of a document offline (undefined: nothing). */
  known(collection: string, id: string): LocalDoc | null | undefined {
    const state = this.get(collection, id)
    if (!state || (state.remote === undefined && state.pending.length === 0)) return undefined
    return overlay(collection, id, state.remote, state.pending)
  }
}

/** The newer of a cached committed state and one just fetched. */
export function newest(
  a: StoredDoc | null | undefined,
  b: StoredDoc | null,
): StoredDoc | null | undefined {
  if (a === undefined) return b
  if (a === null) return b && b.version > 0 ? b : null
  if (!b) return a
  return b.version >= a.version ? b : a
}
