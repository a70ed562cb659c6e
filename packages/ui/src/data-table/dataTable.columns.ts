// Columns and their layout: definitions resolved with defaults, which are shown, how wide.

import { checkWidth, invalid } from './dataTable.check.js'
import { filterKindOf } from './dataTable.values.js'
import type {
  DataTableColumn,
  DataTableColumnType,
  DataTableDensity,
  DataTableLayout,
  DataTableLayoutInput,
  DataTableState,
  ResolvedColumn,
} from './dataTable.types.js'
import type { DataTablePinnedCell } from './dataTable.parts.js'

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

/** A column definition checked and filled in with its defaults. */
export function resolveColumn<Row>(
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

const DENSITIES: readonly DataTableDensity[] = ['compact', 'standard', 'comfortable']

/** Whether a value is one of the row densities. */
export function isDataTableDensity(value: unknown): value is DataTableDensity {
  return DENSITIES.includes(value as DataTableDensity)
}

const stringsOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : []

/**
 * Keeps the parts of a layout that fit the columns, with defaults for the missing parts: unknown
 * ids go, widths respect each column's minimum, a column is pinned on one side at most, and one
 * column always stays visible.
 */
export function applyLayout<Row>(
  state: { columns: readonly ResolvedColumn<Row>[] },
  layout: DataTableLayoutInput,
): DataTableLayout {
  const ids = new Set(state.columns.map((c) => c.id))
  const hidden = stringsOf(layout?.hidden).filter((id) => ids.has(id))
  const widths: Record<string, number> = {}
  for (const [id, w] of Object.entries(layout?.widths ?? {})) {
    const column = state.columns.find((c) => c.id === id)
    if (column && typeof w === 'number' && Number.isFinite(w)) {
      widths[id] = Math.max(column.minWidth, Math.round(w))
    }
  }
  const left = [...new Set(stringsOf(layout?.pinned?.left).filter((id) => ids.has(id)))]
  const right = [
    ...new Set(stringsOf(layout?.pinned?.right).filter((id) => ids.has(id) && !left.includes(id))),
  ]
  return {
    hidden: hidden.length < ids.size ? hidden : hidden.slice(1),
    widths,
    pinned: { left, right },
    density: isDataTableDensity(layout?.density) ? layout.density : 'standard',
  }
}

/**
 * Reads a layout saved with `JSON.stringify(state.layout)`. Stored text may be stale or broken:
 * anything that is not a layout gives `null` rather than an error; parts that are missing or
 * wrong get their defaults.
 */
export function parseDataTableLayout(text: string | null | undefined): DataTableLayout | null {
  if (!text) return null
  try {
    const value = JSON.parse(text) as Record<string, unknown> | null
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
    const widths: Record<string, number> = {}
    if (typeof value.widths === 'object' && value.widths !== null) {
      for (const [id, w] of Object.entries(value.widths)) {
        if (typeof w === 'number' && Number.isFinite(w) && w > 0) widths[id] = w
      }
    }
    const pinned = (typeof value.pinned === 'object' && value.pinned) || {}
    const left = stringsOf((pinned as Record<string, unknown>).left)
    return {
      hidden: stringsOf(value.hidden),
      widths,
      pinned: {
        left,
        right: stringsOf((pinned as Record<string, unknown>).right).filter(
          (id) => !left.includes(id),
        ),
      },
      density: isDataTableDensity(value.density) ? value.density : 'standard',
    }
  } catch {
    return null
  }
}

// ─── Derived data ───────────────────────────────────────────────────────────────────────────────

/** The columns shown, in order. */
export function getVisibleColumns<Row>(state: DataTableState<Row>): ResolvedColumn<Row>[] {
  return state.columns.filter((c) => !state.layout.hidden.includes(c.id))
}

/**
 * The shown columns in the order the grid lays them out: pinned-left ones first (in pin order),
 * then the rest, then pinned-right ones.
 */
export function getOrderedColumns<Row>(state: DataTableState<Row>): ResolvedColumn<Row>[] {
  const visible = getVisibleColumns(state)
  const { left, right } = state.layout.pinned
  const byId = new Map(visible.map((c) => [c.id, c]))
  const pick = (ids: readonly string[]) =>
    ids.map((id) => byId.get(id)).filter((c): c is ResolvedColumn<Row> => c !== undefined)
  const pinned = new Set([...left, ...right])
  return [...pick(left), ...visible.filter((c) => !pinned.has(c.id)), ...pick(right)]
}

/** Ids of the grid's columns: the selection column (when rows are selectable), then the shown. */
export function getGridColumnIds<Row>(state: DataTableState<Row>): string[] {
  const ids = getOrderedColumns(state).map((c) => c.id)
  return state.selectable ? [SELECT_COLUMN_ID, ...ids] : ids
}

/** A column of the grid as laid out: its width and, when pinned, where it sticks. */
export interface DataTableGridColumn {
  /** The column id ({@link SELECT_COLUMN_ID} for the selection column). */
  readonly id: string
  /** Width in CSS pixels. */
  readonly width: number
  /** Where it sticks, or `null` when it scrolls. */
  readonly pinned: DataTablePinnedCell | null
}

/**
 * The grid's columns in order, with widths and sticky offsets: the selection column and the
 * pinned-left columns stick to the start edge, the pinned-right ones to the end edge, each at
 * the summed width of the pinned columns before it; the innermost of each side is its `edge`.
 */
export function getGridColumns<Row>(state: DataTableState<Row>): DataTableGridColumn[] {
  const { left, right } = state.layout.pinned
  const columns = getOrderedColumns(state)
  const start = [
    ...(state.selectable ? [{ id: SELECT_COLUMN_ID, width: SELECT_COLUMN_WIDTH }] : []),
    ...columns
      .filter((c) => left.includes(c.id))
      .map((c) => ({ id: c.id, width: getColumnWidth(state, c) })),
  ]
  const end = columns.filter((c) => right.includes(c.id))
  const middle = columns.filter((c) => !left.includes(c.id) && !right.includes(c.id))
  let offset = 0
  const result: DataTableGridColumn[] = start.map((c, i) => {
    const pinned = { side: 'start' as const, offset, edge: i === start.length - 1 }
    offset += c.width
    return { ...c, pinned }
  })
  for (const c of middle) result.push({ id: c.id, width: getColumnWidth(state, c), pinned: null })
  offset = 0
  const tail: DataTableGridColumn[] = []
  for (let i = end.length - 1; i >= 0; i--) {
    const c = end[i] as ResolvedColumn<Row>
    const width = getColumnWidth(state, c)
    tail.unshift({ id: c.id, width, pinned: { side: 'end', offset, edge: i === 0 } })
    offset += width
  }
  return [...result, ...tail]
}

/** A column's width: the user's, else the column's own. */
export function getColumnWidth<Row>(state: DataTableState<Row>, column: ResolvedColumn<Row>) {
  return state.layout.widths[column.id] ?? column.width
}
