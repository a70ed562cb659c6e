import { useEffect, useRef } from 'react'

/** Props of a selection checkbox, as `connectDataTable` gives them. */
export interface SelectionCheckboxProps {
  checked: boolean
  indeterminate?: boolean
  'aria-label': string
  tabIndex: -1
  onCheckedChange: (checked: boolean) => void
}

/** The checkbox of the selection column. */
export function SelectionCheckbox({
  onCheckedChange,
  indeterminate,
  ...rest
}: SelectionCheckboxProps) {
  const ref = useRef<HTMLInputElement>(null)
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = indeterminate === true
  }, [indeterminate])
  return (
    <input
      ref={ref}
      type="checkbox"
      {...rest}
      {...(indeterminate ? { 'aria-checked': 'mixed' as const } : {})}
      onChange={(event) => onCheckedChange(event.target.checked)}
    />
  )
}
