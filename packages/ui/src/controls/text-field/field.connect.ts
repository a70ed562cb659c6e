// The field frame shared by TextField, Select, ChipInput and DateField: container, floating
// label, outline with its notch (or the filled style's active indicator), leading icon, trailing
// slot, supporting or error text and the character counter. Parts carry data-scope='text-field'
// so one stylesheet draws every field; `data-control` says which control it frames.
import { identityProps, type NormalizeProps } from '../../normalizeProps.js'
import { invalid } from '../../invalid.js'
import type { TextFieldMessages, TextFieldVariant } from './textField.types.js'

/** The default English messages of every field. */
export const DEFAULT_TEXT_FIELD_MESSAGES: TextFieldMessages = {
  counter: (length, maxLength) => `${length}/${maxLength}`,
  counterRemaining: (remaining) =>
    remaining === 1 ? '1 character left' : `${remaining} characters left`,
}

/** What the frame needs to know about the field it draws. */
export interface FieldFrameOptions {
  /** Base of the ids given to the parts; unique within the document. */
  id: string
  /** Id of the control (input, combobox button). @default `${id}-control` */
  controlId?: string
  /** Which control the frame holds (`data-control`). */
  control: 'text-field' | 'select' | 'chip-input' | 'date-field'
  /** The label text. */
  label: string
  /** Outlined or filled. @default 'outlined' */
  variant?: TextFieldVariant
  /** Whether the control has focus. */
  focused: boolean
  /** Whether there is a value to show (the label floats above it). */
  hasValue: boolean
  /** Whether the field is disabled. @default false */
  disabled?: boolean
  /** Whether the field is read-only. @default false */
  readOnly?: boolean
  /** Whether a value is required (an asterisk after the label). @default false */
  required?: boolean
  /** The error to show under the field, or `null`/empty for none. @default null */
  error?: string | null
  /** Whether there is supporting text to show under the field. @default false */
  hasSupportingText?: boolean
  /** Characters allowed; shows the counter. */
  maxLength?: number
  /** Characters in the value now (for the counter). @default 0 */
  length?: number
  /** Whether a leading icon is drawn. @default false */
  hasLeadingIcon?: boolean
  /** Whether the field grows over several lines. @default false */
  multiline?: boolean
  /** Turns the neutral props into the view framework's. @default identityProps */
  normalizeProps?: NormalizeProps
  /** Words to use instead of the English defaults. */
  messages?: Partial<TextFieldMessages>
}

/** Attributes every frame part carries. */
export interface FieldPartProps {
  'data-scope': 'text-field'
  'data-part': string
}

/** Props of the frame's root. */
export interface FieldRootProps extends FieldPartProps {
  'data-control': FieldFrameOptions['control']
  'data-variant': TextFieldVariant
  'data-focused'?: ''
  'data-floating'?: ''
  'data-invalid'?: ''
  'data-disabled'?: ''
  'data-readonly'?: ''
  'data-leading-icon'?: ''
  'data-multiline'?: ''
}

/** Props of the label; `htmlFor` points at the control. */
export interface FieldLabelProps extends FieldPartProps {
  id: string
  htmlFor: string
}

/** The frame's prop getters and the ids the control refers to. */
export interface FieldFrameApi {
  /** Id of the control (input, combobox button). */
  controlId: string
  labelId: string
  /** The ids the control's `aria-describedby` lists (error or supporting text, counter). */
  describedBy: string | undefined
  invalid: boolean
  /** Whether the label floats. */
  floating: boolean
  messages: TextFieldMessages
  getRootProps(): FieldRootProps
  getContainerProps(): FieldPartProps
  getLabelProps(): FieldLabelProps
  getRequiredMarkProps(): FieldPartProps & { 'aria-hidden': 'true' }
  getLeadingIconProps(): FieldPartProps
  getTrailingProps(): FieldPartProps
  getErrorIconProps(): FieldPartProps
  getOutlineProps(): FieldPartProps & { 'aria-hidden': 'true' }
  getOutlineLegendProps(): FieldPartProps
  getActiveIndicatorProps(): FieldPartProps & { 'aria-hidden': 'true' }
  getFooterProps(): FieldPartProps
  getSupportingTextProps(): FieldPartProps & { id: string }
  getErrorTextProps(): FieldPartProps & { id: string }
  getCounterProps(): FieldPartProps & { id: string }
  /** The visible counter ("12/50"), hidden from screen readers. */
  getCounterTextProps(): FieldPartProps & { 'aria-hidden': 'true' }
  /** What screen readers hear instead ("38 characters left"), visually hidden. */
  getCounterLabelProps(): FieldPartProps
  /** The counter's text ("12/50") and what a screen reader hears. */
  counterText: string | null
  counterLabel: string | null
}

const flag = (on: boolean | undefined): '' | undefined => (on ? '' : undefined)

/** Prop getters for the field frame around a control (see the file comment). */
export function connectFieldFrame(options: FieldFrameOptions): FieldFrameApi {
  const call = `connect ${options.control}`
  if (typeof options.id !== 'string' || options.id === '')
    throw invalid(call, 'options.id', 'a non-empty string', options.id)
  if (typeof options.label !== 'string') throw invalid(call, 'label', 'a string', options.label)
  const variant = options.variant ?? 'outlined'
  if (variant !== 'outlined' && variant !== 'filled')
    throw invalid(call, 'variant', "'outlined' or 'filled'", variant)
  if (
    options.maxLength !== undefined &&
    (!Number.isInteger(options.maxLength) || options.maxLength < 1)
  )
    throw invalid(call, 'maxLength', 'a positive integer', options.maxLength)
  if (options.error != null && typeof options.error !== 'string')
    throw invalid(call, 'error', 'a string or null', options.error)

  const normalize = options.normalizeProps ?? identityProps
  const messages = { ...DEFAULT_TEXT_FIELD_MESSAGES, ...options.messages }
  const { id } = options
  const isInvalid = !!options.error
  const floating = options.focused || options.hasValue
  const ids = {
    control: options.controlId ?? `${id}-control`,
    label: `${id}-label`,
    supporting: `${id}-supporting`,
    error: `${id}-error`,
    counter: `${id}-counter`,
  }
  const hasCounter = options.maxLength !== undefined
  const described = [
    isInvalid ? ids.error : options.hasSupportingText ? ids.supporting : null,
    hasCounter ? ids.counter : null,
  ].filter((x): x is string => x !== null)
  const part = (name: string): FieldPartProps => ({ 'data-scope': 'text-field', 'data-part': name })
  const length = options.length ?? 0
  return {
    controlId: ids.control,
    labelId: ids.label,
    describedBy: described.length ? described.join(' ') : undefined,
    invalid: isInvalid,
    floating,
    messages,
    counterText: hasCounter ? messages.counter(length, options.maxLength!) : null,
    counterLabel: hasCounter
      ? messages.counterRemaining(Math.max(0, options.maxLength! - length))
      : null,
    getRootProps: () =>
      normalize({
        ...part('root'),
        'data-control': options.control,
        'data-variant': variant,
        'data-focused': flag(options.focused),
        'data-floating': flag(floating),
        'data-invalid': flag(isInvalid),
        'data-disabled': flag(options.disabled),
        'data-readonly': flag(options.readOnly),
        'data-leading-icon': flag(options.hasLeadingIcon),
        'data-multiline': flag(options.multiline),
      }),
    getContainerProps: () => normalize(part('container')),
    getLabelProps: () => normalize({ ...part('label'), id: ids.label, htmlFor: ids.control }),
    getRequiredMarkProps: () => normalize({ ...part('required-mark'), 'aria-hidden': 'true' }),
    getLeadingIconProps: () => normalize(part('leading-icon')),
    getTrailingProps: () => normalize(part('trailing')),
    getErrorIconProps: () => normalize(part('error-icon')),
    getOutlineProps: () => normalize({ ...part('outline'), 'aria-hidden': 'true' }),
    getOutlineLegendProps: () => normalize(part('outline-legend')),
    getActiveIndicatorProps: () =>
      normalize({ ...part('active-indicator'), 'aria-hidden': 'true' }),
    getFooterProps: () => normalize(part('footer')),
    getSupportingTextProps: () => normalize({ ...part('supporting-text'), id: ids.supporting }),
    getErrorTextProps: () => normalize({ ...part('error-text'), id: ids.error }),
    getCounterProps: () => normalize({ ...part('counter'), id: ids.counter }),
    getCounterTextProps: () => normalize({ ...part('counter-text'), 'aria-hidden': 'true' }),
    getCounterLabelProps: () => normalize(part('counter-label')),
  }
}
