import { useCallback, useRef, useState } from 'react'
import {
  dataTableCsv,
  dataTableCsvBlob,
  type DataTableCsvOptions,
  type DataTableCsvSource,
} from '../../data-table/dataTable.csv.js'
import type { DataTableState } from '../../data-table/dataTable.types.js'

/** What the `csvExport` prop of `<DataTable>` takes besides `true`. */
export interface DataTableCsvExportOptions extends DataTableCsvOptions {
  /**
   * Name of the downloaded file.
   * @default `${label}.csv`
   */
  fileName?: string
}

/**
 * Saves CSV chunks as a file: collects them into a `Blob` and clicks a hidden
 * `<a download>` pointing at an object URL for it.
 */
export async function downloadDataTableCsv(
  chunks: AsyncIterable<string>,
  fileName: string,
): Promise<void> {
  const blob = await dataTableCsvBlob(chunks)
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
  // Revoking at once can cancel the download in some browsers (FileSaver.js waits 40 s too).
  setTimeout(() => URL.revokeObjectURL(url), 40_000)
}

/** The export button's state and action, for the toolbar. */
export interface CsvExportControl {
  start: () => void
  busy: boolean
  error: Error | null
}

/**
 * The CSV export of a table view: `start()` streams the current view (every matching row) into
 * a download; `busy` while it runs, `error` if it failed. Undefined when the export is off.
 */
export function useDataTableCsvExport<Row>(
  state: DataTableState<Row>,
  source: DataTableCsvSource<Row>,
  options: boolean | DataTableCsvExportOptions | undefined,
  label: string,
): CsvExportControl | undefined {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<Error | null>(null)
  const latest = useRef({ state, source, options, label })
  latest.current = { state, source, options, label }
  const running = useRef(false)
  const start = useCallback(() => {
    if (running.current) return
    running.current = true
    const { state, source, options, label } = latest.current
    const { fileName = `${label}.csv`, ...csvOptions } = typeof options === 'object' ? options : {}
    setBusy(true)
    setError(null)
    downloadDataTableCsv(dataTableCsv(state, source, csvOptions), fileName)
      .catch((e: unknown) => setError(e instanceof Error ? e : new Error(String(e))))
      .finally(() => {
        running.current = false
        setBusy(false)
      })
  }, [])
  if (!options) return undefined
  return { start, busy, error }
}
