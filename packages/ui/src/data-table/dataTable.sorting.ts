import { invalid } from './dataTable.check.js'
import type { DataTableSort, DataTableState, ResolvedColumn } from './dataTable.types.js'

/** Checks a sort given as an option or event: every key names a sortable column. */
export function checkSorting<Row>(
  call: string,
  columns: readonly ResolvedColumn<Row>[],
  sorting: unknown,
): DataTableSort[] {
  if (!Array.isArray(sorting)) throw invalid(call, 'sorting', 'an array', sorting)
  return sorting.map((s: DataTableSort, i) => {
    const column = columns.find((c) => c.id === s?.id)
    if (!column?.sortable) {
      throw invalid(call, `sorting[${i}].id`, 'the id of a sortable column', s?.id)
    }
    if (s.direction !== 'asc' && s.direction !== 'desc') {
      throw invalid(call, `sorting[${i}].direction`, "'asc' or 'desc'", s.direction)
    }
    return { id: s.id, direction: s.direction }
  })
}

/** The sort after a click on a column header (`multi`: shift-click). */
export function nextSorting(
  sorting: readonly DataTableSort[],
  id: string,
  multi: boolean,
): DataTableSort[] {
  const at = sorting.findIndex((s) => s.id === id)
  const current = sorting[at]
  // asc → desc → unsorted, for the clicked column; the other keys stay only on shift-click.
  const next: DataTableSort | null = !current
    ? { id, direction: 'asc' }
    : current.direction === 'asc'
      ? { id, direction: 'desc' }
      : null
  if (!multi) return next ? [next] : []
  if (at === -1) return [...sorting, next as DataTableSort]
  return next ? sorting.map((s, i) => (i === at ? next : s)) : sorting.filter((_, i) => i !== at)
}

/** `aria-sort` of a column: only the first sort key is announced, as the grid pattern asks. */
export function getAriaSort<Row>(
  state: DataTableState<Row>,
  columnId: string,
): 'ascending' | 'descending' | 'none' | undefined {
  const column = state.columns.find((c) => c.id === columnId)
  if (!column?.sortable) return undefined
  const first = state.sorting[0]
  if (first?.id !== columnId) return 'none'
  return first.direction === 'asc' ? 'ascending' : 'descending'
}
