import { describe, invalidArgument } from './errors.js'

/** The special field path that refers to a document's id (`orderBy(documentId())`). */
export const DOCUMENT_ID = '__name__'

/** A field path usable in queries that stands for the document id. */
export function documentId(): typeof DOCUMENT_ID {
  return DOCUMENT_ID
}

const cache = new Map<string, readonly string[]>()

/**
 * Splits and checks a dotted field path (`'metadata.lastLogin'`). Empty segments (`'a..b'`),
 * leading or trailing dots and non-strings are rejected with `invalid-argument`.
 */
export function parseFieldPath(call: string, path: unknown): readonly string[] {
  if (typeof path !== 'string') {
    throw invalidArgument(call, `field path must be a string, got ${describe(path)}`)
  }
  const known = cache.get(path)
  if (known) return known
  if (path === '') throw invalidArgument(call, `field path must not be empty`)
  const segments = path.split('.')
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

/** Reads the value at `segments` in `data`; `undefined` when any step is missing. */
export function getField(data: unknown, segments: readonly string[]): unknown {
  let value = data
  for (let i = 0; i < segments.length; i++) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
    value = (value as Record<string, unknown>)[segments[i] as string]
  }
  return value
}

/** Reads a field of a document, resolving {@link DOCUMENT_ID} to the id. */
export function getDocField(id: string, data: unknown, segments: readonly string[]): unknown {
  return segments.length === 1 && segments[0] === DOCUMENT_ID ? id : getField(data, segments)
}
