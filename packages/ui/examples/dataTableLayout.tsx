import { useState } from 'react'
import type { DataTableColumn, DataTableLayout } from '@metal/ui'
import { DataTable } from '@metal/ui/react'

const columns: DataTableColumn[] = [
  { field: 'sku', header: 'SKU' },
  { field: 'name', header: 'Name' },
  { field: 'stock', header: 'Stock', type: 'number' },
]

/** The layout kept on your own server instead of localStorage (`persistKey`). */
export function Products({
  saved,
  save,
}: {
  saved?: DataTableLayout
  save(l: DataTableLayout): void
}) {
  const [layout] = useState(saved)
  return (
    <DataTable
      label="Products"
      collection="products"
      columns={columns}
      defaultLayout={
        layout ?? {
          hidden: ['stock'],
          widths: { name: 320 },
          pinned: { left: ['sku'] },
          density: 'compact',
        }
      }
      onLayoutChange={save}
    />
  )
}
