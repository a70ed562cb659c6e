import { MetalError, describe, invalidArgument } from '../../errors.js'
import {
  ServerCore,
  checkServerCoreOptions,
  type ServerCoreOptions,
} from '../../server/serverCore.js'
import type { ServerConnection } from '../../server/connection.js'
import type {
  Backend,
  BackendConnection,
  BackendPush,
  BackendRequest,
  BackendResponses,
  ConnectOptions,
} from '../../protocol/backend.js'
import { MapStorage } from './mapStorage.js'

/** Options of the embedded memory backend. */
export interface MemoryBackendOptions extends Omit<ServerCoreOptions, 'storage' | 'presenceRelay'> {
  /**
   * BroadcastChannel name used to share presence with other tabs of the origin; `false` turns it
   * off. Projects get their own channel under this name.
   * @default 'metal-presence' in browsers, off elsewhere
   */
  presenceChannel?: string | false
}

/**
 * The embedded backend: the shared server logic over documents kept in maps in this process.
 * One instance can serve several `Metal` clients (each its own connection), which is how tests
 * and demos model several users. Projects are isolated from each other.
 */
export class MemoryBackend implements Backend {
  private readonly storage = new MapStorage()
  private readonly core: ServerCore

  constructor(options: MemoryBackendOptions = {}) {
    if (typeof options !== 'object' || options === null) {
      throw invalidArgument('memory()', `options must be an object, got ${describe(options)}`)
    }
    checkServerCoreOptions('memory()', options)
    const channel = options.presenceChannel
    if (
      channel !== undefined &&
      channel !== false &&
      (typeof channel !== 'string' || channel === '')
    ) {
      throw invalidArgument(
        'memory()',
        `option 'presenceChannel' must be a non-empty string or false, got ${describe(channel)}`,
      )
    }
    const isBrowser = typeof (globalThis as { document?: unknown }).document === 'object'
    const name = channel ?? (isBrowser && hasBroadcastChannel() ? 'metal-presence' : false)
    const now = options.now ?? Date.now
    this.core = new ServerCore({
      ...options,
      storage: this.storage,
      presenceRelay:
        name && hasBroadcastChannel()
          ? async (projectId, hub) => {
              // Loaded with the first presence use, in browsers only.
              const { PresenceRelay } = await import('../../server/presenceRelay.js')
              return new PresenceRelay(`${name}:${projectId}`, () => hub, projectId, now)
            }
          : undefined,
    })
  }

  /** Stops the backend's timers and its tab channel (tests, hot reload). */
  close(): void {
    this.core.close()
  }

  /** Opens a connection for one client. */
  connect(options: ConnectOptions): BackendConnection {
    const connection = new MemoryConnection(this.core, options.onPush)
    connection.attach(this.core.open(options.projectId, (m) => connection.push(m)))
    return connection
  }

  /** Number of documents stored in a project's collection (for tests and tools). */
  count(projectId: string, collection: string): number {
    return this.storage.count(projectId, collection)
  }

  /** Number of live queries open on a project's collection. */
  listenerCount(projectId: string, collection: string): number {
    return this.core.listenerCount(projectId, collection)
  }

  /** Number of live aggregates open on a project's collection. */
  aggregateListenerCount(projectId: string, collection: string): number {
    return this.core.aggregateListenerCount(projectId, collection)
  }
}

/** One client's connection to a {@link MemoryBackend}: an ordered, asynchronous mailbox. */
class MemoryConnection implements BackendConnection {
  private state!: ServerConnection
  private closed = false
  /** Rejecters of requests whose reply has not been delivered, with their message type. */
  private readonly inflight = new Map<(error: unknown) => void, string>()
  private outbox: (() => void)[] = []
  private scheduled = false

  constructor(
    private readonly core: ServerCore,
    private readonly onPush: (message: BackendPush) => void,
  ) {}

  /** @internal */
  attach(state: ServerConnection): void {
    this.state = state
  }

  request<T extends BackendRequest>(message: T): Promise<BackendResponses[T['type']]> {
    return new Promise((resolve, reject) => {
      if (this.closed) {
        reject(new MetalError('unavailable', `${message.type}: the connection is closed`))
        return
      }
      let settled = false
      const fail = (error: unknown): void => {
        this.inflight.delete(fail)
        reject(error)
      }
      this.inflight.set(fail, message.type)
      queueMicrotask(() => {
        // Closed before the backend got to it: close() has rejected it, and it must not run
        // (a listen would otherwise stay registered for a connection that is gone).
        if (this.closed) return
        void this.core.handle(
          this.state,
          message,
          (response) => {
            if (settled) return
            settled = true
            this.deliver(() => {
              this.inflight.delete(fail)
              resolve(response as BackendResponses[T['type']])
            })
          },
          (error) => {
            if (settled) {
              // Failed after answering: a defect in the server logic, not the caller's problem.
              queueMicrotask(() => {
                throw error
              })
              return
            }
            settled = true
            this.deliver(() => fail(error))
          },
        )
      })
    })
  }

  /** @internal Delivers a push in order with replies. */
  push(message: BackendPush): void {
    this.deliver(() => this.onPush(message))
  }

  /** Ends the connection; requests still waiting for a reply reject with `unavailable`. */
  close(): void {
    if (this.closed) return
    this.closed = true
    this.core.disconnect(this.state)
    for (const [fail, type] of [...this.inflight]) {
      fail(
        new MetalError('unavailable', `${type}: the connection closed before the backend replied`),
      )
    }
  }

  private deliver(fn: () => void): void {
    if (this.closed) return
    this.outbox.push(fn)
    if (this.scheduled) return
    this.scheduled = true
    queueMicrotask(() => {
      const batch = this.outbox
      this.outbox = []
      this.scheduled = false
      for (const f of batch) {
        try {
          f()
        } catch (error) {
          queueMicrotask(() => {
            throw error
          })
        }
      }
    })
  }
}

/** True where the platform has BroadcastChannel (browsers, Node 18+). */
function hasBroadcastChannel(): boolean {
  return typeof (globalThis as { BroadcastChannel?: unknown }).BroadcastChannel === 'function'
}

/** Creates an embedded memory backend, to share between several `Metal` clients. */
export function memory(options?: MemoryBackendOptions): MemoryBackend {
  return new MemoryBackend(options)
}
