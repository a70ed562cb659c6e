import { useRef, useState } from 'react'
import type { DataTableCsvSource } from '../../data-table/dataTable.csv.js'
import {
  createDataTableCsvExport,
  type DataTableCsvExportOptions,
  type DataTableCsvExportStatus,
} from '../../data-table/dataTable.csvExport.js'
import type { DataTableState } from '../../data-table/dataTable.types.js'

export { downloadDataTableCsv } from '../../data-table/dataTable.csvExport.js'
export type { DataTableCsvExportOptions }

/** The export button's state and action, for the toolbar. */
export interface CsvExportControl {
  start: () => void
  busy: boolean
  error: Error | null
}

/**
 * The CSV export of a table view: `start()` streams the current view (every matching row) into
 * a download; `busy` while it runs, `error` if it failed. Undefined when the export is off.
 * A thin hook over `createDataTableCsvExport`.
 */
export function useDataTableCsvExport<Row>(
  state: DataTableState<Row>,
  source: DataTableCsvSource<Row>,
  options: boolean | DataTableCsvExportOptions | undefined,
  label: string,
): CsvExportControl | undefined {
  const [status, setStatus] = useState<DataTableCsvExportStatus>({ busy: false, error: null })
  const latest = useRef({ state, source, options, label })
  latest.current = { state, source, options, label }
  const [control] = useState(() => createDataTableCsvExport(() => latest.current, setStatus))
  if (!options) return undefined
  return { start: () => void control.start(), ...status }
}
