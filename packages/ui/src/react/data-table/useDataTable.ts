import { useCallback, useRef, useState } from 'react'
import { parseDataTableLayout } from '../../data-table/dataTable.columns.js'
import { initDataTable, updateDataTable } from '../../data-table/dataTable.model.js'
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
  /** Sort keys to start with. */
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

const STORAGE_PREFIX = 'metal-data-table:'

function readLayout(key: string | undefined): DataTableLayout | null {
  if (!key || typeof localStorage === 'undefined') return null
  try {
    return parseDataTableLayout(localStorage.getItem(STORAGE_PREFIX + key))
  } catch {
    return null // storage can be disabled; a table without persistence still works
  }
}

/**
 * The data-table model bound to React state: `[state, send]`. `send` applies an event at once
 * (several in one handler see each other), re-renders, and reports layout and selection changes.
 */
export function useDataTableState<Row>(
  props: UseDataTableStateProps<Row>,
  call = 'useDataTableState()',
): [DataTableState<Row>, (event: DataTableEvent) => void] {
  const [initial] = useState(() =>
    initDataTable<Row>(
      {
        columns: props.columns,
        pagingMode: props.pagingMode ?? 'offset',
        pageSize: props.defaultPageSize,
        sorting: props.defaultSorting,
        filters: props.defaultFilters,
        selectable: props.selectable,
        layout: readLayout(props.persistKey) ?? props.defaultLayout,
      },
      call,
    ),
  )
  const ref = useRef(initial)
  const [state, setState] = useState(initial)
  const columnsRef = useRef(props.columns)
  if (columnsRef.current !== props.columns) {
    // New column definitions (often a new array each render): take their options, keep the rest.
    columnsRef.current = props.columns
    const columns = initDataTable<Row>({ columns: props.columns }, call).columns
    ref.current = { ...ref.current, columns }
  }
  const latest = useRef(props)
  latest.current = props

  const send = useCallback((event: DataTableEvent) => {
    const before = ref.current
    const next = updateDataTable(before, event)
    if (next === before) return
    ref.current = next
    setState(next)
    const { persistKey, onLayoutChange, onSelectionChange } = latest.current
    if (next.layout !== before.layout) {
      onLayoutChange?.(next.layout)
      if (persistKey && typeof localStorage !== 'undefined') {
        try {
          localStorage.setItem(STORAGE_PREFIX + persistKey, JSON.stringify(next.layout))
        } catch {
          // Full or disabled storage: the layout lasts for this visit only.
        }
      }
    }
    if (next.selection !== before.selection) onSelectionChange?.(next.selection)
  }, [])

  // ref.current is `state` after a send, or newer when the columns changed during this render.
  void state
  return [ref.current, send]
}
