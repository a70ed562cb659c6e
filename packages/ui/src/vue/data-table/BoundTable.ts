import { computed, defineComponent, watch, type PropType } from 'vue'
import { useMetal, useMetalMutation } from '@metal/vue'
import {
  getDataTableDefaultOrder,
  type DataTableDefaultOrder,
} from '../../data-table/dataTable.defaultSort.js'
import type { DataTableWrite } from '../../data-table/dataTable.editing.js'
import { initDataTable } from '../../data-table/dataTable.model.js'
import type { DataTableRow } from '../../data-table/dataTable.types.js'
import { checkTimestamps, stampUpdated } from '../../timestamps.js'
import { tableStateOptions, type DataTableInnerProps } from './tableStateOptions.js'
import { useBoundCursorRows, useBoundOffsetRows } from './useDataTableRows.js'
import { useDataTableState } from './useDataTableState.js'
import { useDataTableView } from './useDataTableView.js'

// Bound tables read a Metal collection through live queries and write edits back to it.

type Row = DataTableRow

/**
 * The table's default order (see `defaultSorting`): computed once from the first columns; a
 * column order becomes the starting sort, shown in the header.
 */
function defaultOrder(inner: DataTableInnerProps): DataTableDefaultOrder {
  const { table } = inner
  return getDataTableDefaultOrder(
    initDataTable<Row>({ columns: table.columns }, '<DataTable>').columns,
    checkTimestamps('<DataTable>', table.timestamps),
  )
}

/** A bound table paged by offset (a live total) or by cursor (`pagingMode: 'cursor'`). */
export const BoundTable = defineComponent({
  name: 'MetalBoundDataTable',
  props: {
    inner: { type: Object as PropType<DataTableInnerProps>, required: true },
  },
  setup(props, { slots }) {
    const { table, events } = props.inner
    const order = defaultOrder(props.inner)
    const { state, send } = useDataTableState(() => {
      const options = tableStateOptions(table, events)
      const start =
        table.defaultSorting === undefined && order.kind === 'column'
          ? { defaultSorting: order.sorting }
          : {}
      return { ...options, ...start }
    }, '<DataTable>')
    const collection = () => table.collection as string
    const query = () => table.query
    const cursor = state.value.pagingMode === 'cursor'
    const source = cursor
      ? useBoundCursorRows<Row>(collection, query, state, send, order)
      : useBoundOffsetRows<Row>(collection, query, state, order)
    // A live total can shrink under the user: keep the page within it.
    watch(
      () => [source.value.total, state.value.page, state.value.pageSize] as const,
      ([total, page, pageSize]) => {
        if (total === null) return
        const last = Math.max(1, Math.ceil(total / pageSize))
        if (page > last) send({ type: 'SET_PAGE', page: last })
      },
    )
    const mutation = useMetalMutation(collection)
    // Metal applies the update locally at once and rolls it back if the backend refuses it.
    const write = (): DataTableWrite => {
      const { timestamps } = table
      checkTimestamps('<DataTable>', timestamps)
      return (rowId, field, value) =>
        mutation.update(rowId, stampUpdated(timestamps, { [field]: value }))
    }
    const metal = useMetal()
    const csvSource = computed(() => ({
      collection: metal.db().collection(collection()),
      query: table.query,
    }))
    return useDataTableView<Row>({
      table,
      slots,
      state,
      send,
      source,
      write,
      csvSource,
      activate: events.activate,
      rowsChange: events.rowsChange,
    })
  },
})
