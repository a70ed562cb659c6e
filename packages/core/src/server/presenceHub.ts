import type { Value } from '../engine/types.js'
import { valuesEqual } from '../engine/values.js'
import type {
  PresenceDiff,
  PresenceEventType,
  PresenceMemberData,
  PresenceMessage,
  PresenceNotice,
} from '../protocol/presence.js'

interface ConnectionState {
  userId: string
  status: string
  metadata: Record<string, Value>
  lastSeen: number
  /** When the state itself last changed: the newest one is shown for the member. */
  changedAt: number
}

interface Room {
  /** connection key -> its tracked state */
  readonly connections: Map<string, ConnectionState>
  /** userId -> member as last published */
  readonly members: Map<string, PresenceMemberData>
  readonly sinks: Set<PresenceSink>
}

/** Receives a room's member events and messages. */
export type PresenceSink = (notice: PresenceNotice) => void

let tick = 0

/**
 * Presence bookkeeping for backends: who is in which room through which connections. It turns
 * tracks, untracks, heartbeats and timeouts into join/update/leave events per member, so a user
 * with two tabs is one member and an update is never a leave followed by a join.
 */
export class PresenceHub {
  private readonly rooms = new Map<string, Room>()

  constructor(private readonly timeoutMs: number) {}

  private room(name: string): Room {
    let r = this.rooms.get(name)
    if (!r)
      this.rooms.set(name, (r = { connections: new Map(), members: new Map(), sinks: new Set() }))
    return r
  }

  /** Current members of a room. */
  members(room: string): PresenceMemberData[] {
    return [...(this.rooms.get(room)?.members.values() ?? [])]
  }

  /** Starts sending a room's events to `sink`; returns the current members. */
  subscribe(room: string, sink: PresenceSink): PresenceMemberData[] {
    this.room(room).sinks.add(sink)
    return this.members(room)
  }

  /** Stops sending a room's events to `sink`. */
  unsubscribe(room: string, sink: PresenceSink): void {
    const r = this.rooms.get(room)
    r?.sinks.delete(sink)
    this.prune(room)
  }

  /**
   * Applies a connection's tracked-state diff. A first diff must carry `userId`: without it
   * (the connection timed out, say) nothing is applied and this returns false, so the caller
   * can ask for the whole state.
   */
  track(connection: string, room: string, diff: PresenceDiff, now: number): boolean {
    const r = this.room(room)
    const prev = r.connections.get(connection)
    if (!prev && diff.userId === undefined) {
      this.prune(room)
      return false
    }
    const next: ConnectionState = prev
      ? { ...prev, metadata: { ...prev.metadata } }
      : {
          userId: diff.userId as string,
          status: 'online',
          metadata: {},
          lastSeen: now,
          changedAt: 0,
        }
    if (prev && diff.userId !== undefined && diff.userId !== prev.userId) {
      // Switching user on one connection: the old user loses a connection.
      r.connections.delete(connection)
      this.publish(room, prev.userId)
      next.userId = diff.userId
      next.metadata = {}
    }
    if (diff.status !== undefined) next.status = diff.status
    if (diff.metadata) Object.assign(next.metadata, diff.metadata)
    for (const k of diff.unset ?? []) delete next.metadata[k]
    if (
      prev &&
      next.userId === prev.userId &&
      next.status === prev.status &&
      valuesEqual(next.metadata, prev.metadata)
    ) {
      // The same state again (a relay re-announcing it): alive, but nothing to tell anyone.
      prev.lastSeen = now
      return true
    }
    next.lastSeen = now
    next.changedAt = ++tick
    r.connections.set(connection, next)
    this.publish(room, next.userId)
    return true
  }

  /** The user a connection tracks in a room, if it does. */
  userOf(connection: string, room: string): string | undefined {
    return this.rooms.get(room)?.connections.get(connection)?.userId
  }

  /** Sends a message to the room's sinks, except `except` (the sender's own). */
  message(room: string, message: PresenceMessage, except?: PresenceSink): void {
    for (const sink of this.rooms.get(room)?.sinks ?? []) {
      if (sink !== except) sink({ room, event: 'message', message })
    }
  }

  /** Removes a connection's state from a room. */
  untrack(connection: string, room: string): void {
    const r = this.rooms.get(room)
    const prev = r?.connections.get(connection)
    if (!r || !prev) return
    r.connections.delete(connection)
    this.publish(room, prev.userId)
    this.prune(room)
  }

  /** Marks a connection as alive in every room it tracks; false if it tracks none. */
  heartbeat(connection: string, now: number): boolean {
    let known = false
    for (const r of this.rooms.values()) {
      const c = r.connections.get(connection)
      if (c) {
        c.lastSeen = now
        known = true
      }
    }
    return known
  }

  /** Removes a connection from every room (it closed). */
  disconnect(connection: string): void {
    for (const room of [...this.rooms.keys()]) this.untrack(connection, room)
  }

  /** Connections tracked in any room whose key starts with `prefix`. */
  connectionsWithPrefix(prefix: string): string[] {
    const out = new Set<string>()
    for (const r of this.rooms.values())
      for (const k of r.connections.keys()) if (k.startsWith(prefix)) out.add(k)
    return [...out]
  }

  /** Removes connections not heard from within the timeout. */
  sweep(now: number): void {
    for (const [room, r] of [...this.rooms]) {
      for (const [key, c] of [...r.connections]) {
        if (now - c.lastSeen > this.timeoutMs) this.untrack(key, room)
      }
    }
  }

  /** The tracked state of one connection (for replication between tabs). */
  stateOf(connection: string): { room: string; diff: PresenceDiff; lastSeen: number }[] {
    const out: { room: string; diff: PresenceDiff; lastSeen: number }[] = []
    for (const [room, r] of this.rooms) {
      const c = r.connections.get(connection)
      if (c)
        out.push({
          room,
          diff: { userId: c.userId, status: c.status, metadata: c.metadata },
          lastSeen: c.lastSeen,
        })
    }
    return out
  }

  /** Recomputes one member from its connections and emits the event that describes the change. */
  private publish(room: string, userId: string): void {
    const r = this.room(room)
    let newest: ConnectionState | undefined
    let count = 0
    let lastSeen = 0
    for (const c of r.connections.values()) {
      if (c.userId !== userId) continue
      count++
      lastSeen = Math.max(lastSeen, c.lastSeen)
      if (!newest || c.changedAt > newest.changedAt) newest = c
    }
    const before = r.members.get(userId)
    if (!newest) {
      if (!before) return
      r.members.delete(userId)
      this.emit(r, room, 'leave', { ...before, connections: 0 })
      return
    }
    const member: PresenceMemberData = Object.freeze({
      userId,
      status: newest.status,
      metadata: Object.freeze({ ...newest.metadata }),
      lastSeen,
      connections: count,
    })
    r.members.set(userId, member)
    this.emit(r, room, before ? 'update' : 'join', member)
  }

  private emit(r: Room, room: string, event: PresenceEventType, member: PresenceMemberData): void {
    for (const sink of r.sinks) sink({ room, event, member })
  }

  private prune(room: string): void {
    const r = this.rooms.get(room)
    if (r && r.connections.size === 0 && r.sinks.size === 0) this.rooms.delete(room)
  }
}
