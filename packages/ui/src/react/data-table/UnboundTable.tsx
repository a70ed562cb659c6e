import { useMemo, useState } from 'react'
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
  const [pending, setPending] = useState<ReadonlyMap<string, Record<string, unknown>>>(new Map())
  const rows = useMemo(() => {
    if (pending.size === 0) return props.rows
    return props.rows.map((row) => {
      const patch = pending.get(getRowId(row))
      return patch ? withFields(row, patch) : row
    })
  }, [props.rows, pending, getRowId])
  const source = useClientRows(rows, state)
  const csvSource = useMemo(() => ({ rows }), [rows])
  const { onCellEdit } = props
  const write: DataTableWrite | undefined = onCellEdit
    ? (rowId, field, value) => {
        const row = props.rows.find((r) => getRowId(r) === rowId)
        if (row === undefined) return
        const settle = () =>
          setPending((map) => {
            const next = new Map(map)
            const patch = { ...next.get(rowId) }
            delete patch[field]
            if (Object.keys(patch).length === 0) next.delete(rowId)
            else next.set(rowId, patch)
            return next
          })
        setPending((map) => new Map(map).set(rowId, { ...map.get(rowId), [field]: value }))
        return Promise.resolve()
          .then(() => onCellEdit(row, field, value))
          .finally(settle)
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

function withFields<Row>(row: Row, patch: Record<string, unknown>): Row {
  const copy = structuredClone(row) as Record<string, unknown>
  for (const [path, value] of Object.entries(patch)) {
    const keys = path.split('.')
    let target = copy
    for (const key of keys.slice(0, -1)) {
      if (typeof target[key] !== 'object' || target[key] === null) target[key] = {}
      target = target[key] as Record<string, unknown>
    }
    target[keys[keys.length - 1] as string] = value
  }
  return copy as Row
}
