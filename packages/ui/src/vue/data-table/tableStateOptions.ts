import type {
  DataTableFilter,
  DataTableLayout,
  DataTableRow,
  DataTableSelection,
  DataTableSort,
} from '../../data-table/dataTable.types.js'
import type { DataTableProps } from './DataTable.types.js'
import type { UseDataTableStateOptions } from './useDataTableState.js'

/** What the inner tables report to the `DataTable` component, which emits it. */
export interface DataTableInnerEvents {
  /** The `rowActivate` emitter, or `undefined` while nobody listens. */
  activate: () => ((row: DataTableRow, rowId: string) => void) | undefined
  rowsChange: (rows: readonly DataTableRow[]) => void
  layoutChange: (layout: DataTableLayout) => void
  selection: (selection: DataTableSelection) => void
  page: (page: number) => void
  pageSize: (pageSize: number) => void
  sorting: (sorting: readonly DataTableSort[]) => void
  filters: (filters: Readonly<Record<string, DataTableFilter>>) => void
}

/** What an inner table is given: the `DataTable`'s props (reactive) and its emitters. */
export interface DataTableInnerProps {
  table: DataTableProps<DataTableRow>
  events: DataTableInnerEvents
}

/** A boolean prop as a template gives it: `<DataTable selectable>` passes `''`. */
export function flag(value: unknown): boolean {
  return value === true || value === ''
}

/** The `DataTable`'s props and emitters as options of {@link useDataTableState}. */
export function tableStateOptions(
  table: DataTableProps<DataTableRow>,
  events: DataTableInnerEvents,
): UseDataTableStateOptions<DataTableRow> {
  return {
    columns: table.columns,
    pagingMode: table.pagingMode,
    defaultPageSize: table.defaultPageSize,
    defaultSorting: table.defaultSorting,
    defaultFilters: table.defaultFilters,
    selectable: flag(table.selectable),
    persistKey: table.persistKey,
    defaultLayout: table.defaultLayout,
    page: table.page,
    pageSize: table.pageSize,
    sorting: table.sorting,
    filters: table.filters,
    selection: table.selection,
    onLayoutChange: events.layoutChange,
    onSelectionChange: events.selection,
    onPageChange: events.page,
    onPageSizeChange: events.pageSize,
    onSortingChange: events.sorting,
    onFiltersChange: events.filters,
  }
}
