import { describe, invalidArgument } from '../errors.js'
import { getField } from './fieldPath.js'
import { FieldPath, fieldName, userFieldSegments } from './fieldPathInput.js'
import {
  checkDocumentBytes,
  checkFieldName,
  cloneDocument,
  cloneFieldValue,
  documentOverhead,
  isDelete,
  utf8Length,
  isStorableText,
} from './documentValues.js'
import type { SetOptions, WriteOptions } from './types.js'
import type { DeleteWrite, SetWrite, UpdateWrite } from './write.js'

// Turns what users pass to set()/update()/delete() into checked, frozen Write messages. Refs,
// batches and transactions share these, so every entry point rejects the same bad input.

const MAX_ID_BYTES = 1500

/** Ids Cloud Firestore reserves: a reference to one can be built, but not read or written. */
const RESERVED_ID = /^__.*__$/

/**
 * Why `segment` cannot be a document or collection id, or undefined when it can. `reserved`
 * says whether reserved ids (`__x__`) count as a problem: they do for what a backend receives,
 * not for building a reference (Firestore reports them when the reference is used).
 */
function idProblem(segment: string, reserved: boolean): string | undefined {
  if (segment === '') return 'is empty'
  if (segment.includes('/')) return "contains '/'"
  if (segment === '.' || segment === '..') return 'is reserved'
  if (reserved && RESERVED_ID.test(segment)) return 'is reserved (ids like __x__)'
  if (!isStorableText(segment)) return 'contains U+0000 or an unpaired surrogate'
  if (utf8Length(segment) > MAX_ID_BYTES) return `is longer than ${MAX_ID_BYTES} bytes`
  return undefined
}

/**
 * Checks a document id: a non-empty string without '/', not '.' or '..', not reserved
 * (`__x__`), at most 1500 bytes. `reserved: false` lets a reference to a reserved id be built.
 */
export function checkDocId(call: string, id: unknown, reserved = true): string {
  if (typeof id !== 'string' || id === '') {
    throw invalidArgument(call, `document id must be a non-empty string, got ${describe(id)}`)
  }
  const problem = idProblem(id, reserved)
  if (problem) throw invalidArgument(call, `document id ${describe(id)} ${problem}`)
  return id
}

/**
 * Checks a slash-separated path with an odd (collection) or even (document) number of ids, as
 * a backend receives it (reserved ids refused, no leading or trailing '/').
 */
export function checkPath(call: string, path: unknown, kind: 'collection' | 'document'): string {
  return checkSegments(call, path, kind, true)
}

/**
 * Checks a path given to build a reference (`db.collection()`, `db.doc()`), and returns it
 * without a leading or trailing '/', as Cloud Firestore accepts `'/users/'`. Reserved ids are
 * reported when the reference is used (see {@link checkUsablePath}).
 */
export function checkRefPath(call: string, path: unknown, kind: 'collection' | 'document'): string {
  const trimmed = typeof path === 'string' ? path.replace(/^\/|\/$/g, '') : path
  if (trimmed === '' && path !== '') {
    throw invalidArgument(call, `${kind} path ${describe(path)} names no ${kind}`)
  }
  return checkSegments(call, trimmed, kind, false)
}

/**
 * Throws `invalid-argument` when a path that is read, written or listened to holds a reserved
 * id (`__x__`): Cloud Firestore lets such a reference be built and fails the call that uses it.
 */
export function checkUsablePath(call: string, path: string): void {
  const reserved = path.split('/').find((segment) => RESERVED_ID.test(segment))
  if (reserved !== undefined) {
    throw invalidArgument(
      call,
      `path ${describe(path)}: id ${describe(reserved)} is reserved (ids like __x__)`,
    )
  }
}

function checkSegments(
  call: string,
  path: unknown,
  kind: 'collection' | 'document',
  reserved: boolean,
): string {
  if (typeof path !== 'string' || path === '') {
    throw invalidArgument(call, `${kind} path must be a non-empty string, got ${describe(path)}`)
  }
  const segments = path.split('/')
  segments.forEach((segment, i) => {
    const problem = idProblem(segment, reserved)
    if (problem) {
      const what = i % 2 === 0 ? 'collection id' : 'document id'
      throw invalidArgument(
        call,
        segment === ''
          ? `${kind} path ${describe(path)} has an empty segment`
          : `${kind} path ${describe(path)}: ${what} ${describe(segment)} ${problem}`,
      )
    }
  })
  if ((segments.length % 2 === 1) !== (kind === 'collection')) {
    throw invalidArgument(
      call,
      kind === 'collection'
        ? `collection path ${describe(path)} has an even number of segments; that names a document`
        : `document path ${describe(path)} must look like 'collection/id' (an even number of segments)`,
    )
  }
  return path
}

/** Checks a collection path: `'users'` or a sub-collection such as `'users/u1/posts'`. */
export function checkCollectionPath(call: string, path: unknown): string {
  return checkPath(call, path, 'collection')
}

/** Checks the options every write takes. */
export function checkWriteOptions(call: string, options: unknown): WriteOptions {
  if (options === undefined) return {}
  if (typeof options !== 'object' || options === null) {
    throw invalidArgument(call, `options must be an object, got ${describe(options)}`)
  }
  const wait = (options as WriteOptions).wait
  if (wait !== undefined && wait !== 'commit' && wait !== 'local') {
    throw invalidArgument(call, `option 'wait' must be 'commit' or 'local', got ${describe(wait)}`)
  }
  return options as WriteOptions
}

/** How a client reads write data: `ignoreUndefined` is Metal's `ignoreUndefinedProperties`. */
export interface WriteInputOptions {
  /** Leave out map fields set to `undefined` instead of refusing them. @default false */
  readonly ignoreUndefined?: boolean
  /** The project of the writing client: references to another project's documents are refused. */
  readonly project?: string
}

/** Builds a set write. */
export function toSetWrite(
  call: string,
  collection: string,
  id: string,
  data: unknown,
  options: unknown,
  input: WriteInputOptions = {},
): SetWrite {
  checkUsablePath(call, `${collection}/${id}`)
  const opts = checkWriteOptions(call, options) as SetOptions & WriteOptions
  const merge = opts.merge
  let mergePaths: SetWrite['merge']
  if (merge === true) mergePaths = true
  else if (Array.isArray(merge)) {
    mergePaths = merge.map((field: unknown) => {
      const path = userFieldSegments(call, field)
      checkPathNames(call, fieldName(field), path)
      return path
    })
  } else if (merge !== undefined && merge !== false) {
    throw invalidArgument(
      call,
      `option 'merge' must be a boolean or an array of field paths, got ${describe(merge)}`,
    )
  }
  const frozen = cloneDocument(
    call,
    data,
    { transforms: true, deletes: mergePaths !== undefined },
    `${collection}/${id}`,
    { ignoreUndefined: input.ignoreUndefined === true, project: input.project },
  )
  if (Array.isArray(mergePaths)) {
    mergePaths.forEach((path, i) => {
      if (getField(frozen, path) === undefined) {
        throw invalidArgument(
          call,
          `merge field '${fieldName((merge as readonly unknown[])[i])}' is not in the data; use deleteField() to remove it`,
        )
      }
    })
  }
  return mergePaths === undefined
    ? { op: 'set', collection, id, data: frozen }
    : { op: 'set', collection, id, data: frozen, merge: mergePaths }
}

/**
 * Builds an update write from `{ 'a.b': v }` or from `(field, value, field, value, …)`, where a
 * field is a dotted string or a FieldPath. A field named twice takes its last value (Cloud
 * Firestore's rule); a field and a field inside it (`'a'` and `'a.b'`) conflict.
 */
export function toUpdateWrite(
  call: string,
  collection: string,
  id: string,
  args: readonly unknown[],
  input: WriteInputOptions = {},
): UpdateWrite {
  checkUsablePath(call, `${collection}/${id}`)
  let pairs: [unknown, unknown][]
  if (typeof args[0] === 'string' || args[0] instanceof FieldPath) {
    if (args.length % 2 !== 0)
      throw invalidArgument(call, `field ${describe(args[args.length - 1])} has no value`)
    pairs = []
    for (let i = 0; i < args.length; i += 2) pairs.push([args[i], args[i + 1]])
  } else {
    const data = args[0]
    if (
      typeof data !== 'object' ||
      data === null ||
      Array.isArray(data) ||
      Object.getPrototypeOf(data) !== Object.prototype
    ) {
      throw invalidArgument(
        call,
        `update data must be a plain object of field paths, got ${describe(data)}`,
      )
    }
    pairs = Object.entries(data)
  }
  if (pairs.length === 0) throw invalidArgument(call, 'update data must name at least one field')
  const ignoreUndefined = input.ignoreUndefined === true
  if (ignoreUndefined) {
    pairs = pairs.filter(([, value]) => value !== undefined)
    if (pairs.length === 0) {
      throw invalidArgument(call, 'every field of the update is undefined; nothing to update')
    }
  }
  const name = `${collection}/${id}`
  // A lower bound of the updated document's size: the maps and fields the paths create (each
  // name once) and the values written. The backend checks the exact size of the result.
  let bytes = documentOverhead(name)
  const created = new Set<string>()
  const fields = lastValues(call, pairs).map(([field, path, value]) => {
    checkPathNames(call, field, path)
    if (value === undefined)
      throw invalidArgument(call, `field '${field}' is undefined; use deleteField() to remove it`)
    const checked = cloneFieldValue(
      call,
      field,
      value,
      { transforms: true, deletes: 'top-level' },
      { ignoreUndefined, project: input.project },
    )
    if (!isDelete(value)) {
      bytes += checked.bytes
      path.forEach((segment, i) => {
        const prefix = path.slice(0, i + 1).join('\u0000')
        if (created.has(prefix)) return
        created.add(prefix)
        bytes += utf8Length(segment) + 1
      })
    }
    return [path, checked.value] as const
  })
  checkDocumentBytes(call, bytes, name)
  return { op: 'update', collection, id, fields }
}

/**
 * The update's fields parsed, each once with the last value given for it (in the order each was
 * first named); throws when one field lies inside another (`'a'` and `'a.b'`).
 */
function lastValues(
  call: string,
  pairs: readonly (readonly [unknown, unknown])[],
): [field: string, path: readonly string[], value: unknown][] {
  const byPath = new Map<string, [string, readonly string[], unknown]>()
  for (const [field, value] of pairs) {
    const path = userFieldSegments(call, field)
    const key = path.join('\u0000')
    const known = byPath.get(key)
    if (known) known[2] = value
    else byPath.set(key, [fieldName(field), path, value])
  }
  const fields = [...byPath.values()]
  fields.forEach(([field, path], i) => {
    for (const [other, otherPath] of fields.slice(0, i)) {
      const [short, long] = path.length < otherPath.length ? [path, otherPath] : [otherPath, path]
      if (short.every((s, j) => s === long[j])) {
        throw invalidArgument(call, `field '${field}' overlaps field '${other}' in the same update`)
      }
    }
  })
  return fields
}

/** Throws when a segment of a written field path is a reserved name (`'a.__x__'`). */
function checkPathNames(call: string, field: string, segments: readonly string[]): void {
  for (const segment of segments) checkFieldName(call, segment, field)
}

/** Builds a delete write; `call` names the method in errors. */
export function toDeleteWrite(collection: string, id: string, call = 'delete()'): DeleteWrite {
  checkUsablePath(call, `${collection}/${id}`)
  return { op: 'delete', collection, id }
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** Largest multiple of 62 that fits a byte: bytes at or above it are skipped to avoid bias. */
const UNBIASED = 256 - (256 % ALPHABET.length)

/** A random 20-character document id, uniform over the 62-letter alphabet. */
export function autoId(): string {
  let id = ''
  const bytes = new Uint8Array(40)
  while (id.length < 20) {
    if (typeof crypto !== 'undefined' && crypto.getRandomValues) crypto.getRandomValues(bytes)
    else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256)
    for (const b of bytes) {
      if (b < UNBIASED && id.length < 20) id += ALPHABET[b % ALPHABET.length]
    }
  }
  return id
}
