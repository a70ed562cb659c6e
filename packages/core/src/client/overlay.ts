import { applyWrite, type StoredDoc, type Write } from '../engine/write.js'
import { valuesEqual } from '../engine/values.js'
import type { DocumentData } from '../engine/types.js'
import { TimestampTracker, type PendingTimestamp } from './pendingTimestamps.js'

// The optimistic overlay: what a document looks like to this client, given the last committed
// state and the local writes not yet committed. Pure functions; the document cache holds the state.

/** A document as this client sees it: the backend's version with pending local writes on top. */
export interface LocalDoc {
  readonly collection: string
  readonly id: string
  readonly data: DocumentData
  /** Version of the last committed state this is based on (0: none yet). */
  readonly version: number
  /** True while local writes to it are not yet committed. */
  readonly hasPendingWrites: boolean
  /** Fields whose `serverTimestamp()` is not committed yet (`data` holds the local estimate). */
  readonly serverTimestamps?: readonly PendingTimestamp[]
  /** @internal cache of the public snapshot built for this state */
  snapshot?: unknown
  /** @internal the same, read from the cache (`metadata.fromCache`) */
  cachedSnapshot?: unknown
}

/** One uncommitted local write, tagged with the batch that made it. */
export interface PendingWrite {
  readonly write: Write
  readonly batch: object
  /** When it was made, epoch ms: the local estimate of its `serverTimestamp()` values. */
  readonly at: number
}

/** What the overlay of one document is computed from. */
export interface OverlayInput {
  readonly collection: string
  readonly id: string
  /** Last committed state seen (null: deleted; undefined: unknown). */
  readonly remote: StoredDoc | null | undefined
  /** Uncommitted local writes, oldest first. */
  readonly pending: readonly PendingWrite[]
  /** The local state computed last time (its identity is kept when nothing changed). */
  readonly local: LocalDoc | null
}

/** A committed document as a local one. */
export function committedLocal(collection: string, doc: StoredDoc, pending = false): LocalDoc {
  return {
    collection,
    id: doc.id,
    data: doc.data,
    version: doc.version,
    hasPendingWrites: pending,
  }
}

/**
 * The committed state with pending writes applied (null: absent or unknown). An update to a
 * document this client does not have is not shown: there is nothing to apply it to. Sentinels
 * resolve locally (`increment()` on the value below it), `serverTimestamp()` to the time the
 * write was made, so the estimate does not move each time the document is recomputed.
 */
export function overlay(
  collection: string,
  id: string,
  remote: StoredDoc | null | undefined,
  pending: readonly PendingWrite[],
): LocalDoc | null {
  if (pending.length === 0) return remote ? committedLocal(collection, remote) : null
  let data: DocumentData | null | undefined =
    remote === undefined ? undefined : (remote?.data ?? null)
  const stamps = new TimestampTracker()
  for (const { write, at } of pending) {
    if (write.op === 'update' && !data) continue
    stamps.before(write, at, data)
    data = applyWrite(write, data ?? undefined, at)
  }
  if (!data) return null
  const serverTimestamps = stamps.result(data)
  return {
    collection,
    id,
    data,
    version: remote?.version ?? 0,
    hasPendingWrites: true,
    ...(serverTimestamps ? { serverTimestamps } : {}),
  }
}

/**
 * Recomputes the local view of one document, keeping the previous object when nothing changed
 * (and its data object when only the metadata did), so listeners and memoized views see
 * unchanged documents as identical.
 */
export function computeLocal(doc: OverlayInput): LocalDoc | null {
  const next = overlay(doc.collection, doc.id, doc.remote, doc.pending)
  const prev = doc.local
  if (!next || !prev) return next
  const sameData = prev.data === next.data || valuesEqual(prev.data, next.data)
  if (
    sameData &&
    prev.hasPendingWrites === next.hasPendingWrites &&
    prev.version === next.version &&
    sameStamps(prev.serverTimestamps, next.serverTimestamps)
  ) {
    return prev
  }
  if (sameData && prev.data !== next.data) return { ...next, data: prev.data }
  return next
}

function sameStamps(
  a: readonly PendingTimestamp[] | undefined,
  b: readonly PendingTimestamp[] | undefined,
): boolean {
  if (!a || !b) return a === b
  return (
    a.length === b.length &&
    a.every((t, i) => {
      const u = b[i] as PendingTimestamp
      return t.path.join('.') === u.path.join('.') && valuesEqual(t.previous, u.previous)
    })
  )
}

/** The pending writes left once a batch is dropped (committed or rolled back). */
export function withoutBatch(pending: readonly PendingWrite[], batch: object): PendingWrite[] {
  return pending.filter((p) => p.batch !== batch)
}
