import type { DataTableDensity } from './dataTable.types.js'

/** The words a data table shows or announces; override any of them to translate. */
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
  /**
   * Name of the table's pagination landmark, from the table's `label` (each table on a page
   * gets its own). @default (label) => label ? `${label} pages` : 'Pagination'
   */
  paginationLabel: (label: string | undefined) => string
  /** @default 'Exporting…' */
  exporting: string
  /** A boolean cell that holds true, and its filter choice. @default 'Yes' */
  yes: string
  /** A boolean cell that holds false, and its filter choice. @default 'No' */
  no: string
  /** The boolean filter's choice that filters nothing. @default 'Any' */
  any: string
  /** Label of the lower end of a number or date range filter. @default (h) => `${h} from` */
  rangeFrom: (header: string) => string
  /** Label of the upper end of a number or date range filter. @default (h) => `${h} to` */
  rangeTo: (header: string) => string
  /** The toolbar's filter button and the filter panel's name. @default 'Filters' */
  filters: string
  /** The filter button's name while filters are set. @default (n) => `Filters (${n} active)` */
  filtersActive: (count: number) => string
  /** @default 'Clear filters' */
  clearFilters: string
  /** The toolbar's column button and the column panel's name. @default 'Columns' */
  columns: string
  /** The toolbar's density button and its menu's name. @default 'Density' */
  density: string
  /** Names of the densities. @default { compact: 'Compact', standard: 'Standard', comfortable: 'Comfortable' } */
  densities: Readonly<Record<DataTableDensity, string>>
  /** A column header's menu button. @default (h) => `${h} column menu` */
  columnMenu: (header: string) => string
  /** @default 'Sort ascending' */
  sortAscending: string
  /** @default 'Sort descending' */
  sortDescending: string
  /** @default 'Unsort' */
  unsort: string
  /** Opens the filter panel on the column. @default 'Filter…' */
  filter: string
  /** @default 'Hide column' */
  hideColumn: string
  /** Pins the column to the start (left) edge. @default 'Pin left' */
  pinLeft: string
  /** Pins the column to the end (right) edge. @default 'Pin right' */
  pinRight: string
  /** @default 'Unpin' */
  unpin: string
  /** Heading of the error state. @default 'The rows could not be loaded' */
  loadError: string
  /** The error state's button. @default 'Retry' */
  retry: string
  /** A number cell's draft that is no number. @default 'Enter a number' */
  invalidNumber: string
  /** A date cell's draft that is no date. @default 'Enter a date as YYYY-MM-DD' */
  invalidDate: string
  /** Placeholder of a date cell's editor. @default 'YYYY-MM-DD' */
  datePlaceholder: string
  /** A boolean cell's draft that is neither. @default 'Choose yes or no' */
  invalidBoolean: string
  /** An enum cell's draft that is no option. @default (labels) => `Choose one of ${labels}` */
  invalidOption: (labels: readonly string[]) => string
}

const numberFormat = new Intl.NumberFormat('en-US')

/** The default English messages. */
export const DEFAULT_DATA_TABLE_MESSAGES: DataTableMessages = {
  paginationLabel: (label) => (label ? `${label} pages` : 'Pagination'),
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
  yes: 'Yes',
  no: 'No',
  any: 'Any',
  rangeFrom: (header) => `${header} from`,
  rangeTo: (header) => `${header} to`,
  filters: 'Filters',
  filtersActive: (n) => `Filters (${numberFormat.format(n)} active)`,
  clearFilters: 'Clear filters',
  columns: 'Columns',
  density: 'Density',
  densities: { compact: 'Compact', standard: 'Standard', comfortable: 'Comfortable' },
  columnMenu: (header) => `${header} column menu`,
  sortAscending: 'Sort ascending',
  sortDescending: 'Sort descending',
  unsort: 'Unsort',
  filter: 'Filter…',
  hideColumn: 'Hide column',
  pinLeft: 'Pin left',
  pinRight: 'Pin right',
  unpin: 'Unpin',
  loadError: 'The rows could not be loaded',
  retry: 'Retry',
  invalidNumber: 'Enter a number',
  invalidDate: 'Enter a date as YYYY-MM-DD',
  datePlaceholder: 'YYYY-MM-DD',
  invalidBoolean: 'Choose yes or no',
  invalidOption: (labels) => `Choose one of ${labels.join(', ')}`,
}

/** The defaults with `overrides` laid over them. */
export function resolveDataTableMessages(
  overrides: Partial<DataTableMessages> | undefined,
): DataTableMessages {
  return overrides ? { ...DEFAULT_DATA_TABLE_MESSAGES, ...overrides } : DEFAULT_DATA_TABLE_MESSAGES
}
