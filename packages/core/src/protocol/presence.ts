import type { Value } from '../engine/types.js'

/** One member of a presence room as a backend sends it (the same for every client). */
export interface PresenceMemberData {
  /** Who this is. Several connections (tabs, devices) of one user are one member. */
  readonly userId: string
  /** Free-form status such as `'online'` or `'away'`. */
  readonly status: string
  /** Free-form state: current page, cursor, selection… */
  readonly metadata: Readonly<Record<string, Value>>
  /** Last time any of the member's connections was heard from, epoch ms. */
  readonly lastSeen: number
  /** How many connections (tabs, devices) the member has in the room. */
  readonly connections: number
}

/** One member of a presence room, as a client sees it. */
export interface PresenceMember extends PresenceMemberData {
  /**
   * True when this is the user this client tracks (`track({ userId })`), through this
   * connection or another (a second tab). False when the client tracks nobody.
   */
  readonly isSelf: boolean
}

/** A presence event. */
export type PresenceEventType = 'join' | 'update' | 'leave'

/** What a client sends to change its tracked state: only what changed. */
export interface PresenceDiff {
  userId?: string
  status?: string
  /** Keys to set. */
  metadata?: Record<string, Value>
  /** Keys to remove. */
  unset?: string[]
}

/**
 * An ephemeral message sent to a room with `presence.broadcast(event, payload)`: delivered to
 * the room's other connections that listen, never stored.
 */
export interface PresenceMessage {
  /** The name the sender gave it (`'cursor'`, `'typing'`…). */
  readonly event: string
  /** What it carries (JSON-like values). */
  readonly payload: Readonly<Record<string, Value>>
  /** The sender's tracked user id. */
  readonly userId: string
  /** Identifies the sender's connection: two tabs of one user have different ones. */
  readonly connectionId: string
}

/** What a backend pushes about a room: a member's event, or a message. */
export type PresenceNotice =
  | { room: string; event: PresenceEventType; member: PresenceMemberData }
  | { room: string; event: 'message'; message: PresenceMessage }
