import { defineComponent, h } from 'vue'
import { focusCell } from '../../data-table/dataTable.focus.js'
import { Checkbox } from '../controls/Checkbox.js'

/**
 * The checkbox of the selection column: a `<Checkbox>` out of the tab order. A click that would
 * focus its input focuses the cell instead, so keys keep going to the grid (Space on the cell
 * toggles the row once, not once by the grid and again by the input). Takes the props of
 * `getDataTableCheckboxProps`, neutral or through `vueProps` (`onCheckedChange` either way).
 */
export const SelectionCheckbox = defineComponent({
  name: 'MetalDataTableSelectionCheckbox',
  inheritAttrs: false,
  props: {
    checked: { type: Boolean, required: true },
    indeterminate: { type: Boolean, default: false },
    ariaLabel: { type: String, default: undefined },
  },
  setup(props, { attrs }) {
    const onChange = (checked: boolean) => {
      const handler = (attrs.onCheckedChange ?? attrs.onCheckedchange) as
        ((checked: boolean) => void) | undefined
      handler?.(checked)
    }
    return () =>
      h(
        'span',
        {
          'data-scope': 'data-table',
          'data-part': 'checkbox',
          onFocusin: (event: FocusEvent) => {
            const span = event.currentTarget as HTMLElement
            const cell = span.closest<HTMLElement>('[role="gridcell"], [role="columnheader"]')
            if (cell && event.target !== cell) focusCell(cell)
          },
        },
        [
          h(Checkbox, {
            modelValue: props.checked,
            indeterminate: props.indeterminate,
            ariaLabel: props.ariaLabel,
            tabIndex: -1,
            'onUpdate:modelValue': onChange,
          }),
        ],
      )
  },
})
