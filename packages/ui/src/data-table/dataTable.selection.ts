import type { DataTableSelection } from './dataTable.types.js'

/** Whether a row is selected. */
export function isRowSelected(selection: DataTableSelection, rowId: string): boolean {
  return selection.all !== selection.ids.includes(rowId)
}

/**
 * How many rows are selected, given how many match (`total`). With "select all matching", ids
 * left out count only while they still match: pass `matching` (the ids known to match) to say.
 */
export function getSelectedCount(
  selection: DataTableSelection,
  total: number | null,
  matching?: (rowId: string) => boolean,
): number | null {
  if (!selection.all) return selection.ids.length
  if (total === null) return null
  const excluded = matching ? selection.ids.filter(matching).length : selection.ids.length
  return Math.max(0, total - excluded)
}

/** Whether `rowIds` (a page) are all, some or none selected: for the header checkbox. */
export function getPageSelection(
  selection: DataTableSelection,
  rowIds: readonly string[],
): 'all' | 'some' | 'none' {
  const n = rowIds.filter((id) => isRowSelected(selection, id)).length
  return n === 0 ? 'none' : n === rowIds.length ? 'all' : 'some'
}
