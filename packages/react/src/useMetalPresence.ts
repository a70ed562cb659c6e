import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react'
import type { PresenceState } from '@metal/core'
import {
  presenceView,
  trackPresence,
  untrackPresence,
  valuesEqual,
  type PresenceSnapshot,
} from '@metal/core/bindings'
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
   * unmounts). Compared by value: an inline object re-sends only when its content changes.
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

  // What this hook tracked is withdrawn at unmount; deferred, so StrictMode's remount is silent.
  const owns = useRef(false)
  const actions = useMemo(
    () => ({
      track(state: PresenceState) {
        trackPresence(presence, state)
        owns.current = true
      },
      untrack() {
        owns.current = false
        untrackPresence(presence)
      },
    }),
    [presence],
  )
  useEffect(
    () => () => {
      if (owns.current) untrackPresence(presence, true)
      owns.current = false
    },
    [presence],
  )

  const last = useRef(options.track)
  if (!valuesEqual(last.current, options.track)) last.current = options.track
  const track = last.current
  useEffect(() => {
    if (track) actions.track(track)
    else if (owns.current) actions.untrack()
  }, [actions, track])

  return { ...snapshot, ...actions }
}
