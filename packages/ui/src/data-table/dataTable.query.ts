import { and, documentId, or, where, CompositeQuery, Query, type Filter } from '@metal/core'
import type { CollectionReference, QueryField } from '@metal/core'
import { isEmptyFilter } from './dataTable.values.js'
import type { DataTableDefaultOrder } from './dataTable.defaultSort.js'
import type { DataTableFilter, DataTableState, ResolvedColumn } from './dataTable.types.js'

// Bound mode: the table's sort, filter, search and page state as Metal query constraints, so the
// backend does the work. Text matching is by prefix (`>= text` and `< text + '\uf8ff'`), the
// range a Metal query can answer; it is case-sensitive, unlike the unbound table's "contains".

/** The highest code point in the Basic Multilingual Plane: after every ordinary character. */
const PREFIX_END = '\uf8ff'

/* eslint-disable @typescript-eslint/no-explicit-any -- queries of any model and stored shape */

/**
 * A base query a bound table narrows: `(collection) => collection.where(…)`, or nothing. It may
 * set a converter (`(c) => c.withConverter(userConverter)`): the table then shows the models.
 */
export type DataTableBaseQuery<T> = (
  collection: CollectionReference<T>,
) => Query<any, any> | CompositeQuery<any, any>

/** Options of {@link applyDataTableQuery}. */
export interface DataTableQueryOptions {
  /**
   * Add `offset()` and `limit()` for the current page. Turn off for cursor paging (the paginated
   * hook adds its own cursors) and for export or counting, which read every matching row.
   * @default true
   */
  page?: boolean
  /**
   * The order used while the state has no sort keys (see `getDataTableDefaultOrder`): a field
   * descending, or document id order. A `'column'` order is the state's own sort already.
   * @default none: the backend's order
   */
  defaultOrder?: DataTableDefaultOrder
}

function prefixFilter(field: string, text: string): Filter {
  return and(where(field, '>=', text), where(field, '<', text + PREFIX_END))
}

function columnFilter(field: string, filter: DataTableFilter): Filter[] {
  switch (filter.kind) {
    case 'contains':
      return [prefixFilter(field, filter.text)]
    case 'range':
    case 'dateRange': {
      const [min, max] =
        filter.kind === 'range' ? [filter.min, filter.max] : [filter.from, filter.to]
      return [
        ...(min === undefined ? [] : [where(field, '>=', min)]),
        ...(max === undefined ? [] : [where(field, '<=', max)]),
      ]
    }
    case 'set':
      return [where(field, 'in', [...filter.values])]
    case 'equals':
      return [where(field, '==', filter.value)]
  }
}

/**
 * The quick search as one filter: any searchable text column starting with the text, or any enum
 * column holding an option whose label contains it (the options are known, so that part is exact).
 */
function searchFilter<Row>(columns: readonly ResolvedColumn<Row>[], search: string): Filter | null {
  const text = search.trim()
  if (text === '') return null
  const lower = text.toLowerCase()
  const parts: Filter[] = []
  for (const column of columns) {
    if (!column.searchable || column.field === null) continue
    if (column.type === 'enum') {
      const values = column.options
        .filter((o) => o.label.toLowerCase().includes(lower))
        .map((o) => o.value)
      if (values.length > 0) parts.push(where(column.field, 'in', values.slice(0, 30)))
    } else {
      parts.push(prefixFilter(column.field, text))
    }
  }
  // Nothing can match: no document id sorts before the empty string.
  if (parts.length === 0) return where(documentId(), '<', '')
  return parts.length === 1 ? (parts[0] as Filter) : or(...parts)
}

/** Every filter the state asks for (column filters and the quick search), as Metal filters. */
export function getDataTableFilters<Row>(state: DataTableState<Row>): Filter[] {
  const filters: Filter[] = []
  for (const [id, filter] of Object.entries(state.filters)) {
    const column = state.columns.find((c) => c.id === id)
    if (!column || column.field === null || isEmptyFilter(filter)) continue
    filters.push(...columnFilter(column.field, filter))
  }
  const search = searchFilter(state.columns, state.search)
  if (search) filters.push(search)
  return filters
}

/**
 * Narrows `query` by the table state: a `where()` per filter, an `orderBy()` per sort key and,
 * for offset pages, `offset()` + `limit()`. Pure: returns a new query.
 */
export function applyDataTableQuery<T, Row>(
  query: Query<T, any> | CompositeQuery<T, any>,
  state: DataTableState<Row>,
  options: DataTableQueryOptions = {},
): Query<T, any> {
  let q = query instanceof CompositeQuery ? query.query() : query
  for (const filter of getDataTableFilters(state)) q = q.where(filter)
  for (const sort of state.sorting) {
    const column = state.columns.find((c) => c.id === sort.id)
    if (column?.field) q = q.orderBy(column.field as QueryField<T>, sort.direction)
  }
  const fallback = options.defaultOrder
  if (state.sorting.length === 0 && fallback) {
    if (fallback.kind === 'field')
      q = q.orderBy(fallback.field as QueryField<T>, fallback.direction)
    else if (fallback.kind === 'documentId') q = q.orderBy(documentId(), 'asc')
  }
  if (options.page !== false) {
    q = q.offset((state.page - 1) * state.pageSize).limit(state.pageSize)
  }
  return q
}

/**
 * The table state as a query builder for `useMetalQuery(collection, builder)`:
 * `(collection) => base(collection).where(…).orderBy(…).offset(…).limit(…)`.
 */
export function dataTableQuery<T, Row>(
  state: DataTableState<Row>,
  base?: DataTableBaseQuery<T>,
  options?: DataTableQueryOptions,
): (collection: CollectionReference<T>) => Query<any, any> {
  return (collection) => applyDataTableQuery(base ? base(collection) : collection, state, options)
}
