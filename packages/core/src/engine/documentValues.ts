import { describe, invalidArgument } from '../errors.js'
import { FieldValue } from './fieldValues.js'
import { toRefValue } from './documentRef.js'
import { REF_KEY } from './values.js'
import type { DocumentData } from './types.js'

// Checking and copying document values as they come in: sentinels, names, depth and size.

/** Largest stored document, as Cloud Firestore counts size. */
export const MAX_DOCUMENT_BYTES = 1024 * 1024

/** Deepest nesting of maps and arrays in a document (a top-level map field is level 1). */
export const MAX_DEPTH = 20

/** Which field-value sentinels a write may carry. */
export interface SentinelPolicy {
  /** `serverTimestamp()`, `increment()`, `arrayUnion()`, `arrayRemove()` */
  transforms: boolean
  /**
   * `deleteField()`: anywhere outside arrays (merging `set()`), only as a field's whole value
   * (`update()`, as Cloud Firestore requires), or never.
   */
  deletes: boolean | 'top-level'
}

const NO_SENTINELS: SentinelPolicy = { transforms: false, deletes: false }

/** Field names Cloud Firestore reserves; `__proto__` among them, which JS objects cannot hold as data. */
const RESERVED_NAME = /^__.*__$/

/** True for objects made by `{}`, JSON or `Object.create(null)`: data, not class instances. */
export function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown
  return proto === Object.prototype || proto === null
}

/** U+0000 or a surrogate that is not half of a pair: text no database of Metal can store. */
const UNSTORABLE = /[\0\p{Cs}]/u

/**
 * True when a string can be stored: no U+0000 and no unpaired surrogate (PostgreSQL's text and
 * JSONB refuse both, so every backend refuses them alike).
 */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text)
}

/** UTF-8 byte length of a string, without allocating. */
export function utf8Length(text: string): number {
  let bytes = text.length
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) continue
    if (c < 0x800) bytes += 1
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 1 // the pair counts 4 bytes over 2 code units
      i++
    } else bytes += 2
  }
  return bytes
}

/** Throws when a segment of a written field path is a reserved name (`__x__`). */
export function checkFieldName(call: string, name: string, path: string): void {
  if (RESERVED_NAME.test(name)) {
    throw invalidArgument(
      call,
      `field '${path}' uses the reserved name '${name}' (names like __x__ are reserved)`,
    )
  }
}

/** How a document or value is read besides its sentinel policy. */
export interface CloneOptions {
  /**
   * Leave out map fields whose value is `undefined` (Firestore's `ignoreUndefinedProperties`)
   * instead of refusing them; `undefined` in an array is still refused.
   * @default false
   */
  readonly ignoreUndefined?: boolean
  /** The writing client's project: a DocumentReference of another project is refused. */
  readonly project?: string | undefined
  /**
   * Accept arrays directly inside arrays: only query operands of `in` and `not-in` (a list of
   * array values); stored values never hold them (Firestore: "Nested arrays are not supported").
   * @default false
   */
  readonly nestedArrays?: boolean
}

interface CloneState {
  call: string
  policy: SentinelPolicy
  seen: Set<object>
  bytes: number
  options: CloneOptions
}

/**
 * Throws when a map or array at `level` (1: a top-level field's value) is nested too deep. Every
 * walk over untrusted values calls it before descending, so none recurses more than
 * {@link MAX_DEPTH} levels however deep the input is.
 */
export function checkDepth(call: string, level: number, path: string): void {
  if (level > MAX_DEPTH) {
    throw invalidArgument(
      call,
      `${fieldLabel(path)} is nested ${level} levels deep; maps and arrays nest at most ${MAX_DEPTH} levels`,
    )
  }
}

/**
 * Where a value sits: the whole document, a field's whole value (a key of the document, or of
 * an update), deeper inside maps, or anywhere inside an array.
 */
type Place = 'document' | 'field' | 'map' | 'array'

/** Names a place in a document for error messages: `the document` or `field 'a.b[2]'`. */
export function fieldLabel(path: string): string {
  return path === '' ? 'the document' : `field '${path}'`
}

function checkSentinel(value: FieldValue, path: string, state: CloneState, place: Place): void {
  if (place === 'array') {
    throw invalidArgument(
      state.call,
      `${value.method}() cannot be used inside an array (at ${fieldLabel(path)})`,
    )
  }
  if (value.kind !== 'delete') {
    if (!state.policy.transforms)
      throw invalidArgument(
        state.call,
        `${value.method}() is not allowed here (at ${fieldLabel(path)})`,
      )
    return
  }
  const deletes = state.policy.deletes
  if (deletes === 'top-level' && place !== 'field') {
    throw invalidArgument(
      state.call,
      `deleteField() can only be a field's whole value, not nested in a map (at ${fieldLabel(path)})`,
    )
  }
  if (deletes === false) {
    throw invalidArgument(
      state.call,
      `deleteField() can only be used in update() or set() with merge (at ${fieldLabel(path)})`,
    )
  }
}

/**
 * Checks and deep-freezes `value`; `level` is the nesting level a map or array here would have
 * (0 for the document itself).
 */
function cloneValue(
  value: unknown,
  path: string,
  state: CloneState,
  place: Place,
  level: number,
): unknown {
  switch (typeof value) {
    case 'string':
      if (!isStorableText(value)) {
        throw invalidArgument(
          state.call,
          `${fieldLabel(path)} contains U+0000 or an unpaired surrogate, which cannot be stored`,
        )
      }
      state.bytes += utf8Length(value) + 1
      return value
    case 'number':
      if (!Number.isFinite(value)) {
        throw invalidArgument(
          state.call,
          `${fieldLabel(path)} is ${value}; only finite numbers can be stored`,
        )
      }
      state.bytes += 8
      return value
    case 'boolean':
      state.bytes += 1
      return value
    case 'undefined':
      throw invalidArgument(
        state.call,
        `${fieldLabel(path)} is undefined; omit the field or use null (deleteField() removes it)`,
      )
    case 'object': {
      if (value === null) {
        state.bytes += 1
        return null
      }
      if (value instanceof FieldValue) {
        checkSentinel(value, path, state, place)
        // Sizes counted here are a lower bound of the stored document's: an array transform's
        // result depends on the stored array, so only the backend can size it.
        if (value.kind === 'arrayUnion' || value.kind === 'arrayRemove') {
          const inner: CloneState = { ...state, policy: NO_SENTINELS }
          const elements = cloneValue(value.operand, path, inner, 'array', level) as unknown[]
          return new FieldValue(value.kind, elements)
        }
        if (value.kind !== 'delete') state.bytes += 8 // a timestamp or a number
        return value
      }
      const ref =
        place === 'document'
          ? undefined
          : toRefValue(state.call, value, fieldLabel(path), state.options.project)
      if (ref) {
        state.bytes += utf8Length(ref[REF_KEY]) + 1
        return ref
      }
      if (state.seen.has(value)) {
        throw invalidArgument(state.call, `${fieldLabel(path)} refers back to itself (a cycle)`)
      }
      if (place !== 'document') checkDepth(state.call, level, path)
      if (Array.isArray(value)) {
        state.seen.add(value)
        const out = new Array<unknown>(value.length)
        for (let i = 0; i < value.length; i++) {
          const element: unknown = value[i]
          if (Array.isArray(element) && !state.options.nestedArrays) {
            throw invalidArgument(
              state.call,
              `${fieldLabel(`${path}[${i}]`)} is an array inside an array; nested arrays are not supported (put the inner array in a map)`,
            )
          }
          out[i] = cloneValue(element, `${path}[${i}]`, state, 'array', level + 1)
        }
        state.seen.delete(value)
        return Object.freeze(out)
      }
      if (!isPlainObject(value)) {
        throw invalidArgument(
          state.call,
          `${fieldLabel(path)} is an ${describe(value)}; only plain objects, arrays and primitives can be stored` +
            (value instanceof Date ? ' (store date.getTime())' : ''),
        )
      }
      state.seen.add(value)
      const out: Record<string, unknown> = {}
      const inner: Place = place === 'array' ? 'array' : place === 'document' ? 'field' : 'map'
      for (const key of Object.keys(value)) {
        if (key === '') throw invalidArgument(state.call, `${fieldLabel(path)} has an empty key`)
        if (!isStorableText(key)) {
          throw invalidArgument(
            state.call,
            `${fieldLabel(path)} has a key with U+0000 or an unpaired surrogate, which cannot be stored`,
          )
        }
        const childPath = path === '' ? key : `${path}.${key}`
        checkFieldName(state.call, key, childPath)
        const child = (value as Record<string, unknown>)[key]
        if (child === undefined && state.options.ignoreUndefined) continue
        if (!isDelete(child)) state.bytes += utf8Length(key) + 1
        out[key] = cloneValue(child, childPath, state, inner, level + 1)
      }
      state.seen.delete(value)
      return Object.freeze(out)
    }
    default:
      throw invalidArgument(
        state.call,
        `${fieldLabel(path)} is a ${typeof value} (${describe(value)}); only plain data can be stored`,
      )
  }
}

/** Throws when a document of `bytes` is over the limit. */
export function checkDocumentBytes(call: string, bytes: number, name?: string): void {
  if (bytes > MAX_DOCUMENT_BYTES) {
    throw invalidArgument(
      call,
      `document${name === undefined ? '' : ` '${name}'`} is ${bytes} bytes; the limit is ${MAX_DOCUMENT_BYTES} bytes (1 MiB)`,
    )
  }
}

/**
 * Checks that `data` is storable and returns a deep-frozen copy (sentinels kept as they are).
 * Throws `invalid-argument` naming the call, the field and the value. `name` (the document
 * path) counts towards the size and is named when the document is too large; data that the
 * stored document merges with or transforms is checked by the backend, which sees the result.
 */
export function cloneDocument(
  call: string,
  data: unknown,
  policy: SentinelPolicy = NO_SENTINELS,
  name?: string,
  options: CloneOptions = {},
): DocumentData {
  if (typeof data !== 'object' || data === null || Array.isArray(data) || !isPlainObject(data)) {
    throw invalidArgument(call, `document data must be a plain object, got ${describe(data)}`)
  }
  const state: CloneState = { call, policy, seen: new Set(), bytes: 0, options }
  const out = cloneValue(data, '', state, 'document', 0) as DocumentData
  checkDocumentBytes(call, documentOverhead(name) + state.bytes, name)
  return out
}

/** Bytes a document takes beyond its fields: a fixed overhead plus its path, when known. */
export function documentOverhead(name?: string): number {
  return 32 + (name === undefined ? 0 : utf8Length(name) - 1)
}

/**
 * Checks and deep-freezes the value written to one field (`update()`); returns it with the
 * least number of bytes it adds to the document, its field name not included.
 */
export function cloneFieldValue(
  call: string,
  field: string,
  value: unknown,
  policy: SentinelPolicy,
  options: CloneOptions = {},
): { value: unknown; bytes: number } {
  const state: CloneState = { call, policy, seen: new Set(), bytes: 0, options }
  // A value at 'a.b' sits inside the map 'a': a map written there is at level 2.
  const level = field.split('.').length
  return { value: cloneValue(value, field, state, 'field', level), bytes: state.bytes }
}

/** True for the `deleteField()` sentinel. */
export function isDelete(value: unknown): boolean {
  return value instanceof FieldValue && value.kind === 'delete'
}

/**
 * Checks and deep-freezes a single value (a filter operand or cursor value). A value larger than
 * a document could hold matches nothing, so it is refused like an oversized document.
 * `nestedArrays` lets the list of an `in`/`not-in` operand hold arrays, as Firestore's SDK does.
 */
export function cloneValueForQuery(
  call: string,
  value: unknown,
  field: string,
  nestedArrays = false,
): unknown {
  const options = { nestedArrays }
  const state: CloneState = { call, policy: NO_SENTINELS, seen: new Set(), bytes: 0, options }
  const out = cloneValue(value, field, state, 'map', 1)
  if (state.bytes > MAX_DOCUMENT_BYTES) {
    throw invalidArgument(
      call,
      `value for field '${field}' is ${state.bytes} bytes; the limit is ${MAX_DOCUMENT_BYTES} bytes (1 MiB)`,
    )
  }
  return out
}

/** Size in bytes of stored data, as Cloud Firestore counts it. */
export function documentSize(data: DocumentData): number {
  let bytes = 32
  const walk = (value: unknown): void => {
    if (typeof value === 'string') bytes += utf8Length(value) + 1
    else if (typeof value === 'number') bytes += 8
    else if (value === null || typeof value === 'boolean') bytes += 1
    else if (Array.isArray(value)) for (const v of value) walk(v)
    else if (typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        bytes += utf8Length(k) + 1
        walk(v)
      }
    }
  }
  walk(data)
  return bytes
}
