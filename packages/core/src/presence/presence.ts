import { describe, invalidArgument } from '../errors.js'
import {
  checkPresenceMetadata,
  checkPresenceStatus,
  checkPresenceUserId,
} from '../protocol/presenceChecks.js'
import type { PresenceEventType, PresenceMember } from '../protocol/presence.js'
import type { Requester } from '../protocol/backend.js'
import type { Unsubscribe } from '../types.js'
import type { PresenceOptions, PresenceRoom, PresenceState, Sent } from './presenceRoom.js'

export type { PresenceOptions, PresenceState }

/**
 * Who is here: one room's members, live. `track()` publishes this client's state (throttled,
 * sent as a diff), `subscribe()` gets the member list after each change, `on()` each event.
 *
 * Arguments are checked at once; the room's machinery is loaded on first use (a dynamic
 * import), so an app that never uses presence does not ship it.
 */
export class Presence {
  private impl: PresenceRoom | undefined
  private loading = false
  private disposed = false
  private desired: Sent | null = null
  private readonly queued: ((room: PresenceRoom) => void)[] = []

  /** @internal */
  constructor(
    /** The room name. */ readonly room: string,
    private readonly request: Requester,
    private readonly options: PresenceOptions = {},
  ) {}

  /** The members as last heard, in join order. */
  get members(): PresenceMember[] {
    return this.impl?.members ?? []
  }

  /** This client's tracked state, or null. */
  get tracked(): PresenceState | null {
    return this.desired
  }

  /**
   * Publishes this client's presence, or changes it. Repeated calls within `throttleMs` are
   * merged and the last one is sent; other members see one `update`, never a leave and a join.
   */
  track(state: PresenceState): void {
    if (typeof state !== 'object' || state === null) {
      throw invalidArgument('track()', `state must be an object, got ${describe(state)}`)
    }
    const userId = checkPresenceUserId('track()', state.userId)
    const status =
      state.status === undefined ? 'online' : checkPresenceStatus('track()', state.status)
    const metadata = checkPresenceMetadata('track()', state.metadata ?? {})
    const next: Sent = { userId, status, metadata }
    this.desired = next
    this.use((room) => room.track(next))
  }

  /** Stops publishing this client's presence; others see a `leave` if it was the user's last connection. */
  untrack(): void {
    this.desired = null
    this.use((room) => room.untrack())
  }

  /** Calls `listener(members)` now (if known) and after every change. Returns the unsubscribe. */
  subscribe(listener: (members: PresenceMember[]) => void): Unsubscribe {
    if (typeof listener !== 'function') {
      throw invalidArgument(
        'presence.subscribe()',
        `listener must be a function, got ${describe(listener)}`,
      )
    }
    return this.attach((room) => room.subscribe(listener))
  }

  /** Calls `listener(member)` for each `join`, `update` or `leave`. Returns the unsubscribe. */
  on(event: PresenceEventType, listener: (member: PresenceMember) => void): Unsubscribe {
    if (event !== 'join' && event !== 'update' && event !== 'leave') {
      throw invalidArgument(
        'presence.on()',
        `event must be 'join', 'update' or 'leave', got ${describe(event)}`,
      )
    }
    if (typeof listener !== 'function') {
      throw invalidArgument(
        'presence.on()',
        `listener must be a function, got ${describe(listener)}`,
      )
    }
    return this.attach((room) => room.on(event, listener))
  }

  /** @internal A member event pushed by the backend. */
  receive(event: PresenceEventType, member: PresenceMember): void {
    this.impl?.receive(event, member)
  }

  /** @internal Re-sends everything after a reconnect. */
  resume(): void {
    this.impl?.resume()
  }

  /** @internal */
  dispose(): void {
    this.disposed = true
    this.desired = null
    this.queued.length = 0
    this.impl?.dispose()
  }

  /** Runs `start` on the room once loaded; the unsubscribe works before and after. */
  private attach(start: (room: PresenceRoom) => Unsubscribe): Unsubscribe {
    let stop: Unsubscribe | undefined
    let active = true
    this.use((room) => {
      if (active) stop = start(room)
    })
    return () => {
      active = false
      stop?.()
    }
  }

  /** Runs `fn` on the room now if it is loaded, else in order once it is. */
  private use(fn: (room: PresenceRoom) => void): void {
    if (this.disposed) return
    if (this.impl) {
      fn(this.impl)
      return
    }
    this.queued.push(fn)
    if (this.loading) return
    this.loading = true
    void import('./presenceRoom.js').then(({ PresenceRoom }) => {
      if (this.disposed) return
      const room = new PresenceRoom(this.room, this.request, this.options)
      this.impl = room
      for (const f of this.queued.splice(0)) f(room)
    })
  }
}
