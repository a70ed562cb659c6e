import { shallowRef, toValue, watch, type MaybeRefOrGetter, type Ref } from 'vue'
import type { Conflict, MetalError, SyncEvents, SyncOptions, SyncStatus } from '@metal/core'
import { syncView, type SyncView } from '@metal/core/bindings'
import { useMetalContext } from './metalPlugin.js'

/** Options of {@link useMetalSync}. */
export interface UseMetalSyncOptions extends SyncOptions {
  /**
   * Asked about each conflict while the calling scope lives: return the document to write,
   * `null` to delete it, or `undefined` to leave it to the `conflict` strategy.
   */
  onConflict?: SyncEvents['conflict']
}

/** A collection's offline-sync state as refs, and its actions. */
export interface UseMetalSyncResult {
  /** `online`, `offline`, or `syncing` while queued writes are sent. */
  status: Readonly<Ref<SyncStatus>>
  /** How many of the collection's writes are not committed yet. */
  pending: Readonly<Ref<number>>
  /** Conflicts met while replaying queued writes since the scope started, oldest first. */
  conflicts: Readonly<Ref<readonly Conflict[]>>
  /** The last queued write that could not be sent or was refused; cleared once all are synced. */
  error: Readonly<Ref<MetalError | null>>
  /** Sends queued writes again now (after an `error`, or to skip a backoff wait). */
  retry(): void
  /** Forgets the conflicts seen so far. */
  clearConflicts(): void
}

/**
 * Offline sync of a collection: `status`, `pending` writes, the `conflicts` seen while the scope
 * lives and the last send `error`. `conflict` and `maxRetries` configure the collection's sync
 * (the settings stay after the scope ends); without them the current settings are kept.
 */
export function useMetalSync(
  collection: MaybeRefOrGetter<string>,
  options: UseMetalSyncOptions = {},
): UseMetalSyncResult {
  const { metal, ssr } = useMetalContext('useMetalSync')
  const { conflict, maxRetries, onConflict } = options
  const status = shallowRef<SyncStatus>(metal.network)
  const pending = shallowRef(0)
  const conflicts = shallowRef<readonly Conflict[]>([])
  const error = shallowRef<MetalError | null>(null)
  let view: SyncView | undefined

  if (!ssr) {
    watch(
      () => toValue(collection),
      (path, _, onCleanup) => {
        const settings =
          conflict === undefined && maxRetries === undefined ? undefined : { conflict, maxRetries }
        const here = (view = syncView(metal, path, settings, onConflict))
        const read = () => {
          const snapshot = here.getSnapshot()
          status.value = snapshot.status
          pending.value = snapshot.pending
          conflicts.value = snapshot.conflicts
          error.value = snapshot.error
        }
        const stop = here.subscribe(read)
        read()
        onCleanup(stop)
      },
      { immediate: true },
    )
  }

  return {
    status,
    pending,
    conflicts,
    error,
    retry: () => view?.retry(),
    clearConflicts: () => view?.clearConflicts(),
  }
}
