import { broadcastChannel, type ChannelLike } from '../platform.js'
import type { PresenceDiff, PresenceMessage } from '../protocol/presence.js'
import type { PresenceHub } from './presenceHub.js'

/** A message between tabs about their local presence connections. */
type RelayMessage =
  | { kind: 'hello'; tab: string }
  | {
      kind: 'track'
      tab: string
      connection: string
      room: string
      diff: PresenceDiff
      lastSeen: number
    }
  | { kind: 'untrack'; tab: string; connection: string; room: string }
  | { kind: 'heartbeat'; tab: string; connection: string }
  | { kind: 'message'; tab: string; room: string; message: PresenceMessage }
  /** Asks tab `to` to announce everything it tracks (this tab lost some of its state). */
  | { kind: 'ask'; tab: string; to: string }
  | { kind: 'bye'; tab: string }
  /** Not from a relay: the channel says messages may have been lost (it reconnected). */
  | { kind: 'missed'; tab?: undefined }

/**
 * What a channel delivers to say that messages may have been lost (a reconnect): the relay
 * then announces everything it tracks again and asks the others to do the same.
 */
export const MISSED_MESSAGES = Object.freeze({ kind: 'missed' })

/** A message channel shared by the relays of one project: a BroadcastChannel or equivalent. */
export type { ChannelLike }

/**
 * Shares one tab's (or server process's) presence connections with the others over a channel:
 * a BroadcastChannel between the tabs of an origin for the embedded backend, PostgreSQL
 * notifications between @metal/server processes. Remote connections are kept under
 * `tab:<id>:` keys and expire through the hub's heartbeat timeout like local ones.
 */
export class PresenceRelay {
  private readonly channel: ChannelLike
  private readonly tab = Math.random().toString(36).slice(2)

  /** `channel`: a BroadcastChannel name, or a channel to use. */
  constructor(
    channel: string | ChannelLike,
    private readonly hub: (project: string) => PresenceHub,
    private readonly project: string,
    private readonly now: () => number,
  ) {
    this.channel =
      typeof channel === 'string' ? (broadcastChannel(channel) as ChannelLike) : channel
    this.channel.onmessage = (event) => this.receive(event.data as RelayMessage)
    this.post({ kind: 'hello', tab: this.tab })
    const g = globalThis as { addEventListener?: (type: string, fn: () => void) => void }
    g.addEventListener?.('pagehide', () => this.post({ kind: 'bye', tab: this.tab }))
  }

  /** Tells the other tabs about a local change. */
  track(connection: string, room: string, diff: PresenceDiff): void {
    this.post({ kind: 'track', tab: this.tab, connection, room, diff, lastSeen: this.now() })
  }

  untrack(connection: string, room: string): void {
    this.post({ kind: 'untrack', tab: this.tab, connection, room })
  }

  heartbeat(connection: string): void {
    this.post({ kind: 'heartbeat', tab: this.tab, connection })
  }

  /** Sends a room's broadcast message to the connections of the other tabs. */
  message(room: string, message: PresenceMessage): void {
    this.post({ kind: 'message', tab: this.tab, room, message })
  }

  close(): void {
    this.post({ kind: 'bye', tab: this.tab })
    this.channel.close()
  }

  private post(message: RelayMessage): void {
    try {
      this.channel.postMessage(message)
    } catch {
      // A closed channel: nothing left to tell.
    }
  }

  /** Tells the others everything this tab tracks. */
  private announce(hub: PresenceHub): void {
    for (const connection of hub.connectionsWithPrefix('local:')) {
      for (const s of hub.stateOf(connection)) this.track(connection, s.room, s.diff)
    }
  }

  private receive(message: RelayMessage): void {
    if (!message || typeof message !== 'object' || message.tab === this.tab) return
    const hub = this.hub(this.project)
    const key = (connection: string) => `tab:${message.tab}:${connection}`
    switch (message.kind) {
      case 'hello':
        // A new tab: tell it everything this tab tracks.
        this.announce(hub)
        return
      case 'missed':
        // Messages both ways may be lost: send ours again, and ask for theirs.
        this.announce(hub)
        this.post({ kind: 'hello', tab: this.tab })
        return
      case 'ask':
        if (message.to === this.tab) this.announce(hub)
        return
      case 'track':
        // A diff for a connection this tab no longer knows (it timed out here): ask for it whole.
        if (!hub.track(key(message.connection), message.room, message.diff, this.now())) {
          this.post({ kind: 'ask', tab: this.tab, to: message.tab })
        }
        return
      case 'untrack':
        hub.untrack(key(message.connection), message.room)
        return
      case 'heartbeat':
        if (!hub.heartbeat(key(message.connection), this.now())) {
          this.post({ kind: 'ask', tab: this.tab, to: message.tab })
        }
        return
      case 'message':
        hub.message(message.room, message.message)
        return
      case 'bye':
        for (const c of hub.connectionsWithPrefix(`tab:${message.tab}:`)) hub.disconnect(c)
        return
    }
  }
}
