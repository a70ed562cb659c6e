import { SELECT_COLUMN_ID, getColumnWidth, getGridColumnIds } from './dataTable.columns.js'
import { getPageSelection, isRowSelected } from './dataTable.selection.js'
import type { DataTableEvent, DataTableKeyInput, DataTableState } from './dataTable.types.js'

/**
 * The grid's keyboard, as the WAI-ARIA grid pattern and MUI X's data grid have it. The grid is
 * one Tab stop (the focused cell, `tabIndex` 0); keys act on the focused cell. In right-to-left
 * tables `connectDataTable` swaps ArrowLeft and ArrowRight first, so they follow the screen.
 *
 * | Where          | Key                                   | Does                                          |
 * | -------------- | ------------------------------------- | --------------------------------------------- |
 * | anywhere       | Arrow keys                            | move focus one cell                           |
 * | anywhere       | Home / End                            | first / last cell of the row                  |
 * | anywhere       | Ctrl+Home / Ctrl+End                  | first cell of the grid / last cell of the page |
 * | anywhere       | PageUp / PageDown                     | move focus by a screenful of rows             |
 * | column header  | Enter or Space                        | sort (asc → desc → none); Shift adds a key    |
 * | column header  | Ctrl+ArrowRight / Ctrl+ArrowLeft      | widen / narrow the column 10 px (Shift: 50)   |
 * | column header  | Alt+ArrowDown, Shift+F10, ContextMenu | open the column menu                          |
 * | checkbox header| Enter or Space                        | select or clear the rows of the page          |
 * | cell           | Space                                 | toggle the row's selection                    |
 * | cell           | Shift+Space                           | select the row, keeping the others            |
 * | cell           | Shift+ArrowUp / Shift+ArrowDown       | move and extend the selection to that row     |
 * | cell           | Ctrl+A / Cmd+A                        | select every matching row                     |
 * | cell           | Enter or F2                           | edit an editable cell (Enter opens the row otherwise) |
 * | cell           | Escape                                | cancel the edit; else clear the selection     |
 * | editor         | Enter / Escape                        | save / cancel the edit                        |
 *
 * Pure: gives the events a key press stands for, in order; `update` applies them.
 */
export function dataTableKeyEvents<Row>(
  state: DataTableState<Row>,
  input: DataTableKeyInput,
): DataTableEvent[] {
  const { key, rowIds } = input
  const ctrl = input.ctrlKey === true || input.metaKey === true
  const shift = input.shiftKey === true
  if (state.editing) return key === 'Escape' ? [{ type: 'CANCEL_EDIT' }] : []
  const columns = getGridColumnIds(state)
  const lastRow = rowIds.length
  const lastCol = columns.length - 1
  const row = Math.min(state.focus.row, lastRow)
  const col = Math.min(state.focus.col, lastCol)
  const columnId = columns[col]
  const rowId = row > 0 ? rowIds[row - 1] : undefined
  const column = state.columns.find((c) => c.id === columnId)
  const step = input.pageStep ?? 10
  const move = (r: number, c: number): DataTableEvent[] => {
    const to = { row: Math.max(0, Math.min(r, lastRow)), col: Math.max(0, Math.min(c, lastCol)) }
    if (to.row === state.focus.row && to.col === state.focus.col) return []
    return [{ type: 'FOCUS_CELL', ...to }]
  }

  // ─── Column header ───
  if (row === 0 && column) {
    const menu = (input.altKey && key === 'ArrowDown') || (shift && key === 'F10')
    if (menu || key === 'ContextMenu') return [{ type: 'OPEN_COLUMN_MENU', columnId: column.id }]
    if (ctrl && (key === 'ArrowLeft' || key === 'ArrowRight')) {
      const delta = (shift ? 50 : 10) * (key === 'ArrowRight' ? 1 : -1)
      const width = Math.max(column.minWidth, getColumnWidth(state, column) + delta)
      return [{ type: 'RESIZE_COLUMN', columnId: column.id, width }]
    }
    if (key === 'Enter' || key === ' ') {
      return column.sortable ? [{ type: 'TOGGLE_SORT', columnId: column.id, multi: shift }] : []
    }
  }
  if (input.altKey) return []

  // ─── Selection ───
  if (state.selectable) {
    if (ctrl && (key === 'a' || key === 'A')) return [{ type: 'SELECT_ALL_MATCHING' }]
    if (rowId !== undefined && key === ' ') {
      return shift
        ? [{ type: 'SET_ROWS_SELECTED', rowIds: [rowId], selected: true }]
        : [{ type: 'TOGGLE_ROW', rowId }]
    }
    if (rowId === undefined && columnId === SELECT_COLUMN_ID && (key === ' ' || key === 'Enter')) {
      const selected = getPageSelection(state.selection, rowIds) !== 'all'
      return [{ type: 'SET_ROWS_SELECTED', rowIds, selected }]
    }
    if (shift && rowId !== undefined && (key === 'ArrowUp' || key === 'ArrowDown')) {
      const to = Math.max(1, Math.min(row + (key === 'ArrowUp' ? -1 : 1), lastRow))
      const ids = [rowId, rowIds[to - 1] as string]
      const select: DataTableEvent[] = ids.some((id) => !isRowSelected(state.selection, id))
        ? [{ type: 'SET_ROWS_SELECTED', rowIds: ids, selected: true }]
        : []
      return [...select, ...move(to, col)]
    }
    if (key === 'Escape' && (state.selection.all || state.selection.ids.length > 0)) {
      return [{ type: 'CLEAR_SELECTION' }]
    }
  }

  // ─── Focus ───
  switch (key) {
    case 'ArrowUp':
      return move(row - 1, col)
    case 'ArrowDown':
      return move(row + 1, col)
    case 'ArrowLeft':
      return move(row, col - 1)
    case 'ArrowRight':
      return move(row, col + 1)
    case 'Home':
      return ctrl ? move(0, 0) : move(row, 0)
    case 'End':
      return ctrl ? move(lastRow, lastCol) : move(row, lastCol)
    case 'PageUp':
      return move(row - step, col)
    case 'PageDown':
      return move(row + step, col)
  }

  // ─── Cells ───
  if (rowId === undefined || columnId === undefined) return []
  if (columnId === SELECT_COLUMN_ID && key === 'Enter') return [{ type: 'TOGGLE_ROW', rowId }]
  if ((key === 'Enter' || key === 'F2') && column?.editable) {
    const value = input.rowValue?.(rowId, columnId)
    return [{ type: 'START_EDIT', rowId, columnId, value }]
  }
  return []
}

/** Keys the grid handles (a view prevents their default action when the grid takes them). */
export function isDataTableKey(key: string, ctrl: boolean): boolean {
  return GRID_KEYS.has(key) || (ctrl && (key === 'a' || key === 'A'))
}

const GRID_KEYS = new Set([
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'Enter',
  'F2',
  'F10',
  ' ',
  'Escape',
  'ContextMenu',
])
