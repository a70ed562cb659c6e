import { describe, invalidArgument, type MetalError } from '../errors.js'
import type { Unsubscribe } from '../types.js'
import type {
  Conflict,
  ConflictResolution,
  ConflictStrategy,
  SyncHost,
  SyncStatus,
} from '../client/syncConfig.js'
import { SyncWriteError } from '../client/syncConfig.js'

export type { Conflict, ConflictResolution, ConflictStrategy, SyncStatus }
export { SyncWriteError }

/** Options of `metal.sync()`. */
export interface SyncOptions {
  /**
   * How a stale queued write is settled when no `conflict` handler returns a document.
   * @default 'server-wins'
   */
  conflict?: ConflictStrategy
  /**
   * Attempts to send a queued write before raising `error` (it stays queued either way).
   * @default 3
   */
  maxRetries?: number
}

/** The events of a {@link Sync}. */
export interface SyncEvents {
  /** The status changed. */
  status: (status: SyncStatus) => void
  /** A queued write met a newer remote state; return a document to write it instead. */
  conflict: (conflict: Conflict) => ConflictResolution | Promise<ConflictResolution>
  /** Every queued write of the collection has been committed. */
  synced: () => void
  /** The number of the collection's writes not yet committed changed. */
  pending: (count: number) => void
  /**
   * A queued write of the collection could not be sent after `maxRetries` (it stays queued), or
   * was refused (it is rolled back): the error is then a {@link SyncWriteError} naming the write
   * (mutation id, documents, code).
   */
  error: (error: MetalError) => void
}

const STRATEGIES: readonly string[] = ['server-wins', 'client-wins', 'last-write-wins']

/** Checks `sync()` options. */
export function checkSyncOptions(options: unknown): Required<SyncOptions> {
  if (options === undefined) return { conflict: 'server-wins', maxRetries: 3 }
  if (typeof options !== 'object' || options === null) {
    throw invalidArgument('sync()', `options must be an object, got ${describe(options)}`)
  }
  const { conflict = 'server-wins', maxRetries = 3 } = options as SyncOptions
  if (!STRATEGIES.includes(conflict)) {
    throw invalidArgument(
      'sync()',
      `option 'conflict' must be one of ${STRATEGIES.join(', ')}, got ${describe(conflict)}`,
    )
  }
  if (typeof maxRetries !== 'number' || !Number.isInteger(maxRetries) || maxRetries < 0) {
    throw invalidArgument(
      'sync()',
      `option 'maxRetries' must be a non-negative integer, got ${describe(maxRetries)}`,
    )
  }
  return { conflict, maxRetries }
}

/**
 * Offline sync for one collection: its status, how many writes are queued, and how conflicts
 * between queued writes and newer remote states are settled.
 */
export class Sync {
  private readonly listeners: { [K in keyof SyncEvents]: Set<SyncEvents[K]> } = {
    status: new Set(),
    conflict: new Set(),
    synced: new Set(),
    error: new Set(),
    pending: new Set(),
  }
  private lastStatus: SyncStatus
  private lastPending: number
  private readonly stop: Unsubscribe
  private options: Required<SyncOptions>

  /** @internal */
  constructor(
    /** The collection path. */ readonly collection: string,
    private readonly host: SyncHost,
    options: Required<SyncOptions>,
    private readonly onClose: () => void = () => {},
  ) {
    this.options = options
    this.lastStatus = this.status
    this.lastPending = this.pending
    this.install()
    this.stop = host.onSyncEvent((e) => {
      if (e.type === 'status') {
        const s = this.status
        if (s !== this.lastStatus) {
          this.lastStatus = s
          for (const l of this.listeners.status) l(s)
        }
      }
      if (e.type === 'status' || e.type === 'pending') {
        const n = this.pending
        if (n !== this.lastPending) {
          this.lastPending = n
          for (const l of this.listeners.pending) l(n)
        }
        return
      }
      if (e.collection !== this.collection) return
      if (e.type === 'synced') for (const l of this.listeners.synced) l()
      else for (const l of this.listeners.error) l(e.error)
    })
  }

  /** @internal Applies new options to this collection's sync (listeners stay attached). */
  reconfigure(options: Required<SyncOptions>): void {
    this.options = options
    this.install()
  }

  private install(): void {
    this.host.configure(this.collection, {
      strategy: this.options.conflict,
      maxRetries: this.options.maxRetries,
      resolve: (c) => this.resolve(c),
    })
  }

  /** `online`, `offline`, or `syncing` while queued writes are being sent. */
  get status(): SyncStatus {
    if (this.host.networkStatus === 'offline') return 'offline'
    return this.host.isFlushing() ? 'syncing' : 'online'
  }

  /** Number of this collection's writes not yet committed. */
  get pending(): number {
    return this.host.pendingCount(this.collection)
  }

  /** The strategy in force. */
  get strategy(): ConflictStrategy {
    return this.options.conflict
  }

  /** Listens to `status`, `pending`, `conflict`, `synced` or `error`. Returns the unsubscribe. */
  on<K extends keyof SyncEvents>(event: K, listener: SyncEvents[K]): Unsubscribe {
    const set = this.listeners[event] as Set<SyncEvents[K]> | undefined
    if (!set)
      throw invalidArgument(
        'sync.on()',
        `event must be status, conflict, synced or error, got ${describe(event)}`,
      )
    if (typeof listener !== 'function') {
      throw invalidArgument('sync.on()', `listener must be a function, got ${describe(listener)}`)
    }
    set.add(listener)
    return () => void set.delete(listener)
  }

  /** Sends queued writes again now (after an `error`, or to skip a backoff wait). */
  retry(): void {
    this.host.retry()
  }

  /**
   * Stops syncing this collection with a strategy: its listeners are dropped, and queued writes
   * stay queued but are replayed without conflict checks (the last write wins).
   */
  close(): void {
    this.stop()
    this.host.configure(this.collection, null)
    this.onClose()
  }

  private async resolve(conflict: Conflict): Promise<ConflictResolution> {
    let resolution: ConflictResolution
    for (const handler of this.listeners.conflict) {
      const r = await handler(conflict)
      if (r !== undefined) resolution = r
    }
    return resolution
  }
}
