import type { DataTableColumn, DataTableSelection } from '@metal/ui'
import { DataTable } from '@metal/ui/react'
import { useMetal } from '@metal/react'

interface Order {
  customer: string
  total: number
  status: 'open' | 'paid' | 'shipped'
  placedAt: number // epoch milliseconds
}

const columns: DataTableColumn<Order>[] = [
  { field: 'customer', header: 'Customer', editable: true },
  { field: 'total', header: 'Total', type: 'number', format: (v) => `€${Number(v).toFixed(2)}` },
  { field: 'status', header: 'Status', type: 'enum', options: ['open', 'paid', 'shipped'] },
  { field: 'placedAt', header: 'Placed', type: 'date' },
]

export function Orders({ onSelect }: { onSelect?: (selection: DataTableSelection) => void }) {
  const orders = useMetal().db().collection('orders')
  return (
    <DataTable
      label="Orders"
      collection="orders"
      query={(q) => q.where('total', '>', 0)} // narrows before the table's own filters
      columns={columns}
      selectable
      onSelectionChange={onSelect}
      defaultSorting={[{ id: 'placedAt', direction: 'desc' }]}
      defaultFilters={{ status: { kind: 'set', values: ['open', 'paid'] } }}
      persistKey="orders" // hidden columns and widths survive a reload (localStorage)
      timestamps={{ updatedAt: 'updatedAt' }} // cell edits stamp the server's time
      csvExport={{ fileName: 'orders.csv' }}
      toolbarActions={({ selectedCount, getSelectedIds, clearSelection }) =>
        selectedCount !== 0 && (
          <button
            type="button"
            onClick={async () => {
              // "Select all N matching" included: the ids are read from the collection.
              const ids = await getSelectedIds()
              await Promise.all(ids.map((id) => orders.doc(id).update({ status: 'shipped' })))
              clearSelection()
            }}
          >
            Mark shipped
          </button>
        )
      }
    />
  )
}
