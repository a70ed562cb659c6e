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
 * The documents this client keeps: those listened queries hold and those with pending writes.
 * A document nothing needs any more is forgotten (`collect`).
 */
export class DocumentCache {
  private readonly docs = new Map<string, DocState>()

  /** The state of a path, created (empty) when absent. */
  state(collection: string, id: string): DocState {
    const key = pathKey(collection, id)
    let s = this.docs.get(key)
    if (!s)
      this.docs.set(
        key,
        (s = { collection, id, remote: undefined, refs: 0, pending: [], local: null }),
      )
    return s
  }

  /** The state of a path, if kept. */
  get(collection: string, id: string): DocState | undefined {
    return this.docs.get(pathKey(collection, id))
  }

  /** Every kept document. */
  all(): Iterable<DocState> {
    return this.docs.values()
  }

  /** Every kept document of a collection. */
  *inCollection(collection: string): Iterable<DocState> {
    for (const state of this.docs.values()) if (state.collection === collection) yield state
  }

  /** Drops one query's hold on a document (`decrement` false: never below zero). */
  release(state: DocState, decrement = true): void {
    if (decrement) state.refs--
    else state.refs = Math.max(0, state.refs - 1)
    this.collect(state)
  }

  /** Forgets a document no query holds and no pending write needs. */
  collect(state: DocState): void {
    if (state.refs <= 0 && state.pending.length === 0) {
      state.remote = undefined
      this.docs.delete(pathKey(state.collection, state.id))
    }
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
