import { MetalError } from '@metal/core'
import { describeValue } from '../describeValue.js'
import { DEFAULT_PAGE_SIZE } from '../pagination/pagination.model.js'
import { filterKindOf, isEmptyFilter, parseDraft, toDraft } from './dataTable.values.js'
import type {
  DataTableColumn,
  DataTableColumnType,
  DataTableEvent,
  DataTableFilter,
  DataTableKeyInput,
  DataTableLayout,
  DataTableOptions,
  DataTableRow,
  DataTableSelection,
  DataTableSort,
  DataTableState,
  ResolvedColumn,
} from './dataTable.types.js'

/** Id of the selection-checkbox column in the grid's column list. */
export const SELECT_COLUMN_ID = '$select'

/** Width of the selection column, in CSS pixels. */
export const SELECT_COLUMN_WIDTH = 48
/** Width of a column that gives none. */
export const DEFAULT_COLUMN_WIDTH = 160
/** Smallest width of a column that gives none. */
export const DEFAULT_MIN_COLUMN_WIDTH = 48

const TYPES: readonly DataTableColumnType[] = [
  'text',
  'number',
  'date',
  'boolean',
  'enum',
  'custom',
]

// ─── Validation ─────────────────────────────────────────────────────────────────────────────────

function invalid(call: string, field: string, rule: string, value: unknown): MetalError {
  return new MetalError(
    'invalid-argument',
    `${call}: ${field} must be ${rule}, got ${describeValue(value)}`,
  )
}

function checkPositiveInteger(call: string, field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw invalid(call, field, 'a positive integer', value)
  }
  return value
}

function checkWidth(call: string, field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw invalid(call, field, 'a positive number of pixels', value)
  }
  return value
}

function resolveColumn<Row>(
  call: string,
  column: DataTableColumn<Row>,
  i: number,
): ResolvedColumn<Row> {
  const at = `columns[${i}]`
  if (typeof column !== 'object' || column === null) throw invalid(call, at, 'an object', column)
  if (typeof column.header !== 'string') {
    throw invalid(call, `${at}.header`, 'a string', column.header)
  }
  if (column.field !== undefined && (typeof column.field !== 'string' || column.field === '')) {
    throw invalid(call, `${at}.field`, 'a non-empty string', column.field)
  }
  const id = column.id ?? column.field
  if (typeof id !== 'string' || id === '') {
    throw invalid(call, `${at}.id`, 'a non-empty string (give id or field)', id)
  }
  const type = column.type ?? 'text'
  if (!TYPES.includes(type)) throw invalid(call, `${at}.type`, TYPES.join(', '), type)
  const options = (column.options ?? []).map((o, j) => {
    if (typeof o === 'string') return { value: o, label: o }
    if (typeof o !== 'object' || o === null || typeof o.value !== 'string') {
      throw invalid(call, `${at}.options[${j}]`, 'a string or { value, label }', o)
    }
    return { value: o.value, label: typeof o.label === 'string' ? o.label : o.value }
  })
  if (type === 'enum' && options.length === 0) {
    throw invalid(call, `${at}.options`, "a non-empty array for an 'enum' column", column.options)
  }
  const minWidth = checkWidth(call, `${at}.minWidth`, column.minWidth ?? DEFAULT_MIN_COLUMN_WIDTH)
  const width = Math.max(
    minWidth,
    checkWidth(call, `${at}.width`, column.width ?? DEFAULT_COLUMN_WIDTH),
  )
  const field = column.field ?? null
  const usable = type !== 'custom' && field !== null
  return {
    id,
    field,
    header: column.header,
    type,
    options,
    format: column.format ?? null,
    width,
    minWidth,
    sortable: column.sortable ?? usable,
    filterable: (column.filterable ?? usable) && filterKindOf(type) !== null,
    editable: (column.editable ?? false) && field !== null,
    searchable: column.searchable ?? (usable && (type === 'text' || type === 'enum')),
    validate: column.validate ?? null,
    hidden: column.hidden ?? false,
  }
}

function checkFilter(
  call: string,
  column: ResolvedColumn<unknown>,
  filter: DataTableFilter,
): DataTableFilter {
  const at = `filters.${column.id}`
  const kind = filterKindOf(column.type)
  if (!column.filterable || kind === null) {
    throw invalid(call, at, `absent: column '${column.id}' is not filterable`, filter)
  }
  if (typeof filter !== 'object' || filter === null || filter.kind !== kind) {
    throw invalid(call, at, `a '${kind}' filter for a ${column.type} column`, filter)
  }
  const finite = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isFinite(v))
  const ok =
    filter.kind === 'contains'
      ? typeof filter.text === 'string'
      : filter.kind === 'range'
        ? finite(filter.min) && finite(filter.max)
        : filter.kind === 'dateRange'
          ? finite(filter.from) && finite(filter.to)
          : filter.kind === 'set'
            ? Array.isArray(filter.values) && filter.values.every((v) => typeof v === 'string')
            : typeof filter.value === 'boolean'
  if (!ok) throw invalid(call, at, `a well-formed '${kind}' filter`, filter)
  return filter
}

function columnById<Row>(
  state: { columns: readonly ResolvedColumn<Row>[] },
  call: string,
  id: unknown,
): ResolvedColumn<Row> {
  const column = state.columns.find((c) => c.id === id)
  if (!column) {
    const ids = state.columns.map((c) => `'${c.id}'`).join(', ')
    throw invalid(call, 'columnId', `one of ${ids}`, id)
  }
  return column
}

function checkSorting<Row>(
  call: string,
  columns: readonly ResolvedColumn<Row>[],
  sorting: unknown,
): DataTableSort[] {
  if (!Array.isArray(sorting)) throw invalid(call, 'sorting', 'an array', sorting)
  return sorting.map((s: DataTableSort, i) => {
    const column = columns.find((c) => c.id === s?.id)
    if (!column?.sortable) {
      throw invalid(call, `sorting[${i}].id`, 'the id of a sortable column', s?.id)
    }
    if (s.direction !== 'asc' && s.direction !== 'desc') {
      throw invalid(call, `sorting[${i}].direction`, "'asc' or 'desc'", s.direction)
    }
    return { id: s.id, direction: s.direction }
  })
}

// ─── State ──────────────────────────────────────────────────────────────────────────────────────

/**
 * Creates a data-table state from options, validating every one: a bad column, sort, filter or
 * page throws a `MetalError` ('invalid-argument') naming the call, the option and the value.
 *
 * @param call - the name errors are reported under, e.g. `'<DataTable>'`
 */
export function initDataTable<Row = DataTableRow>(
  options: DataTableOptions<Row>,
  call = 'initDataTable()',
): DataTableState<Row> {
  if (typeof options !== 'object' || options === null) {
    throw invalid(call, 'options', 'an object', options)
  }
  const { columns: given } = options
  if (!Array.isArray(given) || given.length === 0) {
    throw invalid(call, 'columns', 'a non-empty array', given)
  }
  const columns = given.map((c, i) => resolveColumn(call, c, i))
  const seen = new Set<string>()
  for (const c of columns) {
    if (seen.has(c.id) || c.id === SELECT_COLUMN_ID) {
      throw invalid(call, 'column ids', 'unique', c.id)
    }
    seen.add(c.id)
  }
  const sorting = checkSorting(call, columns, options.sorting ?? [])
  const filters: Record<string, DataTableFilter> = {}
  for (const [id, filter] of Object.entries(options.filters ?? {})) {
    const column = columnById({ columns }, call, id)
    if (!isEmptyFilter(checkFilter(call, column as ResolvedColumn<unknown>, filter)))
      filters[id] = filter
  }
  const search = options.search ?? ''
  if (typeof search !== 'string') throw invalid(call, 'search', 'a string', search)
  const pagingMode = options.pagingMode ?? 'offset'
  if (pagingMode !== 'offset' && pagingMode !== 'cursor') {
    throw invalid(call, 'pagingMode', "'offset' or 'cursor'", pagingMode)
  }
  const base = {
    columns,
    layout: {
      hidden: columns.filter((c) => c.hidden).map((c) => c.id),
      widths: {},
    },
  }
  return {
    columns,
    sorting,
    filters,
    search,
    pagingMode,
    page: checkPositiveInteger(call, 'page', options.page ?? 1),
    pageSize: checkPositiveInteger(call, 'pageSize', options.pageSize ?? DEFAULT_PAGE_SIZE),
    selectable: options.selectable ?? false,
    selection: { all: false, ids: [] },
    layout: options.layout ? applyLayout(base, options.layout) : base.layout,
    focus: { row: 0, col: 0 },
    editing: null,
    cellErrors: {},
    newRows: 0,
  }
}

/** Keeps the parts of a layout that fit the columns; always leaves one column visible. */
function applyLayout<Row>(
  state: { columns: readonly ResolvedColumn<Row>[] },
  layout: DataTableLayout,
): DataTableLayout {
  const ids = new Set(state.columns.map((c) => c.id))
  const hidden = Array.isArray(layout?.hidden) ? layout.hidden.filter((id) => ids.has(id)) : []
  const widths: Record<string, number> = {}
  for (const [id, w] of Object.entries(layout?.widths ?? {})) {
    const column = state.columns.find((c) => c.id === id)
    if (column && typeof w === 'number' && Number.isFinite(w)) {
      widths[id] = Math.max(column.minWidth, Math.round(w))
    }
  }
  return { hidden: hidden.length < ids.size ? hidden : hidden.slice(1), widths }
}

/**
 * Reads a layout saved with `JSON.stringify(state.layout)`. Stored text may be stale or broken:
 * anything that is not a layout gives `null` rather than an error.
 */
export function parseDataTableLayout(text: string | null | undefined): DataTableLayout | null {
  if (!text) return null
  try {
    const value = JSON.parse(text) as Partial<DataTableLayout> | null
    if (typeof value !== 'object' || value === null) return null
    const hidden = Array.isArray(value.hidden)
      ? value.hidden.filter((id): id is string => typeof id === 'string')
      : []
    const widths: Record<string, number> = {}
    if (typeof value.widths === 'object' && value.widths !== null) {
      for (const [id, w] of Object.entries(value.widths)) {
        if (typeof w === 'number' && Number.isFinite(w) && w > 0) widths[id] = w
      }
    }
    return { hidden, widths }
  } catch {
    return null
  }
}

// ─── Derived data ───────────────────────────────────────────────────────────────────────────────

/** The columns shown, in order. */
export function getVisibleColumns<Row>(state: DataTableState<Row>): ResolvedColumn<Row>[] {
  return state.columns.filter((c) => !state.layout.hidden.includes(c.id))
}

/** Ids of the grid's columns: the selection column (when rows are selectable), then the shown. */
export function getGridColumnIds<Row>(state: DataTableState<Row>): string[] {
  const ids = getVisibleColumns(state).map((c) => c.id)
  return state.selectable ? [SELECT_COLUMN_ID, ...ids] : ids
}

/** A column's width: the user's, else the column's own. */
export function getColumnWidth<Row>(state: DataTableState<Row>, column: ResolvedColumn<Row>) {
  return state.layout.widths[column.id] ?? column.width
}

/** `aria-sort` of a column: only the first sort key is announced, as the grid pattern asks. */
export function getAriaSort<Row>(
  state: DataTableState<Row>,
  columnId: string,
): 'ascending' | 'descending' | 'none' | undefined {
  const column = state.columns.find((c) => c.id === columnId)
  if (!column?.sortable) return undefined
  const first = state.sorting[0]
  if (first?.id !== columnId) return 'none'
  return first.direction === 'asc' ? 'ascending' : 'descending'
}

/** Whether a row is selected. */
export function isRowSelected(selection: DataTableSelection, rowId: string): boolean {
  return selection.all !== selection.ids.includes(rowId)
}

/**
 * How many rows are selected, given how many match (`total`). With "select all matching", ids
 * left out count only while they still match: pass `matching` (the ids known to match) to say.
 */
export function getSelectedCount(
  selection: DataTableSelection,
  total: number | null,
  matching?: (rowId: string) => boolean,
): number | null {
  if (!selection.all) return selection.ids.length
  if (total === null) return null
  const excluded = matching ? selection.ids.filter(matching).length : selection.ids.length
  return Math.max(0, total - excluded)
}

/** Whether `rowIds` (a page) are all, some or none selected: for the header checkbox. */
export function getPageSelection(
  selection: DataTableSelection,
  rowIds: readonly string[],
): 'all' | 'some' | 'none' {
  const n = rowIds.filter((id) => isRowSelected(selection, id)).length
  return n === 0 ? 'none' : n === rowIds.length ? 'all' : 'some'
}

/** Key of a cell in `cellErrors`. */
export function cellKey(rowId: string, columnId: string): string {
  return `${rowId}\u0000${columnId}`
}

/**
 * Checks the cell being edited: parses the draft for its column type and runs the column's
 * `validate`. Gives the value to write, or the error to show on the cell.
 */
export function resolveEdit<Row>(
  state: DataTableState<Row>,
  row: Row,
):
  | { ok: true; rowId: string; columnId: string; field: string; value: unknown }
  | { ok: false; error: string } {
  const editing = state.editing
  if (!editing) {
    throw new MetalError('failed-precondition', 'resolveEdit(): no cell is being edited')
  }
  const column = columnById(state, 'resolveEdit()', editing.columnId)
  const parsed = parseDraft(column, editing.draft)
  if (!parsed.ok) return parsed
  const error = column.validate?.(parsed.value, row)
  if (error) return { ok: false, error }
  const { rowId, columnId } = editing
  return { ok: true, rowId, columnId, field: column.field as string, value: parsed.value }
}

// ─── Transitions ────────────────────────────────────────────────────────────────────────────────

function nextSorting(
  sorting: readonly DataTableSort[],
  id: string,
  multi: boolean,
): DataTableSort[] {
  const at = sorting.findIndex((s) => s.id === id)
  const current = sorting[at]
  // asc → desc → unsorted, for the clicked column; the other keys stay only on shift-click.
  const next: DataTableSort | null = !current
    ? { id, direction: 'asc' }
    : current.direction === 'asc'
      ? { id, direction: 'desc' }
      : null
  if (!multi) return next ? [next] : []
  if (at === -1) return [...sorting, next as DataTableSort]
  return next ? sorting.map((s, i) => (i === at ? next : s)) : sorting.filter((_, i) => i !== at)
}

/** After the matching rows change, start from the first page and drop "all matching". */
function refiltered<Row>(state: DataTableState<Row>): DataTableState<Row> {
  return {
    ...state,
    page: 1,
    focus: { row: Math.min(state.focus.row, 1), col: state.focus.col },
    editing: null,
    selection: state.selection.all ? { all: false, ids: [] } : state.selection,
    newRows: 0,
  }
}

function onKey<Row>(state: DataTableState<Row>, input: DataTableKeyInput): DataTableState<Row> {
  const { key, rowIds } = input
  const ctrl = input.ctrlKey === true || input.metaKey === true
  if (state.editing) return key === 'Escape' ? { ...state, editing: null } : state
  const lastRow = rowIds.length
  const lastCol = getGridColumnIds(state).length - 1
  const row = Math.min(state.focus.row, lastRow)
  const col = Math.min(state.focus.col, lastCol)
  const step = input.pageStep ?? 10
  const move = (r: number, c: number) =>
    r === state.focus.row && c === state.focus.col
      ? state
      : {
          ...state,
          focus: { row: Math.max(0, Math.min(r, lastRow)), col: Math.max(0, Math.min(c, lastCol)) },
        }
  switch (key) {
    case 'ArrowUp':
      return move(row - 1, col)
    case 'ArrowDown':
      return move(row + 1, col)
    case 'ArrowLeft':
      return move(row, col - 1)
    case 'ArrowRight':
      return move(row, col + 1)
    case 'Home':
      return ctrl ? move(0, 0) : move(row, 0)
    case 'End':
      return ctrl ? move(lastRow, lastCol) : move(row, lastCol)
    case 'PageUp':
      return move(row - step, col)
    case 'PageDown':
      return move(row + step, col)
  }
  const columnId = getGridColumnIds(state)[col]
  const rowId = row > 0 ? rowIds[row - 1] : undefined
  if (key === 'Enter' || key === ' ' || key === 'F2') {
    if (columnId === SELECT_COLUMN_ID) {
      if (rowId !== undefined) return updateDataTable(state, { type: 'TOGGLE_ROW', rowId })
      const selected = getPageSelection(state.selection, rowIds) !== 'all'
      return updateDataTable(state, { type: 'SET_ROWS_SELECTED', rowIds, selected })
    }
    if (columnId === undefined) return state
    const column = state.columns.find((c) => c.id === columnId)
    if (rowId === undefined) {
      if (key === ' ' || !column?.sortable) return state
      return updateDataTable(state, { type: 'TOGGLE_SORT', columnId, multi: input.shiftKey })
    }
    if (key !== ' ' && column?.editable) {
      const value = input.rowValue?.(rowId, columnId)
      return updateDataTable(state, { type: 'START_EDIT', rowId, columnId, value })
    }
  }
  return state
}

/**
 * The state after `event`. Pure: returns a new state, or the same one when nothing changes.
 * Bad event data throws a `MetalError` ('invalid-argument') naming the event and the value.
 */
export function updateDataTable<Row>(
  state: DataTableState<Row>,
  event: DataTableEvent,
): DataTableState<Row> {
  const call = `updateDataTable(${typeof event?.type === 'string' ? event.type : ''})`
  switch (event?.type) {
    case 'TOGGLE_SORT': {
      const column = columnById(state, call, event.columnId)
      if (!column.sortable) throw invalid(call, 'columnId', 'a sortable column', event.columnId)
      return {
        ...state,
        sorting: nextSorting(state.sorting, column.id, event.multi === true),
        page: 1,
        newRows: 0,
      }
    }
    case 'SET_SORTING':
      return {
        ...state,
        sorting: checkSorting(call, state.columns, event.sorting),
        page: 1,
        newRows: 0,
      }
    case 'SET_FILTER': {
      const column = columnById(state, call, event.columnId)
      const filters = { ...state.filters }
      if (
        event.filter === null ||
        isEmptyFilter(checkFilter(call, column as ResolvedColumn<unknown>, event.filter))
      ) {
        if (!(column.id in filters)) return state
        delete filters[column.id]
      } else {
        filters[column.id] = event.filter
      }
      return refiltered({ ...state, filters })
    }
    case 'CLEAR_FILTERS':
      if (Object.keys(state.filters).length === 0 && state.search === '') return state
      return refiltered({ ...state, filters: {}, search: '' })
    case 'SET_SEARCH':
      if (typeof event.search !== 'string') throw invalid(call, 'search', 'a string', event.search)
      return event.search === state.search ? state : refiltered({ ...state, search: event.search })
    case 'SET_PAGE': {
      const page = checkPositiveInteger(call, 'page', event.page)
      return page === state.page ? state : { ...state, page, editing: null, newRows: 0 }
    }
    case 'SET_PAGE_SIZE': {
      const pageSize = checkPositiveInteger(call, 'pageSize', event.pageSize)
      if (pageSize === state.pageSize) return state
      // Offset pages keep the first row that was on screen; cursor pages start over.
      const page =
        state.pagingMode === 'cursor'
          ? 1
          : Math.floor(((state.page - 1) * state.pageSize) / pageSize) + 1
      return { ...state, pageSize, page, editing: null, newRows: 0 }
    }
    case 'TOGGLE_ROW': {
      if (typeof event.rowId !== 'string') throw invalid(call, 'rowId', 'a string', event.rowId)
      const { ids } = state.selection
      const next = ids.includes(event.rowId)
        ? ids.filter((id) => id !== event.rowId)
        : [...ids, event.rowId]
      return { ...state, selection: { all: state.selection.all, ids: next } }
    }
    case 'SET_ROWS_SELECTED': {
      if (!Array.isArray(event.rowIds)) throw invalid(call, 'rowIds', 'an array', event.rowIds)
      const { all, ids } = state.selection
      // In "all matching" mode `ids` lists the rows left out, so selecting removes from it.
      const add = event.selected !== all
      const set = new Set(ids)
      for (const id of event.rowIds) {
        if (add) set.add(id)
        else set.delete(id)
      }
      return { ...state, selection: { all, ids: [...set] } }
    }
    case 'SELECT_ALL_MATCHING':
      return { ...state, selection: { all: true, ids: [] } }
    case 'CLEAR_SELECTION':
      if (!state.selection.all && state.selection.ids.length === 0) return state
      return { ...state, selection: { all: false, ids: [] } }
    case 'SET_COLUMN_VISIBLE': {
      const column = columnById(state, call, event.columnId)
      const hidden = state.layout.hidden.filter((id) => id !== column.id)
      if (!event.visible) hidden.push(column.id)
      if (hidden.length >= state.columns.length) return state // one column always stays
      if (
        hidden.length === state.layout.hidden.length &&
        !event.visible === state.layout.hidden.includes(column.id)
      )
        return state
      return {
        ...state,
        layout: { ...state.layout, hidden },
        focus: { row: state.focus.row, col: 0 },
      }
    }
    case 'RESIZE_COLUMN': {
      const column = columnById(state, call, event.columnId)
      const width = Math.max(column.minWidth, Math.round(checkWidth(call, 'width', event.width)))
      if (getColumnWidth(state, column) === width) return state
      return {
        ...state,
        layout: { ...state.layout, widths: { ...state.layout.widths, [column.id]: width } },
      }
    }
    case 'SET_LAYOUT':
      return { ...state, layout: applyLayout(state, event.layout) }
    case 'FOCUS_CELL': {
      const { row, col } = event
      if (!Number.isInteger(row) || row < 0) throw invalid(call, 'row', 'an integer ≥ 0', row)
      if (!Number.isInteger(col) || col < 0) throw invalid(call, 'col', 'an integer ≥ 0', col)
      return row === state.focus.row && col === state.focus.col
        ? state
        : { ...state, focus: { row, col } }
    }
    case 'KEYDOWN':
      return onKey(state, event)
    case 'START_EDIT': {
      const column = columnById(state, call, event.columnId)
      if (!column.editable) throw invalid(call, 'columnId', 'an editable column', event.columnId)
      const draft = toDraft(column.type, event.value)
      return {
        ...state,
        editing: { rowId: event.rowId, columnId: column.id, draft, error: null },
      }
    }
    case 'CHANGE_DRAFT':
      if (!state.editing) return state
      if (typeof event.draft !== 'string') throw invalid(call, 'draft', 'a string', event.draft)
      // The error stays until the next commit attempt, so it does not flicker while typing.
      return { ...state, editing: { ...state.editing, draft: event.draft } }
    case 'SET_EDIT_ERROR':
      if (!state.editing) return state
      return { ...state, editing: { ...state.editing, error: String(event.error) } }
    case 'CANCEL_EDIT':
    case 'END_EDIT': {
      if (!state.editing) return state
      const { rowId, columnId } = state.editing
      const cellErrors = { ...state.cellErrors }
      delete cellErrors[cellKey(rowId, columnId)]
      return { ...state, editing: null, cellErrors }
    }
    case 'SET_CELL_ERROR': {
      const key = cellKey(event.rowId, event.columnId)
      const cellErrors = { ...state.cellErrors }
      if (event.error === null) delete cellErrors[key]
      else cellErrors[key] = event.error
      return { ...state, cellErrors }
    }
    case 'ROWS_ADDED_ABOVE': {
      const count = checkPositiveInteger(call, 'count', event.count)
      return { ...state, newRows: state.newRows + count }
    }
    case 'SHOW_NEW_ROWS':
      return state.newRows === 0 ? state : { ...state, newRows: 0 }
    default:
      throw invalid(
        'updateDataTable()',
        'event.type',
        'a DataTableEvent type',
        (event as { type?: unknown } | undefined)?.type,
      )
  }
}
