import { describe, invalidArgument } from '../errors.js'
import {
  checkFieldName,
  cloneDocument,
  isPlainObject,
  utf8Length,
} from '../engine/documentValues.js'
import { own, wireArray, wireObject } from '../engine/wireShape.js'
import type { Value } from '../engine/types.js'
import type { PresenceDiff } from './presence.js'

// Checks of presence input, shared by the client's `presence()`/`track()` and a backend decoding
// a `presenceTrack` message, so both refuse the same rooms and states.

/** Longest room name, user id or status, in UTF-8 bytes. */
export const MAX_PRESENCE_NAME_BYTES = 1500

function checkName(call: string, what: string, value: unknown, empty: boolean): string {
  if (typeof value !== 'string' || (!empty && value === '')) {
    throw invalidArgument(
      call,
      `${what} must be a ${empty ? '' : 'non-empty '}string, got ${describe(value)}`,
    )
  }
  if (utf8Length(value) > MAX_PRESENCE_NAME_BYTES) {
    throw invalidArgument(
      call,
      `${what} ${describe(value)} is longer than ${MAX_PRESENCE_NAME_BYTES} bytes`,
    )
  }
  return value
}

/** Checks a room name: a non-empty string of at most {@link MAX_PRESENCE_NAME_BYTES}. */
export function checkRoom(call: string, room: unknown): string {
  return checkName(call, 'room', room, false)
}

/** Checks a tracked user id: a non-empty string. */
export function checkPresenceUserId(call: string, userId: unknown): string {
  return checkName(call, "field 'userId'", userId, false)
}

/** Checks a tracked status: a string. */
export function checkPresenceStatus(call: string, status: unknown): string {
  return checkName(call, "field 'status'", status, true)
}

/** Largest payload of one `broadcast()` message, in bytes of its JSON text. */
export const MAX_PRESENCE_PAYLOAD_BYTES = 64 * 1024

/** Checks a plain object of JSON-like values named `what`, and returns a frozen copy. */
function checkPlainData(call: string, what: string, value: unknown): Record<string, Value> {
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    !isPlainObject(value)
  ) {
    throw invalidArgument(call, `${what} must be a plain object, got ${describe(value)}`)
  }
  return cloneDocument(call, value) as Record<string, Value>
}

/** Checks tracked metadata (JSON-like values, as a document holds) and returns a frozen copy. */
export function checkPresenceMetadata(call: string, metadata: unknown): Record<string, Value> {
  return checkPlainData(call, "field 'metadata'", metadata)
}

/** Checks the event name of a broadcast message: a non-empty string. */
export function checkPresenceEvent(call: string, event: unknown): string {
  return checkName(call, 'event', event, false)
}

/** Checks the payload of a broadcast message and returns a frozen copy. */
export function checkPresencePayload(call: string, payload: unknown): Record<string, Value> {
  const copy = checkPlainData(call, 'payload', payload)
  const bytes = utf8Length(JSON.stringify(copy))
  if (bytes > MAX_PRESENCE_PAYLOAD_BYTES) {
    throw invalidArgument(
      call,
      `payload is ${bytes} bytes; the limit is ${MAX_PRESENCE_PAYLOAD_BYTES} bytes (64 KiB)`,
    )
  }
  return copy
}

/** Checks a presence diff as a client sends it in `presenceTrack`. */
export function checkPresenceDiff(call: string, wire: unknown): PresenceDiff {
  const d = wireObject(call, wire, "'diff'", ['userId', 'status', 'metadata', 'unset'])
  const diff: PresenceDiff = {}
  const userId = own(d, 'userId')
  if (userId !== undefined) diff.userId = checkPresenceUserId(call, userId)
  const status = own(d, 'status')
  if (status !== undefined) diff.status = checkPresenceStatus(call, status)
  const metadata = own(d, 'metadata')
  if (metadata !== undefined) diff.metadata = checkPresenceMetadata(call, metadata)
  const unset = own(d, 'unset')
  if (unset !== undefined) {
    diff.unset = wireArray(call, unset, "'unset'").map((key, i) => {
      const name = checkName(call, `unset[${i}]`, key, false)
      checkFieldName(call, name, name)
      return name
    })
  }
  return diff
}
