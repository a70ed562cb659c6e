import {
  computed,
  onScopeDispose,
  shallowRef,
  toValue,
  watch,
  type ComputedRef,
  type MaybeRefOrGetter,
} from 'vue'
import type { PresenceMember, PresenceMessage, PresenceState } from '@metal/core'
import { presenceTracker, presenceView, type PresenceSnapshot } from '@metal/core/bindings'
import { useMetalContext } from './metalPlugin.js'

/** Options of {@link useMetalPresence}. */
export interface UseMetalPresenceOptions {
  /**
   * The room; a change leaves the old room and joins the new one.
   * @default 'default'
   */
  room?: MaybeRefOrGetter<string | undefined>
  /**
   * This client's state, published while the calling scope lives and withdrawn when it ends
   * (`null`: withdrawn). Refs, getters and reactive objects are followed, and compared by value:
   * a new object with the same content sends nothing.
   */
  track?: MaybeRefOrGetter<PresenceState | null | undefined>
  /** Called with each message another connection broadcasts to the room (`broadcast()`). */
  onMessage?: (message: PresenceMessage) => void
}

/** The members of a room, and this client's tracking in it. */
export interface UseMetalPresenceResult {
  /** Every member of the room, in join order; one per user across tabs and devices, with `isSelf`. */
  members: ComputedRef<readonly PresenceMember[]>
  /** The members other than this client's user. */
  others: ComputedRef<readonly PresenceMember[]>
  /** The member this client tracks (by `userId`), or null. */
  self: ComputedRef<PresenceMember | null>
  /** Publishes or changes this client's state; withdrawn when the calling scope ends. */
  track(state: PresenceState): void
  /** Stops publishing this client's state. */
  untrack(): void
  /**
   * Sends an ephemeral message to the room's other connections (see `Presence.broadcast`):
   * throttled per event name, never stored; needs a tracked state.
   */
  broadcast(event: string, payload: Record<string, unknown>): void
}

const EMPTY: PresenceSnapshot = { members: [], others: [], self: null }

/**
 * Who is in a room, live: `members`, `others` and `self`. With `track`, publishes this client's
 * state while the calling scope (component, `effectScope()`) lives. Nothing is joined or tracked
 * while rendering on the server.
 */
export function useMetalPresence(options: UseMetalPresenceOptions = {}): UseMetalPresenceResult {
  const { metal, ssr } = useMetalContext('useMetalPresence')
  const snapshot = shallowRef(EMPTY)
  // Ownership, dedupe by value, room moves and the deferred leave live in the tracker.
  const tracker = presenceTracker()
  let read = () => {}
  // Nothing is sent while rendering on the server, as nothing is tracked there.
  let broadcast: UseMetalPresenceResult['broadcast'] = () => {}
  const track = (state: PresenceState) => {
    tracker.track(state)
    read()
  }
  const untrack = () => {
    tracker.untrack()
    read()
  }

  if (!ssr) {
    watch(
      () => toValue(options.room) ?? 'default',
      (room, _, onCleanup) => {
        const here = metal.presence(room)
        const view = presenceView(here)
        read = () => (snapshot.value = view.getSnapshot())
        broadcast = (event, payload) => here.broadcast(event, payload)
        tracker.attach(here)
        const stop = view.subscribe(read)
        const { onMessage } = options
        const stopMessages = onMessage ? here.on('message', onMessage) : undefined
        read()
        onCleanup(() => {
          stop()
          stopMessages?.()
        })
      },
      { immediate: true },
    )
    // After the room watcher's cleanup: a scope that ends while another tracks the same state
    // within one task (a keyed re-render) sends no leave and join.
    onScopeDispose(() => tracker.release())
    if (options.track !== undefined) {
      watch(
        () => toValue(options.track),
        (state) => (state ? track(state) : untrack()),
        { immediate: true, deep: true },
      )
    }
  }

  return {
    members: computed(() => snapshot.value.members),
    others: computed(() => snapshot.value.others),
    self: computed(() => snapshot.value.self),
    track,
    untrack,
    broadcast: (event, payload) => broadcast(event, payload),
  }
}
