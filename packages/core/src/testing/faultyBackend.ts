import { MetalError } from '../errors.js'
import type {
  Backend,
  BackendConnection,
  BackendPush,
  BackendRequest,
  BackendResponses,
  ConnectOptions,
} from '../protocol/backend.js'

/** Which messages a fault applies to. */
export type MessageMatcher = (message: BackendRequest) => boolean

/** A message the wrapper saw, for assertions. */
export interface FaultLogEntry {
  direction: 'request' | 'response' | 'push'
  type: string
  fault?: 'dropped' | 'duplicated' | 'delayed' | 'reordered' | 'refused'
}

/**
 * A backend wrapper that injects network faults between clients and a real backend: going
 * offline (connections drop, new ones are refused), latency, lost requests or responses,
 * duplicated requests and reordered responses. Tests drive it to prove nothing is lost or
 * applied twice.
 */
export class FaultyBackend implements Backend {
  private down = false
  private latencyMs = 0
  private readonly connections = new Set<FaultyConnection>()
  /** Every message seen, in order. */
  readonly log: FaultLogEntry[] = []
  /** @internal */
  faults: {
    dropRequest: { match: MessageMatcher; count: number }[]
    dropResponse: { match: MessageMatcher; count: number }[]
    duplicate: { match: MessageMatcher; count: number }[]
    reorder: number
  } = { dropRequest: [], dropResponse: [], duplicate: [], reorder: 0 }

  constructor(readonly inner: Backend) {}

  /** True while offline. */
  get isOffline(): boolean {
    return this.down
  }

  /** Drops every connection (in-flight requests fail `unavailable`) and refuses new ones until `online()`. */
  offline(): void {
    this.down = true
    for (const c of [...this.connections]) c.drop()
  }

  /** Accepts connections again. */
  online(): void {
    this.down = false
  }

  /** Drops every open connection once (the network blipped); reconnects are accepted. */
  blip(): void {
    for (const c of [...this.connections]) c.drop()
  }

  /** Delays every response and push by `ms`. */
  delay(ms: number): void {
    this.latencyMs = ms
  }

  /** @internal */
  get latency(): number {
    return this.latencyMs
  }

  /** Loses the next `count` matching requests before they reach the backend. */
  dropRequests(match: MessageMatcher, count = 1): void {
    this.faults.dropRequest.push({ match, count })
  }

  /** Lets the next `count` matching requests reach the backend but loses their responses. */
  dropResponses(match: MessageMatcher, count = 1): void {
    this.faults.dropResponse.push({ match, count })
  }

  /** Delivers the next `count` matching requests to the backend twice. */
  duplicate(match: MessageMatcher, count = 1): void {
    this.faults.duplicate.push({ match, count })
  }

  /** Delivers the next `count` responses in reverse order of arrival (in pairs). */
  reorderResponses(count = 2): void {
    this.faults.reorder = count
  }

  /** @internal */
  take(list: { match: MessageMatcher; count: number }[], message: BackendRequest): boolean {
    const f = list.find((x) => x.count > 0 && x.match(message))
    if (!f) return false
    f.count--
    return true
  }

  connect(options: ConnectOptions): BackendConnection {
    const conn = new FaultyConnection(this, options)
    if (this.down) {
      conn.refuse()
      return conn
    }
    this.connections.add(conn)
    return conn
  }

  /** @internal */
  forget(conn: FaultyConnection): void {
    this.connections.delete(conn)
  }

  /** Number of open connections. */
  get connectionCount(): number {
    return this.connections.size
  }
}

class FaultyConnection implements BackendConnection {
  private inner: BackendConnection | null = null
  private closed = false
  private readonly inflight = new Set<(error: MetalError) => void>()
  private held: (() => void)[] = []

  constructor(
    private readonly backend: FaultyBackend,
    private readonly options: ConnectOptions,
  ) {}

  private ensure(): BackendConnection {
    if (!this.inner) {
      this.inner = this.backend.inner.connect({
        projectId: this.options.projectId,
        onPush: (m) => this.onPush(m),
        onClose: (e) => this.drop(e),
      })
    }
    return this.inner
  }

  refuse(): void {
    this.closed = true
    queueMicrotask(() =>
      this.options.onClose?.(new MetalError('unavailable', 'connect: the backend is unreachable')),
    )
  }

  drop(error = new MetalError('unavailable', 'the connection was lost')): void {
    if (this.closed) return
    this.closed = true
    this.backend.forget(this)
    this.inner?.close()
    for (const fail of [...this.inflight]) fail(error)
    this.inflight.clear()
    queueMicrotask(() => this.options.onClose?.(error))
  }

  private later(fn: () => void): void {
    const ms = this.backend.latency
    if (ms > 0) setTimeout(fn, ms)
    else queueMicrotask(fn)
  }

  private onPush(message: BackendPush): void {
    if (this.closed) return
    this.backend.log.push({ direction: 'push', type: message.type })
    this.later(() => {
      if (!this.closed) this.options.onPush(message)
    })
  }

  request<T extends BackendRequest>(message: T): Promise<BackendResponses[T['type']]> {
    const log = this.backend.log
    return new Promise((resolve, reject) => {
      if (this.closed) {
        log.push({ direction: 'request', type: message.type, fault: 'refused' })
        reject(new MetalError('unavailable', `${message.type}: the backend is unreachable`))
        return
      }
      const fail = (e: MetalError) => reject(e)
      this.inflight.add(fail)
      const faults = this.backend.faults
      if (this.backend.take(faults.dropRequest, message)) {
        log.push({ direction: 'request', type: message.type, fault: 'dropped' })
        return // never answered: the client must time out or see the connection drop
      }
      const duplicated = this.backend.take(faults.duplicate, message)
      log.push({
        direction: 'request',
        type: message.type,
        ...(duplicated ? { fault: 'duplicated' as const } : {}),
      })
      const dropResponse = this.backend.take(faults.dropResponse, message)
      const inner = this.ensure()
      const settle = (fn: () => void): void => {
        if (dropResponse) {
          log.push({ direction: 'response', type: message.type, fault: 'dropped' })
          return
        }
        this.deliver(() => {
          if (!this.inflight.delete(fail)) return
          log.push({ direction: 'response', type: message.type })
          fn()
        })
      }
      inner.request(message).then(
        (r) => settle(() => resolve(r)),
        (e) => settle(() => reject(e)),
      )
      if (duplicated) inner.request(message).catch(() => {})
    })
  }

  private deliver(fn: () => void): void {
    const faults = this.backend.faults
    if (faults.reorder > 0) {
      this.held.push(fn)
      faults.reorder--
      if (faults.reorder === 0 || this.held.length === 2) {
        const held = this.held.reverse()
        this.held = []
        for (const h of held) this.later(h)
      }
      return
    }
    this.later(fn)
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    this.backend.forget(this)
    this.inner?.close()
  }
}

/** Wraps a backend so tests can inject network faults. */
export function faultyBackend(inner: Backend): FaultyBackend {
  return new FaultyBackend(inner)
}
