import type { Presence, PresenceState } from '../presence/presence.js'
import type { PresenceMember } from '../protocol/presence.js'
import type { Unsubscribe } from '../types.js'

/** What a presence binding shows: every member, the others, and this client's own member. */
export interface PresenceSnapshot {
  /** Every member of the room, in join order. */
  readonly members: readonly PresenceMember[]
  /** The members other than this client's user. */
  readonly others: readonly PresenceMember[]
  /** The member this client tracks (by `userId`; one per user across tabs), or null. */
  readonly self: PresenceMember | null
}

/** A room as an external store: `getSnapshot()` returns the same object until something changed. */
export interface PresenceView {
  /** Follows the room; `onChange` runs after each change. Returns the unsubscribe. */
  subscribe(onChange: () => void): Unsubscribe
  /** The current members, split into `self` and `others`. */
  getSnapshot(): PresenceSnapshot
}

const sameList = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((x, i) => x === b[i])

/** A framework-neutral view of one presence room, for `useSyncExternalStore`-style bindings. */
export function presenceView(presence: Presence): PresenceView {
  let list: readonly PresenceMember[] = presence.members
  let snap: PresenceSnapshot | undefined
  let selfId: string | undefined
  return {
    subscribe(onChange) {
      let live = true
      const stop = presence.subscribe((members) => {
        if (!live || sameList(list, members)) return
        list = members
        onChange()
      })
      return () => {
        live = false
        // A re-subscribe in the same task (StrictMode, a remount) keeps the room subscription.
        setTimeout(stop)
      }
    },
    getSnapshot() {
      const id = presence.tracked?.userId
      if (!snap || snap.members !== list || id !== selfId) {
        selfId = id
        snap = {
          members: list,
          others: list.filter((m) => m.userId !== id),
          self: list.find((m) => m.userId === id) ?? null,
        }
      }
      return snap
    },
  }
}

const leaving = new WeakMap<Presence, unknown>()

/**
 * Tracks `state`, cancelling a pending deferred {@link untrackPresence}: a component that unmounts
 * and mounts again in one task (StrictMode, a remount) sends at most an update, never a leave
 * and a join.
 */
export function trackPresence(presence: Presence, state: PresenceState): void {
  clearTimeout(leaving.get(presence))
  presence.track(state)
}

/** Untracks now, or (with `deferred`) after the current task unless tracked again before. */
export function untrackPresence(presence: Presence, deferred = false): void {
  clearTimeout(leaving.get(presence))
  if (deferred)
    leaving.set(
      presence,
      setTimeout(() => presence.untrack()),
    )
  else presence.untrack()
}
