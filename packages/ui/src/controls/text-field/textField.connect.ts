import { invalid } from '../../invalid.js'
import { connectFieldFrame, type FieldFrameApi, type FieldFrameOptions } from './field.connect.js'
import type { TextFieldEvent, TextFieldState, TextFieldType } from './textField.types.js'

/** Options of {@link connectTextField}. */
export interface TextFieldConnectOptions extends Omit<
  FieldFrameOptions,
  'control' | 'focused' | 'hasValue' | 'length'
> {
  /** The current text. */
  value: string
  /** Called with the new text on every edit. */
  onValueChange?: (value: string) => void
  /** The input's type. @default 'text' */
  type?: TextFieldType
  /** A textarea that grows with its content. @default false */
  multiline?: boolean
  /** Lines a multiline field shows at least. @default 1 */
  rows?: number
  /** Shown inside the empty field while it has focus. */
  placeholder?: string
  /** Form field name. */
  name?: string
}

/** Props of the `<input>` (or `<textarea>` when multiline). */
export interface TextFieldInputProps {
  'data-scope': 'text-field'
  'data-part': 'input'
  id: string
  value: string
  type?: TextFieldType
  rows?: number
  name?: string
  placeholder?: string
  required?: boolean
  disabled?: boolean
  readOnly?: boolean
  maxLength?: number
  'aria-invalid'?: 'true'
  'aria-describedby'?: string
  onChange: (event: { target: { value: string } }) => void
  onFocus: () => void
  onBlur: () => void
}

/** What a view needs to render a text field. */
export interface TextFieldApi extends FieldFrameApi {
  getInputProps(): TextFieldInputProps
}

const TYPES = new Set(['text', 'email', 'number', 'password', 'search', 'tel', 'url'])

/**
 * Prop getters for a Material 3 text field: a real `<input>` (or `<textarea>`) labelled by a
 * `<label for>`, described by its supporting or error text and counter, `aria-invalid` on error.
 */
export function connectTextField(
  state: TextFieldState,
  send: (event: TextFieldEvent) => void,
  options: TextFieldConnectOptions,
): TextFieldApi {
  if (typeof options?.value !== 'string')
    throw invalid('connectTextField', 'value', 'a string', options?.value)
  const type = options.type ?? 'text'
  if (!TYPES.has(type))
    throw invalid('connectTextField', 'type', "a text input type such as 'text'", type)
  if (options.rows !== undefined && (!Number.isInteger(options.rows) || options.rows < 1))
    throw invalid('connectTextField', 'rows', 'a positive integer', options.rows)
  const frame = connectFieldFrame({
    ...options,
    control: 'text-field',
    focused: state.focused,
    hasValue: options.value !== '',
    length: options.value.length,
  })
  const normalize = options.normalizeProps ?? ((p) => p)
  return {
    ...frame,
    getInputProps: () =>
      normalize({
        'data-scope': 'text-field',
        'data-part': 'input',
        id: frame.controlId,
        value: options.value,
        ...(options.multiline ? { rows: options.rows ?? 1 } : { type }),
        name: options.name,
        placeholder: options.placeholder,
        required: options.required || undefined,
        disabled: options.disabled || undefined,
        readOnly: options.readOnly || undefined,
        maxLength: options.maxLength,
        'aria-invalid': frame.invalid ? 'true' : undefined,
        'aria-describedby': frame.describedBy,
        onChange: (event: { target: { value: string } }) =>
          options.onValueChange?.(event.target.value),
        onFocus: () => send({ type: 'FOCUS' }),
        onBlur: () => send({ type: 'BLUR' }),
      }),
  }
}

/**
 * Grows a textarea to fit its text (at least `minRows` lines): the view calls it after each
 * change. Browsers with CSS `field-sizing: content` do this themselves.
 */
export function fitTextarea(textarea: HTMLTextAreaElement, minRows = 1): void {
  const style = textarea.ownerDocument.defaultView?.getComputedStyle(textarea)
  if (style && (style as CSSStyleDeclaration & { fieldSizing?: string }).fieldSizing === 'content')
    return
  textarea.style.height = 'auto'
  const lineHeight = Number.parseFloat(style?.lineHeight ?? '') || 24
  textarea.style.height = `${Math.max(textarea.scrollHeight, minRows * lineHeight)}px`
}
