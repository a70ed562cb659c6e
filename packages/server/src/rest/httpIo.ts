import type { IncomingMessage, ServerResponse } from 'node:http'
import { MetalError, type MetalErrorCode } from '@metal/core'

// What the REST API reads from and writes to HTTP: JSON answers, errors as
// `{ error: { code, message } }` with their status, and request bodies read within a limit.

/** Default largest request body: a 1 MiB document (the engine's limit) and 1 MiB of JSON overhead. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024

/** The HTTP status of each error code. */
export const STATUS: Readonly<Record<MetalErrorCode, number>> = {
  'invalid-argument': 400,
  unauthenticated: 401,
  'permission-denied': 403,
  'not-found': 404,
  'already-exists': 409,
  aborted: 409,
  'failed-precondition': 412,
  'resource-exhausted': 429,
  unavailable: 503,
  'deadline-exceeded': 504,
  internal: 500,
  cancelled: 499,
}

/** An error answer that is not a MetalError code of its own (404 route, 405, 413, 415). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: MetalErrorCode,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message)
  }
}

/** Writes a JSON answer (`body` undefined: no body, as for 204). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  sendJsonText(res, status, body === undefined ? undefined : JSON.stringify(body), headers)
}

/** Writes an answer whose JSON text is ready (`text` undefined: no body). */
export function sendJsonText(
  res: ServerResponse,
  status: number,
  text: string | undefined,
  headers: Readonly<Record<string, string>> = {},
): void {
  if (res.headersSent || res.destroyed) return
  res.writeHead(status, {
    ...(text === undefined
      ? {}
      : {
          'content-type': 'application/json; charset=utf-8',
          'content-length': String(Buffer.byteLength(text)),
        }),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  })
  res.end(text)
}

/**
 * Writes the answer of a failed call. A MetalError keeps its code and message (and a
 * `Retry-After` from its `retryAfter` ms); anything else is an internal error whose details
 * stay in the log, never in the answer.
 */
export function sendError(
  res: ServerResponse,
  error: unknown,
  log: (line: string) => void,
  what: string,
): void {
  if (error instanceof HttpError) {
    sendJson(
      res,
      error.status,
      { error: { code: error.code, message: error.message } },
      error.headers,
    )
    return
  }
  if (!MetalError.is(error) || error.code === 'internal') {
    log(
      `REST ${what}: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    )
    sendJson(res, 500, { error: { code: 'internal', message: 'internal error' } })
    return
  }
  const retryAfter = (error as { retryAfter?: unknown }).retryAfter
  const headers: Record<string, string> =
    typeof retryAfter === 'number' && Number.isFinite(retryAfter) && retryAfter >= 0
      ? { 'retry-after': String(Math.ceil(retryAfter / 1000)) }
      : {}
  sendJson(
    res,
    STATUS[error.code],
    { error: { code: error.code, message: error.message } },
    headers,
  )
}

/** Throws 415 unless the request says its body is JSON (UTF-8). */
export function checkJsonType(req: IncomingMessage, call: string): void {
  const type = req.headers['content-type']
  const [media, ...params] = (type ?? '').split(';').map((p) => p.trim().toLowerCase())
  const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length)
  if (
    media !== 'application/json' ||
    (charset !== undefined && charset.replace(/"/g, '') !== 'utf-8')
  ) {
    throw new HttpError(
      415,
      'invalid-argument',
      `${call}: the body must be 'application/json' (UTF-8), got content-type ${type === undefined ? 'none' : `'${type.slice(0, 100)}'`}`,
    )
  }
}

function tooLarge(call: string, limit: number): HttpError {
  return new HttpError(413, 'invalid-argument', `${call}: the body is larger than ${limit} bytes`, {
    connection: 'close',
  })
}

/** Throws 413 when the declared length is over `limit` (before anything is read). */
export function checkDeclaredLength(req: IncomingMessage, call: string, limit: number): void {
  const length = Number(req.headers['content-length'] ?? 0)
  if (Number.isFinite(length) && length > limit) throw tooLarge(call, limit)
}

/**
 * Reads the body as JSON: at most `limit` bytes (413 beyond; the rest is discarded as it comes,
 * never kept), strictly UTF-8, and valid JSON (400 otherwise).
 */
export async function readJsonBody(
  req: IncomingMessage,
  call: string,
  limit: number,
): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      size += chunk.length
      if (size > limit) {
        req.off('data', onData)
        chunks.length = 0
        req.resume() // the rest is read and dropped; the answer goes out at once
        reject(tooLarge(call, limit))
        return
      }
      chunks.push(chunk)
    }
    req.on('data', onData)
    req.once('end', () => resolve())
    req.once('error', reject)
    // A client that went away mid-body: nothing is judged (and nobody reads the answer).
    req.once('close', () => {
      if (!req.complete) reject(new MetalError('unavailable', `${call}: the client went away`))
    })
  })
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks, size))
  } catch {
    throw new MetalError('invalid-argument', `${call}: the body is not valid UTF-8`)
  }
  if (text.trim() === '') throw new MetalError('invalid-argument', `${call}: the body is empty`)
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw new MetalError(
      'invalid-argument',
      `${call}: the body is not JSON (${(error as Error).message.slice(0, 120)})`,
    )
  }
}
