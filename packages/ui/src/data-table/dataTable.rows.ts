import { compareCellValues, getCellValue, matchesFilter } from './dataTable.values.js'
import type { DataTableState, ResolvedColumn } from './dataTable.types.js'

// Unbound mode: the same filtering, quick search, sorting and paging that bound mode asks a Metal
// query for, computed over an array in memory.

/** Whether a row matches the quick search: any searchable column contains the text (any case). */
export function matchesSearch<Row>(
  row: Row,
  columns: readonly ResolvedColumn<Row>[],
  search: string,
): boolean {
  const text = search.trim().toLowerCase()
  if (text === '') return true
  return columns.some((column) => {
    if (!column.searchable) return false
    const value = getCellValue(row, column)
    if (value === undefined || value === null) return false
    const label =
      column.type === 'enum' ? column.options.find((o) => o.value === value)?.label : undefined
    return (label ?? String(value)).toLowerCase().includes(text)
  })
}

/** The rows that pass every column filter and the quick search, sorted by the sort keys. */
export function getMatchingRows<Row>(rows: readonly Row[], state: DataTableState<Row>): Row[] {
  const filters = Object.entries(state.filters).map(([id, filter]) => ({
    column: state.columns.find((c) => c.id === id) as ResolvedColumn<Row>,
    filter,
  }))
  const matching = rows.filter(
    (row) =>
      filters.every(({ column, filter }) => matchesFilter(filter, getCellValue(row, column))) &&
      matchesSearch(row, state.columns, state.search),
  )
  if (state.sorting.length === 0) return matching
  const keys = state.sorting.map((s) => ({
    column: state.columns.find((c) => c.id === s.id) as ResolvedColumn<Row>,
    sign: s.direction === 'desc' ? -1 : 1,
  }))
  // Decorate once so each row's values are read once, not on every comparison; the index keeps
  // the sort stable.
  return matching
    .map((row, index) => ({ row, index, values: keys.map((k) => getCellValue(row, k.column)) }))
    .sort((a, b) => {
      for (let i = 0; i < keys.length; i++) {
        const { column, sign } = keys[i] as (typeof keys)[number]
        const x = a.values[i]
        const y = b.values[i]
        const xEmpty = x === undefined || x === null
        const yEmpty = y === undefined || y === null
        if (xEmpty || yEmpty) {
          if (xEmpty !== yEmpty) return xEmpty ? 1 : -1 // empty cells last, either direction
          continue
        }
        const c = compareCellValues(column.type, x, y)
        if (c !== 0) return c * sign
      }
      return a.index - b.index
    })
    .map((d) => d.row)
}

/** The rows of the current page of `matching`. */
export function getPageRows<Row>(matching: readonly Row[], state: DataTableState<Row>): Row[] {
  const start = (state.page - 1) * state.pageSize
  return matching.slice(start, start + state.pageSize)
}
