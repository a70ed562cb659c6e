import { guard } from './guard.js'
import type { SyncConfig, SyncHostEvent } from './syncConfig.js'

/** What the sync status is derived from. */
export interface SyncStatusSource {
  /** The connection's status. */
  networkStatus(): 'online' | 'offline'
  /** True while queued writes exist and are being sent. */
  flushing(): boolean
}

/**
 * The network and sync status that `metal.sync()` views follow: each collection's conflict
 * settings, and the events (`pending`, `status`, `synced`, `error`) sent to their listeners.
 * A `status` event is sent only when the status really changed.
 */
export class SyncStatus {
  private readonly configs = new Map<string, SyncConfig>()
  private readonly listeners = new Set<(event: SyncHostEvent) => void>()
  private lastKey = ''

  constructor(private readonly source: SyncStatusSource) {}

  /** How conflicts in `collection` are settled (undefined: not synced, no checks). */
  config(collection: string): SyncConfig | undefined {
    return this.configs.get(collection)
  }

  /** The collections that have a sync view. */
  get collections(): string[] {
    return [...this.configs.keys()]
  }

  configure(collection: string, config: SyncConfig | null): void {
    if (config) this.configs.set(collection, config)
    else this.configs.delete(collection)
  }

  on(listener: (event: SyncHostEvent) => void): () => void {
    this.listeners.add(listener)
    return () => void this.listeners.delete(listener)
  }

  emit(event: SyncHostEvent): void {
    for (const l of [...this.listeners]) guard('a sync listener', () => l(event))
  }

  /** Pending counts may have moved: say so, and send `status` if online/flushing changed. */
  maybeChanged(): void {
    this.emit({ type: 'pending' })
    const key = `${this.source.networkStatus()}/${this.source.flushing()}`
    if (key === this.lastKey) return
    this.lastKey = key
    this.emit({ type: 'status' })
  }
}
