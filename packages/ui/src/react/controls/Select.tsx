import { useUiMessages } from '../provider/MetalUiProvider.js'
import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { connectSelect } from '../../controls/select/select.connect.js'
import { initSelect, updateSelect } from '../../controls/select/select.model.js'
import type { SelectMessages, SelectOption } from '../../controls/select/select.types.js'
import type { TextFieldVariant } from '../../controls/text-field/textField.types.js'
import { invalid } from '../../invalid.js'
import { Icon } from './Icon.js'
import { useAnchoredPopover } from './Popover.js'
import { FieldFrame } from './TextField.js'

/** Props of {@link Select}. */
export interface SelectProps {
  /** The label above the value. */
  label: string
  /** The picked value, or `null` for none. */
  value: string | null
  /** The choices. */
  options: readonly SelectOption[]
  /** Called with the value the user picks. */
  onValueChange: (value: string) => void
  /** Outlined or filled. @default 'outlined' */
  variant?: TextFieldVariant
  /** Text under the field. */
  supportingText?: ReactNode
  /** An error under the field; `null` or empty for none. */
  error?: string | null
  /** @default false */
  required?: boolean
  /** @default false */
  disabled?: boolean
  /** Shown while nothing is picked and the label floats. @default messages.placeholder */
  placeholder?: string
  /** Id of the trigger. @default a generated id */
  id?: string
  /** Form field name (a hidden input carries the value). */
  name?: string
  /** Words to use instead of the English defaults. */
  messages?: Partial<SelectMessages>
  /** Class name of the root. */
  className?: string
}

/**
 * A Material 3 select (exposed dropdown menu): the text field's frame around a combobox button,
 * and a listbox in the top layer. No native `<select>`. The logic is `connectSelect`.
 */
export function Select({
  label,
  value,
  options,
  onValueChange,
  variant = 'outlined',
  supportingText,
  error,
  required,
  disabled,
  placeholder,
  id,
  name,
  messages,
  className,
}: SelectProps) {
  if (typeof onValueChange !== 'function')
    throw invalid('<Select>', 'onValueChange', 'a function', onValueChange)
  const autoId = useId()
  const [state, setState] = useState(initSelect)
  const words = useUiMessages('select', messages)
  const api = connectSelect(state, (event) => setState((s) => updateSelect(s, event)), {
    id: `metal-select-${autoId}`,
    controlId: id,
    label,
    value,
    options,
    onValueChange,
    variant,
    hasSupportingText: supportingText != null && supportingText !== false,
    error,
    required,
    disabled,
    placeholder,
    name,
    messages: words,
  })
  const trigger = useRef<HTMLButtonElement>(null)
  const listbox = useRef<HTMLDivElement>(null)
  const [anchor, setAnchor] = useState<HTMLElement | null>(null)
  useEffect(() => {
    setAnchor(trigger.current?.closest<HTMLElement>('[data-part="container"]') ?? null)
  }, [])
  useAnchoredPopover(api.open, anchor, listbox, {
    matchWidth: true,
    onDismiss: () => api.close(),
  })
  // Keep the highlighted option in view while the keyboard moves.
  useEffect(() => {
    if (!api.open || api.highlightedIndex < 0) return
    const el = listbox.current?.children[api.highlightedIndex] as HTMLElement | undefined
    el?.scrollIntoView?.({ block: 'nearest' })
  }, [api.open, api.highlightedIndex])

  return (
    <FieldFrame
      frame={api}
      label={label}
      variant={variant}
      required={required}
      supportingText={supportingText}
      error={error}
      className={className}
      after={
        <>
          <div {...api.getListboxProps()} ref={listbox}>
            {options.map((option, index) => (
              <div key={option.value} {...api.getOptionProps(index)}>
                <span {...api.getOptionCheckProps(index)}>
                  {api.selectedOption?.value === option.value ? <Icon name="check" /> : null}
                </span>
                {option.label}
              </div>
            ))}
          </div>
          {name ? <input {...api.getHiddenInputProps()} /> : null}
        </>
      }
    >
      <button {...api.getTriggerProps()} ref={trigger}>
        <span {...api.getValueTextProps()}>{api.valueText}</span>
        <span {...api.getIndicatorProps()}>
          <Icon name="arrowDropDown" />
        </span>
      </button>
    </FieldFrame>
  )
}
