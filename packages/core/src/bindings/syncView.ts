import { checkSyncOptions } from '../sync/sync.js'
import type { MetalError } from '../errors.js'
import type { Metal } from '../metal.js'
import type { Unsubscribe } from '../types.js'
import type { Conflict, SyncEvents, SyncOptions, SyncStatus } from '../sync/sync.js'

/** What a sync binding shows. */
export interface SyncSnapshot {
  /** `online`, `offline`, or `syncing` while queued writes are being sent. */
  readonly status: SyncStatus
  /** Number of the collection's writes not yet committed. */
  readonly pending: number
  /** Conflicts seen since the view was subscribed, oldest first. */
  readonly conflicts: readonly Conflict[]
  /** The last queued write that could not be sent or was refused; cleared once all are synced. */
  readonly error: MetalError | null
}

/** A collection's sync state as an external store, plus its actions. */
export interface SyncView {
  /** Follows status, conflicts and errors; `onChange` runs after each change. Unsubscribing clears the conflicts. */
  subscribe(onChange: () => void): Unsubscribe
  /** The current state; the same object until something changed. */
  getSnapshot(): SyncSnapshot
  /** Sends queued writes again now. */
  retry(): void
  /** Forgets the conflicts seen so far. */
  clearConflicts(): void
}

/**
 * A framework-neutral view of `metal.sync({ collection, options })`. Without options it uses the
 * collection's current Sync as it is; with options it installs them when the view is subscribed.
 * `resolve` is asked first about each conflict (return `undefined` to leave it to the strategy).
 */
export function syncView(
  metal: Metal,
  collection: string,
  options?: SyncOptions,
  resolve?: SyncEvents['conflict'],
): SyncView {
  let sync = metal.sync({ collection })
  const checked = options && checkSyncOptions(options)
  let conflicts: readonly Conflict[] = []
  let error: MetalError | null = null
  let snap: SyncSnapshot | undefined
  let notify = () => {}
  const set = (next: Partial<SyncSnapshot>) => {
    conflicts = next.conflicts ?? conflicts
    if (next.error !== undefined) error = next.error
    notify()
  }
  return {
    subscribe(onChange) {
      notify = onChange
      // One Sync per client and collection: options given here apply to it for everyone.
      if (checked) sync = metal.sync({ collection, options: checked })
      const offs = [
        sync.on('status', onChange),
        sync.on('pending', onChange),
        sync.on('synced', () => set({ error: null })),
        sync.on('error', (e) => set({ error: e })),
        sync.on('conflict', (c) => {
          set({ conflicts: [...conflicts, c] })
          return resolve?.(c)
        }),
      ]
      return () => {
        for (const off of offs) off()
        notify = () => {}
        conflicts = []
        error = null
      }
    },
    getSnapshot() {
      const { status, pending } = sync
      if (
        !snap ||
        snap.status !== status ||
        snap.pending !== pending ||
        snap.conflicts !== conflicts ||
        snap.error !== error
      ) {
        snap = { status, pending, conflicts, error }
      }
      return snap
    },
    retry: () => sync.retry(),
    clearConflicts: () => set({ conflicts: [] }),
  }
}
