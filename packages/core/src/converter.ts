import { describe, invalidArgument } from './errors.js'
import type { SetOptions } from './types.js'

// `withConverter()`: an app model on top of the stored data, as Cloud Firestore's
// FirestoreDataConverter. Reads convert with `fromFirestore(rawSnapshot, options)` (the converted
// snapshot lives in reference.ts); set(), add(), batch.set() and transaction.set() convert with
// `toFirestore(model, options?)`, the options given only for merges; update() takes stored field
// paths and is not converted. This file imports no reference, query or snapshot.

/** A converter of any model, as references and queries hold it. */
export interface AnyConverter {
  toFirestore(model: unknown, options?: SetOptions): unknown
  fromFirestore(snapshot: unknown, options?: unknown): unknown
}

/** Checks `withConverter()`'s argument: a converter, or null to remove one. */
export function checkConverter(call: string, converter: unknown): AnyConverter | null {
  if (converter === null) return null
  const c = converter as Partial<AnyConverter> | undefined
  if (
    typeof c !== 'object' ||
    typeof c.toFirestore !== 'function' ||
    typeof c.fromFirestore !== 'function'
  ) {
    throw invalidArgument(
      call,
      `expected a converter { toFirestore, fromFirestore } or null, got ${describe(converter)}`,
    )
  }
  return c as AnyConverter
}

/** The data to store for `model`: converted when the reference has a converter. */
export function toStored(
  converter: AnyConverter | null,
  model: unknown,
  options: SetOptions | undefined,
): unknown {
  if (!converter) return model
  const merge = options?.merge
  return merge === true || Array.isArray(merge)
    ? converter.toFirestore(model, options)
    : converter.toFirestore(model)
}
