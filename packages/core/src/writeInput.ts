import { describe, invalidArgument } from './errors.js'
import { parseFieldPath } from './fieldPath.js'
import { cloneDocument, utf8Length } from './values.js'
import type { SetOptions, WriteOptions } from './types.js'
import type { DeleteWrite, SetWrite, UpdateWrite } from './write.js'

// Turns what users pass to set()/update()/delete() into checked, frozen Write messages. Refs,
// batches and transactions share these, so every entry point rejects the same bad input.

const MAX_ID_BYTES = 1500

/** Checks a document id: a non-empty string without '/', not '.' or '..', at most 1500 bytes. */
export function checkDocId(call: string, id: unknown): string {
  if (typeof id !== 'string' || id === '') {
    throw invalidArgument(call, `document id must be a non-empty string, got ${describe(id)}`)
  }
  if (id.includes('/')) throw invalidArgument(call, `document id '${id}' must not contain '/'`)
  if (id === '.' || id === '..') throw invalidArgument(call, `document id '${id}' is reserved`)
  if (/^__.*__$/.test(id))
    throw invalidArgument(call, `document id '${id}' is reserved (ids like __x__)`)
  if (utf8Length(id) > MAX_ID_BYTES)
    throw invalidArgument(call, `document id is longer than ${MAX_ID_BYTES} bytes`)
  return id
}

/** Checks a collection path: `'users'` or a sub-collection such as `'users/u1/posts'`. */
export function checkCollectionPath(call: string, path: unknown): string {
  if (typeof path !== 'string' || path === '') {
    throw invalidArgument(call, `collection path must be a non-empty string, got ${describe(path)}`)
  }
  const segments = path.split('/')
  if (segments.length % 2 === 0) {
    throw invalidArgument(
      call,
      `collection path '${path}' has an even number of segments; that names a document`,
    )
  }
  for (const s of segments) checkDocId(call, s)
  return path
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

/** Builds a set write. */
export function toSetWrite(
  call: string,
  collection: string,
  id: string,
  data: unknown,
  options: unknown,
): SetWrite {
  const opts = checkWriteOptions(call, options) as SetOptions & WriteOptions
  const merge = opts.merge
  let mergePaths: SetWrite['merge']
  if (merge === true) mergePaths = true
  else if (Array.isArray(merge)) mergePaths = merge.map((p) => parseFieldPath(call, p))
  else if (merge !== undefined && merge !== false) {
    throw invalidArgument(
      call,
      `option 'merge' must be a boolean or an array of field paths, got ${describe(merge)}`,
    )
  }
  const frozen = cloneDocument(
    call,
    data,
    { transforms: true, deletes: mergePaths !== undefined },
    utf8Length(id) + utf8Length(collection),
  )
  return mergePaths === undefined
    ? { op: 'set', collection, id, data: frozen }
    : { op: 'set', collection, id, data: frozen, merge: mergePaths }
}

/** Builds an update write from `{ 'a.b': v }` or from `(field, value, field, value, …)`. */
export function toUpdateWrite(
  call: string,
  collection: string,
  id: string,
  args: readonly unknown[],
): UpdateWrite {
  let pairs: [string, unknown][]
  if (typeof args[0] === 'string') {
    if (args.length % 2 !== 0)
      throw invalidArgument(call, `field '${args[args.length - 1] as string}' has no value`)
    pairs = []
    for (let i = 0; i < args.length; i += 2) pairs.push([args[i] as string, args[i + 1]])
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
  const seen: string[] = []
  const fields = pairs.map(([field, value]) => {
    const path = parseFieldPath(call, field)
    for (const other of seen) {
      if (other === field || other.startsWith(`${field}.`) || field.startsWith(`${other}.`)) {
        throw invalidArgument(call, `field '${field}' overlaps field '${other}' in the same update`)
      }
    }
    seen.push(field)
    if (value === undefined)
      throw invalidArgument(call, `field '${field}' is undefined; use deleteField() to remove it`)
    // Checked as a one-field document so messages name the whole path ('a.b.c').
    return [
      path,
      cloneDocument(call, { [field]: value }, { transforms: true, deletes: true })[field],
    ] as const
  })
  return { op: 'update', collection, id, fields }
}

/** Builds a delete write. */
export function toDeleteWrite(collection: string, id: string): DeleteWrite {
  return { op: 'delete', collection, id }
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** A random 20-character document id. */
export function autoId(): string {
  const bytes = new Uint8Array(20)
  if (typeof crypto !== 'undefined' && crypto.getRandomValues) crypto.getRandomValues(bytes)
  else for (let i = 0; i < 20; i++) bytes[i] = Math.floor(Math.random() * 256)
  let id = ''
  for (let i = 0; i < 20; i++) id += ALPHABET[(bytes[i] as number) % 62]
  return id
}
