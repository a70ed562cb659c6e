import { identityProps, type NormalizeProps } from '../normalizeProps.js'
import { SELECT_COLUMN_ID, getColumnWidth, getGridColumnIds } from './dataTable.columns.js'
import { cellKey } from './dataTable.editing.js'
import { dataTableKeyEvents, isDataTableKey } from './dataTable.keyboard.js'
import { resolveDataTableMessages, type DataTableMessages } from './dataTable.messages.js'
import {
  createDataTableHandlers,
  getDataTableCellErrorProps,
  getDataTableCellId,
  getDataTableCellProps,
  getDataTableCellStyle,
  getDataTableCheckboxProps,
  getDataTableEditorProps,
  getDataTableRowCheckboxProps,
  getDataTableRowProps,
  type DataTablePartHandlers,
  type DataTablePinnedCell,
} from './dataTable.parts.js'
import { getPageSelection, getSelectedCount, isRowSelected } from './dataTable.selection.js'
import { getAriaSort } from './dataTable.sorting.js'
import type {
  DataTableEvent,
  DataTableKeyInput,
  DataTableState,
  ResolvedColumn,
} from './dataTable.types.js'

export { DEFAULT_DATA_TABLE_MESSAGES } from './dataTable.messages.js'
export type { DataTableMessages } from './dataTable.messages.js'

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
  /**
   * Text direction: in `'rtl'` the left and right arrow keys swap, so they follow the columns
   * on screen.
   * @default 'ltr'
   */
  dir?: 'ltr' | 'rtl'
  /**
   * What the cells' events do beyond sending events: a view gives one object for the table's
   * life (see {@link createDataTableHandlers}) to write edits and open rows.
   * @default handlers that only send events
   */
  handlers?: DataTablePartHandlers
  /** Opens a row: Enter on a cell that is neither editable nor the selection checkbox. */
  onRowActivate?: (rowId: string) => void
  /** The framework's prop normalizer. @default identityProps */
  normalizeProps?: NormalizeProps
}

/** A keyboard event as much as the grid needs of it. */
export interface DataTableKeyboardEvent {
  key: string
  shiftKey?: boolean
  ctrlKey?: boolean
  metaKey?: boolean
  altKey?: boolean
  target?: unknown
  currentTarget?: unknown
  preventDefault(): void
}

/** Where a header or cell sits when the view renders only some columns, or pins them. */
export interface DataTablePlacement {
  /** Places the part on the full grid template (a windowed row). */
  gridColumn?: number | undefined
  /** Where the part sticks when its column is pinned. */
  pinned?: DataTablePinnedCell | null | undefined
}

const MOVE_KEYS = new Set([
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  ' ',
])

/** Parts whose own keys the grid leaves alone. */
const OWN_KEYS = '[data-part="editor"], [data-part="resize-handle"], button, a[href]'

/**
 * Turns a data-table state into prop getters with the ARIA of the WAI-ARIA grid pattern: one
 * tab stop (roving `tabIndex`), `aria-rowcount`/`aria-rowindex` counting every matching row (so
 * a virtualized page reads right), `aria-sort` on the first sort column, `aria-selected` rows,
 * and `aria-invalid` on cells whose edit failed. Framework-neutral: every prop object goes
 * through `normalizeProps`.
 *
 * @param state - the current state (from `initDataTable` / `updateDataTable`)
 * @param send - called with the event when the user asks for a change
 */
export function connectDataTable<Row>(
  state: DataTableState<Row>,
  send: (event: DataTableEvent) => void,
  options: DataTableConnectOptions,
) {
  const messages = resolveDataTableMessages(options.messages)
  const normalize = options.normalizeProps ?? identityProps
  const handlers =
    options.handlers ??
    createDataTableHandlers(send, {
      ...(options.getValue ? { getValue: options.getValue } : {}),
      ...(options.onRowActivate ? { activate: options.onRowActivate } : {}),
    })
  const { id, rowIds, total } = options
  const part = (name: string) => ({ 'data-scope': 'data-table' as const, 'data-part': name })
  const gridColumns = getGridColumnIds(state)
  const focusRow = Math.min(state.focus.row, rowIds.length)
  const focusCol = Math.min(state.focus.col, gridColumns.length - 1)
  const firstRowIndex = (state.page - 1) * state.pageSize
  const pageSelection = getPageSelection(state.selection, rowIds)
  const selectedCount = getSelectedCount(state.selection, total)
  const column = (columnId: string) => state.columns.find((c) => c.id === columnId)
  const colOf = (columnId: string) => gridColumns.indexOf(columnId)
  const cellId = (row: number, columnId: string) => getDataTableCellId(id, row, colOf(columnId))
  const isEditing = (rowId: string, columnId: string) =>
    state.editing?.rowId === rowId && state.editing.columnId === columnId
  const cellError = (rowId: string, columnId: string): string | undefined =>
    isEditing(rowId, columnId)
      ? (state.editing?.error ?? undefined)
      : state.cellErrors[cellKey(rowId, columnId)]

  /** Enter on a cell that is neither editable nor the checkbox opens the row. */
  const activateFocused = (): boolean => {
    if (!options.onRowActivate || state.editing || focusRow === 0) return false
    const c = column(gridColumns[focusCol] ?? '')
    const rowId = rowIds[focusRow - 1]
    if (!c || c.editable || rowId === undefined) return false
    options.onRowActivate(rowId)
    return true
  }

  /** Handles a key pressed in the grid; returns whether it did something with it. */
  const handleKeyDown = (event: DataTableKeyboardEvent): boolean => {
    const ctrl = event.ctrlKey === true || event.metaKey === true
    if (!isDataTableKey(event.key, ctrl)) return false
    if (state.editing && event.key !== 'Escape') return false
    if (event.key === 'Enter' && !event.altKey && activateFocused()) {
      event.preventDefault()
      return true
    }
    const rtl = options.dir === 'rtl'
    const key =
      rtl && event.key === 'ArrowLeft'
        ? 'ArrowRight'
        : rtl && event.key === 'ArrowRight'
          ? 'ArrowLeft'
          : event.key
    const input: DataTableKeyInput = {
      key,
      shiftKey: event.shiftKey === true,
      ctrlKey: event.ctrlKey === true,
      metaKey: event.metaKey === true,
      altKey: event.altKey === true,
      rowIds,
      ...(options.pageStep ? { pageStep: options.pageStep } : {}),
      ...(options.getValue ? { rowValue: options.getValue } : {}),
    }
    // Movement keys never scroll the page; the others are taken only when they do something.
    const acts = dataTableKeyEvents(state, input).length > 0
    if (!acts && !MOVE_KEYS.has(event.key)) return false
    event.preventDefault()
    if (acts) send({ type: 'KEYDOWN', ...input })
    return true
  }

  const placementStyle = (placement: DataTablePlacement | undefined) => {
    const style = getDataTableCellStyle(placement?.gridColumn, placement?.pinned)
    const pinned = placement?.pinned
    return {
      ...(pinned ? { 'data-pinned': pinned.side } : {}),
      ...(pinned?.edge ? { 'data-pinned-edge': '' } : {}),
      ...(style ? { style } : {}),
    }
  }

  return {
    state,
    messages,
    send,
    handlers,
    normalizeProps: normalize,
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
    cellError,
    isEditing,
    handleKeyDown,

    getRootProps: () =>
      normalize({
        ...part('root'),
        id,
        role: 'grid' as const,
        ...(options.label ? { 'aria-label': options.label } : {}),
        'aria-rowcount': total === null ? -1 : total + 1,
        'aria-colcount': gridColumns.length,
        ...(state.selectable ? { 'aria-multiselectable': true as const } : {}),
        // A scroll container is a tab stop of its own in Chromium; the grid has one: its cell.
        tabIndex: -1 as const,
        onKeyDown: (event: DataTableKeyboardEvent) => {
          const target = event.target as { closest?: (selector: string) => unknown } | undefined
          if (event.target !== event.currentTarget && target?.closest?.(OWN_KEYS)) return
          handleKeyDown(event)
        },
      }),
    /** The scrolling body (`role="rowgroup"`): out of the tab order, the cells are the stop. */
    getBodyProps: () =>
      normalize({ ...part('body'), role: 'rowgroup' as const, tabIndex: -1 as const }),
    getHeadProps: () => normalize({ ...part('head'), role: 'rowgroup' as const }),
    getHeaderRowProps: () =>
      normalize({ ...part('header-row'), role: 'row' as const, 'aria-rowindex': 1 }),
    getColumnHeaderProps: (columnId: string, placement?: DataTablePlacement) => {
      const c = column(columnId)
      const sort = getAriaSort(state, columnId)
      const at = state.sorting.findIndex((s) => s.id === columnId)
      return normalize({
        ...part('column-header'),
        id: cellId(0, columnId),
        role: 'columnheader' as const,
        // Named by its header text alone, not by the menu button and handle inside it.
        ...(c ? { 'aria-label': c.header } : {}),
        'aria-colindex': colOf(columnId) + 1,
        ...(sort ? { 'aria-sort': sort } : {}),
        ...(at >= 0
          ? { 'data-sorted': state.sorting[at]?.direction, 'data-sort-index': at + 1 }
          : {}),
        ...(c?.sortable ? { 'data-sortable': '' } : {}),
        ...(c ? { 'data-type': c.type } : {}),
        ...placementStyle(placement),
        tabIndex: focusRow === 0 && colOf(columnId) === focusCol ? (0 as const) : (-1 as const),
        onFocus: (event?: { target?: unknown; currentTarget?: unknown }) => {
          // Focus inside the header (its resize handle) is not focus on the header cell.
          if (event && event.target !== event.currentTarget) return
          send({ type: 'FOCUS_CELL', row: 0, col: colOf(columnId) })
        },
        onClick: (event: { shiftKey?: boolean }) => {
          if (c?.sortable) send({ type: 'TOGGLE_SORT', columnId, multi: event.shiftKey === true })
        },
      })
    },
    getRowProps: (rowId: string, index: number, changed = false) =>
      getDataTableRowProps(
        {
          rowId,
          ariaRowIndex: firstRowIndex + index + 2,
          selectable: state.selectable,
          selected: state.selectable && isRowSelected(state.selection, rowId),
          changed,
        },
        normalize,
      ),
    getCellProps: (
      rowId: string,
      index: number,
      columnId: string,
      placement?: DataTablePlacement,
    ) => {
      const c = column(columnId)
      return getDataTableCellProps(
        {
          tableId: id,
          rowId,
          row: index + 1,
          col: colOf(columnId),
          columnId,
          type: columnId === SELECT_COLUMN_ID ? null : (c?.type ?? 'text'),
          editable: c?.editable ?? false,
          focused: focusRow === index + 1 && colOf(columnId) === focusCol,
          editing: isEditing(rowId, columnId),
          error: cellError(rowId, columnId),
          gridColumn: placement?.gridColumn,
          pinned: placement?.pinned,
        },
        handlers,
        normalize,
      )
    },
    getCellErrorProps: (index: number, columnId: string) =>
      getDataTableCellErrorProps(id, index + 1, colOf(columnId), normalize),
    getEditorProps: () =>
      getDataTableEditorProps(
        {
          header: column(state.editing?.columnId ?? '')?.header ?? '',
          draft: state.editing?.draft ?? '',
          invalid: Boolean(state.editing?.error),
        },
        handlers,
        normalize,
      ),
    /**
     * The "N new rows" pill, shown while `state.newRows > 0`. Its click resets the count; the
     * view also scrolls to the top, where the new rows are.
     */
    getNewRowsButtonProps: () =>
      normalize({
        ...part('new-rows'),
        type: 'button' as const,
        'aria-controls': id,
        onClick: () => send({ type: 'SHOW_NEW_ROWS' }),
      }),
    getSelectPageCheckboxProps: () =>
      getDataTableCheckboxProps(
        {
          part: 'select-page',
          checked: rowIds.length > 0 && pageSelection === 'all',
          mixed: pageSelection === 'some',
          label: messages.selectPage,
        },
        () => send({ type: 'SET_ROWS_SELECTED', rowIds, selected: pageSelection !== 'all' }),
        normalize,
      ),
    getRowCheckboxProps: (rowId: string) =>
      getDataTableRowCheckboxProps(
        rowId,
        isRowSelected(state.selection, rowId),
        messages.selectRow(rowId),
        handlers,
        normalize,
      ),
    /**
     * The icon button opening a column header's menu: out of the tab order (the header's
     * Alt+ArrowDown, Shift+F10 and ContextMenu keys open the menu), shown on hover or focus of
     * the header. Its click must not sort.
     */
    getColumnMenuTriggerProps: (columnId: string) =>
      normalize({
        ...part('column-menu-trigger'),
        type: 'button' as const,
        'aria-label': messages.columnMenu(column(columnId)?.header ?? columnId),
        tabIndex: -1 as const,
      }),
    /**
     * A column's resize handle: a separator carrying the width (`aria-valuenow`). Out of the tab
     * order: the header resizes its column with Ctrl+ArrowLeft/Right; pointers drag the handle.
     */
    getResizeHandleProps: (columnId: string) => {
      const c = column(columnId) as ResolvedColumn<Row>
      return normalize({
        ...part('resize-handle'),
        role: 'separator' as const,
        'aria-orientation': 'vertical' as const,
        'aria-label': messages.resizeColumn(c.header),
        'aria-valuenow': getColumnWidth(state, c),
        'aria-valuemin': c.minWidth,
        tabIndex: -1 as const,
        onClick: (event: { stopPropagation?: () => void }) => event.stopPropagation?.(),
      })
    },
  }
}

/** What {@link connectDataTable} returns. */
export type DataTableApi<Row = unknown> = ReturnType<typeof connectDataTable<Row>>
