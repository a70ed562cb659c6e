import { useEffect, useMemo, useState } from 'react'
import {
  getDataTableDefaultOrder,
  type DataTableDefaultOrder,
} from '../../data-table/dataTable.defaultSort.js'
import { initDataTable } from '../../data-table/dataTable.model.js'
import { useMetal, useMetalMutation } from '@metal/react'
import type { DataTableEvent, DataTableState } from '../../data-table/dataTable.types.js'
import type { BoundDataTableProps } from './DataTable.js'
import { DataTableView, type DataTableWrite } from './DataTableView.js'
import { useDataTableState } from './useDataTable.js'
import {
  useBoundCursorRows,
  useBoundOffsetRows,
  type DataTableRowSource,
} from './useDataTableRows.js'
import { checkTimestamps, stampUpdated } from '../../timestamps.js'

// Bound tables read a Metal collection through live queries and write edits back to it.

/** A bound table paged by offset, with a live total. */
export function BoundOffsetTable<Row>(props: BoundDataTableProps<Row>) {
  const [order, withOrder] = useDefaultOrder(props)
  const [state, send] = useDataTableState(withOrder, '<DataTable>')
  const source = useBoundOffsetRows(props.collection, props.query, state, order)
  // A live total can shrink under the user: keep the page within it.
  const { total } = source
  useEffect(() => {
    if (total === null) return
    const last = Math.max(1, Math.ceil(total / state.pageSize))
    if (state.page > last) send({ type: 'SET_PAGE', page: last })
  }, [total, state.page, state.pageSize, send])
  return <BoundView {...props} state={state} send={send} source={source} />
}

/** A bound table paged by cursor: no total, only whether a next page exists. */
export function BoundCursorTable<Row>(props: BoundDataTableProps<Row>) {
  const [order, withOrder] = useDefaultOrder(props)
  const [state, send] = useDataTableState(withOrder, '<DataTable>')
  const source = useBoundCursorRows(props.collection, props.query, state, send, order)
  return <BoundView {...props} state={state} send={send} source={source} />
}

/**
 * The table's default order (see `defaultSorting`): computed once from the first columns; a
 * column order becomes the starting sort, shown in the header.
 */
function useDefaultOrder<Row>(
  props: BoundDataTableProps<Row>,
): [DataTableDefaultOrder, BoundDataTableProps<Row>] {
  const [order] = useState(() =>
    getDataTableDefaultOrder(
      initDataTable<Row>({ columns: props.columns }, '<DataTable>').columns,
      checkTimestamps('<DataTable>', props.timestamps),
    ),
  )
  if (props.defaultSorting !== undefined || order.kind !== 'column') return [order, props]
  return [order, { ...props, defaultSorting: order.sorting }]
}

function BoundView<Row>(
  props: BoundDataTableProps<Row> & {
    state: DataTableState<Row>
    send: (event: DataTableEvent) => void
    source: DataTableRowSource<Row>
  },
) {
  const mutation = useMetalMutation(props.collection)
  // Metal applies the update locally at once and rolls it back if the backend refuses it.
  const { timestamps } = props
  checkTimestamps('<DataTable>', timestamps)
  const write: DataTableWrite = (rowId, field, value) =>
    mutation.update(rowId, stampUpdated(timestamps, { [field]: value }))
  const metal = useMetal()
  const { collection, query } = props
  const csvSource = useMemo(
    () => ({ collection: metal.db().collection(collection), query }),
    [metal, collection, query],
  )
  return <DataTableView {...props} write={write} csvSource={csvSource} />
}
