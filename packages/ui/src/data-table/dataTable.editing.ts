import { MetalError } from '@metal/core'
import { columnById } from './dataTable.check.js'
import { parseDraft } from './dataTable.values.js'
import type { DataTableState } from './dataTable.types.js'

/** Key of a cell in `cellErrors`. */
export function cellKey(rowId: string, columnId: string): string {
  return `${rowId}\u0000${columnId}`
}

/** `cellErrors` by row id, then column id: what each row of the view needs of them. */
export function groupCellErrors(
  cellErrors: Readonly<Record<string, string>>,
): Map<string, Record<string, string>> {
  const map = new Map<string, Record<string, string>>()
  for (const [key, error] of Object.entries(cellErrors)) {
    const at = key.indexOf('\u0000')
    const rowId = key.slice(0, at)
    map.set(rowId, { ...map.get(rowId), [key.slice(at + 1)]: error })
  }
  return map
}

/**
 * Checks the cell being edited: parses the draft for its column type and runs the column's
 * `validate`. Gives the value to write, or the error to show on the cell.
 */
export function resolveEdit<Row>(
  state: DataTableState<Row>,
  row: Row,
):
  | { ok: true; rowId: string; columnId: string; field: string; value: unknown }
  | { ok: false; error: string } {
  const editing = state.editing
  if (!editing) {
    throw new MetalError('failed-precondition', 'resolveEdit(): no cell is being edited')
  }
  const column = columnById(state, 'resolveEdit()', editing.columnId)
  const parsed = parseDraft(column, editing.draft)
  if (!parsed.ok) return parsed
  const error = column.validate?.(parsed.value, row)
  if (error) return { ok: false, error }
  const { rowId, columnId } = editing
  return { ok: true, rowId, columnId, field: column.field as string, value: parsed.value }
}
