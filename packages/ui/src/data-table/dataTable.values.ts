import { DEFAULT_DATA_TABLE_MESSAGES, type DataTableMessages } from './dataTable.messages.js'
import type { DataTableFilter, DataTableRow, ResolvedColumn } from './dataTable.types.js'

// Reading, formatting, comparing, filtering and parsing cell values: shared by the client-side
// row pipeline, the cells a view renders, inline editing and CSV export.

/** The value at a dotted path (`'address.city'`), or `undefined` where the path breaks off. */
export function getFieldValue(row: unknown, field: string): unknown {
  let value: unknown = row
  for (const key of field.split('.')) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<string, unknown>)[key]
  }
  return value
}

/** A column's value in a row (`undefined` for a column with no field). */
export function getCellValue<Row>(row: Row, column: ResolvedColumn<Row>): unknown {
  return column.field === null ? undefined : getFieldValue(row, column.field)
}

/** Epoch milliseconds of a date value (number, Date or ISO string), or NaN. */
export function toMillis(value: unknown): number {
  if (typeof value === 'number') return value
  if (value instanceof Date) return value.getTime()
  if (typeof value === 'string' && value !== '') return Date.parse(value)
  return NaN
}

const numberFormat = new Intl.NumberFormat('en-US')
const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' })

/** The text a cell shows: the column's `format`, or a default for its type. */
export function formatCellValue<Row>(
  column: ResolvedColumn<Row>,
  value: unknown,
  row: Row,
  messages: Pick<DataTableMessages, 'yes' | 'no'> = DEFAULT_DATA_TABLE_MESSAGES,
): string {
  if (column.format) return column.format(value, row)
  if (value === undefined || value === null) return ''
  switch (column.type) {
    case 'number':
      return typeof value === 'number' ? numberFormat.format(value) : String(value)
    case 'date': {
      const ms = toMillis(value)
      return Number.isNaN(ms) ? String(value) : dateFormat.format(ms)
    }
    case 'boolean':
      return value ? messages.yes : messages.no
    case 'enum':
      return column.options.find((o) => o.value === value)?.label ?? String(value)
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value)
  }
}

const TYPE_RANK: Record<string, number> = { boolean: 1, number: 2, string: 3, object: 4 }

/**
 * Orders two cell values. Empty values (null, undefined) sort last in both directions (the
 * caller flips the sign only when both are present); other values of different kinds order as
 * in Metal: boolean < number < string < object. Dates compare as instants.
 */
export function compareCellValues(type: string, a: unknown, b: unknown): number {
  if (type === 'date') {
    const x = toMillis(a)
    const y = toMillis(b)
    if (!Number.isNaN(x) && !Number.isNaN(y)) return x - y
  }
  const ra = a instanceof Date ? 2 : (TYPE_RANK[typeof a] ?? 5)
  const rb = b instanceof Date ? 2 : (TYPE_RANK[typeof b] ?? 5)
  if (ra !== rb) return ra - rb
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0
  const x = a instanceof Date ? a.getTime() : (a as number)
  const y = b instanceof Date ? b.getTime() : (b as number)
  if (typeof x === 'number' || typeof x === 'boolean') return x < y ? -1 : x > y ? 1 : 0
  return 0
}

/** Whether a value passes a column filter (client side; text matches anywhere, ignoring case). */
export function matchesFilter(filter: DataTableFilter, value: unknown): boolean {
  switch (filter.kind) {
    case 'contains':
      return (
        value !== undefined &&
        value !== null &&
        String(value).toLowerCase().includes(filter.text.toLowerCase())
      )
    case 'range':
      return (
        typeof value === 'number' &&
        (filter.min === undefined || value >= filter.min) &&
        (filter.max === undefined || value <= filter.max)
      )
    case 'dateRange': {
      const ms = toMillis(value)
      return (
        !Number.isNaN(ms) &&
        (filter.from === undefined || ms >= filter.from) &&
        (filter.to === undefined || ms <= filter.to)
      )
    }
    case 'set':
      return filter.values.includes(String(value))
    case 'equals':
      return value === filter.value
  }
}

/** Whether a filter narrows nothing (empty text, open range, no values): it is dropped. */
export function isEmptyFilter(filter: DataTableFilter): boolean {
  switch (filter.kind) {
    case 'contains':
      return filter.text === ''
    case 'range':
      return filter.min === undefined && filter.max === undefined
    case 'dateRange':
      return filter.from === undefined && filter.to === undefined
    case 'set':
      return filter.values.length === 0
    case 'equals':
      return false
  }
}

/** The filter kind a column type offers, or null when it offers none. */
export function filterKindOf(type: string): DataTableFilter['kind'] | null {
  switch (type) {
    case 'text':
      return 'contains'
    case 'number':
      return 'range'
    case 'date':
      return 'dateRange'
    case 'enum':
      return 'set'
    case 'boolean':
      return 'equals'
    default:
      return null
  }
}

/** The text an editor starts with for a value (dates as `YYYY-MM-DD`, as `<input type=date>` takes). */
export function toDraft(type: string, value: unknown): string {
  if (value === undefined || value === null) return ''
  if (type === 'date') {
    const ms = toMillis(value)
    return Number.isNaN(ms) ? '' : new Date(ms).toISOString().slice(0, 10)
  }
  return String(value)
}

/**
 * Parses an editor's text into a value of the column's type: numbers from decimal text, dates to
 * epoch milliseconds (UTC midnight), booleans from 'true'/'false', enums only among the options.
 */
export function parseDraft<Row>(
  column: ResolvedColumn<Row>,
  draft: string,
  messages: Pick<
    DataTableMessages,
    'invalidNumber' | 'invalidDate' | 'invalidBoolean' | 'invalidOption'
  > = DEFAULT_DATA_TABLE_MESSAGES,
): { ok: true; value: unknown } | { ok: false; error: string } {
  const text = draft.trim()
  switch (column.type) {
    case 'number': {
      const n = Number(text)
      if (text === '' || !Number.isFinite(n)) return { ok: false, error: messages.invalidNumber }
      return { ok: true, value: n }
    }
    case 'date': {
      const ms = Date.parse(text)
      if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(ms)) {
        return { ok: false, error: messages.invalidDate }
      }
      return { ok: true, value: ms }
    }
    case 'boolean':
      if (text !== 'true' && text !== 'false') return { ok: false, error: messages.invalidBoolean }
      return { ok: true, value: text === 'true' }
    case 'enum':
      if (!column.options.some((o) => o.value === text)) {
        return { ok: false, error: messages.invalidOption(column.options.map((o) => o.label)) }
      }
      return { ok: true, value: text }
    default:
      return { ok: true, value: draft }
  }
}

/** The default row id: the row's `id` field. */
export function defaultRowId(row: DataTableRow): string {
  return String(row.id)
}
