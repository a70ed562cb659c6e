import { describe, invalidArgument, MetalError } from '../errors.js'
import { isPlainObject } from './documentValues.js'

// Small checks for the shape of untrusted messages, shared by the engine's decoders and the
// protocol's: an object of known fields, read only through its own properties.

/** A decoded message object: read its fields with {@link own}. */
export type WireObject = Readonly<Record<string, unknown>>

/**
 * Runs `decode`, putting `part` (where in the message it is) in front of any invalid-argument
 * message, so a nested failure reads `commit request: writes[2]: set(): field 'a' is undefined`.
 */
export function within<T>(part: string, decode: () => T): T {
  try {
    return decode()
  } catch (error) {
    if (MetalError.is(error)) throw new MetalError(error.code, `${part}: ${error.message}`)
    throw error
  }
}

/**
 * Checks that `value` is a plain object (JSON's, or one without a prototype) whose every key is
 * in `fields`; `what` names it in the error.
 */
export function wireObject(
  call: string,
  value: unknown,
  what: string,
  fields: readonly string[],
): WireObject {
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    !isPlainObject(value)
  ) {
    throw invalidArgument(call, `${what} must be an object, got ${describe(value)}`)
  }
  for (const key of Object.keys(value)) {
    if (!fields.includes(key))
      throw invalidArgument(call, `${what} has an unknown field ${describe(key)}`)
  }
  return value as WireObject
}

/** A field of a checked object, own properties only: an inherited name is never read. */
export function own(object: WireObject, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined
}

/**
 * Checks that `value` is an array; `what` names it in the error. Returns a dense copy: a hole
 * (possible in an object built in memory, never in JSON) reads as `undefined`, which every
 * element check refuses, instead of being skipped by `map`.
 */
export function wireArray(call: string, value: unknown, what: string): readonly unknown[] {
  if (!Array.isArray(value))
    throw invalidArgument(call, `${what} must be an array, got ${describe(value)}`)
  return Array.from(value as unknown[])
}
