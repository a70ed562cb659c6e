import { documentId, MetalError, type CollectionReference, type DocumentData } from '@metal/core'
import { toRows } from '@metal/core/bindings'
import { describeValue } from '../describeValue.js'
import { getVisibleColumns } from './dataTable.columns.js'
import { applyDataTableQuery, type DataTableBaseQuery } from './dataTable.query.js'
import { getMatchingRows } from './dataTable.rows.js'
import { formatCellValue, getCellValue, toMillis } from './dataTable.values.js'
import type { DataTableState, ResolvedColumn } from './dataTable.types.js'

// CSV export of the table's current view: every row matching its filters and search, in its sort
// order, not only the page on screen. Bound tables read the collection in cursor pages, so a
// large collection streams through and never sits in memory at once.

/** Where {@link dataTableCsv} reads rows: the unbound table's rows, or a Metal collection. */
export type DataTableCsvSource<Row> =
  | {
      /** Every row of an unbound table (the export filters and sorts them like the table). */
      rows: readonly Row[]
    }
  | {
      /** The collection of a bound table. */
      collection: CollectionReference<DocumentData>
      /** The bound table's base query, which the table's filters and sort narrow. */
      query?: DataTableBaseQuery<DocumentData>
    }

/** Options of {@link dataTableCsv}. */
export interface DataTableCsvOptions {
  /**
   * `'formatted'`: each value as its cell shows it (the column's `format`, else the default for
   * its type: `1,234`, `Jan 5, 2024`, `Yes`, an enum's label). `'raw'`: the stored value (numbers
   * as written, dates as ISO 8601, booleans `true`/`false`, enum values, objects as JSON), for
   * re-import; columns without a `field` still export their formatted text.
   * @default 'formatted'
   */
  values?: 'formatted' | 'raw'
  /**
   * Rows per read from the collection (bound), and per chunk yielded (both).
   * @default 500
   */
  pageSize?: number
  /**
   * Whether the first line names the columns (their headers).
   * @default true
   */
  header?: boolean
}

/** Default rows per read and per chunk of a CSV export. */
export const DEFAULT_CSV_PAGE_SIZE = 500

/** A field quoted as RFC 4180 asks: in double quotes (doubled inside) when it holds `",\r\n`. */
export function toCsvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** One CSV record, ended by CRLF as RFC 4180 asks. */
export function toCsvRecord(fields: readonly string[]): string {
  return `${fields.map(toCsvField).join(',')}\r\n`
}

function rawText(value: unknown): string {
  if (value === undefined || value === null) return ''
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

function csvValue<Row>(column: ResolvedColumn<Row>, row: Row, values: 'formatted' | 'raw'): string {
  const value = getCellValue(row, column)
  if (values === 'formatted' || column.field === null) return formatCellValue(column, value, row)
  if (column.type === 'date' && value !== undefined && value !== null) {
    const ms = toMillis(value)
    return Number.isNaN(ms) ? rawText(value) : new Date(ms).toISOString()
  }
  return rawText(value)
}

/**
 * The table's current view as CSV, yielded in chunks: first the header line (the shown columns'
 * headers, in their order), then one chunk per `pageSize` rows. Every row matching the filters
 * and quick search is exported in the sort order, whatever the page. Unbound (`{ rows }`) it
 * filters and sorts the array like the table; bound (`{ collection, query }`) it runs the table's
 * Metal query in `startAfter()` cursor pages, so only one page of rows is held at a time.
 *
 * ```ts
 * const chunks: string[] = []
 * for await (const chunk of dataTableCsv(state, { collection: db.collection('users') })) {
 *   chunks.push(chunk)
 * }
 * ```
 *
 * Throws a `MetalError` ('invalid-argument') for a bad `pageSize`; a failed read rejects the
 * pending `next()` with the query's error.
 */
export async function* dataTableCsv<Row>(
  state: DataTableState<Row>,
  source: DataTableCsvSource<Row>,
  options: DataTableCsvOptions = {},
): AsyncGenerator<string, void, undefined> {
  const { values = 'formatted', pageSize = DEFAULT_CSV_PAGE_SIZE, header = true } = options
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw new MetalError(
      'invalid-argument',
      `dataTableCsv(): pageSize must be a positive integer, got ${describeValue(pageSize)}`,
    )
  }
  const columns = getVisibleColumns(state)
  const records = (rows: readonly Row[]) =>
    rows.map((row) => toCsvRecord(columns.map((c) => csvValue(c, row, values)))).join('')
  if (header) yield toCsvRecord(columns.map((c) => c.header))

  if ('rows' in source) {
    const matching = getMatchingRows(source.rows, state)
    for (let i = 0; i < matching.length; i += pageSize) {
      yield records(matching.slice(i, i + pageSize))
    }
    return
  }

  const base = source.query ? source.query(source.collection) : source.collection
  let query = applyDataTableQuery(base, state, { page: false })
  // A document id after the sort keys makes each cursor unique, so tied rows are never skipped.
  const order = query.spec.orderBy
  if (order[order.length - 1]?.field !== documentId().toString()) {
    query = query.orderBy(documentId(), order[order.length - 1]?.direction ?? 'asc')
  }
  let page = await query.limit(pageSize).get()
  while (page.docs.length > 0) {
    yield records(toRows(page) as unknown as Row[])
    if (page.docs.length < pageSize) return
    page = await query
      .startAfter(page.docs[page.docs.length - 1])
      .limit(pageSize)
      .get()
  }
}

/**
 * Collects CSV chunks into a `Blob` (`text/csv`), chunk by chunk so the text is handed to the
 * Blob as it comes rather than held as one string.
 */
export async function dataTableCsvBlob(chunks: AsyncIterable<string>): Promise<Blob> {
  const parts: Blob[] = []
  for await (const chunk of chunks) parts.push(new Blob([chunk]))
  return new Blob(parts, { type: 'text/csv;charset=utf-8' })
}
