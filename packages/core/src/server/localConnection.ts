import { MetalError } from '../errors.js'
import type { ServerCore } from './serverCore.js'
import type { ServerConnection } from './connection.js'
import type { ConnectionPolicy } from './options.js'
import type {
  Backend,
  BackendConnection,
  BackendPush,
  BackendRequest,
  BackendResponses,
  ConnectOptions,
} from '../protocol/backend.js'

/**
 * A {@link Backend} over a {@link ServerCore} of this process, every connection opened with
 * `policy`: how trusted server-side code (triggers, jobs) reads and writes, e.g.
 * `new Metal({ projectId, backend: localBackend(core, { privileged: true }) })`.
 */
export function localBackend(core: ServerCore, policy?: ConnectionPolicy): Backend {
  return {
    connect: (options: ConnectOptions) =>
      new LocalConnection(core, options.projectId, options.onPush, policy),
  }
}

/**
 * One client's connection to a {@link ServerCore} in the same process (the embedded backend,
 * server-side code): an ordered, asynchronous mailbox.
 */
export class LocalConnection implements BackendConnection {
  private readonly state: ServerConnection
  private closed = false
  /** Rejecters of requests whose reply has not been delivered, with their message type. */
  private readonly inflight = new Map<(error: unknown) => void, string>()
  private outbox: (() => void)[] = []
  private scheduled = false

  constructor(
    private readonly core: ServerCore,
    projectId: string,
    private readonly onPush: (message: BackendPush) => void,
    policy?: ConnectionPolicy,
  ) {
    this.state = core.open(projectId, (m) => this.push(m), policy)
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
