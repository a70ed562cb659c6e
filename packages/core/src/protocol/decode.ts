import { describe, invalidArgument } from '../errors.js'
import { type WireQuerySpec, type WireWrite } from '../engine/codec.js'
import { checkVersion, decodeQuerySpec, decodeWrite } from '../engine/wireDecode.js'
import { checkCollectionPath, checkDocId } from '../engine/writeInput.js'
import { own, wireArray, wireObject, type WireObject } from '../engine/wireShape.js'
import { isPlainObject, isStorableText, utf8Length } from '../engine/documentValues.js'
import { checkAggregateSpec } from '../engine/aggregateSpec.js'
import { checkCredential, type Credential } from './session.js'
import {
  checkPresenceDiff,
  checkPresenceEvent,
  checkPresenceMetadata,
  checkPresencePayload,
  checkRoom,
} from './presenceChecks.js'
import type { BackendRequest, VersionCheck } from './backend.js'
import type { AggregateSpec } from '../engine/aggregateSpec.js'

// The client → backend messages on the wire: `encodeRequest` on the client, `decodeRequest` on a
// backend that receives JSON. Decoding treats the message as hostile: every field is checked
// for type, size and meaning, unknown fields are refused, and failures are invalid-argument
// errors that name the request, the field and the value.

/** Longest transaction id, mutation id or resume token, in UTF-8 bytes. */
export const MAX_REQUEST_ID_BYTES = 256
/** Longest credential token, in UTF-8 bytes. */
export const MAX_TOKEN_BYTES = 16 * 1024

/** A request on the wire: a {@link BackendRequest} with its queries and writes encoded. */
export type WireRequest =
  | Exclude<
      BackendRequest,
      { type: 'query' | 'listen' | 'commit' | 'aggregate' | 'listenAggregate' }
    >
  | { type: 'query'; query: WireQuerySpec; txId?: string }
  | { type: 'listen'; targetId: number; query: WireQuerySpec; resume?: string }
  | { type: 'aggregate'; query: WireQuerySpec; aggregates: AggregateSpec }
  | { type: 'listenAggregate'; targetId: number; query: WireQuerySpec; aggregates: AggregateSpec }
  | {
      type: 'commit'
      writes: WireWrite[]
      checks?: VersionCheck[]
      txId?: string
      mutationId?: string
    }

function requestId(
  call: string,
  msg: WireObject,
  key: 'txId' | 'mutationId' | 'resume',
): string | undefined {
  const id = own(msg, key)
  if (id === undefined) return undefined
  if (typeof id !== 'string' || id === '') {
    throw invalidArgument(call, `'${key}' must be a non-empty string, got ${describe(id)}`)
  }
  if (utf8Length(id) > MAX_REQUEST_ID_BYTES) {
    throw invalidArgument(call, `'${key}' is longer than ${MAX_REQUEST_ID_BYTES} bytes`)
  }
  if (!isStorableText(id)) {
    throw invalidArgument(call, `'${key}' holds U+0000 or an unpaired surrogate`)
  }
  return id
}

function targetId(call: string, msg: WireObject): number {
  const id = own(msg, 'targetId')
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) {
    throw invalidArgument(call, `'targetId' must be a non-negative integer, got ${describe(id)}`)
  }
  return id
}

/** Adds `txId` (or `mutationId`) to a request when the message has one. */
function withId<T extends object>(
  request: T,
  call: string,
  msg: WireObject,
  key: 'txId' | 'mutationId',
): T {
  const id = requestId(call, msg, key)
  return id === undefined ? request : { ...request, [key]: id }
}

function decodeCredential(call: string, wire: unknown): Credential {
  const type =
    typeof wire === 'object' && wire !== null ? own(wire as WireObject, 'type') : undefined
  const fields = type === 'custom' ? ['type', 'token', 'metadata'] : ['type', 'token']
  const c = wireObject(call, wire, "'credential'", fields)
  const credential = checkCredential(call, {
    type,
    token: own(c, 'token'),
    metadata: own(c, 'metadata'),
  })
  if (utf8Length(credential.token) > MAX_TOKEN_BYTES) {
    throw invalidArgument(call, `credential 'token' is longer than ${MAX_TOKEN_BYTES} bytes`)
  }
  if (credential.type === 'jwt') return { type: 'jwt', token: credential.token }
  const metadata = own(c, 'metadata')
  if (metadata === undefined) return { type: 'custom', token: credential.token }
  if (Array.isArray(metadata) || !isPlainObject(metadata as object)) {
    throw invalidArgument(
      call,
      `credential 'metadata' must be a plain object, got ${describe(metadata)}`,
    )
  }
  return {
    type: 'custom',
    token: credential.token,
    metadata: checkPresenceMetadata(call, metadata),
  }
}

function decodeChecks(call: string, wire: unknown): VersionCheck[] {
  return wireArray(call, wire, "'checks'").map((check, i) => {
    const c = wireObject(call, check, `checks[${i}]`, ['collection', 'id', 'version'])
    return {
      collection: checkCollectionPath(call, own(c, 'collection')),
      id: checkDocId(call, own(c, 'id')),
      version: checkVersion(call, own(c, 'version'), `checks[${i}] 'version'`),
    }
  })
}

type Decoder = (msg: WireObject, call: string) => BackendRequest

type RequestTable = Map<string, [fields: readonly string[], decode: Decoder]>

let table: RequestTable | undefined

/**
 * Each request type: its fields and how to check them. Built on first use, so a client that
 * only encodes requests never carries the decoders.
 */
const requests = (): RequestTable =>
  (table ??= new Map<string, [fields: readonly string[], decode: Decoder]>([
    [
      'get',
      [
        ['type', 'collection', 'id', 'txId'],
        (m, call) =>
          withId(
            {
              type: 'get',
              collection: checkCollectionPath(call, own(m, 'collection')),
              id: checkDocId(call, own(m, 'id')),
            },
            call,
            m,
            'txId',
          ),
      ],
    ],
    [
      'query',
      [
        ['type', 'query', 'txId'],
        (m, call) =>
          withId(
            { type: 'query', query: decodeQuerySpec(own(m, 'query'), `${call}: query`) },
            call,
            m,
            'txId',
          ),
      ],
    ],
    [
      'commit',
      [
        ['type', 'writes', 'checks', 'txId', 'mutationId'],
        (m, call) => {
          const writes = wireArray(call, own(m, 'writes'), "'writes'").map((w, i) =>
            decodeWrite(w, `${call}: writes[${i}]`),
          )
          const checks = own(m, 'checks')
          const request: BackendRequest = {
            type: 'commit',
            writes,
            ...(checks === undefined ? {} : { checks: decodeChecks(call, checks) }),
          }
          return withId(withId(request, call, m, 'txId'), call, m, 'mutationId')
        },
      ],
    ],
    [
      'listen',
      [
        ['type', 'targetId', 'query', 'resume'],
        (m, call) => {
          const request: BackendRequest = {
            type: 'listen',
            targetId: targetId(call, m),
            query: decodeQuerySpec(own(m, 'query'), `${call}: query`),
          }
          const resume = requestId(call, m, 'resume')
          return resume === undefined ? request : { ...request, resume }
        },
      ],
    ],
    [
      'aggregate',
      [
        ['type', 'query', 'aggregates'],
        (m, call) => ({
          type: 'aggregate',
          query: decodeQuerySpec(own(m, 'query'), `${call}: query`),
          aggregates: checkAggregateSpec(call, own(m, 'aggregates')),
        }),
      ],
    ],
    [
      'listenAggregate',
      [
        ['type', 'targetId', 'query', 'aggregates'],
        (m, call) => ({
          type: 'listenAggregate',
          targetId: targetId(call, m),
          query: decodeQuerySpec(own(m, 'query'), `${call}: query`),
          aggregates: checkAggregateSpec(call, own(m, 'aggregates')),
        }),
      ],
    ],
    [
      'unlisten',
      [['type', 'targetId'], (m, call) => ({ type: 'unlisten', targetId: targetId(call, m) })],
    ],
    ['beginTransaction', [['type'], () => ({ type: 'beginTransaction' })]],
    [
      'rollback',
      [
        ['type', 'txId'],
        (m, call) => {
          const txId = requestId(call, m, 'txId')
          if (txId === undefined) throw invalidArgument(call, `'txId' is missing`)
          return { type: 'rollback', txId }
        },
      ],
    ],
    [
      'authenticate',
      [
        ['type', 'credential'],
        (m, call) => ({
          type: 'authenticate',
          credential: decodeCredential(call, own(m, 'credential')),
        }),
      ],
    ],
    ['signOut', [['type'], () => ({ type: 'signOut' })]],
    ...(['presenceSubscribe', 'presenceUnsubscribe', 'presenceUntrack'] as const).map(
      (type): [string, [readonly string[], Decoder]] => [
        type,
        [['type', 'room'], (m, call) => ({ type, room: checkRoom(call, own(m, 'room')) })],
      ],
    ),
    [
      'presenceTrack',
      [
        ['type', 'room', 'diff'],
        (m, call) => ({
          type: 'presenceTrack',
          room: checkRoom(call, own(m, 'room')),
          diff: checkPresenceDiff(call, own(m, 'diff')),
        }),
      ],
    ],
    [
      'presenceHeartbeat',
      [
        ['type', 'room'],
        (m, call) => {
          const room = own(m, 'room')
          return room === undefined
            ? { type: 'presenceHeartbeat' }
            : { type: 'presenceHeartbeat', room: checkRoom(call, room) }
        },
      ],
    ],
    [
      'presenceBroadcast',
      [
        ['type', 'room', 'event', 'payload'],
        (m, call) => ({
          type: 'presenceBroadcast',
          room: checkRoom(call, own(m, 'room')),
          event: checkPresenceEvent(call, own(m, 'event')),
          payload: checkPresencePayload(call, own(m, 'payload')),
        }),
      ],
    ],
  ]))

/**
 * Decodes and checks a client's request (the parsed JSON of one message). Returns a request a
 * backend can serve, or throws an invalid-argument MetalError naming the request type, the field
 * and the bad value, such as `listen request: query: where(): unknown operator '=>' on field
 * 'age'`. Never throws anything else for any JSON value (objects with getters or proxies are
 * not JSON and are not defended against).
 */
export function decodeRequest(wire: unknown): BackendRequest {
  const type =
    typeof wire === 'object' && wire !== null && !Array.isArray(wire)
      ? own(wire as WireObject, 'type')
      : undefined
  const entry = typeof type === 'string' ? requests().get(type) : undefined
  if (!entry) {
    wireObject('request', wire, 'a request', ['type'])
    throw invalidArgument('request', `unknown request type ${describe(type)}`)
  }
  const [fields, decode] = entry
  const call = `${type as string} request`
  return decode(wireObject(call, wire, 'the request', fields), call)
}
