import { useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import type { PresenceState } from '@metal/core'
import { presenceTracker, presenceView, type PresenceSnapshot } from '@metal/core/bindings'
import { useMetalContext } from './MetalProvider.js'

/** Options of {@link useMetalPresence}. */
export interface UseMetalPresenceOptions {
  /**
   * The room.
   * @default 'default'
   */
  room?: string
  /**
   * This client's state, published while the component is mounted (and withdrawn when it
   * unmounts); `null` withdraws it. Compared by value: an inline object re-sends only when its
   * content changes.
   */
  track?: PresenceState | null
}

/** The members of a room, and this client's tracking in it. */
export interface UseMetalPresenceResult extends PresenceSnapshot {
  /** Publishes or changes this client's state; withdrawn when the component unmounts. */
  track(state: PresenceState): void
  /** Stops publishing this client's state. */
  untrack(): void
}

/**
 * Who is in a room, live: `members`, `others` and `self` (this client's user, one member across
 * tabs). With `track`, publishes this client's state while mounted.
 */
export function useMetalPresence(options: UseMetalPresenceOptions = {}): UseMetalPresenceResult {
  const presence = useMetalContext('useMetalPresence').presence(options.room)
  const view = useMemo(() => presenceView(presence), [presence])
  const snapshot = useSyncExternalStore(view.subscribe, view.getSnapshot, view.getSnapshot)
  // Ownership, dedupe by value and the deferred leave (StrictMode's remount) live in the tracker.
  const [tracker] = useState(presenceTracker)
  useEffect(() => {
    tracker.attach(presence)
    return () => tracker.release()
  }, [tracker, presence])
  const { track } = options
  useEffect(() => {
    // `undefined` leaves tracking to track() and untrack(); `null` withdraws.
    if (track) tracker.track(track)
    else if (track === null) tracker.untrack()
  }, [tracker, presence, track])
  const actions = useMemo(
    () => ({
      track: (state: PresenceState) => tracker.track(state),
      untrack: () => tracker.untrack(),
    }),
    [tracker],
  )
  return { ...snapshot, ...actions }
}
