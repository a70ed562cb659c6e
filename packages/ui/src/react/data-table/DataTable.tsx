import type { ReactNode } from 'react'
import type { DocumentData } from '@metal/core'
import type { DataTableMessages } from '../../data-table/dataTable.connect.js'
import type { DataTableBaseQuery } from '../../data-table/dataTable.query.js'
import type { DataTableRow, DataTableSelection } from '../../data-table/dataTable.types.js'
import { BoundCursorTable, BoundOffsetTable } from './BoundTable.js'
import type { DataTableRenderCell } from './DataTableRow.js'
import { UnboundTable } from './UnboundTable.js'
import type { UseDataTableStateProps } from './useDataTable.js'
import type { DataTableCsvExportOptions } from './useDataTableCsvExport.js'
import type { WriteTimestamps } from '../../timestamps.js'

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
   * Height of the scrolling body (below the header) in CSS pixels; rows past it scroll.
   * @default a page of rows: min(pageSize, 25) × the row height
   */
  height?: number
  /**
   * Height of a row in CSS pixels.
   * @default by density: 36 compact, 52 standard, 68 comfortable
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
  /**
   * Extra controls for the toolbar (bulk actions, say), or a function of the selection that
   * renders them.
   */
  toolbarActions?: ReactNode | ((context: DataTableToolbarContext) => ReactNode)
  /**
   * React only: renders a cell's content (a mark, a button, a chip) instead of its text; return
   * `undefined` to keep the text. Give a stable function (`useCallback`) so rows stay memoized.
   */
  renderCell?: DataTableRenderCell<Row>
  /**
   * Opens a row: called on Enter in, or a double-click on, a cell that is neither editable nor
   * the selection checkbox.
   */
  onRowActivate?: (row: Row, rowId: string) => void
  /** Called with the rows of the page on screen whenever they change. */
  onRowsChange?: (rows: readonly Row[]) => void
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

/** What a `toolbarActions` function gets: the selection, and ways to act on it. */
export interface DataTableToolbarContext {
  selection: DataTableSelection
  /** How many rows are selected; `null` when "all matching" is selected and the total unknown. */
  selectedCount: number | null
  /**
   * The ids of the selected rows, "select all matching" included (a bound table reads the
   * matching rows from the collection for it).
   */
  getSelectedIds(): Promise<string[]>
  clearSelection(): void
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
  /** The error state's Retry button: fetch `rows` again. Without it the button is not shown. */
  onRetry?: () => void
  collection?: never
  query?: never
}

/** Bound: the table reads a Metal collection through live queries and writes edits back. */
export interface BoundDataTableProps<Row> extends DataTableBaseProps<Row> {
  /** The Metal collection to show (needs a `<MetalProvider>` above). */
  collection: string
  /** Narrows the collection before the table's own filters, sort and page are applied. */
  query?: DataTableBaseQuery<DocumentData>
  /** A field stamped with the server's time when a cell edit writes a row (`updatedAt`). */
  timestamps?: WriteTimestamps
  rows?: never
}

/** Props of {@link DataTable}. */
export type DataTableProps<Row = DataTableRow> =
  UnboundDataTableProps<Row> | BoundDataTableProps<Row>

/**
 * Material 3 data table following the WAI-ARIA grid pattern: one Tab stop and the full grid
 * keyboard (see `dataTableKeyEvents`), sortable (shift-click or Shift+Enter for multi-sort),
 * filterable and searchable columns, a menu per column header (sort, filter, hide, pin),
 * selection that survives paging ("select all N matching"), hideable, resizable and pinnable
 * columns and three row densities (persisted with `persistKey`), virtualized rows and columns,
 * inline editing (Enter, double-click), loading and error states, and paging through
 * `<Pagination>`.
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
