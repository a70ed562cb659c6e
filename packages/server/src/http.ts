import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import type { WebSocket, WebSocketServer } from 'ws'
import { SOCKET_PATH } from '@metal/core/protocol'
import { errorFields, requestId, type Logger } from './log.js'
import type { Metrics } from './metrics.js'
import type { InFlight } from './drain.js'
import { json, probe, type ProbeState } from './probes.js'

// The server's HTTP side: plain requests (probes, metrics, the REST API) with request ids and
// logs, and WebSocket upgrades, admitted per address before they reach a socket session.

/** What the request listener needs of the server. */
export interface RequestContext {
  log: Logger
  inFlight: InFlight
  metrics: Metrics
  probes: ProbeState
  /** The REST API: resolves true when it handled the request. */
  rest: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>
  draining: () => boolean
  /** The embedder's handler of requests the server does not answer itself. */
  middleware?: Middleware | undefined
}

/**
 * A connect/express-style handler of the requests the server does not answer itself (see
 * `ServerOptions.middleware`): it answers with `res`, or calls `next()` to let the server answer
 * 404, or `next(error)` (or throws, or returns a rejected promise) for a logged 500.
 */
export type Middleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void | Promise<void>

/**
 * Serves HTTP requests: probes first, then the REST API, then the embedder's middleware; 404
 * JSON for anything else.
 */
export function requestListener(ctx: RequestContext): RequestListener {
  return (req, res) => {
    const id = requestId(req.headers['x-request-id'])
    const began = Date.now()
    const done = ctx.inFlight.begin()
    res.setHeader('x-request-id', id)
    res.on('close', () => {
      done()
      ctx.metrics.httpRequest(res.statusCode)
      const fields = {
        request: id,
        method: req.method,
        path: pathOf(req),
        status: res.statusCode,
        ms: Date.now() - began,
        remote: req.socket.remoteAddress,
      }
      if (res.statusCode >= 500 && !ctx.draining()) ctx.log.warn('http request failed', fields)
      else ctx.log.debug('http request', fields)
    })
    try {
      const path = pathOf(req)
      if (ctx.draining()) res.setHeader('connection', 'close')
      if (req.method === 'GET' && probe(path, ctx.probes, res)) return
      if (ctx.draining()) {
        json(res, 503, { error: 'unavailable', message: 'the server is shutting down' })
        return
      }
      const failed = (error: unknown) => {
        ctx.log.error('http request threw', { request: id, error: errorFields(error) })
        internalError(res)
      }
      void ctx.rest(req, res).then((handled) => {
        if (handled) return
        if (ctx.middleware) runMiddleware(ctx.middleware, req, res, failed)
        else json(res, 404, { error: 'not-found' })
      }, failed)
    } catch (error) {
      ctx.log.error('http request threw', { request: id, error: errorFields(error) })
      internalError(res)
    }
  }
}

/**
 * Runs the embedder's middleware once: `next()` answers 404 (unless it already answered);
 * `next(error)`, a throw or a rejected promise goes to `failed`. Only the first `next` counts.
 */
function runMiddleware(
  middleware: Middleware,
  req: IncomingMessage,
  res: ServerResponse,
  failed: (error: unknown) => void,
): void {
  let settled = false
  const next = (error?: unknown) => {
    if (settled) return
    settled = true
    if (error !== undefined && error !== null) failed(error)
    else if (!res.headersSent) json(res, 404, { error: 'not-found' })
  }
  try {
    const result = middleware(req, res, next)
    if (result && typeof (result as Promise<void>).then === 'function') {
      ;(result as Promise<void>).then(undefined, (error: unknown) =>
        next(error ?? new Error('the middleware rejected')),
      )
    }
  } catch (error) {
    next(error ?? new Error('the middleware threw'))
  }
}

/** Answers 500, or cuts the response when part of another answer was already sent. */
function internalError(res: ServerResponse): void {
  if (res.headersSent) res.destroy()
  else json(res, 500, { error: 'internal' })
}

/** What the upgrade listener needs of the server. */
export interface UpgradeContext {
  wss: WebSocketServer
  /** Open sockets (closed on shutdown). */
  sockets: Set<WebSocket>
  log: Logger
  draining: () => boolean
  /** Most open sockets per IP address (default 256). */
  maxConnectionsPerIp: number | undefined
  /** Serves one accepted socket. */
  serve: (ws: WebSocket, req: IncomingMessage) => void
}

/**
 * Accepts WebSocket upgrades at the socket path: refused while draining (503) and over the
 * per-address limit (429), before any session exists.
 */
export function upgradeListener(
  ctx: UpgradeContext,
): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  const perIp = new ConnectionCounter(ctx.maxConnectionsPerIp ?? MAX_CONNECTIONS_PER_IP)
  return (req, socket, head) => {
    // Node stops watching an upgraded socket's errors: a client that resets it now (a write
    // fails with ECONNRESET) must not become an uncaught exception that ends the process.
    socket.on('error', () => socket.destroy())
    if (pathOf(req) !== SOCKET_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n')
      return
    }
    if (ctx.draining()) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n')
      return
    }
    const ip = req.socket.remoteAddress ?? ''
    if (!perIp.admit(ip)) {
      ctx.log.warn('connection refused', { remote: ip, reason: 'too many connections from it' })
      socket.end('HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\n\r\n')
      return
    }
    ctx.wss.handleUpgrade(req, socket, head, (ws) => {
      ctx.sockets.add(ws)
      ws.once('close', () => {
        ctx.sockets.delete(ws)
        perIp.release(ip)
      })
      ctx.serve(ws, req)
    })
  }
}

/** Default {@link ServerOptions.maxConnectionsPerIp}. */
const MAX_CONNECTIONS_PER_IP = 256

/** Open connections per key (an IP address), up to a maximum. */
class ConnectionCounter {
  private readonly open = new Map<string, number>()
  constructor(private readonly max: number) {}

  /** Counts one more connection for `key`; false (counting nothing) when it is at the maximum. */
  admit(key: string): boolean {
    const n = this.open.get(key) ?? 0
    if (n >= this.max) return false
    this.open.set(key, n + 1)
    return true
  }

  /** One connection of `key` closed. */
  release(key: string): void {
    const n = (this.open.get(key) ?? 1) - 1
    if (n <= 0) this.open.delete(key)
    else this.open.set(key, n)
  }
}

/** The path of a request, without its query. */
export function pathOf(req: IncomingMessage): string {
  const raw = req.url ?? '/'
  const q = raw.indexOf('?')
  return q < 0 ? raw : raw.slice(0, q)
}
