import { MetalError, isTransient } from '../errors.js'
import type {
  Backend,
  BackendConnection,
  BackendPush,
  BackendRequest,
  BackendResponses,
} from '../protocol/backend.js'

/** Options of the connection manager. */
export interface LinkOptions {
  /** A request unanswered this long counts as lost: the connection is dropped and remade. */
  requestTimeoutMs: number
  /** First reconnect delay; doubles per failed attempt (with jitter), up to 30 s. */
  retryBaseMs: number
  /**
   * Requests other than `authenticate` and `signOut` wait until this settles (fulfilled or
   * rejected): the stored session is restored or refused first, so nothing is asked, listened
   * to or replayed under a session that is not yet known.
   */
  gate?: Promise<unknown> | null | undefined
}

const MAX_BACKOFF = 30_000

/** How often a request refused by the server's rate limit is sent again before it fails. */
const MAX_RATE_RETRIES = 8

/**
 * Keeps one client connected to its backend: connects, notices drops (closed connections, lost
 * requests), reconnects with exponential backoff and jitter, and can be taken offline on purpose.
 * After every (re)connect it calls `onUp`, where the store resubscribes and resends.
 */
export class Link {
  private connection: BackendConnection | null = null
  private manualOffline = false
  private closed = false
  private attempt = 0
  private timer: unknown
  private up = false
  private healthy = false
  /** A connection was lost and no new one has worked yet. */
  private recovering = false
  /** Until when (epoch ms) requests wait: the server said the client is sending too fast. */
  private pausedUntil = 0
  /** Settles with `options.gate` or at `close()`; unset once open. */
  private gate: Promise<unknown> | undefined
  private openGate?: (value?: unknown) => void

  constructor(
    private readonly backend: Backend,
    /** Who connects: the project, and the app's API key (a Metal server checks it). */
    private readonly identity: { projectId: string; apiKey?: string },
    private readonly options: LinkOptions,
    private readonly events: {
      onPush: (message: BackendPush) => void
      onUp: () => void
      onStatus: () => void
      /** The first request answered on a new connection: the network really works again. */
      onHealthy: () => void
    },
  ) {
    const { gate } = options
    if (gate)
      this.gate = new Promise((open) => {
        this.openGate = open
        gate.then(open, open)
      }).then(() => (this.gate = undefined))
  }

  /** Opens the first connection. */
  start(): void {
    this.connect()
  }

  /** `online` while a connection is open, else `offline` (what the client's logic goes by). */
  get status(): 'online' | 'offline' {
    return this.up ? 'online' : 'offline'
  }

  /**
   * What the app is told: after a lost connection, `offline` until a new one is known to work
   * (welcomed, or a request answered), so attempts against an unreachable backend do not make
   * the status flicker `online` between them.
   */
  get reportedStatus(): 'online' | 'offline' {
    return this.up && (this.healthy || !this.recovering) ? 'online' : 'offline'
  }

  /**
   * Sends a request on the current connection. Rejects `unavailable` when offline, and
   * `deadline-exceeded` (dropping the connection) when no answer comes in time. A request the
   * server's rate limit refuses (`resource-exhausted` with `retryAfter`) is sent again after
   * that wait, growing with each refusal, and every request of the client waits meanwhile.
   * Until the gate opens, requests other than `authenticate` and `signOut` wait for it; their
   * timeout starts when they are sent.
   */
  request<T extends BackendRequest>(message: T): Promise<BackendResponses[T['type']]> {
    return this.paced(message, 0)
  }

  private async paced<T extends BackendRequest>(
    message: T,
    refusals: number,
  ): Promise<BackendResponses[T['type']]> {
    if (this.gate && message.type !== 'authenticate' && message.type !== 'signOut') await this.gate
    const wait = this.pausedUntil - Date.now()
    if (wait > 0) await new Promise<void>((resolve) => setTimeout(() => resolve(), wait))
    try {
      return await this.send(message)
    } catch (error) {
      const after = (error as { retryAfter?: unknown }).retryAfter
      if (
        !MetalError.is(error, 'resource-exhausted') ||
        typeof after !== 'number' ||
        refusals >= MAX_RATE_RETRIES ||
        this.closed
      ) {
        throw error
      }
      const backoff = Math.min(MAX_BACKOFF, Math.max(after, 10) * 2 ** refusals)
      this.pausedUntil = Math.max(this.pausedUntil, Date.now() + backoff * (1 + Math.random() / 4))
      return this.paced(message, refusals + 1)
    }
  }

  private send<T extends BackendRequest>(message: T): Promise<BackendResponses[T['type']]> {
    const conn = this.connection
    if (!conn || !this.up) {
      return Promise.reject(new MetalError('unavailable', `${message.type}: the client is offline`))
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(
          new MetalError(
            'deadline-exceeded',
            `${message.type}: no answer from the backend within ${this.options.requestTimeoutMs} ms`,
          ),
        )
        this.drop(conn)
      }, this.options.requestTimeoutMs)
      conn.request(message).then(
        (response) => {
          clearTimeout(timer)
          this.attempt = 0
          resolve(response)
          this.markHealthy(conn)
        },
        (error: unknown) => {
          clearTimeout(timer)
          if (isTransient(error)) this.drop(conn)
          reject(error)
        },
      )
    })
  }

  /** Goes offline on purpose: closes the connection and stays offline until `enable()`. */
  disable(): void {
    if (this.manualOffline) return
    this.manualOffline = true
    clearTimeout(this.timer)
    const conn = this.connection
    this.connection = null
    this.setUp(false)
    conn?.close()
  }

  /** Comes back online after `disable()`. */
  enable(): void {
    if (!this.manualOffline) return
    this.manualOffline = false
    this.attempt = 0
    this.connect()
  }

  /** Reconnects now instead of waiting for the backoff. */
  retryNow(): void {
    if (this.manualOffline || this.closed || this.up) return
    clearTimeout(this.timer)
    this.attempt = 0
    this.connect()
  }

  /** Closes for good. */
  close(): void {
    this.closed = true
    clearTimeout(this.timer)
    const conn = this.connection
    this.connection = null
    this.up = false
    conn?.close()
    // Requests still waiting for the gate now fail as offline instead of waiting forever.
    this.openGate?.()
  }

  private connect(): void {
    if (this.closed || this.manualOffline) return
    let conn: BackendConnection | null = null
    try {
      const { projectId, apiKey } = this.identity
      conn = this.backend.connect({
        projectId,
        ...(apiKey !== undefined ? { apiKey } : {}),
        onPush: (m) => {
          if (this.connection === conn) this.events.onPush(m)
        },
        onClose: () => {
          if (conn) this.drop(conn)
        },
        onReady: () => {
          if (conn) this.markHealthy(conn)
        },
      })
    } catch {
      this.scheduleReconnect()
      return
    }
    this.connection = conn
    this.healthy = false
    this.setUp(true)
    this.events.onUp()
  }

  /** The connection works (welcomed, or a request answered): stalled writes may go again. */
  private markHealthy(conn: BackendConnection): void {
    if (this.healthy || this.connection !== conn) return
    this.healthy = true
    if (this.recovering) {
      this.recovering = false
      this.events.onStatus()
    }
    this.events.onHealthy()
  }

  private drop(conn: BackendConnection): void {
    if (this.connection !== conn) return
    this.connection = null
    this.recovering = true
    this.setUp(false)
    conn.close()
    this.scheduleReconnect()
  }

  private scheduleReconnect(): void {
    if (this.closed || this.manualOffline) return
    clearTimeout(this.timer)
    const base = Math.min(MAX_BACKOFF, this.options.retryBaseMs * 2 ** this.attempt)
    this.attempt++
    const delay = base / 2 + Math.random() * (base / 2)
    this.timer = setTimeout(() => this.connect(), delay)
  }

  private setUp(up: boolean): void {
    if (this.up === up) return
    this.up = up
    this.events.onStatus()
  }
}
