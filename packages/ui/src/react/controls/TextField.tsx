import { useUiMessages } from '../provider/MetalUiProvider.js'
import {
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type FocusEvent,
  type InputHTMLAttributes,
  type KeyboardEvent,
  type ReactNode,
  type Ref,
} from 'react'
import { connectTextField, fitTextarea } from '../../controls/text-field/textField.connect.js'
import type { FieldFrameApi } from '../../controls/text-field/field.connect.js'
import { initTextField, updateTextField } from '../../controls/text-field/textField.model.js'
import type {
  TextFieldMessages,
  TextFieldType,
  TextFieldVariant,
} from '../../controls/text-field/textField.types.js'
import type { IconName } from '../../icons/icons.js'
import { Icon } from './Icon.js'

/** Props of {@link FieldFrame}: the frame's API and what goes inside it. */
export interface FieldFrameProps {
  /** The frame's prop getters (from `connectFieldFrame` or a control's connect). */
  frame: FieldFrameApi
  /** The label text. */
  label: string
  /** Outlined or filled. @default 'outlined' */
  variant?: TextFieldVariant
  /** Adds the asterisk after the label. */
  required?: boolean
  /** An icon before the control. */
  leadingIcon?: IconName
  /** Anything after the control (icon buttons). */
  trailing?: ReactNode
  /** Text under the field (replaced by the error while there is one). */
  supportingText?: ReactNode
  /** The error under the field. */
  error?: string | null
  /** The control (input, combobox button, chips). */
  children: ReactNode
  /** Rendered after the frame, inside the root (a popover). */
  after?: ReactNode
  /** Class name of the root. */
  className?: string
}

/** The Material 3 field frame shared by TextField, Select, ChipInput and DateField. */
export function FieldFrame({
  frame,
  label,
  variant = 'outlined',
  required,
  leadingIcon,
  trailing,
  supportingText,
  error,
  children,
  after,
  className,
}: FieldFrameProps) {
  const labelText = (
    <>
      {label}
      {required ? <span {...frame.getRequiredMarkProps()}>*</span> : null}
    </>
  )
  return (
    <div {...frame.getRootProps()} className={className}>
      <div {...frame.getContainerProps()}>
        {leadingIcon ? (
          <span {...frame.getLeadingIconProps()}>
            <Icon name={leadingIcon} />
          </span>
        ) : null}
        <label {...frame.getLabelProps()}>{labelText}</label>
        {children}
        {trailing || frame.invalid ? (
          <span {...frame.getTrailingProps()}>
            {frame.invalid ? (
              <span {...frame.getErrorIconProps()}>
                <Icon name="error" />
              </span>
            ) : null}
            {trailing}
          </span>
        ) : null}
        {variant === 'outlined' ? (
          <fieldset {...frame.getOutlineProps()}>
            <legend {...frame.getOutlineLegendProps()}>
              <span>{labelText}</span>
            </legend>
          </fieldset>
        ) : (
          <span {...frame.getActiveIndicatorProps()} />
        )}
      </div>
      {frame.invalid || supportingText || frame.counterText ? (
        <div {...frame.getFooterProps()}>
          {frame.invalid ? (
            <span {...frame.getErrorTextProps()}>{error}</span>
          ) : supportingText ? (
            <span {...frame.getSupportingTextProps()}>{supportingText}</span>
          ) : null}
          {frame.counterText ? (
            <span {...frame.getCounterProps()}>
              <span {...frame.getCounterTextProps()}>{frame.counterText}</span>
              <span {...frame.getCounterLabelProps()}>{frame.counterLabel}</span>
            </span>
          ) : null}
        </div>
      ) : null}
      {after}
    </div>
  )
}

/** Props of {@link TextField}. */
export interface TextFieldProps {
  /** The label, a real `<label for>` that floats above the value. */
  label: string
  /** The current text. */
  value: string
  /** Called with the new text on every edit. */
  onValueChange: (value: string) => void
  /** Outlined or filled. @default 'outlined' */
  variant?: TextFieldVariant
  /** The input's type. @default 'text' */
  type?: TextFieldType
  /** A `<textarea>` that grows with its text. @default false */
  multiline?: boolean
  /** Lines a multiline field shows at least. @default 1 */
  rows?: number
  /** Text under the field. */
  supportingText?: ReactNode
  /** An error under the field (`aria-invalid`, error colours); `null` or empty for none. */
  error?: string | null
  /** Characters allowed; shows a counter. */
  maxLength?: number
  /** Whether a value is required (asterisk, `required`). @default false */
  required?: boolean
  /** @default false */
  disabled?: boolean
  /** @default false */
  readOnly?: boolean
  /** Shown inside the empty field while it has focus. */
  placeholder?: string
  /** An icon before the text. */
  leadingIcon?: IconName
  /** Anything after the text (an icon button). */
  trailing?: ReactNode
  /** Id of the input. @default a generated id */
  id?: string
  /** Form field name. */
  name?: string
  /** More attributes for the `<input>` (autoComplete, inputMode, …). */
  inputProps?: InputHTMLAttributes<HTMLInputElement>
  /** Called when the input loses focus. */
  onBlur?: (event: FocusEvent<HTMLInputElement | HTMLTextAreaElement>) => void
  /** Called on every key press in the input. */
  onKeyDown?: (event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => void
  /** Receives the `<input>` or `<textarea>`. */
  inputRef?: Ref<HTMLInputElement | HTMLTextAreaElement>
  /** Words to use instead of the English defaults. */
  messages?: Partial<TextFieldMessages>
  /** Class name of the root. */
  className?: string
}

/**
 * A Material 3 text field (outlined or filled): floating label, supporting or error text,
 * counter, leading icon, trailing slot; multiline grows with its text. The logic is
 * `connectTextField` in `@metal/ui`.
 */
export function TextField({
  label,
  value,
  onValueChange,
  variant = 'outlined',
  type,
  multiline = false,
  rows,
  supportingText,
  error,
  maxLength,
  required,
  disabled,
  readOnly,
  placeholder,
  leadingIcon,
  trailing,
  id,
  name,
  inputProps,
  onBlur,
  onKeyDown,
  inputRef,
  messages,
  className,
}: TextFieldProps) {
  const autoId = useId()
  const [state, setState] = useState(initTextField)
  const words = useUiMessages('textField', messages)
  const api = connectTextField(state, (event) => setState((s) => updateTextField(s, event)), {
    id: `metal-text-field-${autoId}`,
    controlId: id,
    label,
    value,
    onValueChange,
    variant,
    type,
    multiline,
    rows,
    hasSupportingText: supportingText != null && supportingText !== false,
    error,
    maxLength,
    required,
    disabled,
    readOnly,
    placeholder,
    hasLeadingIcon: !!leadingIcon,
    name,
    messages: words,
  })
  const textarea = useRef<HTMLTextAreaElement | null>(null)
  useLayoutEffect(() => {
    if (multiline && textarea.current) fitTextarea(textarea.current, rows ?? 1)
  }, [multiline, value, rows])

  const { onBlur: blur, ...input } = api.getInputProps()
  const common = {
    ...input,
    onBlur: (event: FocusEvent<HTMLInputElement & HTMLTextAreaElement>) => {
      blur()
      onBlur?.(event)
    },
    onKeyDown,
  }
  return (
    <FieldFrame
      frame={api}
      label={label}
      variant={variant}
      required={required}
      leadingIcon={leadingIcon}
      trailing={trailing}
      supportingText={supportingText}
      error={error}
      className={className}
    >
      {multiline ? (
        <textarea
          {...common}
          ref={(el) => {
            textarea.current = el
            assignRef(inputRef, el)
          }}
        />
      ) : (
        <input {...inputProps} {...common} ref={(el) => assignRef(inputRef, el)} />
      )}
    </FieldFrame>
  )
}

/** Hands `value` to a callback ref or an object ref. */
export function assignRef<T>(ref: Ref<T> | undefined, value: T | null): void {
  if (typeof ref === 'function') ref(value)
  else if (ref && typeof ref === 'object') (ref as { current: T | null }).current = value
}
