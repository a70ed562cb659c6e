import { useId, useLayoutEffect, useRef, type ReactNode } from 'react'
import { connectCheckbox } from '../../controls/checkbox/checkbox.connect.js'
import { updateCheckbox } from '../../controls/checkbox/checkbox.model.js'
import { identityProps } from '../../normalizeProps.js'

/** Props of {@link Checkbox}. */
export interface CheckboxProps {
  /** Whether it is checked. */
  checked: boolean
  /** Shows a dash ("some of them"); a click then checks it. @default false */
  indeterminate?: boolean
  /** Called with the new value when the user toggles it. */
  onCheckedChange: (checked: boolean) => void
  /** Visible label, after the box (clicking it toggles too). */
  label?: ReactNode
  /** Accessible name when there is no visible label. */
  'aria-label'?: string
  /** `id` of an element that names it, when the name is elsewhere. */
  'aria-labelledby'?: string
  /** @default false */
  disabled?: boolean
  /** Error colours and `aria-invalid`. @default false */
  invalid?: boolean
  /** Whether a form needs it checked. @default false */
  required?: boolean
  /** The native input's `id`. @default a generated one */
  id?: string
  /** The form field name. */
  name?: string
  /** The native input's tab order (`-1` inside a grid that moves focus itself). */
  tabIndex?: number
  /** Added to the root `<label>`'s classes. */
  className?: string
}

/**
 * A Material 3 checkbox with an indeterminate state: an animated check or dash in an 18 px box,
 * a 40 px state-layer target, a native checkbox underneath for forms and assistive technology.
 *
 * ```tsx
 * <Checkbox checked={all} indeterminate={some} onCheckedChange={selectAll} aria-label="Select all" />
 * ```
 */
export function Checkbox({
  checked,
  indeterminate = false,
  onCheckedChange,
  label,
  'aria-label': ariaLabel,
  'aria-labelledby': ariaLabelledBy,
  disabled = false,
  invalid = false,
  required,
  id,
  name,
  tabIndex,
  className,
}: CheckboxProps) {
  const generated = useId()
  const inputRef = useRef<HTMLInputElement>(null)
  const state = { checked, indeterminate, disabled, invalid }
  const api = connectCheckbox(
    state,
    (event) => {
      // The browser cleared `indeterminate` on the click; it stays until the parent says otherwise.
      if (inputRef.current) inputRef.current.indeterminate = indeterminate
      const next = updateCheckbox(state, event)
      if (next !== state) onCheckedChange(next.checked)
    },
    {
      id: id ?? generated,
      name,
      ariaLabel,
      ariaLabelledBy,
      tabIndex,
      required,
      normalizeProps: identityProps,
    },
  )

  // `indeterminate` is a property only (no attribute): set it on every render, since the browser
  // clears it when the user clicks.
  useLayoutEffect(() => {
    if (inputRef.current) inputRef.current.indeterminate = api.indeterminate
  })

  return (
    <label {...api.getRootProps()} className={className}>
      <span {...api.getControlProps()}>
        <input {...api.getInputProps()} ref={inputRef} />
        <svg viewBox="0 0 18 18" {...api.getIndicatorProps()}>
          <rect data-mark="box" x="1" y="1" width="16" height="16" rx="2" />
          <path data-mark="check" d="M4.5 9.5l3 3 6-6.5" />
          <path data-mark="dash" d="M5 9h8" />
        </svg>
      </span>
      {label !== undefined && label !== null && <span {...api.getLabelProps()}>{label}</span>}
    </label>
  )
}
