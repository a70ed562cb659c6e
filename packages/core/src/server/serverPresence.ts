import type { Value } from '../engine/types.js'
import type { PresenceDiff, PresenceMemberData } from '../protocol/presence.js'
import type { PresenceRelayLike, ServerCoreOptions } from './options.js'
import type { PresenceHub } from './presenceHub.js'
import type { ServerConnection } from './connection.js'

interface ProjectPresence {
  readonly hub: PresenceHub
  relay?: PresenceRelayLike
}

/**
 * Presence for every project of a server: one hub per project (its code loaded on first use,
 * so a server whose clients never use presence does not load it), the optional relay that
 * shares it beyond this server, and the sweep that removes connections not heard from.
 */
export class ServerPresence {
  private readonly projects = new Map<string, ProjectPresence>()
  private sweeper: unknown
  /** Makes connection ids unique beyond this server (messages name their sender's). */
  private readonly origin = Math.random().toString(36).slice(2, 10)

  constructor(
    private readonly timeoutMs: number,
    private readonly now: () => number,
    private readonly relayFactory: ServerCoreOptions['presenceRelay'],
  ) {}

  private async project(projectId: string): Promise<ProjectPresence> {
    let p = this.projects.get(projectId)
    if (!p) {
      const { PresenceHub } = await import('./presenceHub.js')
      p = this.projects.get(projectId)
      if (!p) {
        const hub = new PresenceHub(this.timeoutMs)
        const created: ProjectPresence = { hub }
        this.projects.set(projectId, created)
        created.relay = await this.relayFactory?.(projectId, hub)
        p = created
      }
    }
    if (!this.sweeper) {
      this.sweeper = setInterval(
        () => {
          for (const q of this.projects.values()) q.hub.sweep(this.now())
        },
        Math.max(10, this.timeoutMs / 4),
      )
      ;(this.sweeper as { unref?: () => void }).unref?.()
    }
    return p
  }

  /** Starts sending `room`'s events to `conn`; resolves with its members now. */
  async subscribe(conn: ServerConnection, room: string): Promise<PresenceMemberData[]> {
    conn.presenceRooms.add(room)
    return (await this.project(conn.projectId)).hub.subscribe(room, conn.presenceSink)
  }

  /** Stops sending `room`'s events to `conn`. */
  unsubscribe(conn: ServerConnection, room: string): void {
    conn.presenceRooms.delete(room)
    this.projects.get(conn.projectId)?.hub.unsubscribe(room, conn.presenceSink)
  }

  /**
   * Applies `conn`'s tracked state change in `room`, after telling `answer` whether it can: a
   * diff without `userId` for a connection not tracked there (it timed out) cannot be applied,
   * and the client must send its state whole.
   */
  async track(
    conn: ServerConnection,
    room: string,
    diff: PresenceDiff,
    answer: (applies: boolean) => void,
  ): Promise<void> {
    const p = await this.project(conn.projectId)
    const applies = diff.userId !== undefined || p.hub.userOf(conn.key, room) !== undefined
    answer(applies) // before the events the change causes, this connection's included
    if (!applies) return
    p.hub.track(conn.key, room, diff, this.now())
    p.relay?.track(conn.key, room, diff)
  }

  /**
   * Sends an ephemeral message from `conn` to the other connections listening to `room`, here
   * and beyond (the relay). False when `conn` is not tracked in the room: nothing is sent.
   */
  async broadcast(
    conn: ServerConnection,
    room: string,
    event: string,
    payload: Record<string, Value>,
  ): Promise<boolean> {
    const p = await this.project(conn.projectId)
    const userId = p.hub.userOf(conn.key, room)
    if (userId === undefined) return false
    const message = { event, payload, userId, connectionId: `${this.origin}.${conn.key}` }
    p.hub.message(room, message, conn.presenceSink)
    p.relay?.message?.(room, message)
    return true
  }

  /** Removes `conn`'s state from `room`. */
  untrack(conn: ServerConnection, room: string): void {
    const p = this.projects.get(conn.projectId)
    p?.hub.untrack(conn.key, room)
    p?.relay?.untrack(conn.key, room)
  }

  /** `conn` is alive. With `room`: false if `conn` is not tracked there (it timed out). */
  heartbeat(conn: ServerConnection, room?: string): boolean {
    const p = this.projects.get(conn.projectId)
    if (!p?.hub.heartbeat(conn.key, this.now())) return room === undefined
    p.relay?.heartbeat(conn.key)
    return room === undefined || p.hub.userOf(conn.key, room) !== undefined
  }

  /** Removes `conn` from every room: it leaves and hears nothing more. */
  disconnect(conn: ServerConnection): void {
    const p = this.projects.get(conn.projectId)
    for (const room of conn.presenceRooms) p?.hub.unsubscribe(room, conn.presenceSink)
    conn.presenceRooms.clear()
    if (!p) return
    for (const s of p.hub.stateOf(conn.key)) p.relay?.untrack(conn.key, s.room)
    p.hub.disconnect(conn.key)
  }

  /** After a session change: leaves and stops hearing every room `allowed` now refuses. */
  revoke(conn: ServerConnection, allowed: (room: string) => boolean): void {
    const p = this.projects.get(conn.projectId)
    for (const { room } of p?.hub.stateOf(conn.key) ?? []) {
      if (!allowed(room)) this.untrack(conn, room)
    }
    for (const room of [...conn.presenceRooms]) {
      if (!allowed(room)) this.unsubscribe(conn, room)
    }
  }

  /** Stops the sweep and the relays. */
  close(): void {
    clearInterval(this.sweeper)
    this.sweeper = undefined
    for (const p of this.projects.values()) p.relay?.close()
  }
}
