import { MetalError, describe, invalidArgument } from '../errors.js'
import {
  checkPresenceEvent,
  checkPresenceMetadata,
  checkPresencePayload,
  checkPresenceStatus,
  checkPresenceUserId,
} from '../protocol/presenceChecks.js'
import type {
  PresenceEventType,
  PresenceMember,
  PresenceMessage,
  PresenceNotice,
} from '../protocol/presence.js'
import type { Requester } from '../protocol/backend.js'
import type { Unsubscribe } from '../types.js'
import type { PresenceOptions, PresenceRoom, PresenceState, Sent } from './presenceRoom.js'

export type { PresenceOptions, PresenceState }

/** Options of `presence.on('join' | 'update' | 'leave', listener, options)`. */
export interface PresenceListenOptions {
  /**
   * With `'join'`: the listener first gets a `join` for each current member (at once when the
   * members are known, else as soon as they are), so a listener added late misses nobody.
   * @default false
   */
  replay?: boolean
}

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

  /**
   * The members as last heard, in join order (empty until the room is followed: `subscribe()`
   * or `on()`). Each has `isSelf` set for the user this client tracks.
   */
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
    checkListener('presence.subscribe()', listener)
    return this.attach((room) => room.subscribe(listener))
  }

  /**
   * Sends an ephemeral message (a cursor, "typing…") to the room's other connections that
   * listen with `on('message')`, here and on other server processes and tabs; never stored.
   * Throttled like `track()`: at most one message per event name per `throttleMs` (100 ms by
   * default, so 10 a second), the last payload wins. Needs a tracked state (`track()` first):
   * a message names its sender's `userId`.
   */
  broadcast(event: string, payload: Record<string, unknown>): void {
    const name = checkPresenceEvent('presence.broadcast()', event)
    const copy = checkPresencePayload('presence.broadcast()', payload)
    if (!this.desired) {
      throw new MetalError('failed-precondition', 'presence.broadcast(): call track() first')
    }
    this.use((room) => room.broadcast(name, copy))
  }

  /** Calls `listener(message)` for each message another connection broadcasts to the room. */
  on(event: 'message', listener: (message: PresenceMessage) => void): Unsubscribe
  /**
   * Calls `listener(member)` for each `join`, `update` or `leave`; with `{ replay: true }` on
   * `'join'`, first once for each current member. Returns the unsubscribe.
   */
  on(
    event: PresenceEventType,
    listener: (member: PresenceMember) => void,
    options?: PresenceListenOptions,
  ): Unsubscribe
  on(
    event: PresenceEventType | 'message',
    listener: ((member: PresenceMember) => void) | ((message: PresenceMessage) => void),
    options?: PresenceListenOptions,
  ): Unsubscribe {
    if (!['join', 'update', 'leave', 'message'].includes(event)) {
      throw invalidArgument(
        'presence.on()',
        `event must be 'join', 'update', 'leave' or 'message', got ${describe(event)}`,
      )
    }
    checkListener('presence.on()', listener)
    const replay = options?.replay
    if (replay !== undefined && (typeof replay !== 'boolean' || (replay && event !== 'join'))) {
      throw invalidArgument(
        'presence.on()',
        `option 'replay' must be a boolean, and true only with 'join'; got ${describe(replay)} with ${describe(event)}`,
      )
    }
    return this.attach((room) => room.on(event, listener as never, replay))
  }

  /** @internal A member event or message pushed by the backend. */
  receive(notice: PresenceNotice): void {
    this.impl?.receive(notice)
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

function checkListener(call: string, listener: unknown): void {
  if (typeof listener !== 'function') {
    throw invalidArgument(call, `listener must be a function, got ${describe(listener)}`)
  }
}
