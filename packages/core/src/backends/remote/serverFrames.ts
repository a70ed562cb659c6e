import { MetalError, isMetalErrorCode } from '../../errors.js'
import { parseServerFrame, type Welcome } from '../../protocol/wire.js'
import type { BackendPush } from '../../protocol/backend.js'

// What the client makes of a server's frames. The client trusts its server's data, but a frame
// that is not JSON, not a frame, or a push of a shape the store could not take is ignored rather
// than allowed to throw inside the socket's event handler. Results and pushes are deep-frozen,
// as the embedded backend's documents are: snapshot data is immutable whichever backend made it.

/** A server frame as the client acts on it. */
export type ServerEvent =
  | { kind: 'welcome'; welcome: Welcome }
  | { kind: 'result'; id: number; result: unknown }
  | { kind: 'error'; id: number; error: MetalError }
  | { kind: 'push'; push: BackendPush }

/** A request's failure as the server reported it; `retryAfter` (ms) is set by rate limits. */
export type RemoteError = MetalError & { retryAfter?: number }

type Obj = Record<string, unknown>

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null
const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0
const has = (o: Obj, key: string): boolean => Object.hasOwn(o, key)
const optional = (v: unknown, type: 'string' | 'boolean'): boolean =>
  v === undefined || typeof v === type

/** Reads one frame's data (a string for text frames); undefined when it is not one to act on. */
export function readServerFrame(data: unknown): ServerEvent | undefined {
  if (typeof data !== 'string') return undefined
  const frame = parseServerFrame(data) as unknown
  if (!isObject(frame)) return undefined
  if (has(frame, 'welcome')) {
    const w = frame.welcome
    if (!isObject(w) || typeof w.protocol !== 'number' || typeof w.epoch !== 'string') return
    const max = w.maxMessageBytes
    const welcome: Welcome = { protocol: w.protocol, epoch: w.epoch }
    if (typeof max === 'number' && max > 0) welcome.maxMessageBytes = max
    return { kind: 'welcome', welcome }
  }
  if (has(frame, 'push')) {
    const push = frame.push
    return isPush(push) ? { kind: 'push', push: deepFreeze(push) } : undefined
  }
  if (!isId(frame.id)) return undefined
  if (has(frame, 'error')) return { kind: 'error', id: frame.id, error: toError(frame.error) }
  if (has(frame, 'result')) {
    return { kind: 'result', id: frame.id, result: deepFreeze(frame.result) }
  }
  return undefined
}

/** The MetalError of a wire error, `retryAfter` kept as a property. */
export function toError(wire: unknown): RemoteError {
  const w = isObject(wire) ? wire : {}
  const code = isMetalErrorCode(w.code) ? w.code : 'internal'
  const message =
    typeof w.message === 'string' ? w.message : 'the server reported an error without a message'
  const error: RemoteError = new MetalError(code, message)
  if (typeof w.retryAfter === 'number' && w.retryAfter >= 0) error.retryAfter = w.retryAfter
  return error
}

function isStoredDoc(v: unknown): boolean {
  return (
    isObject(v) &&
    typeof v.id === 'string' &&
    typeof v.version === 'number' &&
    typeof v.updateTime === 'number' &&
    isObject(v.data)
  )
}

/** True when `v` has the shape of a push the store can take. */
function isPush(v: unknown): v is BackendPush {
  if (!isObject(v)) return false
  switch (v.type) {
    case 'target':
      return (
        isId(v.targetId) &&
        Array.isArray(v.upserts) &&
        v.upserts.every(isStoredDoc) &&
        Array.isArray(v.removes) &&
        v.removes.every((id) => typeof id === 'string') &&
        optional(v.initial, 'boolean') &&
        optional(v.resumed, 'boolean') &&
        optional(v.resume, 'string')
      )
    case 'aggregate':
      return isId(v.targetId) && isObject(v.values)
    case 'targetError':
      return isId(v.targetId) && isMetalErrorCode(v.code) && typeof v.message === 'string'
    case 'presence':
      return (
        typeof v.room === 'string' &&
        typeof v.event === 'string' &&
        (isObject(v.member) || isObject(v.message))
      )
    default:
      return false
  }
}

/** Freezes a parsed JSON value and everything in it. */
function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value
  for (const v of Object.values(value)) deepFreeze(v)
  return Object.freeze(value)
}
