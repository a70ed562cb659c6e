import type { DataTableDensity } from './dataTable.types.js'

/** Row heights of the densities, in CSS pixels (Material 3's data table, MUI X's grid). */
export const DATA_TABLE_ROW_HEIGHTS: Readonly<Record<DataTableDensity, number>> = {
  compact: 36,
  standard: 52,
  comfortable: 68,
}

/** Most rows the default height shows before the body scrolls. */
export const DATA_TABLE_MAX_FITTED_ROWS = 25

/** The height of a row at a density, in CSS pixels. */
export function getDataTableRowHeight(density: DataTableDensity): number {
  return DATA_TABLE_ROW_HEIGHTS[density]
}

/**
 * The default height of a table's scrolling body: room for a page of rows (at most
 * {@link DATA_TABLE_MAX_FITTED_ROWS}), so a page does not scroll inside the table unless it is
 * long. The header row sits above it.
 */
export function getDataTableHeight(pageSize: number, rowHeight: number): number {
  return Math.min(pageSize, DATA_TABLE_MAX_FITTED_ROWS) * rowHeight
}
