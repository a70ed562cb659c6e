import type { DocumentSnapshot, QuerySnapshot } from '../snapshot.js'
import type { DeepReadonly, DocumentData } from '../types.js'

/**
 * A document as a plain, frozen row, readonly at every depth like `snapshot.data()`: its data
 * plus `id` (the document id wins over a data field that is also called `id`), and `hasPendingWrites`, true while a write of this client to the
 * document is not yet committed, so a UI can show "saving…" per row.
 *
 * `hasPendingWrites` is not enumerable: spreading a row (`{ ...row, done: true }`) or
 * serialising it (a dehydrated cache) leaves it out, so it is never written back as data. A row
 * rebuilt from serialised data (hydrated from a server render) reads `undefined` until the live
 * subscription delivers, which counts as nothing pending.
 */
export type MetalRow<T = DocumentData> = DeepReadonly<T> & {
  readonly id: string
  readonly hasPendingWrites: boolean
}

// Keyed by the document's data object: the store keeps that object while the document is
// unchanged, so an unchanged document maps to the same row and memoised views skip it.
const rows = new WeakMap<object, MetalRow<unknown>>()
// The stored data behind a row read through a converter (cursors read the stored fields).
const stored = new WeakMap<object, unknown>()

/**
 * The row of a document snapshot (`null` when the document does not exist). Read through a
 * converter (`withConverter()`), the row is the model with `id` added, on the model's prototype,
 * so a class model keeps its methods.
 */
export function toRow<T>(snapshot: DocumentSnapshot<T>): MetalRow<T> | null {
  const data = snapshot.data() as object | undefined
  if (data === undefined) return null
  const pending = snapshot.hasPendingWrites
  const known = rows.get(data)
  if (known && known.id === snapshot.id && known.hasPendingWrites === pending)
    return known as MetalRow<T>
  const row = Object.defineProperty(
    Object.assign(Object.create(Object.getPrototypeOf(data) as object | null) as object, data, {
      id: snapshot.id,
    }),
    'hasPendingWrites',
    { value: pending, enumerable: false },
  )
  Object.freeze(row)
  rows.set(data, row as MetalRow<unknown>)
  const raw = (snapshot as { raw?: DocumentSnapshot }).raw
  if (raw) stored.set(row, raw.data())
  return row as MetalRow<T>
}

/** The stored data of a row: the row itself, or what a converter made it from. */
export function storedData(row: object): unknown {
  return stored.has(row) ? stored.get(row) : row
}

/** The rows of a query result, in order; unchanged documents keep their row object. */
export function toRows<T>(snapshot: QuerySnapshot<T>): MetalRow<T>[] {
  return snapshot.docs.map((doc) => toRow(doc) as MetalRow<T>)
}
