import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useMetal, useMetalMutation } from '@metal/react'
import type { DocumentData } from '@metal/core'
import { connectDataTable, type DataTableMessages } from '../../data-table/dataTable.connect.js'
import type { DataTableCsvSource } from '../../data-table/dataTable.csv.js'
import {
  SELECT_COLUMN_ID,
  SELECT_COLUMN_WIDTH,
  isRowSelected,
  resolveEdit,
} from '../../data-table/dataTable.model.js'
import type { DataTableBaseQuery } from '../../data-table/dataTable.query.js'
import { defaultRowId, getCellValue, getFieldValue } from '../../data-table/dataTable.values.js'
import type {
  DataTableEvent,
  DataTableRow,
  DataTableState,
} from '../../data-table/dataTable.types.js'
import { Pagination } from '../pagination/Pagination.js'
import { DataTableToolbar } from './DataTableToolbar.js'
import { DataTableRowView, type DataTableRowActions } from './DataTableRow.js'
import { useDataTableState, type UseDataTableStateProps } from './useDataTable.js'
import { useScrollAnchor } from './useScrollAnchor.js'
import { useDataTableCsvExport, type DataTableCsvExportOptions } from './useDataTableCsvExport.js'
import {
  useBoundCursorRows,
  useBoundOffsetRows,
  useClientRows,
  type DataTableRowSource,
} from './useDataTableRows.js'

/** Props every data table takes, bound or not. */
export interface DataTableBaseProps<Row> extends UseDataTableStateProps<Row> {
  /** Accessible name of the grid. */
  label: string
  /**
   * A row's id, for selection, editing and highlighting.
   * @default (row) => String(row.id)
   */
  getRowId?: (row: Row) => string
  /** Choices of the rows-per-page select. */
  pageSizeOptions?: readonly number[]
  /**
   * Height of the scrolling body in CSS pixels; rows past it scroll.
   * @default 480
   */
  height?: number
  /**
   * Height of a row in CSS pixels (Material 3: 52 at density 0).
   * @default 52
   */
  rowHeight?: number
  /**
   * Pages longer than this are virtualized: only the rows in view are in the DOM.
   * @default 50
   */
  virtualizeAbove?: number
  /**
   * More shown columns than this are virtualized too: only the columns in view (and the focused
   * one) are in the DOM, while `aria-colcount`/`aria-colindex` still count every column.
   * @default 30
   */
  virtualizeColumnsAbove?: number
  /** How long a changed row stays highlighted, in milliseconds. @default 1500 */
  highlightMs?: number
  /** Words to show instead of the English defaults. */
  messages?: Partial<DataTableMessages>
  /** Extra controls for the toolbar (bulk actions, say). */
  toolbarActions?: ReactNode
  /**
   * Adds an "Export CSV" button to the toolbar that downloads the current view: every row
   * matching the filters and search, in the sort order, with the shown columns (a bound table
   * reads the collection in pages for it). `true`, or options such as the file name and whether
   * values are written as the cells show them (default) or raw.
   * @default false
   */
  csvExport?: boolean | DataTableCsvExportOptions
  className?: string
}

/** Unbound: the table filters, sorts and pages `rows` itself. */
export interface UnboundDataTableProps<Row> extends DataTableBaseProps<Row> {
  rows: readonly Row[]
  /**
   * Writes an edited cell. The cell shows the new value at once; if the returned promise
   * rejects, the value is rolled back and the error shown on the cell.
   */
  onCellEdit?: (row: Row, field: string, value: unknown) => void | Promise<unknown>
  /** Shows the loading state while the caller fetches `rows`. */
  loading?: boolean
  /** Shows the error state. */
  error?: Error | null
  collection?: never
  query?: never
}

/** Bound: the table reads a Metal collection through live queries and writes edits back. */
export interface BoundDataTableProps<Row> extends DataTableBaseProps<Row> {
  /** The Metal collection to show (needs a `<MetalProvider>` above). */
  collection: string
  /** Narrows the collection before the table's own filters, sort and page are applied. */
  query?: DataTableBaseQuery<DocumentData>
  rows?: never
}

/** Props of {@link DataTable}. */
export type DataTableProps<Row = DataTableRow> =
  UnboundDataTableProps<Row> | BoundDataTableProps<Row>

/**
 * Material 3 data table following the WAI-ARIA grid pattern: sortable (shift-click for
 * multi-sort), filterable and searchable columns, selection that survives paging ("select all
 * N matching"), hideable and resizable columns (persisted with `persistKey`), virtualized rows,
 * inline editing (Enter, double-click) and paging through `<Pagination>`.
 *
 * ```tsx
 * <DataTable label="Users" rows={users} columns={columns} />                 // unbound
 * <DataTable label="Users" collection="users" query={(q) => q.where('active', '==', true)}
 *   columns={columns} />                                                     // bound, live
 * ```
 */
export function DataTable<Row = DataTableRow>(props: DataTableProps<Row>) {
  if (props.collection !== undefined) {
    return props.pagingMode === 'cursor' ? (
      <BoundCursorTable key="cursor" {...props} />
    ) : (
      <BoundOffsetTable key="offset" {...props} />
    )
  }
  return <UnboundTable {...(props as UnboundDataTableProps<Row>)} />
}

// ─── Data sources ───────────────────────────────────────────────────────────────────────────────

type Write = (rowId: string, field: string, value: unknown) => Promise<unknown> | void

function UnboundTable<Row>(props: UnboundDataTableProps<Row>) {
  const [state, send] = useDataTableState(props, '<DataTable>')
  const getRowId = props.getRowId ?? (defaultRowId as unknown as (row: Row) => string)
  // Edits waiting for `onCellEdit`: shown over the given rows until they settle.
  const [pending, setPending] = useState<ReadonlyMap<string, Record<string, unknown>>>(new Map())
  const rows = useMemo(() => {
    if (pending.size === 0) return props.rows
    return props.rows.map((row) => {
      const patch = pending.get(getRowId(row))
      return patch ? withFields(row, patch) : row
    })
  }, [props.rows, pending, getRowId])
  const source = useClientRows(rows, state)
  const csvSource = useMemo(() => ({ rows }), [rows])
  const { onCellEdit } = props
  const write: Write | undefined = onCellEdit
    ? (rowId, field, value) => {
        const row = props.rows.find((r) => getRowId(r) === rowId)
        if (row === undefined) return
        const settle = () =>
          setPending((map) => {
            const next = new Map(map)
            const patch = { ...next.get(rowId) }
            delete patch[field]
            if (Object.keys(patch).length === 0) next.delete(rowId)
            else next.set(rowId, patch)
            return next
          })
        setPending((map) => new Map(map).set(rowId, { ...map.get(rowId), [field]: value }))
        return Promise.resolve()
          .then(() => onCellEdit(row, field, value))
          .finally(settle)
      }
    : undefined
  return (
    <DataTableView
      {...props}
      state={state}
      send={send}
      source={{
        ...source,
        isPending: props.loading === true,
        error: props.error ?? null,
      }}
      write={write}
      csvSource={csvSource}
    />
  )
}

function BoundOffsetTable<Row>(props: BoundDataTableProps<Row>) {
  const [state, send] = useDataTableState(props, '<DataTable>')
  const source = useBoundOffsetRows(props.collection, props.query, state)
  // A live total can shrink under the user: keep the page within it.
  const { total } = source
  useEffect(() => {
    if (total === null) return
    const last = Math.max(1, Math.ceil(total / state.pageSize))
    if (state.page > last) send({ type: 'SET_PAGE', page: last })
  }, [total, state.page, state.pageSize, send])
  return <BoundView {...props} state={state} send={send} source={source} />
}

function BoundCursorTable<Row>(props: BoundDataTableProps<Row>) {
  const [state, send] = useDataTableState(props, '<DataTable>')
  const source = useBoundCursorRows(props.collection, props.query, state, send)
  return <BoundView {...props} state={state} send={send} source={source} />
}

function BoundView<Row>(
  props: BoundDataTableProps<Row> & {
    state: DataTableState<Row>
    send: (event: DataTableEvent) => void
    source: DataTableRowSource<Row>
  },
) {
  const mutation = useMetalMutation(props.collection)
  // Metal applies the update locally at once and rolls it back if the backend refuses it.
  const write: Write = (rowId, field, value) => mutation.update(rowId, { [field]: value })
  const metal = useMetal()
  const { collection, query } = props
  const csvSource = useMemo(
    () => ({ collection: metal.db().collection(collection), query }),
    [metal, collection, query],
  )
  return <DataTableView {...props} write={write} csvSource={csvSource} />
}

function withFields<Row>(row: Row, patch: Record<string, unknown>): Row {
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

// ─── Changed rows ───────────────────────────────────────────────────────────────────────────────

/**
 * Ids of rows that changed in place (same id, new object) since the last render of the same
 * view, for `highlightMs`. Moving to another page, sort or filter highlights nothing.
 */
function useChangedRows<Row>(
  rows: readonly Row[],
  getRowId: (row: Row) => string,
  viewKey: string,
  highlightMs: number,
): ReadonlySet<string> {
  const previous = useRef<{ key: string; rows: Map<string, Row> }>({ key: '', rows: new Map() })
  const [changed, setChanged] = useState<ReadonlySet<string>>(new Set())
  // One timer per highlight, kept across renders: a later change must not cancel the end of an
  // earlier highlight (the row would stay marked for good). All end with the component.
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>())
  useEffect(() => {
    const pending = timers.current
    return () => {
      for (const t of pending) clearTimeout(t)
      pending.clear()
    }
  }, [])
  useEffect(() => {
    const before = previous.current
    const now = new Map(rows.map((row) => [getRowId(row), row]))
    previous.current = { key: viewKey, rows: now }
    if (before.key !== viewKey || before.rows.size === 0) return
    const ids = [...now].filter(([id, row]) => before.rows.has(id) && before.rows.get(id) !== row)
    if (ids.length === 0) return
    setChanged((set) => new Set([...set, ...ids.map(([id]) => id)]))
    const timer = setTimeout(() => {
      timers.current.delete(timer)
      setChanged((set) => {
        const next = new Set(set)
        for (const [id] of ids) next.delete(id)
        return next
      })
    }, highlightMs)
    timers.current.add(timer)
  }, [rows, getRowId, viewKey, highlightMs])
  return changed
}

// ─── View ───────────────────────────────────────────────────────────────────────────────────────

function DataTableView<Row>(
  props: DataTableBaseProps<Row> & {
    state: DataTableState<Row>
    send: (event: DataTableEvent) => void
    source: DataTableRowSource<Row>
    write: Write | undefined
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
  const latest = useRef({ state, commit, focusedCellId, byId })
  useLayoutEffect(() => {
    latest.current = { state, commit, focusedCellId, byId }
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
  }))
  const { cellErrors } = state
  const errorsByRow = useMemo(() => {
    const map = new Map<string, Record<string, string>>()
    for (const [key, error] of Object.entries(cellErrors)) {
      const at = key.indexOf('\u0000')
      const rowId = key.slice(0, at)
      map.set(rowId, { ...map.get(rowId), [key.slice(at + 1)]: error })
    }
    return map
  }, [cellErrors])
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
              '[data-part="editor"], [data-part="resize-handle"]',
            )
          )
            return
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

function SortIndicator<Row>({ state, columnId }: { state: DataTableState<Row>; columnId: string }) {
  const at = state.sorting.findIndex((s) => s.id === columnId)
  if (at === -1) return null
  const sort = state.sorting[at]
  return (
    <span data-scope="data-table" data-part="sort-indicator" aria-hidden="true">
      {sort?.direction === 'asc' ? '↑' : '↓'}
      {state.sorting.length > 1 ? <sub>{at + 1}</sub> : null}
    </span>
  )
}

function ResizeHandle({
  props,
  width,
  onResize,
}: {
  props: ReturnType<ReturnType<typeof connectDataTable>['getResizeHandleProps']>
  width: number
  onResize: (width: number) => void
}) {
  return (
    <div
      {...props}
      onPointerDown={(event) => {
        event.preventDefault()
        event.stopPropagation()
        const startX = event.clientX
        const move = (e: PointerEvent) => onResize(width + e.clientX - startX)
        const up = () => {
          window.removeEventListener('pointermove', move)
          window.removeEventListener('pointerup', up)
        }
        window.addEventListener('pointermove', move)
        window.addEventListener('pointerup', up)
      }}
    />
  )
}
