import { MetalError } from '../errors.js'
import { utf8Length } from '../engine/documentValues.js'
import {
  CLOSE_CODES,
  FrameError,
  PROTOCOL_VERSION,
  decodeClientFrame,
  toWireError,
  type Hello,
  type ServerFrame,
} from '../protocol/wire.js'
import type { BackendPush, BackendRequest } from '../protocol/backend.js'
import type { ServerConnection } from './connection.js'
import type { ServerCore } from './serverCore.js'
import type { ConnectionPolicy } from './options.js'

/** What a session needs of one socket, whatever library carries it. */
export interface SocketTransport {
  /** Sends one text frame. */
  send(text: string): void
  /** Closes the socket with a close code and a reason. */
  close(code: number, reason: string): void
  /** Bytes queued for sending and not yet written to the network. */
  bufferedAmount(): number
}

/** Options of a {@link SocketSession}. */
export interface SocketSessionOptions {
  /** Identifies the server's change log; sent in the welcome. */
  epoch: string
  /**
   * A client whose unsent frames exceed this many bytes has stopped reading: its socket is
   * closed with `CLOSE_CODES.slowConsumer`, so it never grows the server's memory.
   * @default 8 MiB
   */
  maxBufferedBytes?: number
  /**
   * Checks a hello (the API key, the project) before the welcome and decides the connection's
   * policy (its rules, token check, privilege); throw or reject to refuse it.
   */
  onHello?(hello: Hello): void | ConnectionPolicy | Promise<void | ConnectionPolicy>
  /**
   * Requests a connection may send: a token bucket of `burst` requests refilled at `perSecond`.
   * A request over the limit is answered `resource-exhausted` with `retryAfter` (ms), unserved;
   * the client waits that long and sends it again. `false` turns the limit off.
   * @default { perSecond: 200, burst: 1000 }
   */
  rateLimit?: RateLimit | false
  /** Largest message the server takes, in bytes: told to the client in the welcome. */
  maxMessageBytes?: number
  /** Clock in ms for the rate limit. @default Date.now */
  now?: () => number
  /** Hears each request refused by the rate limit (metrics). */
  onRateLimited?(): void
  /**
   * Hears a request that failed with something other than a MetalError (a defect, a database
   * fault): the client is told only `internal`, so this is where its cause can be logged.
   */
  onInternalError?(error: unknown, requestType: string): void
  /**
   * A socket that has not sent its hello this long after opening is closed with
   * `CLOSE_CODES.badHello` (it holds a connection slot and says nothing).
   * @default 10000
   */
  helloTimeoutMs?: number
}

/** A token bucket: `burst` requests at once, refilled at `perSecond`. */
export interface RateLimit {
  /** Requests per second, sustained. */
  perSecond: number
  /** Requests at once after a quiet time. */
  burst: number
}

/** Default {@link SocketSessionOptions.rateLimit}. */
export const DEFAULT_RATE_LIMIT: RateLimit = Object.freeze({ perSecond: 200, burst: 1000 })

/**
 * A token bucket: `take()` spends one token and returns 0, or returns how many ms until one is
 * there when the bucket is empty (spending nothing).
 */
export class TokenBucket {
  private tokens: number
  private at: number

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = limit.burst
    this.at = now()
  }

  /** Spends a token: 0 when there was one, else the wait in ms until there is. */
  take(): number {
    const t = this.now()
    this.tokens = Math.min(
      this.limit.burst,
      this.tokens + ((t - this.at) * this.limit.perSecond) / 1000,
    )
    this.at = t
    if (this.tokens >= 1) {
      this.tokens -= 1
      return 0
    }
    return Math.ceil(((1 - this.tokens) * 1000) / this.limit.perSecond)
  }
}

/** Default {@link SocketSessionOptions.maxBufferedBytes}. */
export const MAX_BUFFERED_BYTES = 8 * 1024 * 1024

/** Default {@link SocketSessionOptions.helloTimeoutMs}. */
const HELLO_TIMEOUT_MS = 10_000

/** Request frames a client may send while its hello is still being checked. */
const MAX_EARLY_FRAMES = 64

/** Longest close reason a WebSocket allows, in UTF-8 bytes. */
const MAX_REASON_BYTES = 123

/**
 * One client's WebSocket on a server, independent of the socket library: answers the hello with
 * the welcome, decodes every frame as hostile input, serves requests with the {@link ServerCore}
 * and sends answers and pushes back in order. A bad frame with a usable id gets an error answer;
 * one without is closed with `CLOSE_CODES.badFrame`. The transport calls `receive()` for each
 * text frame and `closed()` once when the socket is gone.
 */
export class SocketSession {
  private state: 'hello' | 'checking' | 'open' | 'closed' = 'hello'
  private conn: ServerConnection | undefined
  private early: string[] = []
  private readonly maxBuffered: number
  private readonly bucket: TokenBucket | undefined
  private helloTimer: ReturnType<typeof setTimeout> | undefined

  constructor(
    private readonly core: ServerCore,
    private readonly transport: SocketTransport,
    private readonly options: SocketSessionOptions,
  ) {
    this.maxBuffered = options.maxBufferedBytes ?? MAX_BUFFERED_BYTES
    const limit = options.rateLimit ?? DEFAULT_RATE_LIMIT
    this.bucket = limit === false ? undefined : new TokenBucket(limit, options.now)
    this.helloTimer = setTimeout(() => {
      if (this.state === 'hello') this.close(CLOSE_CODES.badHello, 'no hello in time')
    }, options.helloTimeoutMs ?? HELLO_TIMEOUT_MS)
    ;(this.helloTimer as { unref?: () => void }).unref?.()
  }

  /** Takes one text frame from the client. */
  receive(text: string): void {
    switch (this.state) {
      case 'closed':
        return
      case 'checking':
        if (this.early.length >= MAX_EARLY_FRAMES) {
          this.close(CLOSE_CODES.badFrame, 'too many frames before the welcome')
        } else this.early.push(text)
        return
      case 'hello':
        this.hello(text)
        return
      case 'open':
        this.frame(text)
    }
  }

  /** The socket is gone: the connection's live queries, transactions and presence end. */
  closed(): void {
    if (this.state === 'closed') return
    this.state = 'closed'
    clearTimeout(this.helloTimer)
    this.early = []
    if (this.conn) this.core.disconnect(this.conn)
  }

  private hello(text: string): void {
    clearTimeout(this.helloTimer)
    let hello: Hello
    try {
      const frame = decodeClientFrame(text)
      if (frame.kind !== 'hello') throw new MetalError('invalid-argument', 'expected a hello first')
      hello = frame.hello
    } catch (error) {
      this.close(CLOSE_CODES.badHello, `bad hello: ${(error as Error).message}`)
      return
    }
    this.state = 'checking'
    const welcome = (policy: void | ConnectionPolicy): void => {
      if (this.state !== 'checking') return
      this.state = 'open'
      this.conn = this.core.open(hello.projectId, (push) => this.push(push), policy ?? undefined)
      const max = this.options.maxMessageBytes
      this.send({
        welcome: {
          protocol: PROTOCOL_VERSION,
          epoch: this.options.epoch,
          ...(max === undefined ? {} : { maxMessageBytes: max }),
        },
      })
      const early = this.early
      this.early = []
      for (const t of early) this.receive(t)
    }
    const refuse = (error: unknown): void => {
      if (this.state !== 'checking') return
      const why = MetalError.is(error) ? error.message : 'refused'
      this.close(CLOSE_CODES.badHello, `hello refused: ${why}`)
    }
    let check: void | ConnectionPolicy | Promise<void | ConnectionPolicy>
    try {
      check = this.options.onHello?.(hello)
    } catch (error) {
      refuse(error)
      return
    }
    if (check instanceof Promise) check.then(welcome, refuse)
    else welcome(check)
  }

  private frame(text: string): void {
    let id: number
    let request: BackendRequest
    try {
      const frame = decodeClientFrame(text)
      if (frame.kind === 'hello') {
        this.close(CLOSE_CODES.badHello, 'the hello was sent twice')
        return
      }
      ;({ id, request } = frame)
      const wait = this.bucket?.take() ?? 0
      if (wait > 0) {
        this.options.onRateLimited?.()
        const error = new MetalError(
          'resource-exhausted',
          `${request.type}: too many requests on this connection; retry in ${wait} ms`,
        )
        this.send({ id, error: { ...toWireError(error), retryAfter: wait } })
        return
      }
    } catch (error) {
      if (error instanceof FrameError && error.id !== undefined) {
        this.send({ id: error.id, error: toWireError(error.error) })
      } else {
        this.close(CLOSE_CODES.badFrame, `bad frame: ${(error as Error).message}`)
      }
      return
    }
    void this.core.handle(
      this.conn as ServerConnection,
      request,
      (result) => this.send({ id, result }),
      (error) => {
        if (!MetalError.is(error)) this.options.onInternalError?.(error, request.type)
        this.send({ id, error: toWireError(error) })
      },
    )
  }

  private push(push: BackendPush): void {
    this.send({ push })
  }

  private send(frame: ServerFrame): void {
    if (this.state === 'closed') return
    let text: string
    try {
      text = JSON.stringify(frame)
    } catch {
      if (!('id' in frame)) return // a push that cannot travel: nothing to answer
      text = JSON.stringify({ id: frame.id, error: toWireError(undefined) })
    }
    try {
      this.transport.send(text)
    } catch {
      this.close(CLOSE_CODES.goingAway, 'the socket failed')
      return
    }
    // A client that stopped reading: let it go (it reconnects and resumes) before it costs more.
    if (this.transport.bufferedAmount() > this.maxBuffered) {
      this.close(CLOSE_CODES.slowConsumer, 'slow consumer: the client did not read its frames')
    }
  }

  private close(code: number, reason: string): void {
    if (this.state === 'closed') return
    this.closed()
    try {
      this.transport.close(code, closeReason(reason))
    } catch {
      // The socket is already gone.
    }
  }
}

/** `reason` cut to what a WebSocket close frame can carry. */
function closeReason(reason: string): string {
  if (utf8Length(reason) <= MAX_REASON_BYTES) return reason
  let cut = reason.slice(0, MAX_REASON_BYTES - 3)
  while (utf8Length(cut) > MAX_REASON_BYTES - 3) cut = cut.slice(0, -1)
  return `${cut}...`
}
