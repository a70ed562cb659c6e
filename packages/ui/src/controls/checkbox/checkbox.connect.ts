import { invalid } from '../../invalid.js'
import { identityProps, type NormalizeProps } from '../../normalizeProps.js'
import { getCheckedState, initCheckbox } from './checkbox.model.js'
import type { CheckboxCheckedState, CheckboxEvent, CheckboxState } from './checkbox.types.js'

/** Options of {@link connectCheckbox}. */
export interface CheckboxConnectOptions {
  /** The `id` of the native input (so a `<label for>` elsewhere can name it). */
  id: string
  /** The form field name. */
  name?: string
  /** Accessible name when there is no visible label. */
  ariaLabel?: string
  /** `aria-labelledby` when the name is elsewhere on the page. */
  ariaLabelledBy?: string
  /** Tab order of the input (`-1` inside a grid that moves focus itself). */
  tabIndex?: number
  /** Whether the form needs it checked. @default false */
  required?: boolean
  /** Adapts every prop object to the view's framework. @default identityProps (React) */
  normalizeProps?: NormalizeProps
}

interface PartProps<P extends string> {
  'data-scope': 'checkbox'
  'data-part': P
  'data-state': CheckboxCheckedState
  'data-disabled'?: ''
  'data-invalid'?: ''
}

/** Props of the native checkbox: visually hidden over the 40 px target, still in forms. */
export interface CheckboxInputProps extends PartProps<'input'> {
  id: string
  type: 'checkbox'
  checked: boolean
  disabled: boolean
  name?: string
  tabIndex?: number
  required?: boolean
  'aria-label'?: string
  'aria-labelledby'?: string
  'aria-invalid'?: 'true'
  onChange: () => void
}

/** Prop getters of a checkbox. */
export interface CheckboxApi {
  state: CheckboxState
  /** What the box shows. */
  checkedState: CheckboxCheckedState
  /** Whether the native input's `indeterminate` property must be set (it has no attribute). */
  indeterminate: boolean
  /** The root: a `<label>` around the input, the box and the label text. */
  getRootProps(): PartProps<'root'>
  /** The 40 px state-layer target holding the input and the 18 px box. */
  getControlProps(): PartProps<'control'>
  getInputProps(): CheckboxInputProps
  /** The drawn box (an `<svg>` with the check and the dash); decorative. */
  getIndicatorProps(): PartProps<'indicator'> & { 'aria-hidden': 'true' }
  getLabelProps(): PartProps<'label'>
}

/**
 * Prop getters for a Material 3 checkbox: a native `<input type="checkbox">` (labels, forms and
 * screen readers work as usual, indeterminate included) laid invisibly over a drawn 18 px box
 * inside a 40 px state-layer target.
 *
 * @param state - checked / indeterminate / disabled / invalid
 * @param send - receives `TOGGLE` when the user clicks or presses Space
 */
export function connectCheckbox(
  state: CheckboxState,
  send: (event: CheckboxEvent) => void,
  options: CheckboxConnectOptions,
): CheckboxApi {
  const call = 'connectCheckbox'
  const current = initCheckbox(state, call)
  if (typeof send !== 'function') throw invalid(call, 'send', 'a function', send)
  if (options === null || typeof options !== 'object') {
    throw invalid(call, 'options', 'an object', options)
  }
  if (typeof options.id !== 'string' || options.id === '') {
    throw invalid(call, 'id', 'a non-empty string', options.id)
  }
  const normalize = options.normalizeProps ?? identityProps
  const checkedState = getCheckedState(current)
  const part = <P extends string>(name: P): PartProps<P> => ({
    'data-scope': 'checkbox',
    'data-part': name,
    'data-state': checkedState,
    ...(current.disabled ? { 'data-disabled': '' as const } : {}),
    ...(current.invalid ? { 'data-invalid': '' as const } : {}),
  })
  return {
    state: current,
    checkedState,
    indeterminate: checkedState === 'indeterminate',
    getRootProps: () => normalize(part('root')),
    getControlProps: () => normalize(part('control')),
    getInputProps: () =>
      normalize<CheckboxInputProps>({
        ...part('input'),
        id: options.id,
        type: 'checkbox',
        checked: current.checked && checkedState !== 'indeterminate',
        disabled: current.disabled === true,
        ...(options.name !== undefined ? { name: options.name } : {}),
        ...(options.tabIndex !== undefined ? { tabIndex: options.tabIndex } : {}),
        ...(options.required ? { required: true } : {}),
        ...(options.ariaLabel !== undefined ? { 'aria-label': options.ariaLabel } : {}),
        ...(options.ariaLabelledBy !== undefined
          ? { 'aria-labelledby': options.ariaLabelledBy }
          : {}),
        ...(current.invalid ? { 'aria-invalid': 'true' as const } : {}),
        onChange: () => send({ type: 'TOGGLE' }),
      }),
    getIndicatorProps: () => normalize({ ...part('indicator'), 'aria-hidden': 'true' as const }),
    getLabelProps: () => normalize(part('label')),
  }
}
