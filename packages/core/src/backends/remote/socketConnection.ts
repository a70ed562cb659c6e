import { utf8Length } from '../../engine/documentValues.js'
import { MetalError } from '../../errors.js'
import { PROTOCOL_VERSION, encodeHello, encodeRequestFrame } from '../../protocol/wire.js'
import type {
  BackendConnection,
  BackendRequest,
  BackendResponses,
  ConnectOptions,
} from '../../protocol/backend.js'
import { readServerFrame, type ServerEvent } from './serverFrames.js'
import type { WebSocketConstructor, WebSocketLike } from './webSocket.js'

interface Pending {
  type: string
  resolve: (result: never) => void
  reject: (error: MetalError) => void
}

/**
 * One client's connection to a Metal server over a WebSocket. It sends the hello first and
 * holds requests back until the server's welcome, matches answers to requests by id, delivers
 * pushes in order, and when the socket ends on its own rejects every unanswered request with
 * `unavailable` and calls `onClose` once (the client's link then reconnects).
 */
export class SocketConnection implements BackendConnection {
  private readonly socket: WebSocketLike
  private readonly pending = new Map<number, Pending>()
  /** Request frames waiting for the welcome; null once welcomed. */
  private queue: { id: number; text: string }[] | null = []
  /** Largest message the server takes (from its welcome). */
  private maxBytes = Infinity
  private nextId = 1
  private ended = false

  constructor(
    WebSocket: WebSocketConstructor,
    url: string,
    private readonly options: ConnectOptions,
  ) {
    const socket = new WebSocket(url)
    this.socket = socket
    socket.addEventListener('open', () => {
      const { projectId, apiKey } = options
      const hello = { protocol: PROTOCOL_VERSION, projectId }
      this.send(encodeHello(apiKey === undefined ? hello : { ...hello, apiKey }))
    })
    socket.addEventListener('message', (event) => this.receive(event.data))
    socket.addEventListener('close', (event) => {
      const reason = event.reason ? `: ${event.reason}` : ''
      this.lost(`the connection to the Metal server closed (code ${event.code}${reason})`)
    })
    // A close event follows an error; the fallback covers an implementation that sends none.
    socket.addEventListener('error', () => {
      setTimeout(() => this.lost('the connection to the Metal server failed'), 0)
    })
  }

  request<T extends BackendRequest>(message: T): Promise<BackendResponses[T['type']]> {
    if (this.ended) {
      return Promise.reject(
        new MetalError('unavailable', `${message.type}: the connection is closed`),
      )
    }
    const id = this.nextId++
    let text: string
    try {
      text = encodeRequestFrame(id, message)
    } catch (error) {
      return Promise.reject(error)
    }
    return new Promise((resolve, reject) => {
      this.pending.set(id, { type: message.type, resolve, reject })
      if (this.queue) this.queue.push({ id, text })
      else this.sendRequest(id, text)
    })
  }

  /** Ends the connection; unanswered requests reject `unavailable`, and `onClose` is not called. */
  close(): void {
    if (this.ended) return
    this.end('the connection was closed before the server answered')
    try {
      this.socket.close(1000, 'client closed')
    } catch {
      // Already closing: nothing more to do.
    }
  }

  private receive(data: unknown): void {
    if (this.ended) return
    const event = readServerFrame(data)
    if (event) this.handle(event)
  }

  private handle(event: ServerEvent): void {
    switch (event.kind) {
      case 'welcome': {
        if (!this.queue) return // a repeated welcome changes nothing
        if (event.welcome.protocol !== PROTOCOL_VERSION) {
          this.lost(
            `the Metal server speaks protocol ${event.welcome.protocol}, this client ${PROTOCOL_VERSION}`,
          )
          return
        }
        const queued = this.queue
        this.queue = null
        this.maxBytes = event.welcome.maxMessageBytes ?? Infinity
        for (const { id, text } of queued) this.sendRequest(id, text)
        this.options.onReady?.()
        return
      }
      case 'result':
      case 'error': {
        const pending = this.pending.get(event.id)
        if (!pending) return // not a request of this connection: ignored
        this.pending.delete(event.id)
        if (event.kind === 'result') pending.resolve(event.result as never)
        else pending.reject(event.error)
        return
      }
      case 'push':
        if (!this.queue) this.deliver(event.push)
    }
  }

  /**
   * Sends a request frame, unless it is larger than the server takes: that request fails with
   * `invalid-argument` at once (sent, the server would close the socket and the client would
   * send it again after every reconnect).
   */
  private sendRequest(id: number, text: string): void {
    const bytes = text.length > this.maxBytes / 3 ? utf8Length(text) : text.length
    if (bytes > this.maxBytes) {
      const pending = this.pending.get(id)
      this.pending.delete(id)
      pending?.reject(
        new MetalError(
          'invalid-argument',
          `${pending.type}: the request is ${bytes} bytes; the Metal server takes at most ${this.maxBytes} bytes per message`,
        ),
      )
      return
    }
    this.send(text)
  }

  private deliver(push: Parameters<ConnectOptions['onPush']>[0]): void {
    try {
      this.options.onPush(push)
    } catch (error) {
      // A defect in the receiver: reported, but it must not break the socket's frame handling.
      queueMicrotask(() => {
        throw error
      })
    }
  }

  private send(text: string): void {
    if (this.ended) return
    try {
      this.socket.send(text)
    } catch {
      this.lost('the connection to the Metal server failed while sending')
    }
  }

  /** The socket ended on its own: fail what waits, tell the client once, and let go of it. */
  private lost(detail: string): void {
    if (this.ended) return
    this.end(`${detail} before the server answered`)
    try {
      this.socket.close()
    } catch {
      // Already closed.
    }
    this.options.onClose?.(new MetalError('unavailable', detail))
  }

  private end(detail: string): void {
    this.ended = true
    this.queue = null
    const pending = [...this.pending.values()]
    this.pending.clear()
    for (const p of pending) p.reject(new MetalError('unavailable', `${p.type}: ${detail}`))
  }
}
