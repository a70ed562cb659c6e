import { Checkbox } from '../controls/Checkbox.js'
import { focusCell } from '../../data-table/dataTable.focus.js'

/** Props of a selection checkbox, as `connectDataTable` gives them. */
export interface SelectionCheckboxProps {
  checked: boolean
  indeterminate?: boolean
  'aria-label': string
  tabIndex: -1
  onCheckedChange: (checked: boolean) => void
}

/**
 * The checkbox of the selection column: a `<Checkbox>` out of the tab order. A click that would
 * focus its input focuses the cell instead, so keys keep going to the grid (Space on the cell
 * toggles the row once, not once by the grid and again by the input).
 */
export function SelectionCheckbox(props: SelectionCheckboxProps) {
  return (
    <span
      data-scope="data-table"
      data-part="checkbox"
      onFocus={(event) => {
        const cell = event.currentTarget.closest<HTMLElement>(
          '[role="gridcell"], [role="columnheader"]',
        )
        if (cell && event.target !== cell) focusCell(cell)
      }}
    >
      <Checkbox
        checked={props.checked}
        indeterminate={props.indeterminate === true}
        aria-label={props['aria-label']}
        tabIndex={props.tabIndex}
        onCheckedChange={props.onCheckedChange}
      />
    </span>
  )
}
