import { MetalError, describe, invalidArgument, type MetalErrorCode } from '../errors.js'
import { own, wireObject } from '../engine/wireShape.js'
import { isStorableText, utf8Length } from '../engine/documentValues.js'
import { decodeRequest, type WireRequest } from './decode.js'
import { encodeRequest } from './encode.js'
import type { BackendPush, BackendRequest } from './backend.js'

// The frames of a WebSocket between a client and a Metal server. Each frame is one JSON text:
//
//   client → server   { hello: { protocol, projectId, apiKey? } }      first frame, once
//                     { id, request }                                  a request (WireRequest)
//   server → client   { welcome: { protocol, epoch, maxMessageBytes? } } answer to hello
//                     { id, result } | { id, error: { code, message } } a request's answer
//                     { push }                                         a BackendPush
//
// A server closes the socket with one of CLOSE_CODES and a reason when it refuses the hello,
// cannot parse a frame, or drops a client that stopped reading.

/** Version of the frames above; a server refuses a hello of another version. */
export const PROTOCOL_VERSION = 1

/** The path of the WebSocket endpoint on a Metal server. */
export const SOCKET_PATH = '/v1/socket'

/** Close codes a Metal server uses (4000–4999 are the application's range). */
export const CLOSE_CODES = {
  /** The server is shutting down; reconnect (to another process). */
  goingAway: 1001,
  /** A frame was not JSON or not a frame. */
  badFrame: 4000,
  /** The hello was missing, repeated, of another protocol version or refused. */
  badHello: 4001,
  /** The client read too slowly: its send queue overflowed. Reconnect and resume. */
  slowConsumer: 4008,
} as const

/** Longest project id or API key in a hello, in UTF-8 bytes. */
export const MAX_HELLO_FIELD_BYTES = 256

/** The first frame a client sends. */
export interface Hello {
  protocol: number
  projectId: string
  apiKey?: string
}

/** What a server answers a hello with. */
export interface Welcome {
  protocol: number
  /** Identifies the server's change log; resume tokens from another epoch are reset. */
  epoch: string
  /** Largest message the server takes, in bytes: a larger request fails without being sent. */
  maxMessageBytes?: number
}

/** A request's failure on the wire. */
export interface WireError {
  code: MetalErrorCode
  message: string
  /** Milliseconds to wait before retrying (rate limits). */
  retryAfter?: number
}

/** Frames a server sends. */
export type ServerFrame =
  | { welcome: Welcome }
  | { id: number; result: unknown }
  | { id: number; error: WireError }
  | { push: BackendPush }

/** A client frame once checked: the hello, or a request with its id. */
export type ClientFrame =
  { kind: 'hello'; hello: Hello } | { kind: 'request'; id: number; request: BackendRequest }

/** The text of a hello frame. */
export function encodeHello(hello: Hello): string {
  return JSON.stringify({ hello })
}

/** The text of a request frame. */
export function encodeRequestFrame(id: number, request: BackendRequest): string {
  const frame: { id: number; request: WireRequest } = { id, request: encodeRequest(request) }
  return JSON.stringify(frame)
}

/** The wire form of an error. */
export function toWireError(error: unknown): WireError {
  if (MetalError.is(error)) {
    const retryAfter = (error as { retryAfter?: unknown }).retryAfter
    return typeof retryAfter === 'number'
      ? { code: error.code, message: error.message, retryAfter }
      : { code: error.code, message: error.message }
  }
  return { code: 'internal', message: 'internal error' }
}

/**
 * A request frame that failed its checks: the error to answer, and the frame's id when it had a
 * usable one (the server answers that id; without one it closes the socket).
 */
export class FrameError extends Error {
  constructor(
    readonly error: MetalError,
    readonly id: number | undefined,
  ) {
    super(error.message)
  }
}

/**
 * Parses and checks one client frame (hostile input). Returns the hello or the request; throws
 * a {@link FrameError} naming what is wrong.
 */
export function decodeClientFrame(text: string): ClientFrame {
  let wire: unknown
  try {
    wire = JSON.parse(text)
  } catch {
    throw new FrameError(invalidArgument('frame', 'a frame must be JSON text'), undefined)
  }
  if (typeof wire === 'object' && wire !== null && Object.hasOwn(wire, 'hello')) {
    try {
      const frame = wireObject('hello', wire, 'the hello frame', ['hello'])
      return { kind: 'hello', hello: checkHello(own(frame, 'hello')) }
    } catch (error) {
      throw new FrameError(error as MetalError, undefined)
    }
  }
  let id: number | undefined
  try {
    const frame = wireObject('frame', wire, 'a frame', ['id', 'request'])
    const rawId = own(frame, 'id')
    if (typeof rawId !== 'number' || !Number.isSafeInteger(rawId) || rawId < 0) {
      throw invalidArgument('frame', `'id' must be a non-negative integer, got ${describe(rawId)}`)
    }
    id = rawId
    return { kind: 'request', id, request: decodeRequest(own(frame, 'request')) }
  } catch (error) {
    const e = MetalError.is(error) ? error : invalidArgument('frame', String(error))
    throw new FrameError(e, id)
  }
}

function helloField(value: unknown, field: string, optional: boolean): string | undefined {
  if (value === undefined && optional) return undefined
  if (typeof value !== 'string' || value === '') {
    throw invalidArgument('hello', `'${field}' must be a non-empty string, got ${describe(value)}`)
  }
  if (utf8Length(value) > MAX_HELLO_FIELD_BYTES) {
    throw invalidArgument('hello', `'${field}' is longer than ${MAX_HELLO_FIELD_BYTES} bytes`)
  }
  if (!isStorableText(value)) {
    throw invalidArgument('hello', `'${field}' holds U+0000 or an unpaired surrogate`)
  }
  return value
}

/** Checks a hello's fields. */
export function checkHello(wire: unknown): Hello {
  const h = wireObject('hello', wire, "'hello'", ['protocol', 'projectId', 'apiKey'])
  const protocol = own(h, 'protocol')
  if (protocol !== PROTOCOL_VERSION) {
    throw invalidArgument(
      'hello',
      `'protocol' ${describe(protocol)} is not supported (this server speaks ${PROTOCOL_VERSION})`,
    )
  }
  const projectId = helloField(own(h, 'projectId'), 'projectId', false) as string
  const apiKey = helloField(own(h, 'apiKey'), 'apiKey', true)
  return apiKey === undefined ? { protocol, projectId } : { protocol, projectId, apiKey }
}

/** Parses a server frame (the client trusts its server, but never crashes on a bad frame). */
export function parseServerFrame(text: string): ServerFrame | undefined {
  try {
    const frame = JSON.parse(text) as unknown
    return typeof frame === 'object' && frame !== null ? (frame as ServerFrame) : undefined
  } catch {
    return undefined
  }
}

/** The parts of a WHATWG URL used here (browsers and Node have the class; the lib types do not). */
interface UrlLike {
  protocol: string
  pathname: string
  search: string
  hash: string
  toString(): string
}

/** The WebSocket URL of a Metal server given as `http(s)://` or `ws(s)://` (path kept as a prefix). */
export function socketUrl(url: string): string {
  let parsed: UrlLike
  try {
    parsed = new (globalThis as unknown as { URL: new (url: string) => UrlLike }).URL(url)
  } catch {
    throw invalidArgument('remote()', `'url' must be an absolute URL, got ${describe(url)}`)
  }
  const schemes: Record<string, string> = {
    'http:': 'ws:',
    'https:': 'wss:',
    'ws:': 'ws:',
    'wss:': 'wss:',
  }
  const scheme = schemes[parsed.protocol]
  if (!scheme) {
    throw invalidArgument(
      'remote()',
      `'url' must use http, https, ws or wss, got ${describe(parsed.protocol)}`,
    )
  }
  parsed.protocol = scheme
  parsed.pathname = parsed.pathname.replace(/\/+$/, '') + SOCKET_PATH
  parsed.search = ''
  parsed.hash = ''
  return parsed.toString()
}
