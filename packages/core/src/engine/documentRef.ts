import { describe, invalidArgument } from '../errors.js'
import { isRefValue, REF_KEY, type RefValue } from './values.js'

// Document references given to writes and queries (values.ts has their stored form). A client's
// DocumentReference is recognised by `DOCUMENT_PATH`, so the engine needs no client import.

/** The property by which a client's DocumentReference gives its path to the engine. */
export const DOCUMENT_PATH: unique symbol = Symbol.for('metal.documentPath')

/** The property by which a client's DocumentReference gives the engine its client's project. */
export const DOCUMENT_PROJECT: unique symbol = Symbol.for('metal.documentProject')

/** What carries a document path to the engine: a client's DocumentReference. */
export interface DocumentPathCarrier {
  readonly [DOCUMENT_PATH]: string
}

/** The stored reference to the document at `path` (a checked document path). */
export function refValue(path: string): RefValue {
  return Object.freeze({ [REF_KEY]: path })
}

/**
 * The stored reference a written or compared value stands for: a DocumentReference (anything
 * carrying `DOCUMENT_PATH`), or the stored form itself (`{ __ref__: path }` and no other key;
 * with others it is a map, whose reserved `__ref__` key the caller refuses). Else undefined.
 */
export function toRefValue(
  call: string,
  value: object,
  at: string,
  project?: string,
): RefValue | undefined {
  const given = (value as { [DOCUMENT_PATH]?: unknown })[DOCUMENT_PATH]
  if (typeof given === 'string') {
    // As Firestore refuses a reference of another database: it would name another project's data.
    const of = (value as { [DOCUMENT_PROJECT]?: unknown })[DOCUMENT_PROJECT]
    if (project !== undefined && typeof of === 'string' && of !== project) {
      throw invalidArgument(
        call,
        `${at} is a reference to '${given}' of project '${of}', not of this client's project '${project}'`,
      )
    }
    return refValue(given)
  }
  if (!isRefValue(value) || Object.keys(value).length !== 1) return undefined
  const path = value[REF_KEY]
  // The rules of `checkPath` (writeInput.ts, which would import this file back): an even number
  // of ids, none empty, `.`, `..`, `__x__`, or holding U+0000 or an unpaired surrogate.
  const segments = typeof path === 'string' ? path.split('/') : []
  if (
    segments.length % 2 === 1 ||
    segments.some((s) => /^(\.\.?|__.*__|)$|[\0\p{Cs}]/u.test(s)) ||
    segments.length === 0
  ) {
    throw invalidArgument(call, `${at} is a reference to ${describe(path)}, not to a document`)
  }
  return refValue(path as string)
}
