import { computed, shallowRef, toValue, type ComputedRef, type MaybeRefOrGetter } from 'vue'
import type { DataTableCsvSource } from '../../data-table/dataTable.csv.js'
import {
  createDataTableCsvExport,
  type DataTableCsvExportOptions,
  type DataTableCsvExportStatus,
} from '../../data-table/dataTable.csvExport.js'
import type { DataTableState } from '../../data-table/dataTable.types.js'

export type { DataTableCsvExportOptions }

/** The export button's state and action, for the toolbar. */
export interface CsvExportControl {
  start: () => void
  busy: boolean
  error: Error | null
}

/**
 * The CSV export of a table view: `start()` streams the current view (every matching row) into
 * a download; `busy` while it runs, `error` if it failed; `undefined` while the export is off.
 * Arguments may be refs or getters, read when an export starts. A thin composable over
 * `createDataTableCsvExport`, as React's `useDataTableCsvExport` is.
 *
 * ```ts
 * const csv = useDataTableCsvExport(state, { rows }, true, 'People')
 * csv.value?.start()
 * ```
 */
export function useDataTableCsvExport<Row>(
  state: MaybeRefOrGetter<DataTableState<Row>>,
  source: MaybeRefOrGetter<DataTableCsvSource<Row>>,
  options: MaybeRefOrGetter<boolean | DataTableCsvExportOptions | undefined>,
  label: MaybeRefOrGetter<string>,
): ComputedRef<CsvExportControl | undefined> {
  const status = shallowRef<DataTableCsvExportStatus>({ busy: false, error: null })
  const control = createDataTableCsvExport(
    () => ({
      state: toValue(state),
      source: toValue(source),
      options: toValue(options),
      label: toValue(label),
    }),
    (next) => (status.value = next),
  )
  const start = () => void control.start()
  return computed(() => (toValue(options) ? { start, ...status.value } : undefined))
}
