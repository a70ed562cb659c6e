import type { MetalError } from '../errors.js'
import type { DocumentData } from '../engine/types.js'

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
