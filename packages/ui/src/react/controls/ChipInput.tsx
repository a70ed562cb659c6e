import { useUiMessages } from '../provider/MetalUiProvider.js'
import { useId, useRef, useState, type ReactNode } from 'react'
import { connectChip, connectChipInput } from '../../controls/chips/chips.connect.js'
import { initChipInput, updateChipInput } from '../../controls/chips/chips.model.js'
import type { ChipsMessages } from '../../controls/chips/chips.types.js'
import type { TextFieldVariant } from '../../controls/text-field/textField.types.js'
import { invalid } from '../../invalid.js'
import { ChipView } from './Chip.js'
import { FieldFrame } from './TextField.js'

/** Props of {@link ChipInput}. */
export interface ChipInputProps {
  /** The label of the field. */
  label: string
  /** The chips. */
  value: readonly string[]
  /** Called with the new list when a chip is added or removed. */
  onValueChange: (value: string[]) => void
  /** Outlined or filled. @default 'outlined' */
  variant?: TextFieldVariant
  /** Text under the field. */
  supportingText?: ReactNode
  /** An error under the field; `null` or empty for none. */
  error?: string | null
  /** Shown in the empty input while it has focus. */
  placeholder?: string
  /** At most this many chips. */
  maxItems?: number
  /** @default false */
  disabled?: boolean
  /** @default false */
  required?: boolean
  /** Id of the input. @default a generated id */
  id?: string
  /** Words to use instead of the English defaults. */
  messages?: Partial<ChipsMessages>
}

/**
 * Input chips in a Material 3 field: Enter or a comma turns the typed text into a chip,
 * Backspace in the empty input removes the last one, each chip has a remove button. The logic
 * is `connectChipInput`.
 */
export function ChipInput({
  label,
  value,
  onValueChange,
  variant = 'outlined',
  supportingText,
  error,
  placeholder,
  maxItems,
  disabled,
  required,
  id,
  messages,
}: ChipInputProps) {
  if (typeof onValueChange !== 'function')
    throw invalid('<ChipInput>', 'onValueChange', 'a function', onValueChange)
  const autoId = useId()
  const [state, setState] = useState(initChipInput)
  const input = useRef<HTMLInputElement>(null)
  const words = useUiMessages('chips', messages)
  const api = connectChipInput(state, (event) => setState((s) => updateChipInput(s, event)), {
    id: `metal-chip-input-${autoId}`,
    controlId: id,
    label,
    value,
    onValueChange,
    variant,
    hasSupportingText: supportingText != null && supportingText !== false,
    error,
    placeholder,
    maxItems,
    disabled,
    required,
    messages: words,
    focusInput: () => input.current?.focus(),
  })
  return (
    <FieldFrame
      frame={api}
      label={label}
      variant={variant}
      required={required}
      supportingText={supportingText}
      error={error}
      after={<span {...api.getLiveRegionProps()}>{api.announcement}</span>}
    >
      <div {...api.getFieldProps()}>
        {value.length ? (
          <span {...api.getChipListProps()}>
            {value.map((chip, index) => (
              <span key={chip} {...api.getChipItemProps(index)}>
                <ChipView
                  api={connectChip(api.getChipOptions(index))}
                  label={chip}
                  removable={!disabled}
                />
              </span>
            ))}
          </span>
        ) : null}
        <input {...api.getInputProps()} ref={input} />
      </div>
    </FieldFrame>
  )
}
