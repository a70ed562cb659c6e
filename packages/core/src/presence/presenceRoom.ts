import { valuesEqual } from '../engine/values.js'
import type { PresenceDiff, PresenceEventType, PresenceMember } from '../protocol/presence.js'
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
  private readonly eventListeners = new Map<
    PresenceEventType,
    Set<(member: PresenceMember) => void>
  >()
  private desired: Sent | null = null
  private sent: Sent | null = null
  private lastSentAt = -Infinity
  private flushTimer: unknown
  private heartbeat: unknown
  private subscribed = false
  /** Events that arrived while the member list was being fetched; applied after it. */
  private buffered: [PresenceEventType, PresenceMember][] | null = null
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
    this.desired = state
    if (!this.heartbeat) {
      this.heartbeat = setInterval(() => {
        if (this.sent) this.request({ type: 'presenceHeartbeat' }).catch(() => {})
      }, this.heartbeatMs)
      unrefTimer(this.heartbeat)
    }
    this.schedule()
  }

  /** Stops publishing this client's presence; others see a `leave` if it was the user's last connection. */
  untrack(): void {
    this.desired = null
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

  /** Calls `listener(member)` for each `join`, `update` or `leave`. Returns the unsubscribe. */
  on(event: PresenceEventType, listener: (member: PresenceMember) => void): Unsubscribe {
    let set = this.eventListeners.get(event)
    if (!set) this.eventListeners.set(event, (set = new Set()))
    set.add(listener)
    this.open()
    return () => {
      set.delete(listener)
      this.maybeClose()
    }
  }

  /** @internal A member event pushed by the backend. */
  receive(event: PresenceEventType, member: PresenceMember, notifyList = true): void {
    if (this.buffered && notifyList) {
      this.buffered.push([event, member])
      return
    }
    if (event === 'leave') this.memberMap.delete(member.userId)
    else this.memberMap.set(member.userId, member)
    for (const l of this.eventListeners.get(event) ?? []) l(member)
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
    if (this.desired) {
      this.sent = null
      this.lastSentAt = -Infinity
      this.schedule()
    }
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
        // Reconcile with what we knew: report the differences as events.
        const next = new Map(members.map((m) => [m.userId, m]))
        for (const [id, m] of this.memberMap) if (!next.has(id)) this.receive('leave', m, false)
        for (const m of members) {
          const before = this.memberMap.get(m.userId)
          if (!before) this.receive('join', m, false)
          else if (!valuesEqual(before, m)) this.receive('update', m, false)
        }
        const list = this.members
        for (const l of this.listeners) l(list)
        for (const [event, member] of later) this.receive(event, member)
      })
      .catch(() => {
        this.buffered = null
        this.subscribed = false
      })
  }

  private maybeClose(): void {
    if (this.listenerCount() > 0 || !this.subscribed) return
    this.subscribed = false
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
    if (!diff) return
    this.sent = next
    this.lastSentAt = Date.now()
    this.request({ type: 'presenceTrack', room: this.room, diff }).catch(() => {
      this.sent = null // resend the whole state next time
    })
  }
}
