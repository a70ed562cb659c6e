// The Vue side of the benchmark: the same DataTable, rows and columns through @metal/ui/vue.
// Loaded only on the `metal-vue` page, so the React pages never load Vue.
import { createApp, h, shallowRef } from 'vue'
import { DataTable } from '../src/vue/index.js'
import type { DataTableColumn } from '../src/index.js'

/** Mounts the Vue DataTable into `container`; returns how to replace its rows. */
export function mountVueTable<Row extends { id: number }>(
  container: HTMLElement,
  rows: readonly Row[],
  columns: readonly DataTableColumn<Row>[],
  pageSize: number,
): (rows: readonly Row[]) => void {
  const current = shallowRef(rows)
  createApp({
    render: () =>
      h(DataTable<Row>, {
        label: 'Benchmark',
        rows: current.value,
        columns,
        getRowId: (row: Row) => String(row.id),
        defaultPageSize: pageSize,
        pageSizeOptions: [pageSize],
        height: 480,
      }),
  }).mount(container)
  return (next) => {
    current.value = next
  }
}
