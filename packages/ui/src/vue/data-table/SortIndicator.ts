import { defineComponent, h, type PropType } from 'vue'
import type { DataTableState } from '../../data-table/dataTable.types.js'
import { Icon } from '../controls/Icon.js'

/**
 * The sort arrow of a sortable column: up or down while it sorts (with its rank in a badge when
 * several columns sort), and a faint up arrow on hover while it does not. Decorative: the header
 * carries `aria-sort`.
 */
export const SortIndicator = defineComponent({
  name: 'MetalDataTableSortIndicator',
  props: {
    state: { type: Object as PropType<DataTableState<unknown>>, required: true },
    columnId: { type: String, required: true },
  },
  setup(props) {
    return () => {
      const { state, columnId } = props
      const column = state.columns.find((c) => c.id === columnId)
      if (!column?.sortable) return null
      const at = state.sorting.findIndex((s) => s.id === columnId)
      const sort = state.sorting[at]
      return h(
        'span',
        {
          'data-scope': 'data-table',
          'data-part': 'sort-indicator',
          'data-state': sort ? sort.direction : 'none',
          'aria-hidden': 'true',
        },
        [
          h(Icon, { name: sort?.direction === 'desc' ? 'arrowDownward' : 'arrowUpward', size: 18 }),
          sort && state.sorting.length > 1
            ? h('span', { 'data-scope': 'data-table', 'data-part': 'sort-index' }, at + 1)
            : null,
        ],
      )
    }
  },
})
