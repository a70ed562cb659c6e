import type { Value } from '../engine/types.js'

/** One member of a presence room, as every client sees it. */
export interface PresenceMember {
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
