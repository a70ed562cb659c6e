import { valuesEqual } from '../engine/values.js'
import type {
  PresenceDiff,
  PresenceEventType,
  PresenceMember,
  PresenceMemberData,
  PresenceMessage,
  PresenceNotice,
} from '../protocol/presence.js'
import type { Requester } from '../protocol/backend.js'
import type { Unsubscribe } from '../types.js'
import type { Value } from '../types.js'

/** What `track()` takes. */
export interface PresenceState {
  /** Who is present. */
  userId: string
  /** @default 'online' */
  status?: string
  /** Free-form state (JSON-like values). */
  metadata?: Record<string, unknown>
}

/** Options of presence (given as `new Metal({ presence })`). */
export interface PresenceOptions {
  /**
   * Least time between two state updates sent, in ms; the last value is always delivered.
   * Broadcast messages are throttled the same way, per event name: at most one per `throttleMs`
   * (10 a second by default), the last payload wins.
   * @default 100
   */
  throttleMs?: number
  /**
   * How often a tracked connection tells the backend it is alive, in ms. Keep it well under the
   * backend's timeout (30 s by default).
   * @default 10000
   */
  heartbeatMs?: number
}

/** A validated tracked state. */
export interface Sent {
  userId: string
  status: string
  metadata: Record<string, Value>
}

function diffOf(prev: Sent | null, next: Sent): PresenceDiff | null {
  if (!prev || prev.userId !== next.userId)
    return { userId: next.userId, status: next.status, metadata: next.metadata }
  const diff: PresenceDiff = {}
  if (prev.status !== next.status) diff.status = next.status
  for (const [k, v] of Object.entries(next.metadata)) {
    if (!(k in prev.metadata) || !valuesEqual(prev.metadata[k], v)) (diff.metadata ??= {})[k] = v
  }
  for (const k of Object.keys(prev.metadata)) if (!(k in next.metadata)) (diff.unset ??= []).push(k)
  return diff.status === undefined && !diff.metadata && !diff.unset ? null : diff
}

function unrefTimer(handle: unknown): void {
  ;(handle as { unref?: () => void } | undefined)?.unref?.()
}

/**
 * The working part of {@link Presence}, loaded on first use: one room's members kept current,
 * this client's state sent as throttled diffs with heartbeats, and reconnects handled. Arguments
 * arrive checked by the `Presence` handle.
 */
export class PresenceRoom {
  private readonly memberMap = new Map<string, PresenceMember>()
  private readonly listeners = new Set<(members: PresenceMember[]) => void>()
  /** Listeners of `join`, `update`, `leave` (members) and `message` (messages), by event. */
  private readonly eventListeners = new Map<string, Set<(value: never) => void>>()
  /** Broadcast messages waiting for the next send, by event name: the last payload wins. */
  private readonly outgoing = new Map<string, Record<string, Value>>()
  /** True once the member list was fetched (and until it is dropped): `memberMap` is current. */
  private known = false
  private desired: Sent | null = null
  private sent: Sent | null = null
  private lastSentAt = -Infinity
  private flushTimer: unknown
  private heartbeat: unknown
  private subscribed = false
  /** Events that arrived while the member list was being fetched; applied after it. */
  private buffered: [PresenceEventType, PresenceMemberData][] | null = null
  private readonly throttleMs: number
  private readonly heartbeatMs: number

  /** @internal */
  constructor(
    /** The room name. */ readonly room: string,
    private readonly request: Requester,
    options: PresenceOptions = {},
  ) {
    this.throttleMs = options.throttleMs ?? 100
    this.heartbeatMs = options.heartbeatMs ?? 10_000
  }

  /** The members as last heard, in join order. */
  get members(): PresenceMember[] {
    return [...this.memberMap.values()]
  }

  /** This client's tracked state, or null. */
  get tracked(): Sent | null {
    return this.desired
  }

  /** Publishes (or changes) this client's state; see {@link Presence.track}. */
  track(state: Sent): void {
    const before = this.desired?.userId
    this.desired = state
    if (before !== state.userId) this.reflag()
    if (!this.heartbeat) {
      this.heartbeat = setInterval(() => {
        if (!this.sent) return
        this.request({ type: 'presenceHeartbeat', room: this.room })
          .then((r) => r.resync && this.resync())
          .catch(() => {})
      }, this.heartbeatMs)
      unrefTimer(this.heartbeat)
    }
    this.schedule()
  }

  /** Queues an ephemeral message to the room's other connections; see {@link Presence.broadcast}. */
  broadcast(event: string, payload: Record<string, Value>): void {
    if (!this.desired) return
    this.outgoing.delete(event) // the newest goes last
    this.outgoing.set(event, payload)
    this.schedule()
  }

  /** Stops publishing this client's presence; others see a `leave` if it was the user's last connection. */
  untrack(): void {
    const before = this.desired
    this.desired = null
    this.outgoing.clear()
    if (before) this.reflag()
    clearTimeout(this.flushTimer)
    this.flushTimer = undefined
    clearInterval(this.heartbeat)
    this.heartbeat = undefined
    if (this.sent) {
      this.sent = null
      this.request({ type: 'presenceUntrack', room: this.room }).catch(() => {})
    }
  }

  /** Calls `listener(members)` now (if known) and after every change. Returns the unsubscribe. */
  subscribe(listener: (members: PresenceMember[]) => void): Unsubscribe {
    this.listeners.add(listener)
    if (this.subscribed && !this.buffered) {
      // Already in sync: this listener gets the current list now; others got theirs.
      queueMicrotask(() => this.listeners.has(listener) && listener(this.members))
    }
    this.open()
    return () => {
      this.listeners.delete(listener)
      this.maybeClose()
    }
  }

  /**
   * Calls `listener` for each `message`, or each `join`, `update` or `leave`; with `replay`,
   * first a `join` for each current member (at once if they are known). Returns the unsubscribe.
   */
  on(
    event: PresenceEventType | 'message',
    listener: ((member: PresenceMember) => void) & ((message: PresenceMessage) => void),
    replay = false,
  ): Unsubscribe {
    let set = this.eventListeners.get(event)
    if (!set) this.eventListeners.set(event, (set = new Set()))
    const listeners = set
    listeners.add(listener)
    // Not yet known: the first fetch reports every member as a join to every join listener.
    if (replay && this.known) for (const m of this.members) if (listeners.has(listener)) listener(m)
    this.open()
    return () => {
      listeners.delete(listener)
      this.maybeClose()
    }
  }

  /** @internal A member event or a message pushed by the backend. */
  receive(notice: PresenceNotice): void {
    if (notice.event === 'message') {
      for (const l of this.eventListeners.get('message') ?? []) {
        ;(l as (message: PresenceMessage) => void)(notice.message)
      }
      return
    }
    this.apply(notice.event, notice.member)
  }

  private apply(event: PresenceEventType, data: PresenceMemberData, notifyList = true): void {
    if (this.buffered && notifyList) {
      this.buffered.push([event, data])
      return
    }
    const member = this.decorate(data)
    if (event === 'leave') this.memberMap.delete(member.userId)
    else this.memberMap.set(member.userId, member)
    for (const l of this.eventListeners.get(event) ?? []) {
      ;(l as (member: PresenceMember) => void)(member)
    }
    if (!notifyList) return
    const members = this.members
    for (const l of this.listeners) l(members)
  }

  /** @internal Re-sends everything after a reconnect. */
  resume(): void {
    if (this.subscribed) {
      this.subscribed = false
      this.open()
    }
    this.resync()
  }

  /** Sends this client's whole state at once: the backend lost it (a reconnect, a timeout). */
  private resync(): void {
    if (!this.desired) return
    this.sent = null
    this.lastSentAt = -Infinity
    clearTimeout(this.flushTimer)
    this.flushTimer = undefined
    this.schedule()
  }

  /** The member as this client shows it: with `isSelf`. */
  private decorate(data: PresenceMemberData): PresenceMember {
    const isSelf = data.userId === this.desired?.userId
    if ((data as Partial<PresenceMember>).isSelf === isSelf) return data as PresenceMember
    return Object.freeze({ ...data, isSelf })
  }

  /** The tracked user changed: members' `isSelf` is recomputed, and the list sent if it changed. */
  private reflag(): void {
    let changed = false
    for (const [id, m] of this.memberMap) {
      const next = this.decorate(m)
      if (next !== m) {
        this.memberMap.set(id, next)
        changed = true
      }
    }
    if (!changed || this.buffered) return
    const members = this.members
    for (const l of this.listeners) l(members)
  }

  /** @internal */
  dispose(): void {
    this.untrack()
    this.listeners.clear()
    this.eventListeners.clear()
  }

  private listenerCount(): number {
    let n = this.listeners.size
    for (const s of this.eventListeners.values()) n += s.size
    return n
  }

  private open(): void {
    if (this.subscribed) return
    this.subscribed = true
    this.buffered = []
    this.request({ type: 'presenceSubscribe', room: this.room })
      .then(({ members }) => {
        const later = this.buffered ?? []
        this.buffered = null
        if (!this.subscribed) return
        this.known = true
        // Reconcile with what we knew: report the differences as events.
        const next = new Map(members.map((m) => [m.userId, this.decorate(m)]))
        for (const [id, m] of this.memberMap) if (!next.has(id)) this.apply('leave', m, false)
        for (const m of next.values()) {
          const before = this.memberMap.get(m.userId)
          if (!before) this.apply('join', m, false)
          else if (!valuesEqual(before, m)) this.apply('update', m, false)
        }
        const list = this.members
        for (const l of this.listeners) l(list)
        for (const [event, member] of later) this.apply(event, member)
      })
      .catch(() => {
        this.buffered = null
        this.subscribed = false
      })
  }

  private maybeClose(): void {
    if (this.listenerCount() > 0 || !this.subscribed) return
    this.subscribed = false
    this.known = false
    this.memberMap.clear()
    this.request({ type: 'presenceUnsubscribe', room: this.room }).catch(() => {})
  }

  private schedule(): void {
    if (this.flushTimer) return
    const wait = this.lastSentAt + this.throttleMs - Date.now()
    if (wait <= 0) this.flush()
    else this.flushTimer = setTimeout(() => this.flush(), wait)
  }

  private flush(): void {
    this.flushTimer = undefined
    const next = this.desired
    if (!next) return
    const diff = diffOf(this.sent, next)
    if (!diff && this.outgoing.size === 0) return
    this.lastSentAt = Date.now()
    if (diff) {
      this.sent = next
      this.request({ type: 'presenceTrack', room: this.room, diff })
        .then((r) => r.resync && this.resync())
        .catch(() => {
          this.sent = null // resend the whole state next time
        })
    }
    // After the state, on the same connection: the backend knows the sender when they arrive.
    for (const [event, payload] of this.outgoing) {
      this.request({ type: 'presenceBroadcast', room: this.room, event, payload })
        .then((r) => {
          if (!r.resync || !this.desired) return
          // Not tracked there (timed out): send the state whole, then this message again.
          if (!this.outgoing.has(event)) this.outgoing.set(event, payload)
          this.resync()
        })
        .catch(() => {}) // ephemeral: a message lost with its connection is not sent again
    }
    this.outgoing.clear()
  }
}
