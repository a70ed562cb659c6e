import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { connectDataTable } from '../../data-table/dataTable.connect.js'
import type { DataTableCsvSource } from '../../data-table/dataTable.csv.js'
import { getGridColumns } from '../../data-table/dataTable.columns.js'
import {
  commitDataTableEdit,
  groupCellErrors,
  type DataTableWrite,
} from '../../data-table/dataTable.editing.js'
import { getDataTableHeight, getDataTableRowHeight } from '../../data-table/dataTable.density.js'
import {
  createDataTableHandlers,
  type DataTablePartHandlers,
} from '../../data-table/dataTable.parts.js'
import { isRowSelected } from '../../data-table/dataTable.selection.js'
import { getSelectedRowIds } from '../../data-table/dataTable.selectedIds.js'
import { defaultRowId, getCellValue } from '../../data-table/dataTable.values.js'
import type { DataTableEvent, DataTableState } from '../../data-table/dataTable.types.js'
import { identityProps } from '../../normalizeProps.js'
import { Pagination } from '../pagination/Pagination.js'
import { useUiDirection, useUiMessages } from '../provider/MetalUiProvider.js'
import type { DataTableBaseProps } from './DataTable.js'
import { DataTableHeader } from './DataTableHeader.js'
import { DataTableRowView, type DataTableRowColumn } from './DataTableRow.js'
import { DataTableStatus } from './DataTableStatus.js'
import { DataTableToolbar } from './DataTableToolbar.js'
import { focusCell, HEADER_HEIGHT } from '../../data-table/dataTable.focus.js'
import { useChangedRows } from './useChangedRows.js'
import { useScrollAnchor } from './useScrollAnchor.js'
import { useDataTableCsvExport } from './useDataTableCsvExport.js'
import type { DataTableRowSource } from './useDataTableRows.js'

export type { DataTableWrite }

/**
 * What every data table renders, whatever its rows come from: toolbar, grid (virtualized rows and
 * columns, pinned columns, roving focus, inline editing), loading and error states, pagination.
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
  const { virtualizeAbove = 50, highlightMs = 1500, virtualizeColumnsAbove = 30 } = props
  const rowHeight = props.rowHeight ?? getDataTableRowHeight(state.layout.density)
  const height = props.height ?? getDataTableHeight(state.pageSize, rowHeight)
  const getRowId = props.getRowId ?? (defaultRowId as unknown as (row: Row) => string)
  const id = `metal-data-table-${useId()}`
  const gridRef = useRef<HTMLDivElement>(null)
  const rows = source.rows
  const rowIds = useMemo(() => rows.map(getRowId), [rows, getRowId])
  const byId = useMemo(() => new Map(rows.map((r) => [getRowId(r), r])), [rows, getRowId])
  const messages = useUiMessages('dataTable', props.messages)
  // The app's direction, corrected by the layout's once mounted (a `dir` on any ancestor).
  const [dir, setDir] = useState<'ltr' | 'rtl'>(useUiDirection())
  useLayoutEffect(() => {
    const grid = gridRef.current
    if (grid) setDir(getComputedStyle(grid).direction === 'rtl' ? 'rtl' : 'ltr')
    // Read once: a table does not change direction while mounted.
  }, [])

  // The handlers rows get: one object for the table's life, reading the latest render.
  const { onRowActivate } = props
  const latest = useRef({ state, byId, onRowActivate, write, messages, focusedCellId: '' })
  const [handlers] = useState<DataTablePartHandlers>(() =>
    createDataTableHandlers(send, {
      getValue: (rowId, columnId) => {
        const row = latest.current.byId.get(rowId)
        const column = latest.current.state.columns.find((c) => c.id === columnId)
        return row === undefined || !column ? undefined : getCellValue(row, column)
      },
      activate: (rowId) => {
        const { byId, onRowActivate } = latest.current
        const row = byId.get(rowId)
        if (row !== undefined) onRowActivate?.(row, rowId)
      },
      commit: () => {
        const { state, byId, write, messages } = latest.current
        const edit = state.editing
        // Enter commits, and the blur that follows must not commit the same edit again.
        if (!edit || committed.current === edit) return
        committed.current = edit
        if (commitDataTableEdit(state, byId.get(edit.rowId), send, write, messages)) {
          const cell = document.getElementById(latest.current.focusedCellId)
          if (cell) focusCell(cell)
        }
      },
      cancel: () => {
        committed.current = latest.current.state.editing // the blur as the editor goes is no commit
        send({ type: 'CANCEL_EDIT' })
        const cell = document.getElementById(latest.current.focusedCellId)
        if (cell) focusCell(cell)
      },
    }),
  )
  const committed = useRef<object | null>(null)

  const api = connectDataTable(state, send, {
    id,
    rowIds,
    total: source.total,
    label: props.label,
    messages,
    dir,
    handlers,
    normalizeProps: identityProps,
    pageStep: Math.max(1, Math.floor(height / rowHeight) - 1),
    getValue: handlers.getValue,
    ...(onRowActivate ? { onRowActivate: handlers.activate } : {}),
  })
  const { focusedCellId, focus } = api
  useLayoutEffect(() => {
    latest.current = { state, byId, onRowActivate, write, messages, focusedCellId }
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

  // ─── Columns: order, widths, pinning ───
  const { columns: allColumns, layout, selectable } = state
  // Only the column layout matters: the same array while it does not change.
  const gridColumns = useMemo(
    () => getGridColumns({ ...state, columns: allColumns, layout, selectable }),
    [allColumns, layout, selectable],
  )
  const rowColumns = useMemo<DataTableRowColumn<Row>[]>(
    () =>
      gridColumns.map((c, col) => ({
        col,
        column: allColumns.find((d) => d.id === c.id) ?? null,
        pinned: c.pinned,
      })),
    [gridColumns, allColumns],
  )
  const template = gridColumns.map((c) => `${c.width}px`).join(' ')
  const startCount = gridColumns.filter((c) => c.pinned?.side === 'start').length
  const endCount = gridColumns.filter((c) => c.pinned?.side === 'end').length
  const startWidth = gridColumns.slice(0, startCount).reduce((sum, c) => sum + c.width, 0)
  const endWidth = gridColumns
    .slice(gridColumns.length - endCount)
    .reduce((sum, c) => sum + c.width, 0)
  const middle = gridColumns.slice(startCount, gridColumns.length - endCount)

  // ─── Virtualization: rows, and the unpinned columns of wide tables ───
  const virtual = rows.length > virtualizeAbove
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => gridRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    enabled: virtual,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    initialRect: { width: 0, height: height + HEADER_HEIGHT },
  })
  const virtualColumns = gridColumns.length - startCount - endCount > virtualizeColumnsAbove
  const columnVirtualizer = useVirtualizer({
    count: middle.length,
    getScrollElement: () => gridRef.current,
    estimateSize: (index) => middle[index]?.width ?? 0,
    horizontal: true,
    overscan: 3,
    enabled: virtualColumns,
    paddingStart: startWidth,
    paddingEnd: endWidth,
    scrollPaddingStart: startWidth,
    scrollPaddingEnd: endWidth,
    initialRect: { width: 0, height: 0 },
  })
  useLayoutEffect(() => {
    if (virtualColumns) columnVirtualizer.measure()
  }, [template, virtualColumns, columnVirtualizer])
  let colStart = 0
  let colEnd = gridColumns.length
  if (virtualColumns) {
    const items = columnVirtualizer.getVirtualItems()
    colStart = startCount + (items[0]?.index ?? 0)
    colEnd = startCount + (items[items.length - 1]?.index ?? -1) + 1
  }

  useScrollAnchor({ bodyRef: gridRef, rowIds, viewKey, virtual, rowHeight, focus, send })

  const showNewRows = () => {
    send({ type: 'SHOW_NEW_ROWS' })
    if (gridRef.current) gridRef.current.scrollTop = 0
    // The pill goes away; keep focus in the table rather than dropping it on <body>.
    document.getElementById(focusedCellId)?.focus({ preventScroll: true })
  }

  // Roving focus: when the focused cell moves by keyboard, move DOM focus with it. A focused
  // cell scrolled out of the column window leaves the DOM without a blur: focus is still the
  // grid's, and goes to the cell it moved to.
  const editing = state.editing !== null
  const focusInGrid = useRef(false)
  useEffect(() => {
    const grid = gridRef.current
    const active = document.activeElement
    const orphaned = focusInGrid.current && (active === null || active === document.body)
    if (!grid || editing || !(grid.contains(active) || orphaned)) return
    if (virtual && focus.row > 0) virtualizer.scrollToIndex(focus.row - 1)
    const middleIndex = focus.col - startCount
    if (virtualColumns && middleIndex >= 0 && middleIndex < middle.length) {
      columnVirtualizer.scrollToIndex(middleIndex)
    }
    const cell = document.getElementById(focusedCellId)
    if (cell && cell !== document.activeElement) focusCell(cell)
    // Only a move of the focus (or the end of an edit) moves DOM focus; new rows do not.
  }, [focusedCellId, editing])

  // Pinned columns draw a shadow edge only while content is scrolled under them.
  const [scrolled, setScrolled] = useState({ start: false, end: false })
  const onScroll = (grid: HTMLElement) => {
    const x = Math.abs(grid.scrollLeft)
    const start = x > 0
    const end = x + grid.clientWidth < grid.scrollWidth - 1
    if (start !== scrolled.start || end !== scrolled.end) setScrolled({ start, end })
    // Scrolling back to the top shows the new rows as well as the pill would.
    if (state.newRows > 0 && grid.scrollTop <= 0) send({ type: 'SHOW_NEW_ROWS' })
  }
  useLayoutEffect(() => {
    if (gridRef.current) onScroll(gridRef.current)
  }, [template])

  const { csvSource } = props
  const getSelectedIds = () => getSelectedRowIds(state, csvSource, getRowId)
  const errorsByRow = useMemo(() => groupCellErrors(state.cellErrors), [state.cellErrors])
  const firstRowIndex = (state.page - 1) * state.pageSize

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
        gridTemplate={template}
        columns={rowColumns}
        colStart={colStart}
        colEnd={colEnd}
        selectable={selectable}
        selected={selectable && isRowSelected(state.selection, rowId)}
        changed={changed.has(rowId)}
        focusedCol={focus.row === index + 1 ? focus.col : -1}
        editingCol={edit ? api.gridColumns.indexOf(edit.columnId) : -1}
        draft={edit ? edit.draft : ''}
        editError={edit ? edit.error : null}
        cellErrors={errorsByRow.get(rowId)}
        messages={messages}
        top={top === undefined ? undefined : top - HEADER_HEIGHT}
        height={top === undefined ? undefined : rowHeight}
        handlers={handlers}
        normalizeProps={identityProps}
        renderCell={props.renderCell}
      />
    )
  }

  const pagination =
    state.pagingMode === 'cursor'
      ? {
          mode: 'cursor' as const,
          hasNextPage: source.hasNextPage,
          pageItemCount: Math.min(rows.length, state.pageSize),
        }
      : { mode: 'offset' as const, total: source.total ?? 0 }
  const loading = source.isPending && !source.error

  return (
    <div
      data-scope="data-table"
      data-part="container"
      data-density={state.layout.density}
      className={props.className ? `metal-data-table ${props.className}` : 'metal-data-table'}
      style={{
        ['--_metal-data-table-row' as string]: `${rowHeight}px`,
        ['--_metal-data-table-header' as string]: `${HEADER_HEIGHT}px`,
      }}
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
            {messages.newRows(state.newRows)}
          </button>
        )}
      </div>
      <div data-scope="data-table" data-part="grid-frame">
        <div
          {...api.getRootProps()}
          {...(virtualColumns ? { 'data-virtual-columns': '' } : {})}
          {...(scrolled.start ? { 'data-scrolled-start': '' } : {})}
          {...(scrolled.end ? { 'data-scrolled-end': '' } : {})}
          {...(loading ? { 'aria-busy': true } : {})}
          ref={gridRef}
          style={{
            maxHeight: height + HEADER_HEIGHT,
            scrollPaddingInlineStart: startWidth,
            scrollPaddingInlineEnd: endWidth,
          }}
          onScroll={(event) => onScroll(event.currentTarget)}
          onFocus={() => {
            focusInGrid.current = true
          }}
          onBlur={(event) => {
            if (!event.currentTarget.contains(event.relatedTarget as Node | null)) {
              focusInGrid.current = false
            }
          }}
        >
          <DataTableHeader
            api={api}
            columns={rowColumns}
            template={template}
            colStart={colStart}
            colEnd={colEnd}
          />
          <div {...api.getBodyProps()}>
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
        <DataTableStatus
          messages={messages}
          loading={loading}
          empty={rows.length === 0}
          error={source.error}
          onRetry={source.retry}
          template={template}
          skeletonRows={Math.min(state.pageSize, 5)}
        />
      </div>
      {!(loading && rows.length === 0) && (
        <Pagination
          {...pagination}
          page={state.page}
          pageSize={state.pageSize}
          {...(props.pageSizeOptions ? { pageSizeOptions: props.pageSizeOptions } : {})}
          onPageChange={(page) => send({ type: 'SET_PAGE', page })}
          onPageSizeChange={(pageSize) => send({ type: 'SET_PAGE_SIZE', pageSize })}
          focusTarget={() => document.getElementById(focusedCellId)}
          label={messages.paginationLabel(props.label)}
        />
      )}
    </div>
  )
}
