import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import type { PresenceMessage, PresenceState } from '@metal/core'
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
  /**
   * Called with each message another connection broadcasts to the room (`broadcast()`); the
   * latest function is called, so an inline one does not resubscribe.
   */
  onMessage?: (message: PresenceMessage) => void
}

/** The members of a room, and this client's tracking in it. */
export interface UseMetalPresenceResult extends PresenceSnapshot {
  /** Publishes or changes this client's state; withdrawn when the component unmounts. */
  track(state: PresenceState): void
  /** Stops publishing this client's state. */
  untrack(): void
  /**
   * Sends an ephemeral message to the room's other connections (see `Presence.broadcast`):
   * throttled per event name, never stored; needs a tracked state.
   */
  broadcast(event: string, payload: Record<string, unknown>): void
}

/**
 * Who is in a room, live: `members` (each with `isSelf`), `others` and `self` (this client's
 * user, one member across tabs). With `track`, publishes this client's state while mounted;
 * `broadcast()` and `onMessage` send and receive ephemeral room messages.
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
  const onMessage = useRef(options.onMessage)
  useEffect(() => {
    onMessage.current = options.onMessage
  })
  const listens = options.onMessage !== undefined
  useEffect(() => {
    if (!listens) return
    return presence.on('message', (m) => onMessage.current?.(m))
  }, [presence, listens])
  const actions = useMemo(
    () => ({
      track: (state: PresenceState) => tracker.track(state),
      untrack: () => tracker.untrack(),
      broadcast: (event: string, payload: Record<string, unknown>) =>
        presence.broadcast(event, payload),
    }),
    [tracker, presence],
  )
  return { ...snapshot, ...actions }
}
