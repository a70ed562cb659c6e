import type { WriteTimestamps } from '../timestamps.js'
import type { DataTableSort, ResolvedColumn } from './dataTable.types.js'

/**
 * The order a bound table shows when it is given no sort, or the user clears every sort key:
 * a sort the header shows (a column), or an order only the query knows (a field with no column,
 * or document id order).
 */
export type DataTableDefaultOrder =
  | { readonly kind: 'column'; readonly sorting: readonly DataTableSort[] }
  | { readonly kind: 'field'; readonly field: string; readonly direction: 'desc' }
  | { readonly kind: 'documentId' }

const STAMP_NAMES = ['createdAt', 'updatedAt']

/**
 * A bound table's default order: newest first on the `timestamps.createdAt` field when the
 * table stamps one and shows it as a sortable column (the header shows the sort); else
 * descending on a date column named `createdAt` or `updatedAt` (by id or field); else document
 * id order.
 */
export function getDataTableDefaultOrder<Row>(
  columns: readonly ResolvedColumn<Row>[],
  timestamps?: WriteTimestamps,
): DataTableDefaultOrder {
  const created = timestamps?.createdAt
  if (created) {
    const column = columns.find((c) => c.sortable && c.field === created)
    if (column) return { kind: 'column', sorting: [{ id: column.id, direction: 'desc' }] }
    // Ordering by a field leaves out the documents without it (older ones, written before the
    // table stamped them), unseen: only a shown column makes that order visible and undoable.
    return { kind: 'documentId' }
  }
  for (const name of STAMP_NAMES) {
    const column = columns.find(
      (c) => c.sortable && c.type === 'date' && (c.id === name || c.field === name),
    )
    if (column) return { kind: 'column', sorting: [{ id: column.id, direction: 'desc' }] }
  }
  return { kind: 'documentId' }
}
