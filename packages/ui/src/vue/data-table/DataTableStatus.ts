import { defineComponent, h, type PropType, type Slot } from 'vue'
import type { DataTableMessages } from '../../data-table/dataTable.messages.js'
import { Button } from '../controls/Button.js'
import { LinearProgress } from '../controls/Progress.js'

const part = (name: string) => ({ 'data-scope': 'data-table', 'data-part': name })

/**
 * What the grid says when it has no rows to show, or is fetching: a progress bar under the
 * header while loading (with skeleton rows when there is nothing yet), the error with a Retry
 * button (or the table's `error` slot), or the empty message (or its `empty` slot).
 */
export const DataTableStatus = defineComponent({
  name: 'MetalDataTableStatus',
  props: {
    messages: { type: Object as PropType<DataTableMessages>, required: true },
    loading: { type: Boolean, required: true },
    empty: { type: Boolean, required: true },
    error: { type: Object as PropType<Error | null>, default: null },
    onRetry: { type: Function as PropType<() => void>, default: undefined },
    /** `grid-template-columns` of the rows, for the skeleton rows. */
    template: { type: String, required: true },
    skeletonRows: { type: Number, required: true },
    /** The table's `empty` slot. */
    emptySlot: { type: Function as PropType<Slot>, default: undefined },
    /** The table's `error` slot: `{ error, retry }`. */
    errorSlot: { type: Function as PropType<Slot>, default: undefined },
  },
  setup(props) {
    return () => {
      const { messages, error, onRetry } = props
      if (error) {
        const retry = onRetry ?? (() => {})
        return h('div', { ...part('error'), role: 'alert' }, [
          props.errorSlot
            ? props.errorSlot({ error, retry })
            : [
                h('span', part('error-title'), messages.loadError),
                h('span', part('error-message'), error.message),
                onRetry &&
                  h(
                    Button,
                    { variant: 'tonal', icon: 'refresh', onClick: onRetry },
                    () => messages.retry,
                  ),
              ],
        ])
      }
      if (props.loading) {
        const columns = props.template.split(' ')
        return [
          h('div', part('progress'), [h(LinearProgress, { label: messages.loading })]),
          props.empty &&
            h(
              'div',
              { ...part('skeleton'), 'aria-hidden': 'true' },
              Array.from({ length: props.skeletonRows }, (_, i) =>
                h(
                  'div',
                  {
                    key: i,
                    ...part('skeleton-row'),
                    style: { gridTemplateColumns: props.template },
                  },
                  columns.map((_, j) => h('span', { key: j, ...part('skeleton-cell') })),
                ),
              ),
            ),
        ]
      }
      if (props.empty) {
        return h('div', { ...part('empty'), role: 'status' }, props.emptySlot?.() ?? messages.empty)
      }
      return null
    }
  },
})
