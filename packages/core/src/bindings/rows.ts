import type { DocumentSnapshot, QuerySnapshot } from '../snapshot.js'
import type { DeepReadonly, DocumentData } from '../types.js'

/**
 * A document as a plain, frozen row: its data plus `id`, readonly at every depth like
 * `snapshot.data()`. The document id wins over a data field that is also called `id`.
 */
export type MetalRow<T = DocumentData> = DeepReadonly<T> & { readonly id: string }

// Keyed by the document's data object: the store keeps that object while the document is
// unchanged, so an unchanged document maps to the same row and memoised views skip it.
const rows = new WeakMap<object, MetalRow<unknown>>()

/** The row of a document snapshot (`null` when the document does not exist). */
export function toRow<T>(snapshot: DocumentSnapshot<T>): MetalRow<T> | null {
  const data = snapshot.data() as object | undefined
  if (data === undefined) return null
  const known = rows.get(data)
  if (known && known.id === snapshot.id) return known as MetalRow<T>
  const row = Object.freeze({ ...data, id: snapshot.id }) as MetalRow<T>
  rows.set(data, row as MetalRow<unknown>)
  return row
}

/** The rows of a query result, in order; unchanged documents keep their row object. */
export function toRows<T>(snapshot: QuerySnapshot<T>): MetalRow<T>[] {
  return snapshot.docs.map((doc) => toRow(doc) as MetalRow<T>)
}
