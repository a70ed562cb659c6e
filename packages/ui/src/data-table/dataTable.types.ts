import type { PaginationMode } from '../pagination/pagination.types.js'

/**
 * What a column holds; decides its default formatting, sorting and the filter it offers.
 * `custom` columns format with `format` and offer no filter unless `filter` says which.
 */
export type DataTableColumnType = 'text' | 'number' | 'date' | 'boolean' | 'enum' | 'custom'

/** A choice of an `enum` column: a value, or a value with the label shown for it. */
export type DataTableEnumOption = string | { value: string; label: string }

/** A row: any object. Rows need an `id` (or `getRowId`) for selection and editing. */
export type DataTableRow = Record<string, unknown>

/** A column definition. Only `header` and one of `field` / `id` are required. */
export interface DataTableColumn<Row = DataTableRow> {
  /**
   * Unique key of the column in sorting, filters, layout and events.
   * @default field
   */
  id?: string
  /** Where the value lives in a row; dotted paths reach nested fields (`'address.city'`). */
  field?: string
  /** The column header text (also its accessible name). */
  header: string
  /**
   * What the column holds.
   * @default 'text'
   */
  type?: DataTableColumnType
  /** Choices of an `enum` column (its filter lists them; editing picks among them). */
  options?: readonly DataTableEnumOption[]
  /** Turns a value into the text a cell shows and CSV exports. Default: by `type`. */
  format?: (value: unknown, row: Row) => string
  /**
   * Width in CSS pixels.
   * @default 160
   */
  width?: number
  /**
   * Smallest width resizing allows.
   * @default 48
   */
  minWidth?: number
  /**
   * Whether clicking the header sorts by the column.
   * @default true unless `type` is 'custom'
   */
  sortable?: boolean
  /**
   * Whether the column offers a filter (fitted to its type).
   * @default true unless `type` is 'custom'
   */
  filterable?: boolean
  /**
   * Whether the column's cells can be edited in place (Enter or double-click).
   * @default false
   */
  editable?: boolean
  /** Checks an edited value before it is written; returns the error to show, or null. */
  validate?: (value: unknown, row: Row) => string | null | undefined
  /**
   * Whether the column starts hidden (the user can show it).
   * @default false
   */
  hidden?: boolean
  /**
   * Whether quick search looks in this column.
   * @default true for text and enum columns
   */
  searchable?: boolean
}

/** A column after defaults are applied: every option has its value. */
export interface ResolvedColumn<Row = DataTableRow> {
  readonly id: string
  readonly field: string | null
  readonly header: string
  readonly type: DataTableColumnType
  readonly options: readonly { value: string; label: string }[]
  readonly format: ((value: unknown, row: Row) => string) | null
  readonly width: number
  readonly minWidth: number
  readonly sortable: boolean
  readonly filterable: boolean
  readonly editable: boolean
  readonly searchable: boolean
  readonly validate: ((value: unknown, row: Row) => string | null | undefined) | null
  readonly hidden: boolean
}

/** One sort key: a column id and a direction. The first key of a list sorts first. */
export interface DataTableSort {
  readonly id: string
  readonly direction: 'asc' | 'desc'
}

/**
 * A column filter, fitted to the column type: `contains` for text (in bound mode a prefix match,
 * which is what a Metal query can answer), `range` for numbers, `dateRange` for dates (epoch
 * milliseconds, both ends inclusive), `set` for enums and `equals` for booleans.
 */
export type DataTableFilter =
  | { readonly kind: 'contains'; readonly text: string }
  | { readonly kind: 'range'; readonly min?: number; readonly max?: number }
  | { readonly kind: 'dateRange'; readonly from?: number; readonly to?: number }
  | { readonly kind: 'set'; readonly values: readonly string[] }
  | { readonly kind: 'equals'; readonly value: boolean }

/**
 * Which rows are selected. `all: false`: exactly `ids`. `all: true` ("select all N matching"):
 * every row that matches the filters except `ids`, so it holds across pages and for rows that
 * arrive later.
 */
export interface DataTableSelection {
  readonly all: boolean
  readonly ids: readonly string[]
}

/** What a user arranged about the columns: plain JSON, to persist and restore. */
/** How much room a row takes: 36, 52 or 68 px at the default type scale. */
export type DataTableDensity = 'compact' | 'standard' | 'comfortable'

/** Columns held at the start (`left`) or end (`right`) edge while the rest scroll, in order. */
export interface DataTablePinning {
  readonly left: readonly string[]
  readonly right: readonly string[]
}

/** What a user arranged about the columns: worth keeping across visits (`persistKey`). */
export interface DataTableLayout {
  /** Ids of the hidden columns. */
  readonly hidden: readonly string[]
  /** Widths the user gave columns, in CSS pixels, by column id. */
  readonly widths: Readonly<Record<string, number>>
  /** Pinned columns; the selection column is always pinned first when rows are selectable. */
  readonly pinned: DataTablePinning
  /** Row density. */
  readonly density: DataTableDensity
}

/** A layout to start from or apply: missing parts keep their defaults. */
export interface DataTableLayoutInput {
  /** Ids of the hidden columns. @default the columns declared `hidden` */
  readonly hidden?: readonly string[]
  /** Widths by column id, in CSS pixels. @default {} */
  readonly widths?: Readonly<Record<string, number>>
  /** Pinned columns. @default { left: [], right: [] } */
  readonly pinned?: Partial<DataTablePinning>
  /** Row density. @default 'standard' */
  readonly density?: DataTableDensity
}

/** The focused cell of the grid: row 0 is the header row, 1… the rows of the page. */
export interface DataTableFocus {
  readonly row: number
  /** Index among the grid's columns (the selection column first when there is one). */
  readonly col: number
}

/** A cell being edited: the draft and, once checked, the error it has. */
export interface DataTableEditing {
  readonly rowId: string
  readonly columnId: string
  readonly draft: string
  readonly error: string | null
}

/** Options of {@link initDataTable}. */
export interface DataTableOptions<Row = DataTableRow> {
  columns: readonly DataTableColumn<Row>[]
  /** Starting sort keys. */
  sorting?: readonly DataTableSort[]
  /** Starting filters by column id. */
  filters?: Readonly<Record<string, DataTableFilter>>
  /** Starting quick-search text. */
  search?: string
  /**
   * Offset pages with a total, or cursor pages ("21–40 of many").
   * @default 'offset'
   */
  pagingMode?: PaginationMode
  /** @default 1 */
  page?: number
  /** Rows per page; no cap. @default 20 */
  pageSize?: number
  /**
   * Whether rows have selection checkboxes.
   * @default false
   */
  selectable?: boolean
  /** A layout saved from an earlier session (unknown column ids in it are ignored). */
  layout?: DataTableLayoutInput
}

/** The whole state of a data table: plain data, replaced (never mutated) by each transition. */
export interface DataTableState<Row = DataTableRow> {
  readonly columns: readonly ResolvedColumn<Row>[]
  readonly sorting: readonly DataTableSort[]
  readonly filters: Readonly<Record<string, DataTableFilter>>
  readonly search: string
  readonly pagingMode: PaginationMode
  readonly page: number
  readonly pageSize: number
  readonly selectable: boolean
  readonly selection: DataTableSelection
  readonly layout: DataTableLayout
  readonly focus: DataTableFocus
  readonly editing: DataTableEditing | null
  /** Errors of cells whose write failed, by `rowId + '\u0000' + columnId`. */
  readonly cellErrors: Readonly<Record<string, string>>
  /**
   * Rows that arrived above the first row in view since the user last saw the top: the view
   * keeps the rows in view where they are and offers a "N new rows" pill instead. Reset by
   * `SHOW_NEW_ROWS` and by anything that changes which rows are shown (sort, filter, page).
   */
  readonly newRows: number
  /** The column whose header menu is open, or `null`. */
  readonly columnMenu: string | null
  /** The open toolbar panel, or `null`. */
  readonly panel: DataTablePanel | null
}

/** A toolbar panel: the filters (scrolled to one column's filter), or the column list. */
export type DataTablePanel =
  { readonly kind: 'filters'; readonly columnId?: string } | { readonly kind: 'columns' }

/** Keyboard input the grid reacts to, with what it needs to know about the page on screen. */
export interface DataTableKeyInput {
  readonly key: string
  readonly ctrlKey?: boolean
  readonly metaKey?: boolean
  readonly shiftKey?: boolean
  readonly altKey?: boolean
  /** Ids of the rows on screen, in order. */
  readonly rowIds: readonly string[]
  /** Rows PageUp/PageDown move by. @default 10 */
  readonly pageStep?: number
  /** Current values of the focused row's cells, by column id (to start an edit). */
  readonly rowValue?: (rowId: string, columnId: string) => unknown
}

/** What can happen to a data table. */
export type DataTableEvent =
  | { type: 'TOGGLE_SORT'; columnId: string; multi?: boolean }
  | { type: 'SET_SORTING'; sorting: readonly DataTableSort[] }
  | { type: 'SET_FILTER'; columnId: string; filter: DataTableFilter | null }
  | { type: 'CLEAR_FILTERS' }
  | { type: 'SET_SEARCH'; search: string }
  | { type: 'SET_PAGE'; page: number }
  | { type: 'SET_PAGE_SIZE'; pageSize: number }
  | { type: 'TOGGLE_ROW'; rowId: string }
  | { type: 'SET_ROWS_SELECTED'; rowIds: readonly string[]; selected: boolean }
  | { type: 'SELECT_ALL_MATCHING' }
  | { type: 'CLEAR_SELECTION' }
  | { type: 'SET_COLUMN_VISIBLE'; columnId: string; visible: boolean }
  | { type: 'RESIZE_COLUMN'; columnId: string; width: number }
  | { type: 'SET_LAYOUT'; layout: DataTableLayoutInput }
  | { type: 'PIN_COLUMN'; columnId: string; side: 'left' | 'right' | null }
  | { type: 'SET_DENSITY'; density: DataTableDensity }
  | { type: 'FOCUS_CELL'; row: number; col: number }
  | ({ type: 'KEYDOWN' } & DataTableKeyInput)
  | { type: 'START_EDIT'; rowId: string; columnId: string; value: unknown }
  | { type: 'CHANGE_DRAFT'; draft: string }
  | { type: 'CANCEL_EDIT' }
  | { type: 'END_EDIT' }
  | { type: 'SET_EDIT_ERROR'; error: string }
  | { type: 'SET_CELL_ERROR'; rowId: string; columnId: string; error: string | null }
  | { type: 'ROWS_ADDED_ABOVE'; count: number }
  | { type: 'SHOW_NEW_ROWS' }
  | { type: 'OPEN_COLUMN_MENU'; columnId: string }
  | { type: 'CLOSE_COLUMN_MENU' }
  | { type: 'OPEN_PANEL'; panel: DataTablePanel }
  | { type: 'CLOSE_PANEL' }
