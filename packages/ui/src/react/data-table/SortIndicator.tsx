import type { DataTableState } from '../../data-table/dataTable.types.js'

/** The arrow of a sorted column, with its rank when several columns sort. */
export function SortIndicator<Row>({
  state,
  columnId,
}: {
  state: DataTableState<Row>
  columnId: string
}) {
  const at = state.sorting.findIndex((s) => s.id === columnId)
  if (at === -1) return null
  const sort = state.sorting[at]
  return (
    <span data-scope="data-table" data-part="sort-indicator" aria-hidden="true">
      {sort?.direction === 'asc' ? '↑' : '↓'}
      {state.sorting.length > 1 ? <sub>{at + 1}</sub> : null}
    </span>
  )
}
