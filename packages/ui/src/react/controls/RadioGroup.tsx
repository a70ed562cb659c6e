import { useId } from 'react'
import { connectRadioGroup } from '../../controls/radio/radio.connect.js'
import { updateRadioGroup } from '../../controls/radio/radio.model.js'
import type { RadioOption } from '../../controls/radio/radio.types.js'
import { identityProps } from '../../normalizeProps.js'

/** Props of {@link RadioGroup}. */
export interface RadioGroupProps {
  /** The group's visible label (names the `radiogroup`). */
  label: string
  /** The picked value, or null for none yet. */
  value: string | null
  /** The choices. */
  options: readonly RadioOption[]
  /** Called with the value the user picked. */
  onValueChange: (value: string) => void
  /** @default 'vertical' */
  orientation?: 'vertical' | 'horizontal'
  /** The radios' form field name. @default a generated one */
  name?: string
  /** The whole group is unavailable. @default false */
  disabled?: boolean
  /** The group's id (and base of its radios' ids). @default a generated one */
  id?: string
  /** Added to the root's classes. */
  className?: string
}

/**
 * A Material 3 radio group: one Tab stop, arrow keys that move and pick (Left/Right follow the
 * text direction), Home and End; disabled options are skipped.
 *
 * ```tsx
 * <RadioGroup label="Priority" value={priority} onValueChange={setPriority}
 *   options={[{ value: 'low', label: 'Low' }, { value: 'high', label: 'High' }]} />
 * ```
 */
export function RadioGroup({
  label,
  value,
  options,
  onValueChange,
  orientation,
  name,
  disabled,
  id,
  className,
}: RadioGroupProps) {
  const generated = useId()
  const state = { value, options, orientation, disabled }
  const api = connectRadioGroup(
    state,
    (event) => {
      const next = updateRadioGroup(state, event)
      if (next !== state && next.value !== null) onValueChange(next.value)
    },
    {
      id: id ?? `metal-radio${generated.replace(/:/g, '')}`,
      label,
      name,
      normalizeProps: identityProps,
    },
  )
  return (
    <div {...api.getRootProps()} className={className}>
      <span {...api.getLabelProps()}>{label}</span>
      {options.map((option) => (
        <label key={option.value} {...api.getItemProps(option)}>
          <span {...api.getItemControlProps(option)}>
            <input {...api.getItemInputProps(option)} />
            <span {...api.getItemIndicatorProps(option)} />
          </span>
          <span {...api.getItemLabelProps(option)}>{option.label}</span>
        </label>
      ))}
    </div>
  )
}
