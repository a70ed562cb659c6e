import { useRef, useState, useSyncExternalStore } from 'react'
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

/** Props of {@link useDataTableState}: the table's starting state and where changes go. */
export interface UseDataTableStateProps<Row> {
  columns: readonly DataTableColumn<Row>[]
  /**
   * Offset pages with a total ("1–20 of 135"), or cursor pages ("21–40 of many").
   * @default 'offset'
   */
  pagingMode?: PaginationMode
  /** @default 20 */
  defaultPageSize?: number
  /**
   * Sort keys to start with (the user changes them from the headers).
   *
   * A bound table given none starts in a default order, which it also falls back to when the
   * user clears every key: newest first on the `timestamps.createdAt` field when the
   * `timestamps` option names one and a sortable column shows it; else descending on a `date`
   * column named `createdAt` or `updatedAt`; else document id order. (Ordering by a field no
   * column shows would silently leave out documents without it.) An unbound table keeps the
   * order of its `rows`.
   * @default [] (bound: the default order above)
   */
  defaultSorting?: readonly DataTableSort[]
  /** Column filters to start with, by column id. */
  defaultFilters?: Readonly<Record<string, DataTableFilter>>
  /**
   * Whether rows have selection checkboxes.
   * @default false
   */
  selectable?: boolean
  /**
   * Saves the column layout (visibility, widths) in `localStorage` under this key and restores
   * it on the next visit.
   */
  persistKey?: string
  /** The layout to start with when nothing is persisted. */
  defaultLayout?: DataTableLayoutInput
  /** Called with the new layout whenever the user hides, shows or resizes a column. */
  onLayoutChange?: (layout: DataTableLayout) => void
  /** Called with the new selection whenever it changes. */
  onSelectionChange?: (selection: DataTableSelection) => void
}

/**
 * The data-table model bound to React state: `[state, send]`. `send` applies an event at once
 * (several in one handler see each other), re-renders, and reports layout and selection changes.
 * A thin hook over `createDataTableStore`, which holds the state, persistence and callbacks.
 */
export function useDataTableState<Row>(
  props: UseDataTableStateProps<Row>,
  call = 'useDataTableState()',
): [DataTableState<Row>, (event: DataTableEvent) => void] {
  const [store] = useState(() =>
    createDataTableStore<Row>(
      {
        columns: props.columns,
        pagingMode: props.pagingMode ?? 'offset',
        pageSize: props.defaultPageSize,
        sorting: props.defaultSorting,
        filters: props.defaultFilters,
        selectable: props.selectable,
        layout: props.defaultLayout,
        persistKey: props.persistKey,
      },
      call,
    ),
  )
  const columnsRef = useRef(props.columns)
  if (columnsRef.current !== props.columns) {
    // New column definitions (often a new array each render): take their options, keep the rest.
    columnsRef.current = props.columns
    store.setColumns(props.columns)
  }
  store.setCallbacks(props)
  const state = useSyncExternalStore(store.subscribe, store.getState, store.getState)
  void state
  // The store's state is `state`, or newer when the columns changed during this render.
  return [store.getState(), store.send]
}
