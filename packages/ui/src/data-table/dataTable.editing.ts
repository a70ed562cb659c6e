import { MetalError } from '@metal/core'
import { columnById } from './dataTable.check.js'
import { getFieldValue, parseDraft } from './dataTable.values.js'
import type { DataTableMessages } from './dataTable.messages.js'
import type { DataTableEvent, DataTableState } from './dataTable.types.js'

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
  messages?: DataTableMessages,
):
  | { ok: true; rowId: string; columnId: string; field: string; value: unknown }
  | { ok: false; error: string } {
  const editing = state.editing
  if (!editing) {
    throw new MetalError('failed-precondition', 'resolveEdit(): no cell is being edited')
  }
  const column = columnById(state, 'resolveEdit()', editing.columnId)
  const parsed = parseDraft(column, editing.draft, messages)
  if (!parsed.ok) return parsed
  const error = column.validate?.(parsed.value, row)
  if (error) return { ok: false, error }
  const { rowId, columnId } = editing
  return { ok: true, rowId, columnId, field: column.field as string, value: parsed.value }
}

/** Writes an edited cell's value to wherever the rows come from; a rejection shows on the cell. */
export type DataTableWrite = (
  rowId: string,
  field: string,
  value: unknown,
) => Promise<unknown> | void

/**
 * Ends the edit in progress: checks the draft (`resolveEdit`) and either shows its error or ends
 * the edit and hands a changed value to `write`, whose rejection becomes the cell's error.
 * Returns whether the edit ended with a value (the view then moves focus back to the cell).
 *
 * @param row - the edited row as shown, or `undefined` when it has gone (the edit is dropped)
 */
export function commitDataTableEdit<Row>(
  state: DataTableState<Row>,
  row: Row | undefined,
  send: (event: DataTableEvent) => void,
  write?: DataTableWrite,
  messages?: DataTableMessages,
): boolean {
  if (!state.editing) return false
  if (row === undefined) {
    send({ type: 'CANCEL_EDIT' })
    return false
  }
  const result = resolveEdit(state, row, messages)
  if (!result.ok) {
    send({ type: 'SET_EDIT_ERROR', error: result.error })
    return false
  }
  send({ type: 'END_EDIT' })
  if (!write || getFieldValue(row, result.field) === result.value) return true
  Promise.resolve(write(result.rowId, result.field, result.value)).catch((error: unknown) =>
    send({
      type: 'SET_CELL_ERROR',
      rowId: result.rowId,
      columnId: result.columnId,
      error: error instanceof Error ? error.message : String(error),
    }),
  )
  return true
}
