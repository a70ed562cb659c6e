import { DEFAULT_PAGE_SIZE } from '../pagination/pagination.model.js'
import {
  checkFilter,
  checkPositiveInteger,
  checkWidth,
  columnById,
  invalid,
} from './dataTable.check.js'
import {
  SELECT_COLUMN_ID,
  applyLayout,
  isDataTableDensity,
  getColumnWidth,
  resolveColumn,
} from './dataTable.columns.js'
import { cellKey } from './dataTable.editing.js'
import { dataTableKeyEvents } from './dataTable.keyboard.js'
import { checkSorting, nextSorting } from './dataTable.sorting.js'
import { isEmptyFilter, toDraft } from './dataTable.values.js'
import type {
  DataTableEvent,
  DataTableFilter,
  DataTableOptions,
  DataTableRow,
  DataTableState,
  ResolvedColumn,
} from './dataTable.types.js'

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
    layout: applyLayout({ columns }, { hidden: columns.filter((c) => c.hidden).map((c) => c.id) }),
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
    columnMenu: null,
    panel: null,
  }
}

// ─── Transitions ────────────────────────────────────────────────────────────────────────────────

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
    case 'PIN_COLUMN': {
      const column = columnById(state, call, event.columnId)
      const { side } = event
      if (side !== 'left' && side !== 'right' && side !== null) {
        throw invalid(call, 'side', "'left', 'right' or null", side)
      }
      const { left, right } = state.layout.pinned
      const current = left.includes(column.id) ? 'left' : right.includes(column.id) ? 'right' : null
      if (current === side) return state
      const without = (ids: readonly string[]) => ids.filter((id) => id !== column.id)
      return {
        ...state,
        layout: {
          ...state.layout,
          pinned: {
            left: side === 'left' ? [...without(left), column.id] : without(left),
            right: side === 'right' ? [column.id, ...without(right)] : without(right),
          },
        },
      }
    }
    case 'SET_DENSITY':
      if (!isDataTableDensity(event.density)) {
        throw invalid(call, 'density', "'compact', 'standard' or 'comfortable'", event.density)
      }
      if (state.layout.density === event.density) return state
      return { ...state, layout: { ...state.layout, density: event.density } }
    case 'FOCUS_CELL': {
      const { row, col } = event
      if (!Number.isInteger(row) || row < 0) throw invalid(call, 'row', 'an integer ≥ 0', row)
      if (!Number.isInteger(col) || col < 0) throw invalid(call, 'col', 'an integer ≥ 0', col)
      return row === state.focus.row && col === state.focus.col
        ? state
        : { ...state, focus: { row, col } }
    }
    case 'KEYDOWN': {
      if (typeof event.key !== 'string') throw invalid(call, 'key', 'a string', event.key)
      if (!Array.isArray(event.rowIds)) throw invalid(call, 'rowIds', 'an array', event.rowIds)
      return dataTableKeyEvents(state, event).reduce(updateDataTable, state)
    }
    case 'OPEN_COLUMN_MENU': {
      const column = columnById(state, call, event.columnId)
      return state.columnMenu === column.id ? state : { ...state, columnMenu: column.id }
    }
    case 'CLOSE_COLUMN_MENU':
      return state.columnMenu === null ? state : { ...state, columnMenu: null }
    case 'OPEN_PANEL': {
      const { panel } = event
      if (panel?.kind !== 'filters' && panel?.kind !== 'columns') {
        throw invalid(
          call,
          'panel.kind',
          "'filters' or 'columns'",
          (panel as { kind?: unknown })?.kind,
        )
      }
      if (panel.kind === 'filters' && panel.columnId !== undefined) {
        columnById(state, call, panel.columnId)
      }
      return { ...state, panel, columnMenu: null }
    }
    case 'CLOSE_PANEL':
      return state.panel === null ? state : { ...state, panel: null }
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
