import { computed, watch, type ComputedRef, type Ref } from 'vue'
import { useVirtualizer } from '@tanstack/vue-virtual'
import type { DataTableGridColumn } from '../../data-table/dataTable.columns.js'
import { HEADER_HEIGHT } from '../../data-table/dataTable.focus.js'

/** What {@link useDataTableVirtual} needs of the table, read live. */
export interface DataTableVirtualInput {
  grid: Readonly<Ref<HTMLElement | null>>
  rowCount: () => number
  rowHeight: () => number
  height: () => number
  virtualizeAbove: () => number
  virtualizeColumnsAbove: () => number
  gridColumns: () => readonly DataTableGridColumn[]
}

/**
 * Virtual rows (pages longer than `virtualizeAbove`) and virtual columns (more unpinned columns
 * than `virtualizeColumnsAbove`) of a data table, through @tanstack/vue-virtual: which rows and
 * which window `[colStart, colEnd)` of columns are in the DOM.
 */
export function useDataTableVirtual(input: DataTableVirtualInput) {
  const layout = computed(() => {
    const columns = input.gridColumns()
    const startCount = columns.filter((c) => c.pinned?.side === 'start').length
    const endCount = columns.filter((c) => c.pinned?.side === 'end').length
    const startWidth = columns.slice(0, startCount).reduce((sum, c) => sum + c.width, 0)
    const endWidth = columns.slice(columns.length - endCount).reduce((sum, c) => sum + c.width, 0)
    const middle = columns.slice(startCount, columns.length - endCount)
    return { columns, startCount, endCount, startWidth, endWidth, middle }
  })
  const virtual = computed(() => input.rowCount() > input.virtualizeAbove())
  const virtualColumns = computed(() => layout.value.middle.length > input.virtualizeColumnsAbove())
  const rows = useVirtualizer<HTMLElement, HTMLElement>(
    computed(() => ({
      count: input.rowCount(),
      getScrollElement: () => input.grid.value,
      estimateSize: () => input.rowHeight(),
      overscan: 8,
      enabled: virtual.value,
      scrollMargin: HEADER_HEIGHT,
      scrollPaddingStart: HEADER_HEIGHT,
      initialRect: { width: 0, height: input.height() + HEADER_HEIGHT },
    })),
  )
  const columns = useVirtualizer<HTMLElement, HTMLElement>(
    computed(() => {
      const { middle, startWidth, endWidth } = layout.value
      return {
        count: middle.length,
        getScrollElement: () => input.grid.value,
        estimateSize: (index: number) => middle[index]?.width ?? 0,
        horizontal: true,
        overscan: 3,
        enabled: virtualColumns.value,
        paddingStart: startWidth,
        paddingEnd: endWidth,
        scrollPaddingStart: startWidth,
        scrollPaddingEnd: endWidth,
        initialRect: { width: 0, height: 0 },
      }
    }),
  )
  // New widths move every column after them: measure again.
  watch(
    () => layout.value.columns.map((c) => c.width).join(' '),
    () => {
      if (virtualColumns.value) columns.value.measure()
    },
    { flush: 'post' },
  )
  const columnWindow: ComputedRef<{ colStart: number; colEnd: number }> = computed(() => {
    const { columns: all, startCount } = layout.value
    if (!virtualColumns.value) return { colStart: 0, colEnd: all.length }
    const items = columns.value.getVirtualItems()
    return {
      colStart: startCount + (items[0]?.index ?? 0),
      colEnd: startCount + (items[items.length - 1]?.index ?? -1) + 1,
    }
  })
  return { layout, virtual, virtualColumns, rows, columns, columnWindow }
}
