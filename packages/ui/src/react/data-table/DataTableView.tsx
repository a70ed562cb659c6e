import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { connectDataTable } from '../../data-table/dataTable.connect.js'
import type { DataTableCsvSource } from '../../data-table/dataTable.csv.js'
import { SELECT_COLUMN_ID, SELECT_COLUMN_WIDTH } from '../../data-table/dataTable.columns.js'
import { groupCellErrors, resolveEdit } from '../../data-table/dataTable.editing.js'
import { isRowSelected } from '../../data-table/dataTable.selection.js'
import { getSelectedRowIds } from '../../data-table/dataTable.selectedIds.js'
import { defaultRowId, getCellValue, getFieldValue } from '../../data-table/dataTable.values.js'
import type { DataTableEvent, DataTableState } from '../../data-table/dataTable.types.js'
import { Pagination } from '../pagination/Pagination.js'
import type { DataTableBaseProps } from './DataTable.js'
import { DataTableToolbar } from './DataTableToolbar.js'
import { DataTableRowView, type DataTableRowActions } from './DataTableRow.js'
import { ResizeHandle } from './ResizeHandle.js'
import { SortIndicator } from './SortIndicator.js'
import { useChangedRows } from './useChangedRows.js'
import { useScrollAnchor } from './useScrollAnchor.js'
import { useDataTableCsvExport } from './useDataTableCsvExport.js'
import type { DataTableRowSource } from './useDataTableRows.js'

/** Writes an edited cell's value to wherever the rows come from; a rejection is shown on the cell. */
export type DataTableWrite = (
  rowId: string,
  field: string,
  value: unknown,
) => Promise<unknown> | void

/**
 * What every data table renders, whatever its rows come from: toolbar, grid (virtualized rows and
 * columns, roving focus, inline editing) and pagination.
 */
export function DataTableView<Row>(
  props: DataTableBaseProps<Row> & {
    state: DataTableState<Row>
    send: (event: DataTableEvent) => void
    source: DataTableRowSource<Row>
    write: DataTableWrite | undefined
    csvSource: DataTableCsvSource<Row>
  },
) {
  const { state, send, source, write } = props
  const { height = 480, rowHeight = 52, virtualizeAbove = 50, highlightMs = 1500 } = props
  const { virtualizeColumnsAbove = 30 } = props
  const getRowId = props.getRowId ?? (defaultRowId as unknown as (row: Row) => string)
  const id = `metal-data-table-${useId()}`
  const gridRef = useRef<HTMLDivElement>(null)
  const bodyRef = useRef<HTMLDivElement>(null)
  const rows = source.rows
  const rowIds = useMemo(() => rows.map(getRowId), [rows, getRowId])
  const byId = useMemo(() => new Map(rows.map((r) => [getRowId(r), r])), [rows, getRowId])
  const { columns: allColumns, layout } = state
  const columns = useMemo(
    () => allColumns.filter((c) => !layout.hidden.includes(c.id)),
    [allColumns, layout.hidden],
  )

  const api = connectDataTable(state, send, {
    id,
    rowIds,
    total: source.total,
    label: props.label,
    ...(props.messages ? { messages: props.messages } : {}),
    pageStep: Math.max(1, Math.floor(height / rowHeight) - 1),
    getValue: (rowId, columnId) => {
      const row = byId.get(rowId)
      const column = state.columns.find((c) => c.id === columnId)
      return row === undefined || !column ? undefined : getCellValue(row, column)
    },
  })

  const viewKey = JSON.stringify([
    state.sorting,
    state.filters,
    state.search,
    state.page,
    state.pageSize,
  ])
  const changed = useChangedRows(rows, getRowId, viewKey, highlightMs)
  const { onRowsChange } = props
  useEffect(() => onRowsChange?.(rows), [rows, onRowsChange])
  const csvExport = useDataTableCsvExport(state, props.csvSource, props.csvExport, props.label)

  const virtual = rows.length > virtualizeAbove
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => bodyRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    enabled: virtual,
    initialRect: { width: 0, height },
  })

  // Wide tables: a second virtualizer over the column widths, scrolled by the grid itself. The
  // selection column is always shown, so it counts as padding before the first data column.
  const virtualColumns = columns.length > virtualizeColumnsAbove
  const selectWidth = state.selectable ? SELECT_COLUMN_WIDTH : 0
  const columnVirtualizer = useVirtualizer({
    count: columns.length,
    getScrollElement: () => gridRef.current,
    estimateSize: (index) => {
      const column = columns[index]
      return column ? api.width(column) : 0
    },
    horizontal: true,
    overscan: 3,
    enabled: virtualColumns,
    paddingStart: selectWidth,
    scrollPaddingStart: selectWidth,
    initialRect: { width: 0, height: 0 },
  })
  const columnWidths = columns.map((c) => api.width(c)).join(' ')
  useLayoutEffect(() => {
    if (virtualColumns) columnVirtualizer.measure()
  }, [columnWidths, virtualColumns, columnVirtualizer])
  let colStart = 0
  let colEnd = columns.length
  if (virtualColumns) {
    const items = columnVirtualizer.getVirtualItems()
    colStart = items[0]?.index ?? 0
    colEnd = (items[items.length - 1]?.index ?? -1) + 1
  }

  useScrollAnchor({ bodyRef, rowIds, viewKey, virtual, rowHeight, focus: state.focus, send })

  const showNewRows = () => {
    send({ type: 'SHOW_NEW_ROWS' })
    if (bodyRef.current) bodyRef.current.scrollTop = 0
    // The pill goes away; keep focus in the table rather than dropping it on <body>.
    document.getElementById(api.focusedCellId)?.focus({ preventScroll: true })
  }

  // Roving focus: when the focused cell moves by keyboard, move DOM focus with it.
  const { focusedCellId, focus } = api
  const editing = state.editing !== null
  // A focused cell scrolled out of the column window leaves the DOM without a blur: focus is
  // still the grid's, and goes to the cell it moved to.
  const focusInGrid = useRef(false)
  useEffect(() => {
    const grid = gridRef.current
    const active = document.activeElement
    const orphaned = focusInGrid.current && (active === null || active === document.body)
    if (!grid || editing || !(grid.contains(active) || orphaned)) return
    if (virtual && focus.row > 0) virtualizer.scrollToIndex(focus.row - 1)
    const focusedColumn = focus.col - (state.selectable ? 1 : 0)
    if (virtualColumns && focusedColumn >= 0) columnVirtualizer.scrollToIndex(focusedColumn)
    const cell = document.getElementById(focusedCellId)
    if (cell && cell !== document.activeElement) cell.focus()
    // Only a move of the focus (or the end of an edit) moves DOM focus; new rows do not.
  }, [focusedCellId, editing])

  // Enter commits, and the blur that follows must not commit the same edit again.
  const committed = useRef<object | null>(null)
  const commit = useCallback(() => {
    const edit = state.editing
    if (!edit || committed.current === edit) return
    committed.current = edit
    const row = byId.get(edit.rowId)
    if (row === undefined) return send({ type: 'CANCEL_EDIT' })
    const result = resolveEdit(state, row)
    if (!result.ok) return send({ type: 'SET_EDIT_ERROR', error: result.error })
    send({ type: 'END_EDIT' })
    document.getElementById(focusedCellId)?.focus()
    if (!write) return
    if (getFieldValue(row, result.field) === result.value) return
    Promise.resolve(write(result.rowId, result.field, result.value)).catch((error: unknown) =>
      send({
        type: 'SET_CELL_ERROR',
        rowId: result.rowId,
        columnId: result.columnId,
        error: error instanceof Error ? error.message : String(error),
      }),
    )
  }, [state, byId, send, write, focusedCellId])

  const templateColumns = [
    ...(state.selectable ? [`${SELECT_COLUMN_WIDTH}px`] : []),
    ...columns.map((c) => `${api.width(c)}px`),
  ].join(' ')

  // Rows get only primitives and stable references, so a table render re-renders just the rows
  // whose own props changed (a new row object, its focus, edit, selection or highlight).
  const { onRowActivate } = props
  const latest = useRef({ state, commit, focusedCellId, byId, onRowActivate })
  useLayoutEffect(() => {
    latest.current = { state, commit, focusedCellId, byId, onRowActivate }
  })
  const [rowActions] = useState<DataTableRowActions>(() => ({
    focusCell: (row, col) => send({ type: 'FOCUS_CELL', row, col }),
    startEdit: (rowId, columnId) => {
      const { state, byId } = latest.current
      const row = byId.get(rowId)
      const column = state.columns.find((c) => c.id === columnId)
      send({
        type: 'START_EDIT',
        rowId,
        columnId,
        value: row === undefined || !column ? undefined : getCellValue(row, column),
      })
    },
    toggleRow: (rowId) => send({ type: 'TOGGLE_ROW', rowId }),
    changeDraft: (draft) => send({ type: 'CHANGE_DRAFT', draft }),
    commit: () => latest.current.commit(),
    cancel: () => {
      committed.current = latest.current.state.editing // the blur as the editor goes is no commit
      send({ type: 'CANCEL_EDIT' })
      document.getElementById(latest.current.focusedCellId)?.focus()
    },
    activate: (rowId) => {
      const { byId, onRowActivate } = latest.current
      const row = byId.get(rowId)
      if (row !== undefined) onRowActivate?.(row, rowId)
    },
  }))
  // Enter on a cell that is neither editable nor the checkbox opens the row.
  const activateFocused = (): boolean => {
    if (!onRowActivate || state.editing || api.focus.row === 0) return false
    const column = state.columns.find((c) => c.id === api.gridColumns[api.focus.col])
    const rowId = rowIds[api.focus.row - 1]
    if (!column || column.editable || rowId === undefined) return false
    rowActions.activate(rowId)
    return true
  }
  const { csvSource } = props
  const getSelectedIds = () => getSelectedRowIds(state, csvSource, getRowId)
  const { cellErrors } = state
  const errorsByRow = useMemo(() => groupCellErrors(cellErrors), [cellErrors])
  const firstRowIndex = (state.page - 1) * state.pageSize
  const messages = api.messages

  const renderRow = (row: Row, index: number, top?: number) => {
    const rowId = rowIds[index] as string
    const edit = state.editing?.rowId === rowId ? state.editing : null
    return (
      <DataTableRowView
        key={rowId}
        row={row}
        rowId={rowId}
        index={index}
        tableId={id}
        ariaRowIndex={firstRowIndex + index + 2}
        gridTemplate={templateColumns}
        columns={columns}
        colStart={colStart}
        colEnd={colEnd}
        selectable={state.selectable}
        selected={state.selectable && isRowSelected(state.selection, rowId)}
        changed={changed.has(rowId)}
        focusedCol={focus.row === index + 1 ? focus.col : -1}
        editingCol={edit ? api.gridColumns.indexOf(edit.columnId) : -1}
        draft={edit ? edit.draft : ''}
        editError={edit ? edit.error : null}
        cellErrors={errorsByRow.get(rowId)}
        selectLabel={messages.selectRow(rowId)}
        top={top}
        height={top === undefined ? undefined : rowHeight}
        actions={rowActions}
        renderCell={props.renderCell}
      />
    )
  }

  // The header shows the same window of columns as the rows, plus the focused column.
  const offset = state.selectable ? 1 : 0
  const headerColumns = columns
    .map((column, i) => ({ column, col: i + offset }))
    .filter(({ col }, i) => (i >= colStart && i < colEnd) || (focus.row === 0 && col === focus.col))
  const headerWindowed = headerColumns.length < columns.length

  const pagination =
    state.pagingMode === 'cursor'
      ? {
          mode: 'cursor' as const,
          hasNextPage: source.hasNextPage,
          pageItemCount: Math.min(rows.length, state.pageSize),
        }
      : { mode: 'offset' as const, total: source.total ?? 0 }

  return (
    <div
      data-scope="data-table"
      data-part="container"
      className={props.className ? `metal-data-table ${props.className}` : 'metal-data-table'}
    >
      <DataTableToolbar
        api={api}
        total={source.total}
        actions={props.toolbarActions}
        getSelectedIds={getSelectedIds}
        csvExport={csvExport}
      />
      <div data-scope="data-table" data-part="new-rows-region" aria-live="polite">
        {state.newRows > 0 && (
          <button {...api.getNewRowsButtonProps()} onClick={showNewRows}>
            {api.messages.newRows(state.newRows)}
          </button>
        )}
      </div>
      <div
        {...api.getRootProps()}
        {...(virtualColumns ? { 'data-virtual-columns': '' } : {})}
        ref={gridRef}
        onFocus={() => {
          focusInGrid.current = true
        }}
        onBlur={(event) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) {
            focusInGrid.current = false
          }
        }}
        onKeyDown={(event) => {
          if (
            event.target !== event.currentTarget &&
            (event.target as HTMLElement).closest(
              '[data-part="editor"], [data-part="resize-handle"], button, a[href]',
            )
          )
            return
          if (event.key === 'Enter' && !event.altKey && activateFocused()) {
            event.preventDefault()
            return
          }
          api.handleKeyDown(event)
        }}
      >
        <div data-scope="data-table" data-part="head" role="rowgroup">
          <div {...api.getHeaderRowProps()} style={{ gridTemplateColumns: templateColumns }}>
            {state.selectable && (
              <div
                {...api.getColumnHeaderProps(SELECT_COLUMN_ID)}
                {...(headerWindowed ? { style: { gridColumn: 1 } } : {})}
              >
                <input {...api.getSelectPageCheckboxProps()} />
              </div>
            )}
            {headerColumns.map(({ column, col }) => (
              <div
                key={column.id}
                {...api.getColumnHeaderProps(column.id)}
                data-type={column.type}
                {...(headerWindowed ? { style: { gridColumn: col + 1 } } : {})}
              >
                <span data-scope="data-table" data-part="header-label">
                  {column.header}
                </span>
                <SortIndicator state={state} columnId={column.id} />
                <ResizeHandle
                  props={api.getResizeHandleProps(column.id)}
                  width={api.width(column)}
                  onResize={(width) => send({ type: 'RESIZE_COLUMN', columnId: column.id, width })}
                />
              </div>
            ))}
          </div>
        </div>
        <div
          ref={bodyRef}
          data-scope="data-table"
          data-part="body"
          role="rowgroup"
          style={{ maxHeight: height }}
          onScroll={(event) => {
            // Scrolling back to the top shows the new rows as well as the pill would.
            if (state.newRows > 0 && event.currentTarget.scrollTop <= 0) {
              send({ type: 'SHOW_NEW_ROWS' })
            }
          }}
        >
          {virtual ? (
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer
                .getVirtualItems()
                .map((item) => renderRow(rows[item.index] as Row, item.index, item.start))}
            </div>
          ) : (
            rows.map((row, index) => renderRow(row, index))
          )}
        </div>
      </div>
      {source.error ? (
        <div data-scope="data-table" data-part="error" role="alert">
          {source.error.message}
        </div>
      ) : source.isPending && rows.length === 0 ? (
        <div data-scope="data-table" data-part="loading" role="status">
          {api.messages.loading}
        </div>
      ) : rows.length === 0 ? (
        <div data-scope="data-table" data-part="empty" role="status">
          {api.messages.empty}
        </div>
      ) : null}
      <Pagination
        {...pagination}
        page={state.page}
        pageSize={state.pageSize}
        {...(props.pageSizeOptions ? { pageSizeOptions: props.pageSizeOptions } : {})}
        onPageChange={(page) => send({ type: 'SET_PAGE', page })}
        onPageSizeChange={(pageSize) => send({ type: 'SET_PAGE_SIZE', pageSize })}
        focusTarget={() => document.getElementById(focusedCellId)}
      />
    </div>
  )
}
