import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react'
import type { SyncEvents, SyncOptions } from '@metal/core'
import { syncView, type SyncSnapshot } from '@metal/core/bindings'
import { useMetalContext } from './MetalProvider.js'

/** Options of {@link useMetalSync}. */
export interface UseMetalSyncOptions extends SyncOptions {
  /**
   * Asked about each conflict while mounted: return the document to write, `null` to delete it,
   * or `undefined` to leave it to the `conflict` strategy.
   */
  onConflict?: SyncEvents['conflict']
}

/** A collection's offline-sync state, and its actions. */
export interface UseMetalSyncResult extends SyncSnapshot {
  /** Sends queued writes again now (after an `error`, or to skip a backoff wait). */
  retry(): void
  /** Forgets the conflicts seen so far. */
  clearConflicts(): void
}

/**
 * Offline sync of a collection: `status`, `pending` writes, the `conflicts` seen while mounted
 * and the last send `error`. `conflict` and `maxRetries` configure the collection's sync (the
 * settings stay after unmount); without them the current settings are kept.
 */
export function useMetalSync(
  collection: string,
  options: UseMetalSyncOptions = {},
): UseMetalSyncResult {
  const metal = useMetalContext('useMetalSync')
  const { conflict, maxRetries, onConflict } = options
  const handler = useRef(onConflict)
  useEffect(() => {
    handler.current = onConflict
  })
  const view = useMemo(
    () =>
      syncView(
        metal,
        collection,
        conflict === undefined && maxRetries === undefined ? undefined : { conflict, maxRetries },
        (c) => handler.current?.(c),
      ),
    [metal, collection, conflict, maxRetries],
  )
  const snapshot = useSyncExternalStore(view.subscribe, view.getSnapshot, view.getSnapshot)
  return { ...snapshot, retry: view.retry, clearConflicts: view.clearConflicts }
}
