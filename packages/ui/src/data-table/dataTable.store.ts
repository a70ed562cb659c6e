import { parseDataTableLayout } from './dataTable.columns.js'
import { initDataTable, updateDataTable } from './dataTable.model.js'
import type {
  DataTableColumn,
  DataTableEvent,
  DataTableLayout,
  DataTableOptions,
  DataTableSelection,
  DataTableState,
} from './dataTable.types.js'

// The model held for a view of any framework: state, `send`, subscribers, layout persistence
// and the change callbacks. React's `useDataTableState` and a Vue view wrap the same store.

/** Where a layout is kept between visits: `localStorage`, or anything shaped like it. */
export interface DataTableLayoutStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

const STORAGE_PREFIX = 'metal-data-table:'

/** `localStorage` where there is one (and it can be read), else `null`. */
function defaultStorage(): DataTableLayoutStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null // reading `localStorage` throws where storage is disabled
  }
}

/**
 * The layout saved under `key`, or `null` when there is none, it is broken, or storage is off.
 *
 * @param storage - where layouts are kept @default localStorage
 */
export function readDataTableLayout(
  key: string | undefined,
  storage: DataTableLayoutStorage | null = defaultStorage(),
): DataTableLayout | null {
  if (!key || !storage) return null
  try {
    return parseDataTableLayout(storage.getItem(STORAGE_PREFIX + key))
  } catch {
    return null // storage can be disabled; a table without persistence still works
  }
}

/**
 * Saves a layout under `key`. Full or disabled storage is ignored: the layout lasts for this
 * visit only.
 *
 * @param storage - where layouts are kept @default localStorage
 */
export function writeDataTableLayout(
  key: string,
  layout: DataTableLayout,
  storage: DataTableLayoutStorage | null = defaultStorage(),
): void {
  try {
    storage?.setItem(STORAGE_PREFIX + key, JSON.stringify(layout))
  } catch {
    // Full or disabled storage: the layout lasts for this visit only.
  }
}

/** Options of {@link createDataTableStore}. */
export interface DataTableStoreOptions<Row> extends DataTableOptions<Row> {
  /** Saves the layout under this key and starts from the saved one when there is one. */
  persistKey?: string
  /** Where a `persistKey` layout is kept. @default localStorage */
  storage?: DataTableLayoutStorage | null
  /** Called with the new layout whenever the user hides, shows, pins or resizes a column. */
  onLayoutChange?: (layout: DataTableLayout) => void
  /** Called with the new selection whenever it changes. */
  onSelectionChange?: (selection: DataTableSelection) => void
}

/** A data-table model with its state held: what a view subscribes to. */
export interface DataTableStore<Row> {
  /** The current state. */
  getState(): DataTableState<Row>
  /**
   * Applies an event at once (several in one handler see each other), tells the subscribers,
   * saves a changed layout and reports layout and selection changes.
   */
  send(event: DataTableEvent): void
  /** Calls `listener` after each change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void
  /** Takes new column definitions (their options), keeping sort, filters, layout and the rest. */
  setColumns(columns: readonly DataTableColumn<Row>[]): void
  /** Replaces the change callbacks (a view passes its latest props). */
  setCallbacks(
    callbacks: Pick<DataTableStoreOptions<Row>, 'onLayoutChange' | 'onSelectionChange'>,
  ): void
}

/**
 * Creates a data-table store: the state from `initDataTable(options)` (the layout saved under
 * `persistKey` first, else `options.layout`), updated by `send`.
 *
 * @param call - the name errors are reported under, e.g. `'<DataTable>'`
 */
export function createDataTableStore<Row>(
  options: DataTableStoreOptions<Row>,
  call = 'createDataTableStore()',
): DataTableStore<Row> {
  const { persistKey, storage = defaultStorage() } = options
  const saved = readDataTableLayout(persistKey, storage)
  let state = initDataTable<Row>({ ...options, ...(saved ? { layout: saved } : {}) }, call)
  let callbacks = {
    onLayoutChange: options.onLayoutChange,
    onSelectionChange: options.onSelectionChange,
  }
  const listeners = new Set<() => void>()
  return {
    getState: () => state,
    send(event) {
      const before = state
      const next = updateDataTable(before, event)
      if (next === before) return
      state = next
      for (const listener of [...listeners]) listener()
      if (next.layout !== before.layout) {
        callbacks.onLayoutChange?.(next.layout)
        if (persistKey) writeDataTableLayout(persistKey, next.layout, storage)
      }
      if (next.selection !== before.selection) callbacks.onSelectionChange?.(next.selection)
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    setColumns(columns) {
      state = { ...state, columns: initDataTable<Row>({ columns }, call).columns }
    },
    setCallbacks(next) {
      callbacks = { onLayoutChange: next.onLayoutChange, onSelectionChange: next.onSelectionChange }
    },
  }
}
