import { invalid } from '../../invalid.js'
import { identityProps, type NormalizeProps } from '../../normalizeProps.js'
import { initSwitch, type SwitchEvent, type SwitchState } from './switch.model.js'

/** Options of {@link connectSwitch}. */
export interface SwitchConnectOptions {
  /** The `id` of the native input. */
  id: string
  /** The form field name. */
  name?: string
  /** Accessible name when there is no visible label. */
  ariaLabel?: string
  /** Show a check (on) or a cross (off) in the handle. @default false */
  icons?: boolean
  /** Adapts every prop object to the view's framework. @default identityProps (React) */
  normalizeProps?: NormalizeProps
}

interface PartProps<P extends string> {
  'data-scope': 'switch'
  'data-part': P
  'data-state': 'on' | 'off'
  'data-disabled'?: ''
  'data-icons'?: ''
}

/** Props of the native input: `role="switch"`, visually hidden over the track. */
export interface SwitchInputProps extends PartProps<'input'> {
  id: string
  type: 'checkbox'
  role: 'switch'
  checked: boolean
  disabled: boolean
  name?: string
  'aria-label'?: string
  onChange: () => void
}

/** Prop getters of a switch. */
export interface SwitchApi {
  state: SwitchState
  /** Which icon the handle shows, if any. */
  icon: 'check' | 'close' | null
  getRootProps(): PartProps<'root'>
  getTrackProps(): PartProps<'track'>
  getInputProps(): SwitchInputProps
  getHandleProps(): PartProps<'handle'> & { 'aria-hidden': 'true' }
  getLabelProps(): PartProps<'label'>
}

/**
 * Prop getters for a Material 3 switch: a 52 × 32 track whose handle grows and slides when on,
 * optionally with a check or cross in it. A native `<input type="checkbox" role="switch">` lies
 * invisibly over the track for labels, forms and screen readers.
 *
 * @param send - receives `TOGGLE` when the user clicks or presses Space
 */
export function connectSwitch(
  state: SwitchState,
  send: (event: SwitchEvent) => void,
  options: SwitchConnectOptions,
): SwitchApi {
  const call = 'connectSwitch'
  const current = initSwitch(state, call)
  if (typeof send !== 'function') throw invalid(call, 'send', 'a function', send)
  if (options === null || typeof options !== 'object') {
    throw invalid(call, 'options', 'an object', options)
  }
  if (typeof options.id !== 'string' || options.id === '') {
    throw invalid(call, 'id', 'a non-empty string', options.id)
  }
  const normalize = options.normalizeProps ?? identityProps
  const icons = options.icons === true
  const part = <P extends string>(name: P): PartProps<P> => ({
    'data-scope': 'switch',
    'data-part': name,
    'data-state': current.checked ? 'on' : 'off',
    ...(current.disabled ? { 'data-disabled': '' as const } : {}),
    ...(icons ? { 'data-icons': '' as const } : {}),
  })
  return {
    state: current,
    icon: icons ? (current.checked ? 'check' : 'close') : null,
    getRootProps: () => normalize(part('root')),
    getTrackProps: () => normalize(part('track')),
    getInputProps: () =>
      normalize<SwitchInputProps>({
        ...part('input'),
        id: options.id,
        type: 'checkbox',
        role: 'switch',
        checked: current.checked,
        disabled: current.disabled === true,
        ...(options.name !== undefined ? { name: options.name } : {}),
        ...(options.ariaLabel !== undefined ? { 'aria-label': options.ariaLabel } : {}),
        onChange: () => send({ type: 'TOGGLE' }),
      }),
    getHandleProps: () => normalize({ ...part('handle'), 'aria-hidden': 'true' as const }),
    getLabelProps: () => normalize(part('label')),
  }
}
