import type { IncomingMessage } from 'node:http'
import type { WebSocket } from 'ws'
import { SocketSession, type ServerCore, type SocketSessionOptions } from '@metal/core/server'
import { CLOSE_CODES } from '@metal/core/protocol'
import type { InFlight } from './drain.js'
import { newId, requestId, type Logger } from './log.js'

// One WebSocket served by a SocketSession, with what operations need around it: a connection id,
// log lines for open, refusal, close and error answers (with the request's frame id), a count of
// requests not yet answered (a shutdown waits for them), and no new requests once draining.

/** What a served socket needs of its server. */
export interface SocketContext {
  core: ServerCore
  session: Omit<SocketSessionOptions, 'epoch'> & { epoch: string }
  log: Logger
  inFlight: InFlight
  draining(): boolean
  /** A request was refused by the rate limit (`resource-exhausted` with `retryAfter`). */
  rateLimited(): void
}

/** An answer that reports an error: `{"id":N,"error":…}` (as SocketSession writes it). */
const ERROR_FRAME = /^\{"id":(\d+),"error":/
/** Any answer to a request. */
const ANSWER = /^\{"id":\d/

/** Serves `ws` (upgraded from `req`); resolves nothing, logs as it goes. */
export function serveSocket(ws: WebSocket, req: IncomingMessage, ctx: SocketContext): void {
  const { log, inFlight } = ctx
  const conn = newId()
  const remote = req.socket.remoteAddress
  const request = requestId(req.headers['x-request-id'])
  const opened = Date.now()
  let project: string | undefined
  let hello = true
  let pending = 0
  let requests = 0
  let welcomed = false

  const answered = () => {
    if (pending === 0) return
    pending--
    inFlight.end(1)
  }
  const session = new SocketSession(
    ctx.core,
    {
      send: (text) => {
        if (ANSWER.test(text)) {
          answered()
          const error = ERROR_FRAME.exec(text)
          if (error) logError(Number(error[1]), text)
        } else if (!welcomed && text.startsWith('{"welcome"')) {
          welcomed = true
          log.info('connection open', { conn, request, remote, project })
        }
        ws.send(text)
      },
      close: (code, reason) => {
        if (!welcomed || code === CLOSE_CODES.badHello) {
          log.warn('connection refused', { conn, remote, project, code, reason })
        } else if (code !== 1012) {
          log.warn('connection closed by the server', { conn, remote, project, code, reason })
        }
        ws.close(code, reason)
      },
      bufferedAmount: () => ws.bufferedAmount,
    },
    {
      ...ctx.session,
      onInternalError: (error, type) => {
        const e = error instanceof Error ? error : new Error(String(error))
        // The cause stays in the server's log; the client was told only `internal`.
        log.error('internal error', {
          conn,
          project,
          request: type,
          error: e.message,
          stack: e.stack,
        })
      },
    },
  )

  const logError = (frame: number, text: string) => {
    let error: { code?: string; message?: string; retryAfter?: number } = {}
    try {
      error = (JSON.parse(text) as { error: typeof error }).error
    } catch {
      // Unreadable: the line says so without its text.
    }
    // The rate limit answers with `retryAfter`; other resource-exhausted refusals do not.
    if (error.code === 'resource-exhausted' && typeof error.retryAfter === 'number') {
      ctx.rateLimited()
    }
    const level =
      error.code === 'internal'
        ? 'error'
        : error.code === 'permission-denied' || error.code === 'unauthenticated'
          ? 'warn'
          : 'debug'
    if (!log.enabled(level)) return
    log.log(level, 'request failed', {
      conn,
      frame,
      project,
      code: error.code,
      // An invalid-argument message quotes the bad input, which may be document data.
      message: error.code === 'invalid-argument' ? undefined : error.message,
    })
  }

  ws.on('message', (data, isBinary) => {
    const text = isBinary ? '' : data.toString()
    if (hello) {
      hello = false
      project = projectOf(text)
    } else {
      // Draining: no new requests. The client gets no answer, and after the close (1012)
      // it reconnects and sends them again (writes carry mutation ids: applied once).
      if (ctx.draining()) return
      requests++
      pending++
      inFlight.begin()
    }
    session.receive(text)
  })
  ws.on('close', (code) => {
    inFlight.end(pending)
    pending = 0
    session.closed()
    if (welcomed) {
      log.info('connection closed', {
        conn,
        remote,
        project,
        code,
        requests,
        seconds: (Date.now() - opened) / 1000,
      })
    }
  })
  ws.on('error', (error) => {
    log.debug('socket error', { conn, remote, message: error.message })
    ws.terminate()
  })
}

/** The project id a hello frame names (for logs), if it is readable. */
function projectOf(text: string): string | undefined {
  try {
    const id = (JSON.parse(text) as { hello?: { projectId?: unknown } }).hello?.projectId
    return typeof id === 'string' ? id.slice(0, 256) : undefined
  } catch {
    return undefined
  }
}
