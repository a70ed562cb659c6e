import { MetalError } from '../errors.js'
import type { DocumentData } from '../engine/types.js'
import type { Write } from '../engine/write.js'

// What the store needs to know of offline sync: conflict shapes and how one collection settles them.

/** How a stale offline write is settled. */
export type ConflictStrategy = 'server-wins' | 'client-wins' | 'last-write-wins'

/** `online`: connected and caught up; `syncing`: sending queued writes; `offline`: not connected. */
export type SyncStatus = 'online' | 'offline' | 'syncing'

/** A queued write whose document changed on the backend since the write was made. */
export interface Conflict<T = DocumentData> {
  /** The collection path. */
  readonly collection: string
  /** The document id. */
  readonly id: string
  /** The document as the queued write would leave it (null: deleted). */
  readonly local: T | null
  /** The document as the backend has it now (null: deleted). */
  readonly remote: T | null
  /** The document the write was made on (null: did not exist). */
  readonly base: T | null
  /** When the local write was made, epoch ms. */
  readonly localTime: number
  /** When the remote state was written, epoch ms. */
  readonly remoteTime: number
}

/**
 * What a conflict handler returns: the document to write, `null` to delete it, or `undefined`
 * to fall back to the configured strategy.
 */
export type ConflictResolution<T = DocumentData> = T | null | undefined

/** What the store offers a sync view. @internal */
export interface SyncHost {
  readonly networkStatus: 'online' | 'offline'
  pendingCount(collection: string): number
  isFlushing(): boolean
  onSyncEvent(listener: (event: SyncHostEvent) => void): () => void
  configure(collection: string, config: SyncConfig | null): void
  retry(): void
}

/** @internal */
export type SyncHostEvent =
  | { type: 'status' }
  | { type: 'pending' }
  | { type: 'synced'; collection: string }
  | { type: 'error'; collection: string; error: MetalError }

/** @internal How the store settles conflicts in one collection. */
export interface SyncConfig {
  strategy: ConflictStrategy
  maxRetries: number
  resolve(conflict: Conflict): Promise<ConflictResolution>
}

/**
 * The error of a sync `error` event: a queued write was refused (and rolled back) or gave up
 * after `maxRetries` (and stays queued). Its `code` is the failure's; it names the write.
 */
export class SyncWriteError extends MetalError {
  /** @internal */
  constructor(
    /** The failure as the backend (or the write queue) reported it. */
    override readonly cause: MetalError,
    /** The write's mutation id (the same across resends and reloads). */
    readonly mutationId: string,
    /** The collection of the `metal.sync()` view that receives the event. */
    readonly collection: string,
    /** The first document of that collection the write touches. */
    readonly id: string,
    /** Every document the write touches, as `collection/id`, in write order. */
    readonly paths: readonly string[],
  ) {
    super(cause.code, `${cause.message} (write ${mutationId}: ${paths.join(', ')})`)
  }
}

/** @internal One error per collection a failed write touches, for that collection's events. */
export function syncWriteErrors(
  mutationId: string,
  writes: readonly Write[],
  error: MetalError,
): { collection: string; error: SyncWriteError }[] {
  const paths = [...new Set(writes.map((w) => `${w.collection}/${w.id}`))]
  const first = new Map<string, string>()
  for (const w of writes) if (!first.has(w.collection)) first.set(w.collection, w.id)
  return [...first].map(([collection, id]) => ({
    collection,
    error: new SyncWriteError(error, mutationId, collection, id, paths),
  }))
}
