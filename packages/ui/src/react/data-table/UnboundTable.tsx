import { useMemo, useState } from 'react'
import {
  addPendingEdit,
  applyPendingEdits,
  settlePendingEdit,
  type DataTablePendingEdits,
} from '../../data-table/dataTable.pendingEdits.js'
import { defaultRowId } from '../../data-table/dataTable.values.js'
import type { UnboundDataTableProps } from './DataTable.js'
import { DataTableView, type DataTableWrite } from './DataTableView.js'
import { useDataTableState } from './useDataTable.js'
import { useClientRows } from './useDataTableRows.js'

/** The unbound table: filters, sorts and pages the given `rows`; edits go to `onCellEdit`. */
export function UnboundTable<Row>(props: UnboundDataTableProps<Row>) {
  const [state, send] = useDataTableState(props, '<DataTable>')
  const getRowId = props.getRowId ?? (defaultRowId as unknown as (row: Row) => string)
  // Edits waiting for `onCellEdit`: shown over the given rows until they settle.
  const [pending, setPending] = useState<DataTablePendingEdits>(new Map())
  const rows = useMemo(
    () => applyPendingEdits(props.rows, pending, getRowId),
    [props.rows, pending, getRowId],
  )
  const source = useClientRows(rows, state)
  const csvSource = useMemo(() => ({ rows }), [rows])
  const { onCellEdit } = props
  const write: DataTableWrite | undefined = onCellEdit
    ? (rowId, field, value) => {
        const row = props.rows.find((r) => getRowId(r) === rowId)
        if (row === undefined) return
        setPending((edits) => addPendingEdit(edits, rowId, field, value))
        return Promise.resolve()
          .then(() => onCellEdit(row, field, value))
          .finally(() => setPending((edits) => settlePendingEdit(edits, rowId, field)))
      }
    : undefined
  return (
    <DataTableView
      {...props}
      state={state}
      send={send}
      source={{
        ...source,
        isPending: props.loading === true,
        error: props.error ?? null,
        retry: props.onRetry,
      }}
      write={write}
      csvSource={csvSource}
    />
  )
}
