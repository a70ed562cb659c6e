import type { ReactNode } from 'react'
import type { DocumentData } from '@metal/core'
import type { DataTableMessages } from '../../data-table/dataTable.connect.js'
import type { DataTableBaseQuery } from '../../data-table/dataTable.query.js'
import type { DataTableRow } from '../../data-table/dataTable.types.js'
import { BoundCursorTable, BoundOffsetTable } from './BoundTable.js'
import { UnboundTable } from './UnboundTable.js'
import type { UseDataTableStateProps } from './useDataTable.js'
import type { DataTableCsvExportOptions } from './useDataTableCsvExport.js'

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
