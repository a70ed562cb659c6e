import {
  onScopeDispose,
  shallowRef,
  toValue,
  watch,
  type MaybeRefOrGetter,
  type ShallowRef,
} from 'vue'
import {
  getControlledEvents,
  type DataTableControlled,
} from '../../data-table/dataTable.controlled.js'
import { createDataTableStore } from '../../data-table/dataTable.store.js'
import type {
  DataTableColumn,
  DataTableEvent,
  DataTableFilter,
  DataTableLayout,
  DataTableLayoutInput,
  DataTableSelection,
  DataTableSort,
  DataTableState,
} from '../../data-table/dataTable.types.js'
import type { PaginationMode } from '../../pagination/pagination.types.js'

/**
 * Options of {@link useDataTableState}: the table's starting state, the parts held outside it
 * (`page`, `pageSize`, `sorting`, `filters`, `selection`: given, the table follows them), and
 * where changes go. The same names as the React hook's props, plus the held parts.
 */
export interface UseDataTableStateOptions<Row> extends DataTableControlled {
  columns: readonly DataTableColumn<Row>[]
  /**
   * Offset pages with a total ("1–20 of 135"), or cursor pages ("21–40 of many").
   * @default 'offset'
   */
  pagingMode?: PaginationMode | undefined
  /** Rows per page when `pageSize` is not held outside. @default 20 */
  defaultPageSize?: number | undefined
  /** Sort keys to start with when `sorting` is not held outside. @default [] */
  defaultSorting?: readonly DataTableSort[] | undefined
  /** Column filters to start with when `filters` is not held outside, by column id. */
  defaultFilters?: Readonly<Record<string, DataTableFilter>> | undefined
  /** Whether rows have selection checkboxes. @default false */
  selectable?: boolean | undefined
  /** Saves the column layout in `localStorage` under this key and restores it. */
  persistKey?: string | undefined
  /** The layout to start with when nothing is persisted. */
  defaultLayout?: DataTableLayoutInput | undefined
  /** Called with the new layout whenever the user hides, shows, pins or resizes a column. */
  onLayoutChange?: ((layout: DataTableLayout) => void) | undefined
  /** Called with the new selection whenever it changes. */
  onSelectionChange?: ((selection: DataTableSelection) => void) | undefined
  /** Called with the new page whenever it changes (`update:page`). */
  onPageChange?: ((page: number) => void) | undefined
  /** Called with the new page size whenever it changes (`update:pageSize`). */
  onPageSizeChange?: ((pageSize: number) => void) | undefined
  /** Called with the new sort keys whenever they change (`update:sorting`). */
  onSortingChange?: ((sorting: readonly DataTableSort[]) => void) | undefined
  /** Called with the new filters whenever they change (`update:filters`). */
  onFiltersChange?: ((filters: Readonly<Record<string, DataTableFilter>>) => void) | undefined
}

/** What {@link useDataTableState} returns. */
export interface UseDataTableStateReturn<Row> {
  /** The current state (replaced, never mutated, by each change). */
  state: Readonly<ShallowRef<DataTableState<Row>>>
  /** Applies an event at once, updates `state` and reports the changes. */
  send: (event: DataTableEvent) => void
}

/**
 * The data-table model as Vue state: `{ state, send }` over `createDataTableStore`, the store the
 * React hook wraps. Options are read live (a getter or a reactive props object): new `columns`
 * replace the definitions and keep the rest; a held `page`, `pageSize`, `sorting`, `filters` or
 * `selection` is applied whenever it changes, and every change of those parts is reported.
 *
 * ```ts
 * const { state, send } = useDataTableState(() => ({ columns, defaultPageSize: 10 }))
 * send({ type: 'SET_PAGE', page: 2 })
 * ```
 */
export function useDataTableState<Row>(
  options: MaybeRefOrGetter<UseDataTableStateOptions<Row>>,
  call = 'useDataTableState()',
): UseDataTableStateReturn<Row> {
  const read = () => toValue(options)
  const first = read()
  const store = createDataTableStore<Row>(
    {
      columns: first.columns,
      pagingMode: first.pagingMode ?? 'offset',
      pageSize: first.pageSize ?? first.defaultPageSize,
      sorting: first.sorting ?? first.defaultSorting,
      filters: first.filters ?? first.defaultFilters,
      selectable: first.selectable,
      layout: first.defaultLayout,
      persistKey: first.persistKey,
      ...(first.page !== undefined ? { page: first.page } : {}),
      onLayoutChange: (layout) => read().onLayoutChange?.(layout),
      onSelectionChange: (selection) => read().onSelectionChange?.(selection),
    },
    call,
  )
  const state = shallowRef(store.getState())
  const unsubscribe = store.subscribe(() => {
    const before = state.value
    const next = store.getState()
    state.value = next
    const o = read()
    if (next.page !== before.page) o.onPageChange?.(next.page)
    if (next.pageSize !== before.pageSize) o.onPageSizeChange?.(next.pageSize)
    if (next.sorting !== before.sorting) o.onSortingChange?.(next.sorting)
    if (next.filters !== before.filters) o.onFiltersChange?.(next.filters)
  })
  onScopeDispose(unsubscribe)
  const send = (event: DataTableEvent) => store.send(event)

  const applyHeld = () => {
    const o = read()
    for (const event of getControlledEvents(store.getState(), o)) send(event)
  }
  applyHeld()
  watch(
    () => {
      const o = read()
      return [o.page, o.pageSize, o.sorting, o.filters, o.selection]
    },
    applyHeld,
    { deep: true },
  )
  watch(
    () => read().columns,
    (columns) => {
      store.setColumns(columns)
      state.value = store.getState()
    },
  )
  return { state, send }
}
