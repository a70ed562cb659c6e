import type { VNodeChild } from 'vue'
import type { DocumentData } from '@metal/core'
import type { DataTableMessages } from '../../data-table/dataTable.messages.js'
import type { DataTableBaseQuery } from '../../data-table/dataTable.query.js'
import type {
  DataTableColumn,
  DataTableFilter,
  DataTableLayout,
  DataTableLayoutInput,
  DataTableRow,
  DataTableSelection,
  DataTableSort,
} from '../../data-table/dataTable.types.js'
import type { DataTableCsvExportOptions } from '../../data-table/dataTable.csvExport.js'
import type { PaginationMode } from '../../pagination/pagination.types.js'
import type { WriteTimestamps } from '../../timestamps.js'
import type { DataTableCellContext } from './DataTableRow.js'

/**
 * Props of the Vue {@link DataTable}: the React `<DataTable>`'s, bound (`collection`) or unbound
 * (`rows`), with `v-model:page`, `v-model:pageSize`, `v-model:sorting`, `v-model:filters` and
 * `v-model:selection` (each held by the caller when given, else by the table from the
 * `default*` props). `renderCell` and `toolbarActions` are the slots `cell` / `cell-<column id>`
 * and `toolbar-actions`; `onRowActivate`, `onRowsChange` and `onLayoutChange` are emits.
 */
export interface DataTableProps<Row = DataTableRow> {
  /** Accessible name of the grid. */
  label: string
  /** The columns, in order. */
  columns: readonly DataTableColumn<Row>[]
  /** Unbound: the rows; the table filters, sorts and pages them itself. */
  rows?: readonly Row[] | undefined
  /** Bound: the Metal collection to show (needs `app.use(MetalPlugin, { client })`). */
  collection?: string | undefined
  /** Bound: narrows the collection before the table's own filters, sort and page. */
  query?: DataTableBaseQuery<DocumentData> | undefined
  /** Bound: a field stamped with the server's time when a cell edit writes a row. */
  timestamps?: WriteTimestamps | undefined
  /**
   * Unbound: writes an edited cell. The cell shows the new value at once; if the returned
   * promise rejects, the value is rolled back and the error shown on the cell. `@cell-edit`
   * binds it too; the table awaits what it returns.
   */
  onCellEdit?: ((row: Row, field: string, value: unknown) => void | Promise<unknown>) | undefined
  /** Unbound: shows the loading state while the caller fetches `rows`. @default false */
  loading?: boolean | undefined
  /** Unbound: shows the error state. @default null */
  error?: Error | null | undefined
  /**
   * Unbound: the error state's Retry button (`@retry` binds it): fetch `rows` again. Without it
   * the button is not shown.
   */
  onRetry?: (() => void) | undefined
  /**
   * Offset pages with a total ("1–20 of 135"), or cursor pages ("21–40 of many").
   * @default 'offset'
   */
  pagingMode?: PaginationMode | undefined
  /** The page (`v-model:page`); held by the table when omitted. */
  page?: number | undefined
  /** Rows per page (`v-model:pageSize`); held by the table when omitted. */
  pageSize?: number | undefined
  /** Sort keys (`v-model:sorting`); held by the table when omitted. */
  sorting?: readonly DataTableSort[] | undefined
  /** Column filters by column id (`v-model:filters`); held by the table when omitted. */
  filters?: Readonly<Record<string, DataTableFilter>> | undefined
  /** Selected rows (`v-model:selection`); held by the table when omitted. */
  selection?: DataTableSelection | undefined
  /** Rows per page to start with when `pageSize` is not bound. @default 20 */
  defaultPageSize?: number | undefined
  /**
   * Sort keys to start with when `sorting` is not bound. A bound table given none starts in its
   * default order (as the React table does).
   * @default []
   */
  defaultSorting?: readonly DataTableSort[] | undefined
  /** Column filters to start with when `filters` is not bound, by column id. */
  defaultFilters?: Readonly<Record<string, DataTableFilter>> | undefined
  /** Whether rows have selection checkboxes. @default false */
  selectable?: boolean | undefined
  /** Saves the column layout in `localStorage` under this key and restores it. */
  persistKey?: string | undefined
  /** The layout to start with when nothing is persisted. */
  defaultLayout?: DataTableLayoutInput | undefined
  /**
   * A row's id, for selection, editing and highlighting.
   * @default (row) => String(row.id)
   */
  getRowId?: ((row: Row) => string) | undefined
  /** Choices of the rows-per-page select. */
  pageSizeOptions?: readonly number[] | undefined
  /**
   * Height of the scrolling body in CSS pixels; rows past it scroll.
   * @default a page of rows: min(pageSize, 25) × the row height
   */
  height?: number | undefined
  /**
   * Height of a row in CSS pixels.
   * @default by density: 36 compact, 52 standard, 68 comfortable
   */
  rowHeight?: number | undefined
  /** Pages longer than this are virtualized: only the rows in view are in the DOM. @default 50 */
  virtualizeAbove?: number | undefined
  /** More shown columns than this are virtualized too. @default 30 */
  virtualizeColumnsAbove?: number | undefined
  /** How long a changed row stays highlighted, in milliseconds. @default 1500 */
  highlightMs?: number | undefined
  /** Words to show instead of the English defaults. */
  messages?: Partial<DataTableMessages> | undefined
  /**
   * Adds an "Export CSV" button that downloads the current view (every matching row, in order,
   * the shown columns). `true`, or options such as the file name.
   * @default false
   */
  csvExport?: boolean | DataTableCsvExportOptions | undefined
}

/** What the `toolbar-actions` slot gets: the selection, and ways to act on it. */
export interface DataTableToolbarContext {
  selection: DataTableSelection
  /** How many rows are selected; `null` when "all matching" is selected and the total unknown. */
  selectedCount: number | null
  /** The ids of the selected rows, "select all matching" included. */
  getSelectedIds(): Promise<string[]>
  clearSelection(): void
}

/** The events of {@link DataTable}, as `emits` validators (`@row-activate`, `v-model:page`, …). */
export interface DataTableEmits<Row = DataTableRow> {
  /** `v-model:page`: the page changed. */
  'update:page': (page: number) => true
  /** `v-model:pageSize`: the page size changed. */
  'update:pageSize': (pageSize: number) => true
  /** `v-model:sorting`: the sort keys changed. */
  'update:sorting': (sorting: readonly DataTableSort[]) => true
  /** `v-model:filters`: the column filters changed. */
  'update:filters': (filters: Readonly<Record<string, DataTableFilter>>) => true
  /** `v-model:selection`: the selection changed. */
  'update:selection': (selection: DataTableSelection) => true
  /**
   * A row was opened: Enter in, or a double-click on, a cell that is neither editable nor the
   * selection checkbox (only while someone listens).
   */
  rowActivate: (row: Row, rowId: string) => true
  /** The rows of the page on screen, whenever they change. */
  rowsChange: (rows: readonly Row[]) => true
  /** The layout, whenever the user hides, shows, pins or resizes a column. */
  layoutChange: (layout: DataTableLayout) => true
}

/**
 * The listeners of {@link DataTable}'s events as props (`@row-activate`, `onRowActivate` in
 * `h()`), typed with the table's `Row`.
 */
export type DataTableListeners<Row = DataTableRow> = {
  [E in keyof DataTableEmits<Row> as `on${Capitalize<E>}`]?: (
    ...args: Parameters<DataTableEmits<Row>[E]>
  ) => void
}

/** The slots of {@link DataTable}. */
export interface DataTableSlots<Row = DataTableRow> {
  /** Every cell's content (the text by default); `cell-<column id>` for one column's. */
  cell?: (cell: DataTableCellContext<Row>) => VNodeChild
  /** Extra toolbar controls (bulk actions), given the selection. */
  'toolbar-actions'?: (context: DataTableToolbarContext) => VNodeChild
  /** The empty state's content. */
  empty?: () => VNodeChild
  /** The error state's content, given the error and a way to read the rows again. */
  error?: (context: { error: Error; retry: () => void }) => VNodeChild
  [cell: `cell-${string}`]: ((cell: DataTableCellContext<Row>) => VNodeChild) | undefined
}
