import { describe, invalidArgument } from '../errors.js'
import { isStorableText, utf8Length } from './documentValues.js'
import type { DocumentData } from './types.js'

/** The special field path that refers to a document's id (`orderBy(documentId())`). */
export const DOCUMENT_ID = '__name__'

/** Longest field path, in UTF-8 bytes (Cloud Firestore's limit). */
export const MAX_FIELD_PATH_BYTES = 1500

const cache = new Map<string, readonly string[]>()

/**
 * Splits and checks a field path as a query spec holds it: Cloud Firestore's canonical form,
 * dotted segments where a segment may be quoted in backticks (`` a.`b.c`.`x\`y` ``, backtick and
 * backslash escaped with a backslash) to hold any character. Unquoted segments are taken as they
 * are (`'metadata.lastLogin'`, `'my-field'`), so a plain dotted path is its own spec form. Empty
 * segments (`'a..b'`), leading or trailing dots, paths over {@link MAX_FIELD_PATH_BYTES} and
 * non-strings are rejected with `invalid-argument`. Every reader of a spec's fields uses this.
 */
export function parseFieldPath(call: string, path: unknown): readonly string[] {
  if (typeof path !== 'string') {
    throw invalidArgument(call, `field path must be a string, got ${describe(path)}`)
  }
  const known = cache.get(path)
  if (known) return known
  if (path === '') throw invalidArgument(call, `field path must not be empty`)
  if (path.length > MAX_FIELD_PATH_BYTES || utf8Length(path) > MAX_FIELD_PATH_BYTES) {
    throw invalidArgument(
      call,
      `field path ${describe(path)} is longer than ${MAX_FIELD_PATH_BYTES} bytes`,
    )
  }
  if (!isStorableText(path)) {
    throw invalidArgument(
      call,
      `field path ${describe(path)} holds U+0000 or an unpaired surrogate`,
    )
  }
  const segments = path.includes('`') ? splitQuoted(call, path) : path.split('.')
  if (segments.some((s) => s === '')) {
    throw invalidArgument(
      call,
      `field path '${path}' has an empty segment; write paths like 'a.b.c'`,
    )
  }
  if (segments.length > 1 && segments.includes(DOCUMENT_ID)) {
    throw invalidArgument(
      call,
      `field path '${path}' uses the reserved name '${DOCUMENT_ID}' inside a path`,
    )
  }
  Object.freeze(segments)
  if (cache.size > 10_000) cache.clear()
  cache.set(path, segments)
  return segments
}

/** Splits a canonical path whose segments may be quoted in backticks. */
function splitQuoted(call: string, path: string): string[] {
  const segments: string[] = []
  let i = 0
  for (;;) {
    let segment = ''
    if (path[i] === '`') {
      i++
      for (;;) {
        if (i >= path.length) {
          throw invalidArgument(call, `field path ${describe(path)} has an unclosed backtick`)
        }
        const c = path[i++] as string
        if (c === '`') break
        segment += c === '\\' && i < path.length ? (path[i++] as string) : c
      }
      if (i < path.length && path[i] !== '.') {
        throw invalidArgument(
          call,
          `field path ${describe(path)}: expected '.' after a quoted segment`,
        )
      }
    } else {
      const end = path.indexOf('.', i)
      segment = path.slice(i, end < 0 ? path.length : end)
      i = end < 0 ? path.length : end
    }
    segments.push(segment)
    if (i >= path.length) return segments
    i++
  }
}

// Names every plain object inherits (`constructor`, `toString`…): a field with such a name exists
// only if the document has it as its own property.
const INHERITED: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype))
const hasOwn = Object.prototype.hasOwnProperty

/** Reads the value at `segments` in `data`; `undefined` when any step is missing. */
export function getField(data: unknown, segments: readonly string[]): unknown {
  let value = data
  for (let i = 0; i < segments.length; i++) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
    const key = segments[i] as string
    if (INHERITED.has(key) && !hasOwn.call(value, key)) return undefined
    value = (value as Record<string, unknown>)[key]
  }
  return value
}

/** Reads a field of a document, resolving {@link DOCUMENT_ID} to the id. */
export function getDocField(id: string, data: unknown, segments: readonly string[]): unknown {
  return segments.length === 1 && segments[0] === DOCUMENT_ID ? id : getField(data, segments)
}

/** Reads one field of a document: `(id, data) => value`, `undefined` when missing. */
export type FieldGetter = (id: string, data: DocumentData) => unknown

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

// V8 keeps a property load's type feedback per function literal, not per closure: one literal
// `(id, data) => data[key]` used for many different keys turns megamorphic, and each read then
// costs several times more (measured ~4x over 100k documents). Handing field names out over a
// few identical literals keeps each literal's loads on one key in the common case of a handful
// of queried fields. The results do not depend on which literal reads a field.
type Reader1 = (a: string) => FieldGetter
type Reader2 = (a: string, b: string) => FieldGetter
const READ1: readonly Reader1[] = [
  (a) => (_id, data) => data[a],
  (a) => (_id, data) => data[a],
  (a) => (_id, data) => data[a],
  (a) => (_id, data) => data[a],
  (a) => (_id, data) => data[a],
  (a) => (_id, data) => data[a],
  (a) => (_id, data) => data[a],
  (a) => (_id, data) => data[a],
]
const READ2: readonly Reader2[] = [
  (a, b) => (_id, data) => {
    const v = data[a]
    return isMap(v) ? v[b] : undefined
  },
  (a, b) => (_id, data) => {
    const v = data[a]
    return isMap(v) ? v[b] : undefined
  },
  (a, b) => (_id, data) => {
    const v = data[a]
    return isMap(v) ? v[b] : undefined
  },
  (a, b) => (_id, data) => {
    const v = data[a]
    return isMap(v) ? v[b] : undefined
  },
]
/** Compiled getters by field path, so every query reading a field shares one getter. */
const getters = new Map<string, FieldGetter>()
let made = 0

/**
 * Compiles a read of `segments` with the same result as {@link getDocField}, decided once:
 * {@link DOCUMENT_ID} returns the id, a top-level field is a single property load (document data
 * is always a map), a two-segment path two loads, and longer paths walk the segments.
 */
export function fieldGetter(segments: readonly string[]): FieldGetter {
  // Segments may hold dots (`new FieldPath('a.b')`) but never U+0000.
  const key = segments.join('\u0000')
  let get = getters.get(key)
  if (get) return get
  const n = made++
  if (segments.length === 1 && segments[0] === DOCUMENT_ID) get = (id) => id
  else if (segments.some((s) => INHERITED.has(s))) get = (_id, data) => getField(data, segments)
  else if (segments.length === 1) get = (READ1[n % READ1.length] as Reader1)(segments[0] as string)
  else if (segments.length === 2) {
    get = (READ2[n % READ2.length] as Reader2)(segments[0] as string, segments[1] as string)
  } else get = (_id, data) => getField(data, segments)
  if (getters.size > 10_000) getters.clear()
  getters.set(key, get)
  return get
}
