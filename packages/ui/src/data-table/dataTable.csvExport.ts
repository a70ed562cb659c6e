import {
  dataTableCsv,
  dataTableCsvBlob,
  type DataTableCsvOptions,
  type DataTableCsvSource,
} from './dataTable.csv.js'
import type { DataTableState } from './dataTable.types.js'

// The toolbar's "Export CSV": streams the current view into a file download, for any view.

/** What the `csvExport` option of a data table takes besides `true`. */
export interface DataTableCsvExportOptions extends DataTableCsvOptions {
  /**
   * Name of the downloaded file.
   * @default `${label}.csv`
   */
  fileName?: string
}

/**
 * Saves CSV chunks as a file: collects them into a `Blob` and clicks a hidden
 * `<a download>` pointing at an object URL for it. Browser only.
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

/** The export's state: running, and the error of the last run. */
export interface DataTableCsvExportStatus {
  busy: boolean
  error: Error | null
}

/** What the export reads when it starts: the table's state and rows, and its options. */
export interface DataTableCsvExportInput<Row> {
  state: DataTableState<Row>
  source: DataTableCsvSource<Row>
  options: boolean | DataTableCsvExportOptions | undefined
  /** The table's label: the default file name. */
  label: string
}

/**
 * The CSV export of a table view: `start()` streams the current view (every matching row) into
 * a download, one run at a time; `onChange` hears `busy` and `error` change.
 *
 * @param read - the table as it is when the export starts
 * @param save - what to do with the chunks @default downloadDataTableCsv
 */
export function createDataTableCsvExport<Row>(
  read: () => DataTableCsvExportInput<Row>,
  onChange: (status: DataTableCsvExportStatus) => void,
  save: (chunks: AsyncIterable<string>, fileName: string) => Promise<void> = downloadDataTableCsv,
): { start: () => Promise<void> } {
  let running = false
  return {
    async start() {
      if (running) return
      running = true
      const { state, source, options, label } = read()
      const { fileName = `${label}.csv`, ...csvOptions } =
        typeof options === 'object' ? options : {}
      onChange({ busy: true, error: null })
      let error: Error | null = null
      try {
        await save(dataTableCsv(state, source, csvOptions), fileName)
      } catch (e) {
        error = e instanceof Error ? e : new Error(String(e))
      } finally {
        running = false
        onChange({ busy: false, error })
      }
    },
  }
}
