import {
  computed,
  h,
  onMounted,
  ref,
  shallowRef,
  useId,
  watch,
  type ComputedRef,
  type Ref,
  type Slots,
  type VNode,
} from 'vue'
import { connectDataTable, type DataTableApi } from '../../data-table/dataTable.connect.js'
import type { DataTableCsvSource } from '../../data-table/dataTable.csv.js'
import { getGridColumns, type DataTableGridColumn } from '../../data-table/dataTable.columns.js'
import {
  commitDataTableEdit,
  groupCellErrors,
  type DataTableWrite,
} from '../../data-table/dataTable.editing.js'
import { getDataTableHeight, getDataTableRowHeight } from '../../data-table/dataTable.density.js'
import { focusCell, HEADER_HEIGHT } from '../../data-table/dataTable.focus.js'
import { createDataTableHandlers } from '../../data-table/dataTable.parts.js'
import { isRowSelected } from '../../data-table/dataTable.selection.js'
import { getSelectedRowIds } from '../../data-table/dataTable.selectedIds.js'
import type { DataTableEvent, DataTableState } from '../../data-table/dataTable.types.js'
import { defaultRowId, getCellValue } from '../../data-table/dataTable.values.js'
import { vueProps } from '../normalizeProps.js'
import { Pagination } from '../pagination/Pagination.js'
import { useUiDirection, useUiMessages } from '../provider/MetalUiProvider.js'
import type { DataTableProps } from './DataTable.types.js'
import { DataTableHeader } from './DataTableHeader.js'
import { DataTableRowView, type DataTableRowColumn } from './DataTableRow.js'
import { DataTableStatus } from './DataTableStatus.js'
import { DataTableToolbar } from './DataTableToolbar.js'
import { useChangedRows } from './useChangedRows.js'
import { useDataTableCsvExport } from './useDataTableCsvExport.js'
import type { DataTableRowSource } from './useDataTableRows.js'
import { useDataTableVirtual } from './useDataTableVirtual.js'
import { useScrollAnchor } from './useScrollAnchor.js'

/** What every data table view is given, whatever its rows come from. */
export interface DataTableViewInput<Row> {
  table: DataTableProps<Row>
  slots: Slots
  state: Readonly<Ref<DataTableState<Row>>>
  send: (event: DataTableEvent) => void
  source: ComputedRef<DataTableRowSource<Row>>
  write: () => DataTableWrite | undefined
  csvSource: ComputedRef<DataTableCsvSource<Row>>
  /** Opens a row, or `undefined` while nobody listens to `rowActivate`. */
  activate: () => ((row: Row, rowId: string) => void) | undefined
  rowsChange: (rows: readonly Row[]) => void
}

const part = (name: string) => ({ 'data-scope': 'data-table', 'data-part': name })

/**
 * The render function of every data table: toolbar, grid (virtual rows and columns, pinned
 * columns, roving focus, inline editing), loading, empty and error states, pagination. Call it
 * in a component's setup; it renders the props of `connectDataTable` through `vueProps`.
 */
export function useDataTableView<Row>(input: DataTableViewInput<Row>): () => VNode {
  const { table, state, send, source, slots } = input
  const id = `metal-data-table-${useId()}`
  const grid = ref<HTMLElement | null>(null)
  const messages = useUiMessages('dataTable', () => table.messages)
  // The app's direction, corrected by the layout's once mounted (a `dir` on any ancestor).
  const dir = ref(useUiDirection().value)
  onMounted(() => {
    if (grid.value) dir.value = getComputedStyle(grid.value).direction === 'rtl' ? 'rtl' : 'ltr'
  })
  const rowHeight = computed(
    () => table.rowHeight ?? getDataTableRowHeight(state.value.layout.density),
  )
  const height = computed(
    () => table.height ?? getDataTableHeight(state.value.pageSize, rowHeight.value),
  )
  const getRowId = computed(
    () => table.getRowId ?? (defaultRowId as unknown as (row: Row) => string),
  )
  const rows = computed(() => source.value.rows)
  const rowIds = computed(() => rows.value.map(getRowId.value))
  const byId = computed(() => new Map(rows.value.map((r) => [getRowId.value(r), r])))

  // The handlers rows get: one object for the table's life, reading the latest state.
  let committed: object | null = null
  const focusCellById = (cellId: string) => {
    const cell = document.getElementById(cellId)
    if (cell) focusCell(cell)
  }
  const handlers = createDataTableHandlers(send, {
    getValue: (rowId, columnId) => {
      const row = byId.value.get(rowId)
      const column = state.value.columns.find((c) => c.id === columnId)
      return row === undefined || !column ? undefined : getCellValue(row, column)
    },
    activate: (rowId) => {
      const row = byId.value.get(rowId)
      if (row !== undefined) input.activate()?.(row, rowId)
    },
    commit: () => {
      const edit = state.value.editing
      // Enter commits, and the blur that follows must not commit the same edit again.
      if (!edit || committed === edit) return
      committed = edit
      const row = byId.value.get(edit.rowId)
      if (commitDataTableEdit(state.value, row, send, input.write(), messages.value)) {
        focusCellById(api.value.focusedCellId)
      }
    },
    cancel: () => {
      committed = state.value.editing // the blur as the editor goes is no commit
      send({ type: 'CANCEL_EDIT' })
      focusCellById(api.value.focusedCellId)
    },
  })

  // ─── Columns: order, widths, pinning (the same array while the layout does not change) ───
  // Rows re-render when their props change: keep the arrays they get while the layout holds.
  const gridColumns = computed((previous?: DataTableGridColumn[]) => {
    const next = getGridColumns(state.value)
    return previous && JSON.stringify(previous) === JSON.stringify(next) ? previous : next
  })
  let laidOut: [readonly unknown[], readonly unknown[]] | null = null
  const rowColumns = computed((previous?: DataTableRowColumn<Row>[]) => {
    const { columns } = state.value
    if (previous && laidOut?.[0] === gridColumns.value && laidOut[1] === columns) return previous
    laidOut = [gridColumns.value, columns]
    return gridColumns.value.map((c, col) => ({
      col,
      column: columns.find((d) => d.id === c.id) ?? null,
      pinned: c.pinned,
    }))
  })
  const template = computed(() => gridColumns.value.map((c) => `${c.width}px`).join(' '))

  const virtual = useDataTableVirtual({
    grid,
    rowCount: () => rows.value.length,
    rowHeight: () => rowHeight.value,
    height: () => height.value,
    virtualizeAbove: () => table.virtualizeAbove ?? 50,
    virtualizeColumnsAbove: () => table.virtualizeColumnsAbove ?? 30,
    gridColumns: () => gridColumns.value,
  })
  const api = computed(() =>
    connectDataTable(state.value, send, {
      id,
      rowIds: rowIds.value,
      total: source.value.total,
      label: table.label,
      messages: messages.value,
      dir: dir.value,
      handlers,
      normalizeProps: vueProps,
      pageStep: Math.max(1, Math.floor(height.value / rowHeight.value) - 1),
      getValue: handlers.getValue,
      ...(input.activate() ? { onRowActivate: handlers.activate } : {}),
    }),
  )

  const viewKey = computed(() => {
    const s = state.value
    return JSON.stringify([s.sorting, s.filters, s.search, s.page, s.pageSize])
  })
  const changed = useChangedRows(rows, getRowId, viewKey, () => table.highlightMs ?? 1500)
  watch(rows, (next) => input.rowsChange(next), { immediate: true })
  const csvExport = useDataTableCsvExport(
    state,
    input.csvSource,
    () => table.csvExport,
    () => table.label,
  )

  useScrollAnchor({
    body: grid,
    rowIds: () => rowIds.value,
    viewKey: () => viewKey.value,
    virtual: () => virtual.virtual.value,
    rowHeight: () => rowHeight.value,
    focus: () => api.value.focus,
    send,
  })

  // Roving focus: when the focused cell moves by keyboard, move DOM focus with it. A focused
  // cell scrolled out of the column window leaves the DOM without a blur: focus is still the
  // grid's, and goes to the cell it moved to.
  let focusInGrid = false
  watch(
    () => [api.value.focusedCellId, state.value.editing !== null] as const,
    ([cellId, editing]) => {
      const element = grid.value
      const active = document.activeElement
      const orphaned = focusInGrid && (active === null || active === document.body)
      if (!element || editing || !(element.contains(active) || orphaned)) return
      const { focus } = api.value
      if (virtual.virtual.value && focus.row > 0) virtual.rows.value.scrollToIndex(focus.row - 1)
      const middleIndex = focus.col - virtual.layout.value.startCount
      if (
        virtual.virtualColumns.value &&
        middleIndex >= 0 &&
        middleIndex < virtual.layout.value.middle.length
      ) {
        virtual.columns.value.scrollToIndex(middleIndex)
      }
      const cell = document.getElementById(cellId)
      if (cell && cell !== document.activeElement) focusCell(cell)
    },
    { flush: 'post' },
  )

  // Pinned columns draw a shadow edge only while content is scrolled under them.
  const scrolled = shallowRef({ start: false, end: false })
  const onScroll = (element: HTMLElement) => {
    const x = Math.abs(element.scrollLeft)
    const start = x > 0
    const end = x + element.clientWidth < element.scrollWidth - 1
    if (start !== scrolled.value.start || end !== scrolled.value.end) {
      scrolled.value = { start, end }
    }
    // Scrolling back to the top shows the new rows as well as the pill would.
    if (state.value.newRows > 0 && element.scrollTop <= 0) send({ type: 'SHOW_NEW_ROWS' })
  }
  watch(template, () => grid.value && onScroll(grid.value), { flush: 'post' })
  onMounted(() => grid.value && onScroll(grid.value))

  const showNewRows = () => {
    send({ type: 'SHOW_NEW_ROWS' })
    if (grid.value) grid.value.scrollTop = 0
    // The pill goes away; keep focus in the table rather than dropping it on <body>.
    document.getElementById(api.value.focusedCellId)?.focus({ preventScroll: true })
  }
  const getSelectedIds = () => getSelectedRowIds(state.value, input.csvSource.value, getRowId.value)
  const errorsByRow = computed(() => groupCellErrors(state.value.cellErrors))

  const renderRow = (row: Row, index: number, top?: number) => {
    const s = state.value
    const a = api.value
    const rowId = rowIds.value[index] as string
    const edit = s.editing?.rowId === rowId ? s.editing : null
    const { colStart, colEnd } = virtual.columnWindow.value
    return h(DataTableRowView, {
      key: rowId,
      row,
      rowId,
      index,
      tableId: id,
      ariaRowIndex: (s.page - 1) * s.pageSize + index + 2,
      gridTemplate: template.value,
      columns: rowColumns.value as readonly DataTableRowColumn<unknown>[],
      colStart,
      colEnd,
      selectable: s.selectable,
      selected: s.selectable && isRowSelected(s.selection, rowId),
      changed: changed.value.has(rowId),
      focusedCol: a.focus.row === index + 1 ? a.focus.col : -1,
      editingCol: edit ? a.gridColumns.indexOf(edit.columnId) : -1,
      draft: edit ? edit.draft : '',
      editError: edit ? edit.error : null,
      cellErrors: errorsByRow.value.get(rowId),
      messages: messages.value,
      top: top === undefined ? undefined : top - HEADER_HEIGHT,
      height: top === undefined ? undefined : rowHeight.value,
      handlers,
      cellSlots: slots,
    })
  }

  return () => {
    const s = state.value
    const a = api.value
    const src = source.value
    const loading = src.isPending && !src.error
    const { colStart, colEnd } = virtual.columnWindow.value
    const { startWidth, endWidth } = virtual.layout.value
    const pagination =
      s.pagingMode === 'cursor'
        ? {
            mode: 'cursor' as const,
            hasNextPage: src.hasNextPage,
            pageItemCount: Math.min(rows.value.length, s.pageSize),
          }
        : { mode: 'offset' as const, total: src.total ?? 0 }
    return h(
      'div',
      {
        ...part('container'),
        'data-density': s.layout.density,
        class: 'metal-data-table',
        style: {
          '--_metal-data-table-row': `${rowHeight.value}px`,
          '--_metal-data-table-header': `${HEADER_HEIGHT}px`,
        },
      },
      [
        h(DataTableToolbar, {
          api: a as unknown as DataTableApi<unknown>,
          total: src.total,
          getSelectedIds,
          ...(csvExport.value ? { csvExport: csvExport.value } : {}),
          ...(slots['toolbar-actions'] ? { actions: slots['toolbar-actions'] } : {}),
        }),
        h('div', { ...part('new-rows-region'), 'aria-live': 'polite' }, [
          s.newRows > 0
            ? h('button', { ...a.getNewRowsButtonProps(), onClick: showNewRows }, [
                messages.value.newRows(s.newRows),
              ])
            : null,
        ]),
        h('div', part('grid-frame'), [
          h(
            'div',
            {
              ...a.getRootProps(),
              ...(virtual.virtualColumns.value ? { 'data-virtual-columns': '' } : {}),
              ...(scrolled.value.start ? { 'data-scrolled-start': '' } : {}),
              ...(scrolled.value.end ? { 'data-scrolled-end': '' } : {}),
              ...(loading ? { 'aria-busy': true } : {}),
              ref: grid,
              style: {
                maxHeight: `${height.value + HEADER_HEIGHT}px`,
                scrollPaddingInlineStart: `${startWidth}px`,
                scrollPaddingInlineEnd: `${endWidth}px`,
              },
              onScroll: (event: Event) => onScroll(event.currentTarget as HTMLElement),
              onFocusin: () => (focusInGrid = true),
              onFocusout: (event: FocusEvent) => {
                const element = event.currentTarget as HTMLElement
                if (!element.contains(event.relatedTarget as Node | null)) focusInGrid = false
              },
            },
            [
              h(DataTableHeader, {
                api: a as unknown as DataTableApi<unknown>,
                columns: rowColumns.value as readonly DataTableRowColumn<unknown>[],
                template: template.value,
                colStart,
                colEnd,
              }),
              h(
                'div',
                a.getBodyProps(),
                virtual.virtual.value
                  ? [
                      h(
                        'div',
                        {
                          style: {
                            height: `${virtual.rows.value.getTotalSize()}px`,
                            position: 'relative',
                          },
                        },
                        virtual.rows.value
                          .getVirtualItems()
                          .map((item) =>
                            renderRow(rows.value[item.index] as Row, item.index, item.start),
                          ),
                      ),
                    ]
                  : rows.value.map((row, index) => renderRow(row, index)),
              ),
            ],
          ),
          h(DataTableStatus, {
            messages: messages.value,
            loading,
            empty: rows.value.length === 0,
            error: src.error,
            onRetry: src.retry,
            template: template.value,
            skeletonRows: Math.min(s.pageSize, 5),
            emptySlot: slots.empty,
            errorSlot: slots.error,
          }),
        ]),
        loading && rows.value.length === 0
          ? null
          : h(Pagination, {
              ...pagination,
              page: s.page,
              pageSize: s.pageSize,
              ...(table.pageSizeOptions ? { pageSizeOptions: table.pageSizeOptions } : {}),
              'onUpdate:page': (page: number) => send({ type: 'SET_PAGE', page }),
              'onUpdate:pageSize': (pageSize: number) => send({ type: 'SET_PAGE_SIZE', pageSize }),
              focusTarget: () => document.getElementById(api.value.focusedCellId),
              label: messages.value.paginationLabel(table.label),
            }),
      ],
    )
  }
}
