import { computed, defineComponent, shallowRef, toRaw, type PropType } from 'vue'
import {
  addPendingEdit,
  applyPendingEdits,
  settlePendingEdit,
  type DataTablePendingEdits,
} from '../../data-table/dataTable.pendingEdits.js'
import { defaultRowId } from '../../data-table/dataTable.values.js'
import type { DataTableWrite } from '../../data-table/dataTable.editing.js'
import type { DataTableRow } from '../../data-table/dataTable.types.js'
import type { DataTableProps } from './DataTable.types.js'
import { flag, tableStateOptions, type DataTableInnerProps } from './tableStateOptions.js'
import { useDataTableState } from './useDataTableState.js'
import { useClientRows } from './useDataTableRows.js'
import { useDataTableView } from './useDataTableView.js'

type Row = DataTableRow

/** The unbound table: filters, sorts and pages the given `rows`; edits go to `onCellEdit`. */
export const UnboundTable = defineComponent({
  name: 'MetalUnboundDataTable',
  props: {
    inner: { type: Object as PropType<DataTableInnerProps>, required: true },
  },
  setup(props, { slots }) {
    const { table, events } = props.inner
    const { state, send } = useDataTableState(() => tableStateOptions(table, events), '<DataTable>')
    const getRowId = () => table.getRowId ?? (defaultRowId as unknown as (row: Row) => string)
    // Edits waiting for `onCellEdit`: shown over the given rows until they settle.
    const pending = shallowRef<DataTablePendingEdits>(new Map())
    // Rows may come reactive (a `ref([...])`): edits copy the plain objects under them.
    const given = () => (table.rows ?? []) as readonly Row[]
    const rows = computed(() =>
      applyPendingEdits(
        given().map((row) => toRaw(row)),
        pending.value,
        getRowId(),
      ),
    )
    const client = useClientRows(rows, state)
    const source = computed(() => ({
      ...client.value,
      isPending: flag(table.loading),
      error: table.error ?? null,
      retry: table.onRetry,
    }))
    const write = (): DataTableWrite | undefined => {
      const onCellEdit = table.onCellEdit
      if (!onCellEdit) return undefined
      return (rowId, field, value) => {
        const row = given().find((r) => getRowId()(r) === rowId)
        if (row === undefined) return
        pending.value = addPendingEdit(pending.value, rowId, field, value)
        return Promise.resolve()
          .then(() => onCellEdit(row, field, value))
          .finally(() => (pending.value = settlePendingEdit(pending.value, rowId, field)))
      }
    }
    return useDataTableView<Row>({
      table: table as DataTableProps<Row>,
      slots,
      state,
      send,
      source,
      write,
      csvSource: computed(() => ({ rows: rows.value })),
      activate: events.activate,
      rowsChange: events.rowsChange,
    })
  },
})
