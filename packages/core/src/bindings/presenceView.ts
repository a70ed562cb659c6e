import type { Presence, PresenceState } from '../presence/presence.js'
import type { PresenceMember } from '../protocol/presence.js'
import type { Unsubscribe } from '../types.js'
import { valuesEqual } from '../engine/values.js'

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

/**
 * What one hook or composable publishes in a room, with the policy both frameworks share:
 * it withdraws only what it published itself (a reader never withdraws another component's
 * state), sends a state only when it differs by value from what it sent, follows a room change,
 * and withdraws on `release()` after the current task, so a remount within one task (React
 * StrictMode, a keyed re-render) sends no leave and join.
 */
export interface PresenceTracker {
  /** What this tracker publishes (a copy), or null. */
  readonly state: PresenceState | null
  /** Sets the room; what is tracked leaves the old room (deferred) and joins this one. */
  attach(presence: Presence): void
  /** Publishes `state`, unless it equals by value what this tracker published last. */
  track(state: PresenceState): void
  /** Withdraws what this tracker published, now; nothing if it published nothing. */
  untrack(): void
  /** The owner is going away: withdraws what it published after the current task. */
  release(): void
}

/** A {@link PresenceTracker}, attached to `presence` if given. */
export function presenceTracker(presence?: Presence): PresenceTracker {
  let room = presence
  let mine: PresenceState | null = null
  return {
    get state() {
      return mine
    },
    attach(next) {
      if (next === room) return
      if (room && mine) untrackPresence(room, true)
      room = next
      if (mine) trackPresence(next, mine)
    },
    track(state) {
      if (valuesEqual(mine, state)) return
      // A copy: a reactive state mutated in place must still differ from what was sent.
      const copy = JSON.parse(JSON.stringify(state)) as PresenceState
      if (room) trackPresence(room, copy) // throws on a bad state before it counts as sent
      mine = copy
    },
    untrack() {
      if (mine && room) untrackPresence(room)
      mine = null
    },
    release() {
      if (mine && room) untrackPresence(room, true)
      mine = null
    },
  }
}
