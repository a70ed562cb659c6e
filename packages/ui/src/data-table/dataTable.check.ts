// Argument checks shared by the data-table model: each throws a `MetalError` ('invalid-argument')
// naming the call, the option and the value.

import { invalid } from '../invalid.js'
import { filterKindOf } from './dataTable.values.js'
import type { DataTableFilter, ResolvedColumn } from './dataTable.types.js'

export { invalid }

/** `value` if it is an integer ≥ 1. */
export function checkPositiveInteger(call: string, field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw invalid(call, field, 'a positive integer', value)
  }
  return value
}

/** `value` if it is a finite width > 0, in CSS pixels. */
export function checkWidth(call: string, field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw invalid(call, field, 'a positive number of pixels', value)
  }
  return value
}

/** `filter` if it is a well-formed filter of the kind `column`'s type takes. */
export function checkFilter(
  call: string,
  column: ResolvedColumn<unknown>,
  filter: DataTableFilter,
): DataTableFilter {
  const at = `filters.${column.id}`
  const kind = filterKindOf(column.type)
  if (!column.filterable || kind === null) {
    throw invalid(call, at, `absent: column '${column.id}' is not filterable`, filter)
  }
  if (typeof filter !== 'object' || filter === null || filter.kind !== kind) {
    throw invalid(call, at, `a '${kind}' filter for a ${column.type} column`, filter)
  }
  const finite = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isFinite(v))
  const ok =
    filter.kind === 'contains'
      ? typeof filter.text === 'string'
      : filter.kind === 'range'
        ? finite(filter.min) && finite(filter.max)
        : filter.kind === 'dateRange'
          ? finite(filter.from) && finite(filter.to)
          : filter.kind === 'set'
            ? Array.isArray(filter.values) && filter.values.every((v) => typeof v === 'string')
            : typeof filter.value === 'boolean'
  if (!ok) throw invalid(call, at, `a well-formed '${kind}' filter`, filter)
  return filter
}

/** The column with id `id`; any other id throws, listing the ids there are. */
export function columnById<Row>(
  state: { columns: readonly ResolvedColumn<Row>[] },
  call: string,
  id: unknown,
): ResolvedColumn<Row> {
  const column = state.columns.find((c) => c.id === id)
  if (!column) {
    const ids = state.columns.map((c) => `'${c.id}'`).join(', ')
    throw invalid(call, 'columnId', `one of ${ids}`, id)
  }
  return column
}
