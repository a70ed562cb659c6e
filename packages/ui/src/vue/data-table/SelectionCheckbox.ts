import { defineComponent, h, type PropType } from 'vue'
import { focusCell } from '../../data-table/dataTable.focus.js'
import { Checkbox } from '../controls/Checkbox.js'

/**
 * The checkbox of the selection column: a `<Checkbox>` out of the tab order. A click that would
 * focus its input focuses the cell instead, so keys keep going to the grid (Space on the cell
 * toggles the row once, not once by the grid and again by the input). Takes the props of
 * `getDataTableCheckboxProps` through `vueProps` (whence `onCheckedchange`).
 */
export const SelectionCheckbox = defineComponent({
  name: 'MetalDataTableSelectionCheckbox',
  inheritAttrs: false,
  props: {
    checked: { type: Boolean, required: true },
    indeterminate: { type: Boolean, default: false },
    'aria-label': { type: String, required: true },
    onCheckedchange: { type: Function as PropType<(checked: boolean) => void>, required: true },
  },
  setup(props) {
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
            'aria-label': props['aria-label'],
            tabindex: -1,
            'onUpdate:modelValue': props.onCheckedchange,
          }),
        ],
      )
  },
})
