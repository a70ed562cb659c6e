import { SELECT_COLUMN_ID, getColumnWidth, getGridColumnIds } from './dataTable.columns.js'
import { cellKey } from './dataTable.editing.js'
import { getPageSelection, getSelectedCount, isRowSelected } from './dataTable.selection.js'
import { getAriaSort } from './dataTable.sorting.js'
import type { DataTableEvent, DataTableState, ResolvedColumn } from './dataTable.types.js'

/** The words a data table shows or announces; override them to translate. */
export interface DataTableMessages {
  /** @default 'Select all rows on this page' */
  selectPage: string
  /** @default (id) => `Select row ${id}` */
  selectRow: (rowId: string) => string
  /** @default (header) => `Resize ${header}` */
  resizeColumn: (header: string) => string
  /** @default (n) => `Select all ${n} matching rows` */
  selectAllMatching: (total: number) => string
  /** @default (n) => `${n} selected` ("All selected" while the total is unknown) */
  selected: (count: number | null) => string
  /** @default 'Clear selection' */
  clearSelection: string
  /** @default 'Search' */
  search: string
  /** @default 'No rows' */
  empty: string
  /** @default 'Loading…' */
  loading: string
  /** @default (n) => `${n} new rows` ('1 new row') */
  newRows: (count: number) => string
  /** @default 'Export CSV' */
  exportCsv: string
  /** @default 'Exporting…' */
  exporting: string
}

const numberFormat = new Intl.NumberFormat('en-US')

/** The default English messages. */
export const DEFAULT_DATA_TABLE_MESSAGES: DataTableMessages = {
  selectPage: 'Select all rows on this page',
  selectRow: (rowId) => `Select row ${rowId}`,
  resizeColumn: (header) => `Resize ${header}`,
  selectAllMatching: (n) => `Select all ${numberFormat.format(n)} matching rows`,
  selected: (n) => (n === null ? 'All selected' : `${numberFormat.format(n)} selected`),
  clearSelection: 'Clear selection',
  search: 'Search',
  empty: 'No rows',
  loading: 'Loading…',
  newRows: (n) => (n === 1 ? '1 new row' : `${numberFormat.format(n)} new rows`),
  exportCsv: 'Export CSV',
  exporting: 'Exporting…',
}

/** Options of {@link connectDataTable}: what the state alone does not know. */
export interface DataTableConnectOptions {
  /** Base of the ids given to the parts; unique within the document. */
  id: string
  /** Ids of the rows on screen (the current page), in order. */
  rowIds: readonly string[]
  /** Rows matching the filters in all, or `null` while unknown (cursor pages). */
  total: number | null
  /** A cell's current value, to start editing it from. */
  getValue?: (rowId: string, columnId: string) => unknown
  /** Accessible name of the grid. */
  label?: string
  /** Words to show instead of the English defaults. */
  messages?: Partial<DataTableMessages>
  /** Rows PageUp/PageDown move by. @default 10 */
  pageStep?: number
}

/** Attributes every part carries, for styling (`[data-scope='data-table'][data-part='…']`). */
interface PartProps {
  'data-scope': 'data-table'
  'data-part': string
}

/** A keyboard event as much as the grid needs of it. */
export interface DataTableKeyboardEvent {
  key: string
  shiftKey?: boolean
  ctrlKey?: boolean
  metaKey?: boolean
  altKey?: boolean
  preventDefault(): void
}

type CheckboxProps = PartProps & {
  type: 'checkbox'
  checked: boolean
  'aria-label': string
  'aria-checked'?: 'mixed'
  'data-indeterminate'?: ''
  tabIndex: -1
  onChange: () => void
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
  ' ',
  'Escape',
])

/**
 * Turns a data-table state into prop getters with the ARIA of the WAI-ARIA grid pattern: one
 * tab stop (roving `tabIndex`), `aria-rowcount`/`aria-rowindex` counting every matching row (so
 * a virtualized page reads right), `aria-sort` on the first sort column, `aria-selected` rows,
 * and `aria-invalid` on cells whose edit failed. Framework-neutral.
 *
 * @param state - the current state (from `initDataTable` / `updateDataTable`)
 * @param send - called with the event when the user asks for a change
 */
export function connectDataTable<Row>(
  state: DataTableState<Row>,
  send: (event: DataTableEvent) => void,
  options: DataTableConnectOptions,
) {
  const messages = { ...DEFAULT_DATA_TABLE_MESSAGES, ...options.messages }
  const { id, rowIds, total } = options
  const part = (name: string): PartProps => ({ 'data-scope': 'data-table', 'data-part': name })
  const gridColumns = getGridColumnIds(state)
  const focusRow = Math.min(state.focus.row, rowIds.length)
  const focusCol = Math.min(state.focus.col, gridColumns.length - 1)
  const firstRowIndex = (state.page - 1) * state.pageSize
  const pageSelection = getPageSelection(state.selection, rowIds)
  const selectedCount = getSelectedCount(state.selection, total)
  const column = (columnId: string) => state.columns.find((c) => c.id === columnId)
  const tabIndexOf = (row: number, columnId: string): 0 | -1 =>
    row === focusRow && gridColumns.indexOf(columnId) === focusCol ? 0 : -1
  const cellId = (row: number, columnId: string) =>
    `${id}-cell-${row}-${gridColumns.indexOf(columnId)}`

  return {
    state,
    messages,
    send,
    /** Ids of the grid's columns, the selection column first when rows are selectable. */
    gridColumns,
    /** The focused cell, clamped to the rows on screen. */
    focus: { row: focusRow, col: focusCol },
    /** The DOM id of the focused cell, for a view to move focus to. */
    focusedCellId: cellId(focusRow, gridColumns[focusCol] as string),
    selectedCount,
    pageSelection,
    /** Whether offering "select all N matching" makes sense: the page is selected, more match. */
    canSelectAllMatching:
      state.selectable &&
      !state.selection.all &&
      pageSelection === 'all' &&
      total !== null &&
      total > rowIds.length,
    width: (c: ResolvedColumn<Row>) => getColumnWidth(state, c),
    cellError: (rowId: string, columnId: string): string | undefined =>
      state.editing?.rowId === rowId && state.editing.columnId === columnId
        ? (state.editing.error ?? undefined)
        : state.cellErrors[cellKey(rowId, columnId)],
    isEditing: (rowId: string, columnId: string) =>
      state.editing?.rowId === rowId && state.editing.columnId === columnId,

    /** Handles a key pressed in the grid; returns whether it did something with it. */
    handleKeyDown(event: DataTableKeyboardEvent): boolean {
      if (!GRID_KEYS.has(event.key) || event.altKey) return false
      if (state.editing && event.key !== 'Escape') return false
      event.preventDefault()
      send({
        type: 'KEYDOWN',
        key: event.key,
        shiftKey: event.shiftKey === true,
        ctrlKey: event.ctrlKey === true,
        metaKey: event.metaKey === true,
        rowIds,
        ...(options.pageStep ? { pageStep: options.pageStep } : {}),
        ...(options.getValue ? { rowValue: options.getValue } : {}),
      })
      return true
    },

    getRootProps: () => ({
      ...part('root'),
      id,
      role: 'grid' as const,
      ...(options.label ? { 'aria-label': options.label } : {}),
      'aria-rowcount': total === null ? -1 : total + 1,
      'aria-colcount': gridColumns.length,
      ...(state.selectable ? { 'aria-multiselectable': true as const } : {}),
    }),
    getHeaderRowProps: () => ({
      ...part('header-row'),
      role: 'row' as const,
      'aria-rowindex': 1,
    }),
    getColumnHeaderProps: (columnId: string) => {
      const c = column(columnId)
      const sort = getAriaSort(state, columnId)
      const at = state.sorting.findIndex((s) => s.id === columnId)
      return {
        ...part('column-header'),
        id: cellId(0, columnId),
        role: 'columnheader' as const,
        'aria-colindex': gridColumns.indexOf(columnId) + 1,
        ...(sort ? { 'aria-sort': sort } : {}),
        ...(at >= 0
          ? { 'data-sorted': state.sorting[at]?.direction, 'data-sort-index': at + 1 }
          : {}),
        ...(c?.sortable ? { 'data-sortable': '' } : {}),
        tabIndex: tabIndexOf(0, columnId),
        onFocus: (event?: { target?: unknown; currentTarget?: unknown }) => {
          // Focus inside the header (its resize handle) is not focus on the header cell.
          if (event && event.target !== event.currentTarget) return
          send({ type: 'FOCUS_CELL', row: 0, col: gridColumns.indexOf(columnId) })
        },
        onClick: (event: { shiftKey?: boolean; target?: unknown; currentTarget?: unknown }) => {
          if (c?.sortable) send({ type: 'TOGGLE_SORT', columnId, multi: event.shiftKey === true })
        },
      }
    },
    getRowProps: (rowId: string, index: number) => {
      const selected = state.selectable ? isRowSelected(state.selection, rowId) : undefined
      return {
        ...part('row'),
        role: 'row' as const,
        'aria-rowindex': firstRowIndex + index + 2,
        ...(selected === undefined ? {} : { 'aria-selected': selected }),
        ...(selected ? { 'data-selected': '' } : {}),
        'data-row-id': rowId,
      }
    },
    getCellProps: (rowId: string, index: number, columnId: string) => {
      const c = column(columnId)
      const error =
        state.editing?.rowId === rowId && state.editing.columnId === columnId
          ? state.editing.error
          : state.cellErrors[cellKey(rowId, columnId)]
      const editing = state.editing?.rowId === rowId && state.editing.columnId === columnId
      return {
        ...part('cell'),
        id: cellId(index + 1, columnId),
        role: 'gridcell' as const,
        'aria-colindex': gridColumns.indexOf(columnId) + 1,
        tabIndex: tabIndexOf(index + 1, columnId),
        ...(c && !c.editable && columnId !== SELECT_COLUMN_ID ? { 'aria-readonly': true } : {}),
        ...(error
          ? { 'aria-invalid': true, 'aria-describedby': `${cellId(index + 1, columnId)}-error` }
          : {}),
        ...(editing ? { 'data-editing': '' } : {}),
        ...(c?.type ? { 'data-type': c.type } : {}),
        onFocus: () =>
          send({ type: 'FOCUS_CELL', row: index + 1, col: gridColumns.indexOf(columnId) }),
        onDoubleClick: () => {
          if (c?.editable && !editing) {
            send({
              type: 'START_EDIT',
              rowId,
              columnId,
              value: options.getValue?.(rowId, columnId),
            })
          }
        },
      }
    },
    getCellErrorProps: (index: number, columnId: string) => ({
      ...part('cell-error'),
      id: `${cellId(index + 1, columnId)}-error`,
      role: 'alert' as const,
    }),
    getEditorProps: () => ({
      ...part('editor'),
      value: state.editing?.draft ?? '',
      'aria-label': column(state.editing?.columnId ?? '')?.header ?? '',
      ...(state.editing?.error ? { 'aria-invalid': true } : {}),
      onChange: (event: { target: { value: string } }) =>
        send({ type: 'CHANGE_DRAFT', draft: event.target.value }),
    }),
    /**
     * The "N new rows" pill, shown while `state.newRows > 0`. Its click resets the count; the
     * view also scrolls to the top, where the new rows are.
     */
    getNewRowsButtonProps: () => ({
      ...part('new-rows'),
      type: 'button' as const,
      'aria-controls': id,
      onClick: () => send({ type: 'SHOW_NEW_ROWS' }),
    }),
    getSelectPageCheckboxProps: (): CheckboxProps => ({
      ...part('select-page'),
      type: 'checkbox',
      checked: rowIds.length > 0 && pageSelection === 'all',
      'aria-label': messages.selectPage,
      ...(pageSelection === 'some'
        ? { 'aria-checked': 'mixed' as const, 'data-indeterminate': '' as const }
        : {}),
      tabIndex: -1,
      onChange: () =>
        send({ type: 'SET_ROWS_SELECTED', rowIds, selected: pageSelection !== 'all' }),
    }),
    getRowCheckboxProps: (rowId: string): CheckboxProps => ({
      ...part('select-row'),
      type: 'checkbox',
      checked: isRowSelected(state.selection, rowId),
      'aria-label': messages.selectRow(rowId),
      tabIndex: -1,
      onChange: () => send({ type: 'TOGGLE_ROW', rowId }),
    }),
    getResizeHandleProps: (columnId: string) => {
      const c = column(columnId) as ResolvedColumn<Row>
      const width = getColumnWidth(state, c)
      return {
        ...part('resize-handle'),
        role: 'separator' as const,
        'aria-orientation': 'vertical' as const,
        'aria-label': messages.resizeColumn(c.header),
        'aria-valuenow': width,
        'aria-valuemin': c.minWidth,
        tabIndex: 0,
        onKeyDown: (event: DataTableKeyboardEvent & { stopPropagation?: () => void }) => {
          const step = event.shiftKey ? 50 : 10
          const delta = event.key === 'ArrowRight' ? step : event.key === 'ArrowLeft' ? -step : 0
          if (delta === 0) return
          event.preventDefault()
          event.stopPropagation?.()
          send({ type: 'RESIZE_COLUMN', columnId, width: width + delta })
        },
        onClick: (event: { stopPropagation?: () => void }) => event.stopPropagation?.(),
      }
    },
  }
}

/** What {@link connectDataTable} returns. */
export type DataTableApi<Row = unknown> = ReturnType<typeof connectDataTable<Row>>
