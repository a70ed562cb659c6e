import { Checkbox } from '../controls/Checkbox.js'

/** Props of a selection checkbox, as `connectDataTable` gives them. */
export interface SelectionCheckboxProps {
  checked: boolean
  indeterminate?: boolean
  'aria-label': string
  tabIndex: -1
  onCheckedChange: (checked: boolean) => void
}

/** The checkbox of the selection column: a `<Checkbox>` out of the tab order. */
export function SelectionCheckbox(props: SelectionCheckboxProps) {
  return (
    <Checkbox
      checked={props.checked}
      indeterminate={props.indeterminate === true}
      aria-label={props['aria-label']}
      tabIndex={props.tabIndex}
      onCheckedChange={props.onCheckedChange}
    />
  )
}
