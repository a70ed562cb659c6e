// Edits of an unbound table waiting for its `onCellEdit`: shown over the given rows until the
// write settles (kept on success by the caller's new rows, dropped on failure: the rollback).

/** Pending edits by row id: the fields (dotted paths) and the values written to them. */
export type DataTablePendingEdits = ReadonlyMap<string, Readonly<Record<string, unknown>>>

/** The pending edits with `field` of `rowId` set to `value`. */
export function addPendingEdit(
  edits: DataTablePendingEdits,
  rowId: string,
  field: string,
  value: unknown,
): DataTablePendingEdits {
  return new Map(edits).set(rowId, { ...edits.get(rowId), [field]: value })
}

/** The pending edits without `field` of `rowId` (its write settled). */
export function settlePendingEdit(
  edits: DataTablePendingEdits,
  rowId: string,
  field: string,
): DataTablePendingEdits {
  const next = new Map(edits)
  const patch = { ...next.get(rowId) }
  delete patch[field]
  if (Object.keys(patch).length === 0) next.delete(rowId)
  else next.set(rowId, patch)
  return next
}

/** `rows` with the pending edits laid over them (copies of the edited rows; the rest as given). */
export function applyPendingEdits<Row>(
  rows: readonly Row[],
  edits: DataTablePendingEdits,
  getRowId: (row: Row) => string,
): readonly Row[] {
  if (edits.size === 0) return rows
  return rows.map((row) => {
    const patch = edits.get(getRowId(row))
    return patch ? withFields(row, patch) : row
  })
}

function withFields<Row>(row: Row, patch: Readonly<Record<string, unknown>>): Row {
  const copy = structuredClone(row) as Record<string, unknown>
  for (const [path, value] of Object.entries(patch)) {
    const keys = path.split('.')
    let target = copy
    for (const key of keys.slice(0, -1)) {
      if (typeof target[key] !== 'object' || target[key] === null) target[key] = {}
      target = target[key] as Record<string, unknown>
    }
    target[keys[keys.length - 1] as string] = value
  }
  return copy as Row
}
