import type { DataTableCsvSource } from './dataTable.csv.js'
import { applyDataTableQuery } from './dataTable.query.js'
import { getMatchingRows } from './dataTable.rows.js'
import type { DataTableState } from './dataTable.types.js'

/**
 * The ids of the selected rows, for a bulk action. A plain selection is its ids; "select all
 * matching" is every row matching the filters and search now (read from the collection when the
 * table is bound, from `rows` when not), less the rows left out.
 *
 * @param source - where the table's rows come from (the same source its CSV export reads)
 * @param getRowId - a row's id (unbound rows)
 */
export async function getSelectedRowIds<Row>(
  state: DataTableState<Row>,
  source: DataTableCsvSource<Row>,
  getRowId: (row: Row) => string,
): Promise<string[]> {
  const { all, ids } = state.selection
  if (!all) return [...ids]
  const excluded = new Set(ids)
  let matching: string[]
  if ('rows' in source) {
    matching = getMatchingRows(source.rows, state).map(getRowId)
  } else {
    const base = source.query ? source.query(source.collection) : source.collection
    const snapshot = await applyDataTableQuery(base, state, { page: false }).get()
    matching = snapshot.docs.map((doc) => doc.id)
  }
  return matching.filter((id) => !excluded.has(id))
}
